#pragma once
// The SRTP protection profiles (crypto suites) rtcsipd speaks, their key, salt
// and tag lengths, and their names in SDES (RFC 4568 §6.2, RFC 6188 §6,
// RFC 7714 §14.1) and in DTLS-SRTP (RFC 5764 §4.1.2, RFC 7714 §14.2).
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace rtcsip::media::srtp {

enum class Profile : std::uint8_t {
  aes_cm_128_hmac_sha1_80,  // RFC 3711 default transform
  aes_cm_128_hmac_sha1_32,  // 32-bit SRTP tag; SRTCP keeps the 80-bit tag
  aead_aes_128_gcm,         // RFC 7714
  aead_aes_256_gcm,         // RFC 7714
  aes_256_cm_hmac_sha1_80,  // RFC 6188; SDES only, DTLS-SRTP has no profile id for it
};

inline constexpr std::array<Profile, 5> kAllProfiles = {
    Profile::aes_cm_128_hmac_sha1_80, Profile::aes_cm_128_hmac_sha1_32, Profile::aead_aes_128_gcm,
    Profile::aead_aes_256_gcm, Profile::aes_256_cm_hmac_sha1_80};

struct ProfileTraits {
  std::string_view sdes_name;
  std::uint16_t dtls_id;         // RFC 5764 §4.1.2 SRTPProtectionProfile; 0 when there is none
  std::uint8_t key_length;       // master key, octets
  std::uint8_t salt_length;      // master salt, octets
  std::uint8_t rtp_tag_length;   // appended to every SRTP packet
  std::uint8_t rtcp_tag_length;  // appended to every SRTCP packet, after the index
};

// RFC 3711 §3.4: the E flag and the 31-bit SRTCP index trail every SRTCP packet.
inline constexpr std::size_t kSrtcpIndexLength = 4;
inline constexpr std::size_t kMaxMasterKeyLength = 32;
inline constexpr std::size_t kMaxMasterSaltLength = 14;
inline constexpr std::size_t kMaxKeySaltLength = kMaxMasterKeyLength + kMaxMasterSaltLength;

// Indexed by Profile. RFC 5764 §4.1.2 gives the _32 profile an 80-bit SRTCP tag;
// RFC 7714 §12 gives both GCM profiles a 16-octet tag and a 12-octet salt.
inline constexpr std::array<ProfileTraits, kAllProfiles.size()> kProfileTraits = {{
    {"AES_CM_128_HMAC_SHA1_80", 0x0001, 16, 14, 10, 10},
    {"AES_CM_128_HMAC_SHA1_32", 0x0002, 16, 14, 4, 10},
    {"AEAD_AES_128_GCM", 0x0007, 16, 12, 16, 16},
    {"AEAD_AES_256_GCM", 0x0008, 32, 12, 16, 16},
    {"AES_256_CM_HMAC_SHA1_80", 0x0000, 32, 14, 10, 10},
}};

constexpr const ProfileTraits& traits(Profile p) noexcept {
  return kProfileTraits[static_cast<std::size_t>(p)];
}
constexpr std::size_t master_key_length(Profile p) noexcept { return traits(p).key_length; }
constexpr std::size_t master_salt_length(Profile p) noexcept { return traits(p).salt_length; }
// Octets protect_rtp() adds to a packet: the authentication tag.
constexpr std::size_t rtp_overhead(Profile p) noexcept { return traits(p).rtp_tag_length; }
// Octets protect_rtcp() adds: the E flag and SRTCP index, then the tag.
constexpr std::size_t rtcp_overhead(Profile p) noexcept {
  return kSrtcpIndexLength + traits(p).rtcp_tag_length;
}
// The most any profile adds, for sizing packet buffers once.
inline constexpr std::size_t kMaxRtpOverhead = [] {
  std::size_t most = 0;
  for (Profile p : kAllProfiles) most = std::max(most, rtp_overhead(p));
  return most;
}();
inline constexpr std::size_t kMaxRtcpOverhead = [] {
  std::size_t most = 0;
  for (Profile p : kAllProfiles) most = std::max(most, rtcp_overhead(p));
  return most;
}();

// "AES_CM_128_HMAC_SHA1_80" ... exactly as registered (SDP tokens are case-sensitive).
std::optional<Profile> profile_from_sdes_name(std::string_view name) noexcept;
std::string_view sdes_name(Profile p) noexcept;
// 0x0001, 0x0002, 0x0007, 0x0008; anything else (including the NULL-cipher
// profiles 0x0005 and 0x0006, which rtcsipd never accepts) is nothing.
std::optional<Profile> profile_from_dtls_id(std::uint16_t id) noexcept;
std::optional<std::uint16_t> dtls_id(Profile p) noexcept;
std::string_view to_string(Profile p) noexcept;

}  // namespace rtcsip::media::srtp
