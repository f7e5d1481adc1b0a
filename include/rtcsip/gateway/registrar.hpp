#pragma once
// The registrar (RFC 3261 §10.3): authenticates a REGISTER with SIP digest
// (sip::auth::Server), checks that the user registers only its own AOR,
// applies the Contact values to the location service and builds the
// response. Sans-IO: the caller hands it a parsed request and where it came
// from, and sends back the response it returns.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "rtcsip/config/config.hpp"
#include "rtcsip/core/timer_service.hpp"
#include "rtcsip/gateway/location_service.hpp"
#include "rtcsip/gateway/register_request.hpp"
#include "rtcsip/sip/auth/server.hpp"
#include "rtcsip/sip/message.hpp"
#include "rtcsip/sip/transport.hpp"

namespace rtcsip::gateway {

class Registrar {
 public:
  // Users, realm (config.sip.domain), offered algorithms and nonce lifetime
  // come from the configuration. Throws std::invalid_argument for an
  // unknown algorithm name or unusable auth settings (start-up only).
  Registrar(core::TimerService& timers, const config::Config& config, LocationService& locations);
  Registrar(const Registrar&) = delete;
  Registrar& operator=(const Registrar&) = delete;

  // The response to send for a REGISTER received from `from`.
  sip::Message handle(const sip::Message& request, const sip::Peer& from);

  [[nodiscard]] const std::string& realm() const { return realm_; }

 private:
  struct Ha1 {
    std::string md5;
    std::string sha256;
  };

  static sip::auth::Settings auth_settings(const config::Config& config);
  static std::map<std::string, Ha1, std::less<>> users_of(const config::Config& config);
  [[nodiscard]] std::optional<std::string> ha1(std::string_view user, std::string_view realm,
                                               sip::auth::Hash hash) const;
  // Nothing when the credentials are accepted, else the response.
  std::optional<sip::Message> authenticate(const sip::Message& request, std::string& username);
  std::optional<sip::Message> authorize(const sip::Message& request, std::string_view username);
  sip::Message apply(const sip::Message& request, const RegisterRequest& reg);
  sip::Message answer(const sip::Message& request, int status);
  sip::Message challenge(const sip::Message& request, bool stale);

  std::string realm_;
  std::string server_name_;
  std::map<std::string, Ha1, std::less<>> users_;
  LocationService& locations_;
  const core::TimerService& timers_;
  sip::auth::Server auth_;
  std::uint64_t tag_seed_ = 0;
  std::uint64_t tag_count_ = 0;
};

// The parts of a REGISTER the location service needs, for `aor`; nothing
// when a Call-ID, CSeq or Contact value does not parse (400).
std::optional<RegisterRequest> register_request(const sip::Message& request, std::string aor,
                                                const sip::Peer& from);

}  // namespace rtcsip::gateway
