#pragma once
// Goodbye, RTCP packet type 203 (RFC 3550 §6.6): SC SSRC/CSRC identifiers,
// then optionally a length-prefixed reason text.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "rtcsip/media/rtp/rtcp_packet.hpp"

namespace rtcsip::media::rtp {

template <WireByte Byte>
class BasicBye {
 public:
  static std::optional<BasicBye> parse(BasicRtcpPacket<Byte> packet) noexcept {
    if (!packet.is(RtcpType::bye)) return std::nullopt;
    const std::span<Byte> body = packet.body();
    const std::size_t ssrcs = 4 * std::size_t{packet.count()};
    if (body.size() < ssrcs) return std::nullopt;
    // Anything after the list is the reason: a length octet and that many
    // octets of text, padded to 32 bits with nulls.
    if (body.size() > ssrcs && body.size() - ssrcs - 1 < body[ssrcs]) return std::nullopt;
    return BasicBye(body, packet.count());
  }

  std::size_t ssrc_count() const noexcept { return count_; }
  // Precondition: i < ssrc_count().
  std::uint32_t ssrc(std::size_t i) const noexcept { return load_be32(body_.data() + 4 * i); }

  std::optional<std::string_view> reason() const noexcept {
    const std::size_t at = 4 * count_;
    if (body_.size() <= at) return std::nullopt;
    return std::string_view(reinterpret_cast<const char*>(body_.data() + at + 1), body_[at]);
  }

  // Precondition: i < ssrc_count().
  void set_ssrc(std::size_t i, std::uint32_t ssrc) noexcept requires MutableWireByte<Byte> {
    store_be32(body_.data() + 4 * i, ssrc);
  }

 private:
  BasicBye(std::span<Byte> body, std::size_t count) noexcept : body_(body), count_(count) {}

  std::span<Byte> body_;
  std::size_t count_;
};

using Bye = BasicBye<std::uint8_t>;
using ConstBye = BasicBye<const std::uint8_t>;

}  // namespace rtcsip::media::rtp
