// The RTCP common header checks of RFC 3550 §6.4.1 and §A.2.
#include "rtcsip/media/rtp/rtcp_packet.hpp"

namespace rtcsip::media::rtp {

std::string_view to_string(RtcpError error) noexcept {
  switch (error) {
    case RtcpError::none:
      return "ok";
    case RtcpError::too_short:
      return "shorter than an RTCP header";
    case RtcpError::bad_version:
      return "RTCP version is not 2";
    case RtcpError::length_past_end:
      return "RTCP length runs past the datagram";
    case RtcpError::trailing_bytes:
      return "bytes left after the last RTCP packet";
    case RtcpError::bad_padding:
      return "bad RTCP padding count";
    case RtcpError::padding_not_last:
      return "RTCP padding on a packet other than the last";
    case RtcpError::first_not_report:
      return "compound RTCP does not start with SR or RR";
    case RtcpError::truncated_body:
      return "RTCP body too short for its type";
    case RtcpError::bad_sdes:
      return "SDES chunk runs past the end";
    case RtcpError::bad_bye:
      return "BYE runs past the end";
    case RtcpError::bad_feedback:
      return "RTCP feedback malformed for its FMT";
  }
  return "unknown RTCP error";
}

namespace detail {

RtcpLayout rtcp_layout(std::span<const std::uint8_t> bytes) noexcept {
  if (bytes.size() < kRtcpHeaderSize) return {0, 0, RtcpError::too_short};
  const std::uint8_t* p = bytes.data();
  if ((p[0] >> 6) != 2) return {0, 0, RtcpError::bad_version};
  // §6.4.1: the length is in 32-bit words minus one, header included, so a
  // packet is never empty and always a multiple of 4 bytes.
  const std::size_t size = (std::size_t{load_be16(p + 2)} + 1) * 4;
  if (size > bytes.size()) return {0, 0, RtcpError::length_past_end};
  std::size_t padding = 0;
  if ((p[0] & 0x20) != 0) {
    // The last octet counts the padding octets, itself included.
    padding = p[size - 1];
    if (padding == 0 || padding > size - kRtcpHeaderSize) return {0, 0, RtcpError::bad_padding};
  }
  return {size, padding, RtcpError::none};
}

}  // namespace detail

}  // namespace rtcsip::media::rtp
