#pragma once
// Server side of SIP digest authentication (RFC 3261 §22, RFC 7616, RFC 8760
// for SHA-256): challenges for 401/407 responses, and verification of
// Authorization / Proxy-Authorization values. Sans-IO: the time comes from
// the injected clock, users from a lookup callback.
//
// Nonces are stateless: issue time and random bytes sealed with an HMAC under
// a secret drawn at construction, so only this server's nonces verify and
// they expire on the clock. The only state is a bounded table of the highest
// nonce-count accepted per nonce, against replay.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rtcsip/core/timer_service.hpp"
#include "rtcsip/sip/auth/digest.hpp"
#include "rtcsip/sip/auth/status.hpp"
#include "rtcsip/sip/header_id.hpp"
#include "rtcsip/sip/message.hpp"

namespace rtcsip::sip::auth {

struct Settings {
  std::string realm{};  // printable ASCII without '"' or '\'
  // Offered in this order: the client uses the topmost it supports (RFC 8760 §2.4).
  std::vector<Algorithm> algorithms{Algorithm::sha256, Algorithm::md5};
  core::Duration nonce_lifetime = std::chrono::minutes(5);
  // Nonces whose nonce-count is remembered; beyond that the oldest is
  // forgotten and answered as stale, so memory stays bounded.
  std::size_t max_tracked_nonces = 65536;
  std::string opaque{};  // sent and required back when not empty (RFC 7616 §3.3)
};

// The user's HA1 (lower- or upper-case hex) for this realm and hash, or
// nothing for an unknown user (or one without an HA1 for that hash).
using UserLookup =
    std::function<std::optional<std::string>(std::string_view username, std::string_view realm, Hash hash)>;

struct Request {
  std::string_view method{};  // A2 uses the request's method (RFC 3261 §22.4)
  // When given, the digest uri must name it (RFC 7616 §3.4.6).
  std::optional<std::string_view> request_uri{};
};

struct Verification {
  Status status = Status::missing_credentials;
  std::string_view detail;  // static text for logs
  std::string username;     // as sent, once the credentials parsed
  std::optional<Algorithm> algorithm;

  [[nodiscard]] bool ok() const { return status == Status::ok; }
  [[nodiscard]] Action action() const { return action_for(status); }
};

class Server {
 public:
  // Throws std::invalid_argument for unusable settings and std::runtime_error
  // when no secret can be drawn: both at start-up only.
  Server(Settings settings, const core::TimerService& clock, UserLookup lookup);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // One WWW-Authenticate or Proxy-Authenticate value per offered algorithm,
  // in the configured order, sharing one fresh nonce. Empty only when the
  // random generator fails; the caller then answers 500.
  std::vector<std::string> challenges(bool stale = false);

  // Checks one Authorization / Proxy-Authorization value (empty: none sent).
  Verification verify(std::string_view credentials, const Request& request);

  [[nodiscard]] const Settings& settings() const { return settings_; }
  [[nodiscard]] std::size_t tracked_nonces() const;

 private:
  struct State;
  Settings settings_;
  const core::TimerService* clock_;
  UserLookup lookup_;
  std::unique_ptr<State> state_;
};

// The credentials a request carries for `realm` in the given header
// (authorization or proxy_authorization): the first Digest value naming that
// realm, else the first Digest value (which verify() then refuses for its
// realm), else nothing. RFC 3261 §22.3: a request may carry several.
std::optional<std::string_view> find_credentials(const Message& request, HeaderId header,
                                                 std::string_view realm);

}  // namespace rtcsip::sip::auth
