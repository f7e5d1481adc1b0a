#pragma once
// Picture loss indication (RFC 4585 §6.3.1): PSFB FMT 1 with no FCI; the
// relay forwards it toward the media source as a keyframe request.
#include <cstdint>
#include <optional>

#include "rtcsip/media/rtp/feedback.hpp"

namespace rtcsip::media::rtp {

template <WireByte Byte>
class BasicPli : public BasicFeedbackMessage<Byte> {
 public:
  static std::optional<BasicPli> parse(BasicRtcpPacket<Byte> packet) noexcept {
    const auto fb = BasicFeedback<Byte>::parse(packet);
    // §6.3.1: "the length field MUST be 2", so there is no FCI.
    if (!fb || !fb->is(PsfbFormat::pli) || !fb->fci().empty()) return std::nullopt;
    return BasicPli(*fb);
  }

 private:
  using BasicFeedbackMessage<Byte>::BasicFeedbackMessage;
};

using Pli = BasicPli<std::uint8_t>;
using ConstPli = BasicPli<const std::uint8_t>;

}  // namespace rtcsip::media::rtp
