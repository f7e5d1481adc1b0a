// RTP header layout checks: RFC 3550 §5.1 for the fields, §A.1 for which
// packets a receiver must discard.
#include "rtcsip/media/rtp/rtp_packet.hpp"

namespace rtcsip::media::rtp {

std::string_view to_string(RtpError error) noexcept {
  switch (error) {
    case RtpError::none:
      return "ok";
    case RtpError::too_short:
      return "shorter than the RTP fixed header";
    case RtpError::bad_version:
      return "RTP version is not 2";
    case RtpError::csrc_overrun:
      return "CSRC list runs past the end";
    case RtpError::extension_overrun:
      return "header extension runs past the end";
    case RtpError::bad_padding:
      return "bad padding count";
  }
  return "unknown RTP error";
}

namespace detail {

namespace {
constexpr RtpLayout fail(RtpError error) noexcept { return {0, 0, error}; }
}  // namespace

RtpLayout rtp_layout(std::span<const std::uint8_t> datagram) noexcept {
  const std::size_t size = datagram.size();
  if (size < kRtpHeaderSize) return fail(RtpError::too_short);
  const std::uint8_t* p = datagram.data();
  if ((p[0] >> 6) != kRtpVersion) return fail(RtpError::bad_version);

  std::size_t header = kRtpHeaderSize + 4 * std::size_t{p[0] & 0x0Fu};
  if (header > size) return fail(RtpError::csrc_overrun);

  if ((p[0] & 0x10) != 0) {
    // RFC 3550 §5.3.1: a 4-byte block header whose length counts the 32-bit
    // words after it (so zero is a valid, empty extension).
    if (size - header < 4) return fail(RtpError::extension_overrun);
    const std::size_t words = load_be16(p + header + 2);
    header += 4;
    if (size - header < 4 * words) return fail(RtpError::extension_overrun);
    header += 4 * words;
  }

  std::size_t padding = 0;
  if ((p[0] & 0x20) != 0) {
    // RFC 3550 §5.1: the last octet counts the padding octets including
    // itself, so it is at least 1, and it cannot reach into the header.
    padding = p[size - 1];
    if (padding == 0 || padding > size - header) return fail(RtpError::bad_padding);
  }
  return {header, size - header - padding, RtpError::none};
}

}  // namespace detail

}  // namespace rtcsip::media::rtp
