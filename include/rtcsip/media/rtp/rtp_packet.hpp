#pragma once
// An RTP packet (RFC 3550 §5.1) parsed in place: a view over the datagram's
// bytes that never copies and never allocates. RtpPacket may rewrite the
// fields a relay changes (SSRC, sequence number, timestamp, payload type,
// marker); ConstRtpPacket only reads.
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// |V=2|P|X|  CC   |M|     PT      |       sequence number         |
// |                           timestamp                           |
// |           synchronization source (SSRC) identifier            |
// |            contributing source (CSRC) identifiers  (CC x 32)  |
// |  defined by profile (X=1)     |      length (32-bit words)    |
// |                     header extension data                     |
// |                     payload ...    | padding ... | pad count  |
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "rtcsip/media/rtp/byte_order.hpp"
#include "rtcsip/media/rtp/header_extension.hpp"

namespace rtcsip::media::rtp {

inline constexpr std::size_t kRtpHeaderSize = 12;  // the fixed part, RFC 3550 §5.1
inline constexpr std::uint8_t kRtpVersion = 2;

// Why a datagram is not a well-formed RTP packet.
enum class RtpError : std::uint8_t {
  none,
  too_short,          // fewer than the 12 bytes of the fixed header
  bad_version,        // V is not 2
  csrc_overrun,       // CC x 4 bytes of CSRC list run past the end
  extension_overrun,  // the extension block header or its length runs past the end
  bad_padding,        // P set with a pad count of 0 or one larger than the payload
};

std::string_view to_string(RtpError error) noexcept;

namespace detail {

struct RtpLayout {
  std::size_t header_size = 0;  // fixed header + CSRC list + extension block
  std::size_t payload_size = 0;
  RtpError error = RtpError::none;
};

// The RFC 3550 §5.1 and §A.1 structural checks, with the offsets they yield.
RtpLayout rtp_layout(std::span<const std::uint8_t> datagram) noexcept;

}  // namespace detail

// RtpError::none when the datagram parses as RTP.
inline RtpError validate_rtp(std::span<const std::uint8_t> datagram) noexcept {
  return detail::rtp_layout(datagram).error;
}

template <WireByte Byte>
class BasicRtpPacket {
 public:
  // A view over `datagram`, which must outlive it; nothing if malformed.
  // Whether the payload type is one the session negotiated (RFC 3550 §A.1)
  // and, on an rtcp-mux port, not RTCP (RFC 5761 §4, is_rtcp()) is the
  // caller's check.
  static std::optional<BasicRtpPacket> parse(std::span<Byte> datagram) noexcept {
    const detail::RtpLayout layout = detail::rtp_layout(datagram);
    if (layout.error != RtpError::none) return std::nullopt;
    return BasicRtpPacket(datagram.data(), datagram.size(), layout);
  }

  std::span<Byte> bytes() const noexcept { return {data_, size_}; }
  std::uint8_t version() const noexcept { return data_[0] >> 6; }
  bool has_padding() const noexcept { return (data_[0] & 0x20) != 0; }
  bool has_extension() const noexcept { return (data_[0] & 0x10) != 0; }
  std::uint8_t csrc_count() const noexcept { return data_[0] & 0x0F; }
  bool marker() const noexcept { return (data_[1] & 0x80) != 0; }
  std::uint8_t payload_type() const noexcept { return data_[1] & 0x7F; }
  std::uint16_t sequence_number() const noexcept { return load_be16(data_ + 2); }
  std::uint32_t timestamp() const noexcept { return load_be32(data_ + 4); }
  std::uint32_t ssrc() const noexcept { return load_be32(data_ + 8); }
  // Precondition: i < csrc_count().
  std::uint32_t csrc(std::size_t i) const noexcept { return load_be32(data_ + kRtpHeaderSize + 4 * i); }

  // Everything before the payload: fixed header, CSRCs, extension block.
  std::span<Byte> header() const noexcept { return {data_, header_size_}; }
  std::span<Byte> payload() const noexcept { return {data_ + header_size_, payload_size_}; }
  // Padding octets after the payload, the count octet included (0 if P is clear).
  std::size_t padding_size() const noexcept { return size_ - header_size_ - payload_size_; }

  // The header extension block (RFC 3550 §5.3.1), if X is set.
  std::optional<BasicHeaderExtension<Byte>> extension() const noexcept {
    if (!has_extension()) return std::nullopt;
    Byte* block = data_ + kRtpHeaderSize + 4 * std::size_t{csrc_count()};
    return BasicHeaderExtension<Byte>(load_be16(block), {block + 4, std::size_t{load_be16(block + 2)} * 4});
  }

  // The data of RFC 8285 element `id`, if the packet carries it.
  std::optional<std::span<Byte>> find_extension(std::uint8_t id) const noexcept {
    if (const auto ext = extension()) return ext->find(id);
    return std::nullopt;
  }

  // Writers for a relay: each changes one field in place and nothing else.
  void set_marker(bool marker) noexcept requires MutableWireByte<Byte> {
    data_[1] = static_cast<std::uint8_t>((data_[1] & 0x7F) | (marker ? 0x80 : 0));
  }
  // Only the low 7 bits of `payload_type` are used.
  void set_payload_type(std::uint8_t payload_type) noexcept requires MutableWireByte<Byte> {
    data_[1] = static_cast<std::uint8_t>((data_[1] & 0x80) | (payload_type & 0x7F));
  }
  void set_sequence_number(std::uint16_t sequence) noexcept requires MutableWireByte<Byte> {
    store_be16(data_ + 2, sequence);
  }
  void set_timestamp(std::uint32_t timestamp) noexcept requires MutableWireByte<Byte> {
    store_be32(data_ + 4, timestamp);
  }
  void set_ssrc(std::uint32_t ssrc) noexcept requires MutableWireByte<Byte> { store_be32(data_ + 8, ssrc); }
  // Precondition: i < csrc_count().
  void set_csrc(std::size_t i, std::uint32_t csrc) noexcept requires MutableWireByte<Byte> {
    store_be32(data_ + kRtpHeaderSize + 4 * i, csrc);
  }

 private:
  BasicRtpPacket(Byte* data, std::size_t size, const detail::RtpLayout& layout) noexcept
      : data_(data), size_(size), header_size_(layout.header_size), payload_size_(layout.payload_size) {}

  Byte* data_;
  std::size_t size_;
  std::size_t header_size_;
  std::size_t payload_size_;
};

using RtpPacket = BasicRtpPacket<std::uint8_t>;
using ConstRtpPacket = BasicRtpPacket<const std::uint8_t>;

}  // namespace rtcsip::media::rtp
