#include "rtcsip/gateway/registrar.hpp"

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <random>
#include <stdexcept>
#include <utility>

#include "rtcsip/sip/headers.hpp"

namespace rtcsip::gateway {
namespace {

using sip::auth::Action;
using sip::auth::Hash;

bool ends_with_flow(sip::TransportKind k) {
  // RFC 7118 §5: a WebSocket client is reachable only over its connection.
  return k == sip::TransportKind::ws || k == sip::TransportKind::wss;
}

// The user part of the To URI: the AOR a REGISTER is about (§10.3 step 3).
std::optional<std::string> to_user(const sip::Message& request) {
  auto to = sip::parse_name_addr(request.header(sip::HeaderId::to));
  if (!to || !to->uri.has_user) return std::nullopt;
  return std::string(to->uri.user);
}

// The gateway's one table from a location service refusal to a status.
int status_of(RegisterError e) {
  switch (e) {
    case RegisterError::invalid_star:
    case RegisterError::invalid_contact:
      return 400;
    case RegisterError::interval_too_brief:
      return 423;
    case RegisterError::out_of_order:
      return 500;  // §10.3 step 7: abort the request; the client retries with a new CSeq
    case RegisterError::too_many_bindings:
      return 503;
  }
  return 500;
}

bool add_contacts(const sip::Message& request, RegisterRequest& reg) {
  bool ok = true;
  request.for_each_value(sip::HeaderId::contact, [&](std::string_view value) {
    auto c = sip::parse_contact(value);
    if (!c) {
      ok = false;
    } else if (c->star) {
      reg.star = true;
    } else {
      reg.contacts.push_back(contact_request(*c));
    }
  });
  return ok;
}

}  // namespace

std::optional<RegisterRequest> register_request(const sip::Message& request, std::string aor,
                                                const sip::Peer& from) {
  auto call_id = sip::parse_call_id(request.header(sip::HeaderId::call_id));
  auto cseq = sip::parse_cseq(request.header(sip::HeaderId::cseq));
  if (!call_id || !cseq) return std::nullopt;
  RegisterRequest reg;
  reg.aor = std::move(aor);
  reg.call_id = std::string(*call_id);
  reg.cseq = cseq->number;
  if (request.find(sip::HeaderId::expires) != nullptr) {
    reg.expires = parse_expires(request.header(sip::HeaderId::expires));
  }
  if (!add_contacts(request, reg)) return std::nullopt;
  reg.source = from;
  reg.ends_with_flow = ends_with_flow(from.transport);
  return reg;
}

Registrar::Registrar(core::TimerService& timers, const config::Config& config, LocationService& locations)
    : realm_(config.sip.domain),
      server_name_(config.sip.user_agent),
      users_(users_of(config)),
      locations_(locations),
      timers_(timers),
      auth_(auth_settings(config), timers, [this](std::string_view user, std::string_view realm, Hash hash) {
        return ha1(user, realm, hash);
      }) {
  std::random_device rd;
  tag_seed_ = (std::uint64_t{rd()} << 32) | rd();
}

sip::auth::Settings Registrar::auth_settings(const config::Config& config) {
  sip::auth::Settings s;
  s.realm = config.sip.domain;
  s.algorithms.clear();
  for (const auto& name : config.auth.algorithms) {
    auto a = sip::auth::parse_algorithm(name);
    if (!a) throw std::invalid_argument("unknown digest algorithm: " + name);
    s.algorithms.push_back(*a);
  }
  s.nonce_lifetime = std::chrono::duration_cast<core::Duration>(config.auth.nonce_lifetime);
  return s;
}

// HA1 per hash at start-up, so no password is hashed per request.
std::map<std::string, Registrar::Ha1, std::less<>> Registrar::users_of(const config::Config& config) {
  std::map<std::string, Ha1, std::less<>> users;
  const auto& realm = config.sip.domain;
  for (const auto& u : config.users) {
    Ha1 h{u.ha1_md5, u.ha1_sha256};
    if (!u.password.empty()) {
      h.md5 = sip::auth::compute_ha1(Hash::md5, u.username, realm, u.password);
      h.sha256 = sip::auth::compute_ha1(Hash::sha256, u.username, realm, u.password);
    }
    users.emplace(u.username, std::move(h));
  }
  return users;
}

std::optional<std::string> Registrar::ha1(std::string_view user, std::string_view realm, Hash hash) const {
  const auto it = users_.find(user);
  if (it == users_.end() || realm != realm_) return std::nullopt;
  const auto& value = hash == Hash::md5 ? it->second.md5 : it->second.sha256;
  if (value.empty()) return std::nullopt;
  return value;
}

sip::Message Registrar::handle(const sip::Message& request, const sip::Peer& from) {
  if (request.method() != sip::Method::register_) {
    auto r = answer(request, 405);
    r.add_header(sip::HeaderId::allow, "REGISTER");
    return r;
  }
  std::string username;
  if (auto refused = authenticate(request, username)) return std::move(*refused);
  if (auto refused = authorize(request, username)) return std::move(*refused);
  auto reg = register_request(request, username, from);
  if (!reg) return answer(request, 400);
  return apply(request, *reg);
}

// RFC 3261 §10.3 step 2 and §22.
std::optional<sip::Message> Registrar::authenticate(const sip::Message& request, std::string& username) {
  const auto credentials = sip::auth::find_credentials(request, sip::HeaderId::authorization, realm_);
  auto v = auth_.verify(credentials.value_or(std::string_view{}),
                        {.method = request.method_text(), .request_uri = request.request_uri()});
  switch (v.action()) {
    case Action::accept:
      username = std::move(v.username);
      return std::nullopt;
    case Action::challenge:
      return challenge(request, false);
    case Action::challenge_stale:
      return challenge(request, true);
    case Action::bad_request:
      return answer(request, 400);
    case Action::forbid:
      break;
  }
  return answer(request, 403);
}

// §10.3 steps 3 and 5: the To user must be configured (404), and a user
// registers only itself (403). Checked after authentication, so only
// authenticated users learn which names exist.
std::optional<sip::Message> Registrar::authorize(const sip::Message& request, std::string_view username) {
  const auto aor = to_user(request);
  if (!aor) return answer(request, 400);
  if (users_.find(*aor) == users_.end()) return answer(request, 404);
  if (*aor != username) return answer(request, 403);
  return std::nullopt;
}

// §10.3 steps 6 to 8.
sip::Message Registrar::apply(const sip::Message& request, const RegisterRequest& reg) {
  auto result = locations_.register_contacts(reg);
  if (!result) {
    const auto& refusal = result.error();
    auto r = answer(request, status_of(refusal.error));
    if (refusal.error == RegisterError::interval_too_brief) {
      r.add_header(sip::HeaderId::min_expires, std::to_string(refusal.min_expires.count()));
    }
    return r;
  }
  auto r = answer(request, 200);
  const auto now = timers_.now();
  for (const auto& b : result.value()) r.add_header(sip::HeaderId::contact, b.contact_value(now));
  return r;
}

sip::Message Registrar::challenge(const sip::Message& request, bool stale) {
  auto values = auth_.challenges(stale);
  if (values.empty()) return answer(request, 500);
  auto r = answer(request, 401);
  for (auto& v : values) r.add_header(sip::HeaderId::www_authenticate, std::move(v));
  return r;
}

sip::Message Registrar::answer(const sip::Message& request, int status) {
  // §8.2.6.2: a To tag of our own; unique per response, unguessable enough
  // for a registrar that keeps no dialog.
  char tag[24];
  const std::uint64_t n = tag_seed_ + ++tag_count_;
  (void)std::snprintf(tag, sizeof tag, "%016" PRIx64, n);
  auto r = sip::make_response(request, status, std::string(sip::reason_phrase(status)), tag);
  if (!server_name_.empty()) r.add_header(sip::HeaderId::server, server_name_);
  return r;
}

}  // namespace rtcsip::gateway
