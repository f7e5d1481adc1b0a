#include "rtcsip/sip/auth/server.hpp"

#include <chrono>
#include <utility>

#include "challenge.hpp"
#include "checks.hpp"
#include "credentials.hpp"
#include "nonce.hpp"
#include "replay_table.hpp"

namespace rtcsip::sip::auth {

namespace {

using detail::Credentials;
using detail::Form;
using detail::Refusal;

std::optional<Refusal> check_use(detail::ReplayTable& replays, const detail::NonceKey& key,
                                 const Form& form) {
  const auto use = form.nc ? replays.use(key, *form.nc) : replays.use_once(key);
  switch (use) {
    case detail::ReplayTable::Use::fresh:
      return std::nullopt;
    case detail::ReplayTable::Use::replayed:
      return Refusal{Status::replayed_nonce_count, form.nc ? "nc not above the last one" : "nonce reused"};
    case detail::ReplayTable::Use::forgotten:
      break;
  }
  return Refusal{Status::stale_nonce, "nonce no longer tracked"};
}

std::uint64_t lifetime_ms(const Settings& s) {
  return static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(s.nonce_lifetime).count());
}

}  // namespace

struct Server::State {
  explicit State(std::size_t capacity) : replays(capacity) {}
  std::optional<Refusal> check(const Server& server, std::string_view value, const Request& request,
                               Verification& v);
  std::optional<Refusal> check_fresh(const detail::NonceKey& key, const Form& form, std::uint64_t now_ms,
                                     std::uint64_t lifetime_ms);

  detail::NonceCodec nonces;
  detail::ReplayTable replays;
};

// Nothing when every step passes. Syntax first, the user lookup and hashing
// only for a nonce of ours, and the replay table touched only once the
// response has proved the password.
std::optional<Refusal> Server::State::check(const Server& server, std::string_view value,
                                            const Request& request, Verification& v) {
  const auto parsed = detail::parse_credentials(value);
  if (!parsed) return parsed.error();
  const Credentials& c = *parsed;
  v.username = *c.username;
  // Realms compare exactly (RFC 7616 §3.3: a string the server chose).
  if (*c.realm != server.settings_.realm) return Refusal{Status::wrong_realm, "realm is not ours"};
  const auto form = detail::check_form(c, server.settings_.algorithms);
  if (!form) return form.error();
  v.algorithm = form->algorithm;
  const auto key = nonces.open(*c.nonce);
  if (!key) return Refusal{Status::bad_nonce, "nonce not issued here"};
  if (auto refusal = detail::check_request(c, server.settings_, request)) return refusal;
  const auto ha1 = detail::user_ha1(server.lookup_, c, hash_of(form->algorithm));
  if (!ha1) return ha1.error();
  if (auto refusal = detail::check_response(c, *form, *ha1, request.method)) return refusal;
  return check_fresh(*key, *form, detail::to_ms(server.clock_->now()), lifetime_ms(server.settings_));
}

std::optional<Refusal> Server::State::check_fresh(const detail::NonceKey& key, const Form& form,
                                                  std::uint64_t now_ms, std::uint64_t lifetime_ms) {
  if (now_ms >= lifetime_ms) replays.expire_through(now_ms - lifetime_ms);
  const std::uint64_t issued = detail::issued_ms(key);
  // RFC 7616 §3.3: stale only once the response has proved the password.
  if (issued > now_ms || now_ms - issued >= lifetime_ms) return Refusal{Status::stale_nonce, "nonce expired"};
  return check_use(replays, key, form);
}

Server::Server(Settings settings, const core::TimerService& clock, UserLookup lookup)
    : settings_(std::move(settings)), clock_(&clock), lookup_(std::move(lookup)) {
  detail::validate_settings(settings_, lookup_);
  state_ = std::make_unique<State>(settings_.max_tracked_nonces);
}

Server::~Server() = default;

std::size_t Server::tracked_nonces() const { return state_->replays.size(); }

std::vector<std::string> Server::challenges(bool stale) {
  const auto nonce = state_->nonces.make(detail::to_ms(clock_->now()));
  if (!nonce) return {};
  std::vector<std::string> out;
  out.reserve(settings_.algorithms.size());
  for (Algorithm a : settings_.algorithms)
    out.push_back(detail::challenge_value(settings_, *nonce, a, stale));
  return out;
}

Verification Server::verify(std::string_view credentials, const Request& request) {
  Verification v;
  const auto refusal = state_->check(*this, credentials, request, v);
  v.status = refusal ? refusal->status : Status::ok;
  v.detail = refusal ? refusal->detail : to_string(Status::ok);
  return v;
}

}  // namespace rtcsip::sip::auth
