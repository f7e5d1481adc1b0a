#pragma once
// A compound RTCP datagram (RFC 3550 §6.1): packets back to back, each
// sized by its own length field. Iterating yields each well-formed packet
// and stops before the first malformed one; error() says whether the walk
// covered the whole datagram. Validate before relaying.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>

#include "rtcsip/media/rtp/rtcp_packet.hpp"

namespace rtcsip::media::rtp {

template <WireByte Byte>
class BasicRtcpCompound {
 public:
  using Packet = BasicRtcpPacket<Byte>;

  class Iterator {
   public:
    using value_type = Packet;
    using difference_type = std::ptrdiff_t;

    Iterator() = default;
    explicit Iterator(std::span<Byte> rest) noexcept : rest_(rest) { load(); }
    Packet operator*() const noexcept { return *current_; }
    Iterator& operator++() noexcept {
      rest_ = rest_.subspan(current_->bytes().size());
      load();
      return *this;
    }
    void operator++(int) noexcept { ++*this; }
    bool operator==(std::default_sentinel_t) const noexcept { return !current_.has_value(); }

   private:
    void load() noexcept { current_ = rest_.empty() ? std::nullopt : Packet::parse(rest_); }

    std::span<Byte> rest_;
    std::optional<Packet> current_;
  };

  explicit BasicRtcpCompound(std::span<Byte> datagram) noexcept : bytes_(datagram) {}

  std::span<Byte> bytes() const noexcept { return bytes_; }
  Iterator begin() const noexcept { return Iterator(bytes_); }
  std::default_sentinel_t end() const noexcept { return {}; }

  // RtcpError::none when the packets' headers and lengths tile the whole
  // datagram; otherwise why the walk stopped. Bodies are not looked at.
  RtcpError error() const noexcept;

 private:
  std::span<Byte> bytes_;
};

using RtcpCompound = BasicRtcpCompound<std::uint8_t>;
using ConstRtcpCompound = BasicRtcpCompound<const std::uint8_t>;

namespace detail {
RtcpError rtcp_tiling_error(std::span<const std::uint8_t> datagram) noexcept;
}  // namespace detail

template <WireByte Byte>
RtcpError BasicRtcpCompound<Byte>::error() const noexcept {
  return detail::rtcp_tiling_error(bytes_);
}

// Every packet well-formed (header, length, padding only on the last one,
// RFC 3550 §6.4.1) and every packet of a type this module knows parses with
// its view; unknown types (XR, ...) pass as opaque. Accepts a lone feedback
// packet, as reduced-size RTCP (RFC 5506 §3) allows.
RtcpError validate_rtcp(std::span<const std::uint8_t> datagram) noexcept;

// validate_rtcp() plus RFC 3550 §6.1: a compound packet starts with SR or RR.
RtcpError validate_compound(std::span<const std::uint8_t> datagram) noexcept;

}  // namespace rtcsip::media::rtp
