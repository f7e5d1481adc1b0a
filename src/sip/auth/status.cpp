#include "rtcsip/sip/auth/status.hpp"

#include <string>

namespace rtcsip::sip::auth {
namespace {

class AuthCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "sip-auth"; }
  std::string message(int value) const override { return std::string(to_string(static_cast<Status>(value))); }
};

}  // namespace

std::string_view to_string(Status s) noexcept {
  switch (s) {
    case Status::ok:
      return "authenticated";
    case Status::missing_credentials:
      return "no digest credentials";
    case Status::malformed_credentials:
      return "malformed credentials";
    case Status::unknown_user:
      return "unknown user";
    case Status::wrong_realm:
      return "credentials for another realm";
    case Status::unsupported_algorithm:
      return "algorithm not offered";
    case Status::bad_nonce:
      return "nonce not issued here";
    case Status::stale_nonce:
      return "stale nonce";
    case Status::replayed_nonce_count:
      return "replayed nonce count";
    case Status::wrong_response:
      return "wrong digest response";
    case Status::uri_mismatch:
      return "digest uri is not the Request-URI";
  }
  return "unknown authentication status";
}

Action action_for(Status s) noexcept {
  switch (s) {
    case Status::ok:
      return Action::accept;
    // The client may succeed with one of our challenges (RFC 3261 §22.2).
    case Status::missing_credentials:
    case Status::wrong_realm:
    case Status::unsupported_algorithm:
    case Status::bad_nonce:
      return Action::challenge;
    // It knows the password; only the nonce is unusable (RFC 7616 §3.3).
    case Status::stale_nonce:
    case Status::replayed_nonce_count:
      return Action::challenge_stale;
    // RFC 2617 §3.2.2 and RFC 7616 §3.4.6: improper parameters get a 400.
    case Status::malformed_credentials:
    case Status::uri_mismatch:
      return Action::bad_request;
    // The same answer for both, so it does not tell which user names exist.
    case Status::unknown_user:
    case Status::wrong_response:
      return Action::forbid;
  }
  return Action::forbid;
}

const std::error_category& auth_category() noexcept {
  static const AuthCategory category;
  return category;
}

std::error_code make_error_code(Status s) noexcept { return {static_cast<int>(s), auth_category()}; }

}  // namespace rtcsip::sip::auth
