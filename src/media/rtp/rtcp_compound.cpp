// Compound RTCP validation: RFC 3550 §6.1 (structure), §6.4.1 (padding) and
// the §A.2 checks, plus each known packet type's own layout.
#include "rtcsip/media/rtp/rtcp_compound.hpp"

#include "rtcsip/media/rtp/app.hpp"
#include "rtcsip/media/rtp/bye.hpp"
#include "rtcsip/media/rtp/feedback.hpp"
#include "rtcsip/media/rtp/fir.hpp"
#include "rtcsip/media/rtp/nack.hpp"
#include "rtcsip/media/rtp/pli.hpp"
#include "rtcsip/media/rtp/receiver_report.hpp"
#include "rtcsip/media/rtp/remb.hpp"
#include "rtcsip/media/rtp/sdes.hpp"
#include "rtcsip/media/rtp/sender_report.hpp"

namespace rtcsip::media::rtp {

namespace detail {

RtcpError rtcp_tiling_error(std::span<const std::uint8_t> datagram) noexcept {
  if (datagram.empty()) return RtcpError::too_short;
  for (std::span<const std::uint8_t> rest = datagram; !rest.empty();) {
    // A tail too short for a header is what a datagram whose size is not a
    // multiple of 4 leaves behind.
    if (rest.size() < kRtcpHeaderSize && rest.size() != datagram.size()) return RtcpError::trailing_bytes;
    const RtcpLayout layout = rtcp_layout(rest);
    if (layout.error != RtcpError::none) return layout.error;
    rest = rest.subspan(layout.size);
  }
  return RtcpError::none;
}

}  // namespace detail

namespace {

bool carries_remb(const ConstFeedback& fb) noexcept {
  const auto fci = fb.fci();
  return fci.size() >= 4 && fci[0] == 'R' && fci[1] == 'E' && fci[2] == 'M' && fci[3] == 'B';
}

RtcpError feedback_error(const ConstRtcpPacket& packet) noexcept {
  const auto fb = ConstFeedback::parse(packet);
  if (!fb) return RtcpError::truncated_body;
  bool ok = true;
  if (fb->is(RtpfbFormat::nack)) ok = ConstNack::parse(packet).has_value();
  if (fb->is(PsfbFormat::pli)) ok = ConstPli::parse(packet).has_value();
  if (fb->is(PsfbFormat::fir)) ok = ConstFir::parse(packet).has_value();
  if (fb->is(PsfbFormat::afb) && carries_remb(*fb)) ok = ConstRemb::parse(packet).has_value();
  return ok ? RtcpError::none : RtcpError::bad_feedback;
}

RtcpError body_error(const ConstRtcpPacket& packet) noexcept {
  switch (static_cast<RtcpType>(packet.type())) {
    case RtcpType::sr:
      return ConstSenderReport::parse(packet) ? RtcpError::none : RtcpError::truncated_body;
    case RtcpType::rr:
      return ConstReceiverReport::parse(packet) ? RtcpError::none : RtcpError::truncated_body;
    case RtcpType::sdes:
      return ConstSdes::parse(packet) ? RtcpError::none : RtcpError::bad_sdes;
    case RtcpType::bye:
      return ConstBye::parse(packet) ? RtcpError::none : RtcpError::bad_bye;
    case RtcpType::app:
      return ConstApp::parse(packet) ? RtcpError::none : RtcpError::truncated_body;
    case RtcpType::rtpfb:
    case RtcpType::psfb:
      return feedback_error(packet);
    case RtcpType::xr:
      break;  // RFC 3611: carried through opaque
  }
  return RtcpError::none;
}

}  // namespace

RtcpError validate_rtcp(std::span<const std::uint8_t> datagram) noexcept {
  if (const RtcpError e = detail::rtcp_tiling_error(datagram); e != RtcpError::none) return e;
  std::size_t seen = 0;
  for (const ConstRtcpPacket packet : ConstRtcpCompound(datagram)) {
    seen += packet.bytes().size();
    // §6.4.1: "padding MUST only be added to the last individual packet".
    if (packet.has_padding() && seen != datagram.size()) return RtcpError::padding_not_last;
    if (const RtcpError e = body_error(packet); e != RtcpError::none) return e;
  }
  return RtcpError::none;
}

RtcpError validate_compound(std::span<const std::uint8_t> datagram) noexcept {
  if (const RtcpError e = validate_rtcp(datagram); e != RtcpError::none) return e;
  // §6.1: "The first RTCP packet in the compound packet MUST always be a
  // report packet", SR or RR (an empty RR when nothing was received).
  const auto first = ConstRtcpPacket::parse(datagram);
  if (!first->is(RtcpType::sr) && !first->is(RtcpType::rr)) return RtcpError::first_not_report;
  return RtcpError::none;
}

}  // namespace rtcsip::media::rtp
