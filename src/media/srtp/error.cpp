#include "rtcsip/media/srtp/error.hpp"

#include <string>

namespace rtcsip::media::srtp {
namespace {

class SrtpCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "srtp"; }
  std::string message(int value) const override {
    return std::string(to_string(static_cast<SrtpError>(value)));
  }
};

}  // namespace

std::string_view to_string(SrtpError e) noexcept {
  switch (e) {
    case SrtpError::bad_packet:
      return "malformed packet";
    case SrtpError::buffer_too_small:
      return "no room for the SRTP trailer";
    case SrtpError::auth_failure:
      return "authentication failed";
    case SrtpError::replay:
      return "replayed packet";
    case SrtpError::replay_old:
      return "packet older than the replay window";
    case SrtpError::wrong_direction:
      return "operation not for this session's direction";
    case SrtpError::key_expired:
      return "master key used up";
    case SrtpError::bad_key:
      return "key material does not fit the profile";
    case SrtpError::unsupported_profile:
      return "profile not supported by libsrtp";
    case SrtpError::bad_option:
      return "session option out of range";
    case SrtpError::library_failure:
      return "libsrtp failure";
  }
  return "unknown SRTP error";
}

const std::error_category& srtp_category() noexcept {
  static const SrtpCategory category;
  return category;
}

std::error_code make_error_code(SrtpError e) noexcept { return {static_cast<int>(e), srtp_category()}; }

}  // namespace rtcsip::media::srtp
