#pragma once
// An independent, slow, test-only SRTP built straight from the RFC text on
// OpenSSL primitives, to check libsrtp sessions byte for byte:
//   RFC 3711 §4.1.1 AES-CM, §4.2 HMAC-SHA1, §4.3.3 key derivation, §3.3/§3.4 packets;
//   RFC 6188 §7 the AES-256 PRF; RFC 7714 §8.1/§9.1 AEAD_AES_*_GCM.
// It is itself checked against the RFCs' published vectors.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rtcsip/media/srtp/master_key.hpp"
#include "rtcsip/media/srtp/profile.hpp"

namespace rtcsip::media::srtp::reference {

using Bytes = std::vector<std::uint8_t>;
using View = std::span<const std::uint8_t>;

Bytes hex(std::string_view text);  // whitespace ignored
std::string to_hex(View bytes);

// SRTP key derivation labels, RFC 3711 §4.3.1 / §4.3.2.
enum Label : std::uint8_t {
  rtp_encryption = 0,
  rtp_authentication = 1,
  rtp_salt = 2,
  rtcp_encryption = 3,
  rtcp_authentication = 4,
  rtcp_salt = 5,
};

// RFC 3711 §4.3.3 (AES-128) / RFC 6188 §7 (AES-256) PRF with kdr = 0. A
// 12-octet GCM master salt is padded with two zero octets on the right.
Bytes derive(View master_key, View master_salt, Label label, std::size_t length);

// RFC 3711 §4.1.1: AES in counter mode from a 16-octet initial counter block.
Bytes aes_cm_keystream(View session_key, View iv, std::size_t length);

struct SessionKeys {
  Bytes encryption;
  Bytes salt;
  Bytes authentication;  // empty for AEAD profiles
};
SessionKeys derive_rtp_keys(const MasterKey& master);
SessionKeys derive_rtcp_keys(const MasterKey& master);

// RFC 3711 §3.3 / RFC 7714 §8: a protected RTP packet, given session keys.
Bytes protect_rtp(Profile profile, const SessionKeys& keys, View packet, std::uint32_t roc);
// RFC 3711 §3.4 / RFC 7714 §9: a protected RTCP packet with the E flag set.
Bytes protect_rtcp(Profile profile, const SessionKeys& keys, View packet, std::uint32_t index);

}  // namespace rtcsip::media::srtp::reference
