#pragma once
// Why an SRTP operation failed. Packet-path functions return these in a
// core::Result and never throw; each value maps to an std::error_code.
#include <cstdint>
#include <string_view>
#include <system_error>

namespace rtcsip::media::srtp {

enum class SrtpError : std::uint8_t {
  bad_packet = 1,       // too short, not RTP/RTCP version 2, header runs past the end (RFC 3550 §5.1)
  buffer_too_small,     // no room after the packet for the tag and SRTCP index
  auth_failure,         // RFC 3711 §3.3 step 5 / RFC 7714 §8.2: the tag does not verify
  replay,               // RFC 3711 §3.3.2: this index was already received
  replay_old,           // RFC 3711 §3.3.2: the index is behind the replay window
  wrong_direction,      // protect on an inbound session or unprotect on an outbound one
  key_expired,          // RFC 3711 §9.2: the key protected 2^48 SRTP / 2^31 SRTCP packets
  bad_key,              // key material of the wrong length or for another profile
  unsupported_profile,  // the linked libsrtp lacks the profile's cipher
  bad_option,           // a SessionOptions value out of range
  library_failure,      // srtp_init() or another libsrtp call failed
};

std::string_view to_string(SrtpError e) noexcept;
const std::error_category& srtp_category() noexcept;
std::error_code make_error_code(SrtpError e) noexcept;

}  // namespace rtcsip::media::srtp

template <>
struct std::is_error_code_enum<rtcsip::media::srtp::SrtpError> : std::true_type {};
