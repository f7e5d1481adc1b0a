#pragma once
// One RTCP packet (RFC 3550 §6.4.1 common header) inside a compound
// datagram, viewed in place. The per-type views (SenderReport, Sdes, Nack...)
// are built from it; RtcpCompound walks a whole datagram.
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// |V=2|P|  count  |      PT       |  length (32-bit words - 1)    |
// |                     body ...              | padding | count |
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "rtcsip/media/rtp/byte_order.hpp"

namespace rtcsip::media::rtp {

inline constexpr std::size_t kRtcpHeaderSize = 4;

// RTCP packet types (RFC 3550 §12.1, RFC 4585 §6.1, RFC 3611 §2).
enum class RtcpType : std::uint8_t {
  sr = 200,
  rr = 201,
  sdes = 202,
  bye = 203,
  app = 204,
  rtpfb = 205,
  psfb = 206,
  xr = 207,
};

// Why a datagram or a packet in it is not well-formed RTCP.
enum class RtcpError : std::uint8_t {
  none,
  too_short,         // fewer than 4 bytes where a packet header should be
  bad_version,       // V is not 2
  length_past_end,   // the length field claims more bytes than the datagram has
  trailing_bytes,    // bytes left after the last packet (datagram not a multiple of 4)
  bad_padding,       // P set with a pad count of 0 or one reaching into the header
  padding_not_last,  // P set on a packet other than the last (RFC 3550 §6.4.1)
  first_not_report,  // a compound packet must start with SR or RR (RFC 3550 §6.1)
  truncated_body,    // the body is too short for its type and count (e.g. report blocks)
  bad_sdes,          // SDES chunks or items run past the end
  bad_bye,           // BYE SSRC list or reason runs past the end
  bad_feedback,      // RTPFB/PSFB body wrong for its FMT (RFC 4585 §6, RFC 5104 §4.3)
};

std::string_view to_string(RtcpError error) noexcept;

namespace detail {

struct RtcpLayout {
  std::size_t size = 0;     // the whole packet: (length + 1) * 4
  std::size_t padding = 0;  // padding octets at its end, the count octet included
  RtcpError error = RtcpError::none;
};

// Layout of the packet at the start of `bytes` (which may hold more after it).
RtcpLayout rtcp_layout(std::span<const std::uint8_t> bytes) noexcept;

}  // namespace detail

template <WireByte Byte>
class BasicRtcpPacket {
 public:
  // The first packet in `bytes`; nothing if its header or length is bad.
  static std::optional<BasicRtcpPacket> parse(std::span<Byte> bytes) noexcept {
    const detail::RtcpLayout layout = detail::rtcp_layout(bytes);
    if (layout.error != RtcpError::none) return std::nullopt;
    return BasicRtcpPacket(bytes.first(layout.size), layout.padding);
  }

  // The whole packet: header, body and padding.
  std::span<Byte> bytes() const noexcept { return bytes_; }
  // After the 4-byte header, before any padding.
  std::span<Byte> body() const noexcept {
    return bytes_.subspan(kRtcpHeaderSize, bytes_.size() - kRtcpHeaderSize - padding_);
  }
  std::size_t padding_size() const noexcept { return padding_; }

  std::uint8_t version() const noexcept { return bytes_[0] >> 6; }
  bool has_padding() const noexcept { return (bytes_[0] & 0x20) != 0; }
  // RC, SC, FMT or APP subtype, depending on the type.
  std::uint8_t count() const noexcept { return bytes_[0] & 0x1F; }
  std::uint8_t type() const noexcept { return bytes_[1]; }
  bool is(RtcpType type) const noexcept { return bytes_[1] == static_cast<std::uint8_t>(type); }
  std::uint16_t length_field() const noexcept { return load_be16(bytes_.data() + 2); }

 private:
  BasicRtcpPacket(std::span<Byte> bytes, std::size_t padding) noexcept : bytes_(bytes), padding_(padding) {}

  std::span<Byte> bytes_;
  std::size_t padding_;
};

using RtcpPacket = BasicRtcpPacket<std::uint8_t>;
using ConstRtcpPacket = BasicRtcpPacket<const std::uint8_t>;

}  // namespace rtcsip::media::rtp
