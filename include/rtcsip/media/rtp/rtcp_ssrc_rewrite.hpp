#pragma once
// Renaming the sources in a compound RTCP datagram, as a relay does when the
// two legs of a call use different SSRCs for the same stream: every SSRC
// field is passed through a caller's map, told which kind of field it is,
// since "our" sources (sender, SDES, BYE) and "theirs" (reported on, fed
// back about) map differently.
#include <cstdint>
#include <span>

#include "rtcsip/media/rtp/app.hpp"
#include "rtcsip/media/rtp/bye.hpp"
#include "rtcsip/media/rtp/feedback.hpp"
#include "rtcsip/media/rtp/fir.hpp"
#include "rtcsip/media/rtp/receiver_report.hpp"
#include "rtcsip/media/rtp/remb.hpp"
#include "rtcsip/media/rtp/rtcp_compound.hpp"
#include "rtcsip/media/rtp/sdes.hpp"
#include "rtcsip/media/rtp/sender_report.hpp"

namespace rtcsip::media::rtp {

enum class SsrcField : std::uint8_t {
  sender,        // SR, RR, RTPFB, PSFB packet sender; APP source
  report_block,  // the source an SR/RR report block is about
  media_source,  // RTPFB/PSFB media source (0 and unused in FIR and REMB)
  sdes_chunk,    // SDES chunk SSRC/CSRC
  bye,           // BYE SSRC/CSRC
  fir_entry,     // RFC 5104 FIR entry
  remb,          // REMB SSRC list
};

namespace detail {

template <class Map>
void rewrite_feedback_ssrcs(RtcpPacket packet, Map& map) {
  auto fb = Feedback::parse(packet);
  if (!fb) return;
  fb->set_sender_ssrc(map(SsrcField::sender, fb->sender_ssrc()));
  fb->set_media_ssrc(map(SsrcField::media_source, fb->media_ssrc()));
  if (const auto fir = Fir::parse(packet)) {
    for (FirEntry entry : fir->entries()) entry.set_ssrc(map(SsrcField::fir_entry, entry.ssrc()));
  }
  if (auto remb = Remb::parse(packet)) {
    for (std::size_t i = 0; i < remb->ssrc_count(); ++i)
      remb->set_ssrc(i, map(SsrcField::remb, remb->ssrc(i)));
  }
}

template <class Map>
void rewrite_packet_ssrcs(RtcpPacket packet, Map& map) {
  auto rewrite_blocks = [&](auto report) {
    report.set_sender_ssrc(map(SsrcField::sender, report.sender_ssrc()));
    for (ReportBlock block : report.report_blocks())
      block.set_ssrc(map(SsrcField::report_block, block.ssrc()));
  };
  if (const auto sr = SenderReport::parse(packet)) rewrite_blocks(*sr);
  if (const auto rr = ReceiverReport::parse(packet)) rewrite_blocks(*rr);
  if (const auto sdes = Sdes::parse(packet)) {
    for (SdesChunk chunk : *sdes) chunk.set_ssrc(map(SsrcField::sdes_chunk, chunk.ssrc()));
  }
  if (auto bye = Bye::parse(packet)) {
    for (std::size_t i = 0; i < bye->ssrc_count(); ++i) bye->set_ssrc(i, map(SsrcField::bye, bye->ssrc(i)));
  }
  if (auto app = App::parse(packet)) app->set_ssrc(map(SsrcField::sender, app->ssrc()));
  rewrite_feedback_ssrcs(packet, map);
}

}  // namespace detail

// Calls map(SsrcField, old) -> new for every SSRC field of every packet, in
// order, and stores the result in place. A datagram validate_rtcp() refuses
// is left untouched and its error returned. Unknown types (XR) are skipped.
template <class Map>
RtcpError rewrite_rtcp_ssrcs(std::span<std::uint8_t> datagram, Map&& map) {
  if (const RtcpError e = validate_rtcp(datagram); e != RtcpError::none) return e;
  for (const RtcpPacket packet : RtcpCompound(datagram)) detail::rewrite_packet_ssrcs(packet, map);
  return RtcpError::none;
}

}  // namespace rtcsip::media::rtp
