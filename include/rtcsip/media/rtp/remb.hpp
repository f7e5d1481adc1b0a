#pragma once
// Receiver estimated maximum bitrate (draft-alvestrand-rmcat-remb-03 §2.2):
// PSFB FMT 15 (application layer feedback) whose FCI starts with "REMB",
// then the SSRC count, a 6-bit exponent and 18-bit mantissa, and the SSRCs
// the estimate applies to. The common media source SSRC is unused (0).
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>

#include "rtcsip/media/rtp/feedback.hpp"

namespace rtcsip::media::rtp {

template <WireByte Byte>
class BasicRemb : public BasicFeedbackMessage<Byte> {
 public:
  static constexpr std::size_t kFixedFciSize = 8;  // "REMB", count, exponent and mantissa

  static std::optional<BasicRemb> parse(BasicRtcpPacket<Byte> packet) noexcept {
    const auto fb = BasicFeedback<Byte>::parse(packet);
    if (!fb || !fb->is(PsfbFormat::afb)) return std::nullopt;
    const std::span<Byte> b = fb->fci();
    if (b.size() < kFixedFciSize || b[0] != 'R' || b[1] != 'E' || b[2] != 'M' || b[3] != 'B')
      return std::nullopt;
    if (b.size() - kFixedFciSize < 4 * std::size_t{b[4]}) return std::nullopt;
    return BasicRemb(*fb);
  }

  std::uint8_t exponent() const noexcept { return fci()[5] >> 2; }
  std::uint32_t mantissa() const noexcept {
    return (std::uint32_t{fci()[5] & 0x03u} << 16) | load_be16(fci().data() + 6);
  }
  // mantissa x 2^exponent bits per second; saturates, as 2^63 x 2^18 does not fit.
  std::uint64_t bitrate_bps() const noexcept {
    const std::uint64_t m = mantissa();
    const unsigned e = exponent();
    if (m != 0 && e > 0 && (m >> (64 - e)) != 0) return std::numeric_limits<std::uint64_t>::max();
    return m << e;
  }

  std::size_t ssrc_count() const noexcept { return fci()[4]; }
  // Precondition: i < ssrc_count().
  std::uint32_t ssrc(std::size_t i) const noexcept { return load_be32(fci().data() + kFixedFciSize + 4 * i); }
  void set_ssrc(std::size_t i, std::uint32_t ssrc) noexcept requires MutableWireByte<Byte> {
    store_be32(fci().data() + kFixedFciSize + 4 * i, ssrc);
  }

 private:
  using BasicFeedbackMessage<Byte>::BasicFeedbackMessage;

  // The FCI bytes: "REMB", count, exponent and mantissa, SSRCs.
  std::span<Byte> fci() const noexcept { return this->fb_.fci(); }
};

using Remb = BasicRemb<std::uint8_t>;
using ConstRemb = BasicRemb<const std::uint8_t>;

}  // namespace rtcsip::media::rtp
