#pragma once
// The DTLS-SRTP protection profiles rtcsipd negotiates in the use_srtp
// extension (RFC 5764 §4.1.2, RFC 7714 §14.2) and the sizes of their master
// keys and salts. The SRTP module has the full profile table; this one only
// knows what the handshake needs, so that media/dtls does not depend on libsrtp.
#include <cstdint>
#include <optional>
#include <string_view>

namespace rtcsip::media::dtls {

enum class SrtpProfileId : std::uint16_t {
  aes128_cm_hmac_sha1_80 = 0x0001,  // RFC 5764 §4.1.2 SRTP_AES128_CM_HMAC_SHA1_80
  aes128_cm_hmac_sha1_32 = 0x0002,  // RFC 5764 §4.1.2 SRTP_AES128_CM_HMAC_SHA1_32
  aead_aes_128_gcm = 0x0007,        // RFC 7714 §14.2 SRTP_AEAD_AES_128_GCM
  aead_aes_256_gcm = 0x0008,        // RFC 7714 §14.2 SRTP_AEAD_AES_256_GCM
};

struct SrtpProfileInfo {
  SrtpProfileId id;
  std::string_view name;          // "AEAD_AES_128_GCM", as in SDES and the RFCs
  std::string_view openssl_name;  // "SRTP_AEAD_AES_128_GCM", for SSL_CTX_set_tlsext_use_srtp
  std::uint8_t key_length;        // master key, octets
  std::uint8_t salt_length;       // master salt, octets
};

// Nothing for an id outside the four above (the NULL-cipher profiles included).
std::optional<SrtpProfileInfo> srtp_profile_info(std::uint16_t id) noexcept;
inline std::optional<SrtpProfileInfo> srtp_profile_info(SrtpProfileId id) noexcept {
  return srtp_profile_info(static_cast<std::uint16_t>(id));
}

}  // namespace rtcsip::media::dtls
