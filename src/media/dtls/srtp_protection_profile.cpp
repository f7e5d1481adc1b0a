#include "rtcsip/media/dtls/srtp_protection_profile.hpp"

#include <array>

namespace rtcsip::media::dtls {
namespace {

// RFC 5764 §4.1.2: AES-CM profiles have a 128-bit key and a 112-bit salt;
// RFC 7714 §12: the GCM profiles a 96-bit salt.
constexpr std::array<SrtpProfileInfo, 4> kProfiles = {{
    {SrtpProfileId::aes128_cm_hmac_sha1_80, "AES_CM_128_HMAC_SHA1_80", "SRTP_AES128_CM_SHA1_80", 16, 14},
    {SrtpProfileId::aes128_cm_hmac_sha1_32, "AES_CM_128_HMAC_SHA1_32", "SRTP_AES128_CM_SHA1_32", 16, 14},
    {SrtpProfileId::aead_aes_128_gcm, "AEAD_AES_128_GCM", "SRTP_AEAD_AES_128_GCM", 16, 12},
    {SrtpProfileId::aead_aes_256_gcm, "AEAD_AES_256_GCM", "SRTP_AEAD_AES_256_GCM", 32, 12},
}};

}  // namespace

std::optional<SrtpProfileInfo> srtp_profile_info(std::uint16_t id) noexcept {
  for (const auto& p : kProfiles) {
    if (static_cast<std::uint16_t>(p.id) == id) return p;
  }
  return std::nullopt;
}

}  // namespace rtcsip::media::dtls
