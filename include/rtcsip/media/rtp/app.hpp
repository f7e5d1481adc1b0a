#pragma once
// Application-defined RTCP, packet type 204 (RFC 3550 §6.7): subtype in the
// count field, an SSRC, a four-character name and opaque data.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "rtcsip/media/rtp/rtcp_packet.hpp"

namespace rtcsip::media::rtp {

template <WireByte Byte>
class BasicApp {
 public:
  static constexpr std::size_t kFixedBodySize = 8;  // SSRC + name

  static std::optional<BasicApp> parse(BasicRtcpPacket<Byte> packet) noexcept {
    if (!packet.is(RtcpType::app) || packet.body().size() < kFixedBodySize) return std::nullopt;
    return BasicApp(packet.body(), packet.count());
  }

  std::uint8_t subtype() const noexcept { return subtype_; }
  std::uint32_t ssrc() const noexcept { return load_be32(body_.data()); }
  // Four ASCII characters (RFC 3550 §6.7); not checked, just shown.
  std::string_view name() const noexcept { return {reinterpret_cast<const char*>(body_.data() + 4), 4}; }
  std::span<Byte> data() const noexcept { return body_.subspan(kFixedBodySize); }

  void set_ssrc(std::uint32_t ssrc) noexcept requires MutableWireByte<Byte> {
    store_be32(body_.data(), ssrc);
  }

 private:
  BasicApp(std::span<Byte> body, std::uint8_t subtype) noexcept : body_(body), subtype_(subtype) {}

  std::span<Byte> body_;
  std::uint8_t subtype_;
};

using App = BasicApp<std::uint8_t>;
using ConstApp = BasicApp<const std::uint8_t>;

}  // namespace rtcsip::media::rtp
