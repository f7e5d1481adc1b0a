#include "rtcsip/media/srtp/profile.hpp"

namespace rtcsip::media::srtp {

std::optional<Profile> profile_from_sdes_name(std::string_view name) noexcept {
  for (Profile p : kAllProfiles) {
    if (traits(p).sdes_name == name) return p;
  }
  return std::nullopt;
}

std::string_view sdes_name(Profile p) noexcept { return traits(p).sdes_name; }

std::optional<Profile> profile_from_dtls_id(std::uint16_t id) noexcept {
  if (id == 0) return std::nullopt;
  for (Profile p : kAllProfiles) {
    if (traits(p).dtls_id == id) return p;
  }
  return std::nullopt;
}

std::optional<std::uint16_t> dtls_id(Profile p) noexcept {
  if (traits(p).dtls_id == 0) return std::nullopt;
  return traits(p).dtls_id;
}

std::string_view to_string(Profile p) noexcept { return sdes_name(p); }

}  // namespace rtcsip::media::srtp
