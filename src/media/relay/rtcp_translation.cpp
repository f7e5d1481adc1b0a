#include "rtcsip/media/relay/rtcp_translation.hpp"

#include "rtcsip/media/rtp/rtcp_compound.hpp"
#include "rtcsip/media/rtp/rtcp_ssrc_rewrite.hpp"
#include "rtcsip/media/rtp/sender_report.hpp"

namespace rtcsip::media::relay {
namespace {

// The SR's RTP timestamp is in the sender's timeline; shift it with its RTP
// (RFC 3550 §6.4.1). Only for the sender's current source: an SR from a
// source we no longer relay describes a timeline the receiver never saw.
void shift_sender_reports(std::span<std::uint8_t> datagram, const StreamRewriter& x_to_y) noexcept {
  const auto in_ssrc = x_to_y.in_ssrc();
  if (!in_ssrc) return;
  for (const rtp::RtcpPacket packet : rtp::RtcpCompound(datagram)) {
    if (auto sr = rtp::SenderReport::parse(packet); sr && sr->sender_ssrc() == *in_ssrc)
      sr->set_rtp_timestamp(sr->rtp_timestamp() + x_to_y.timestamp_offset());
  }
}

// Report blocks count Y's packets in our numbering toward X; back into Y's.
void shift_report_blocks(std::span<std::uint8_t> datagram, const StreamRewriter& y_to_x) noexcept {
  auto shift = [&](auto report) {
    for (rtp::ReportBlock block : report.report_blocks()) {
      if (block.ssrc() != y_to_x.out_ssrc()) continue;
      const std::uint32_t ext = block.extended_highest_sequence();
      const auto seq = static_cast<std::uint16_t>(ext - y_to_x.sequence_offset());
      block.set_extended_highest_sequence((ext & 0xFFFF0000U) | seq);
    }
  };
  for (const rtp::RtcpPacket packet : rtp::RtcpCompound(datagram)) {
    if (const auto sr = rtp::SenderReport::parse(packet)) shift(*sr);
    if (const auto rr = rtp::ReceiverReport::parse(packet)) shift(*rr);
  }
}

}  // namespace

rtp::RtcpError translate_rtcp(std::span<std::uint8_t> datagram, const StreamRewriter& x_to_y,
                              const StreamRewriter& y_to_x) noexcept {
  if (const rtp::RtcpError e = rtp::validate_rtcp(datagram); e != rtp::RtcpError::none) return e;
  shift_sender_reports(datagram, x_to_y);
  if (y_to_x.in_ssrc()) shift_report_blocks(datagram, y_to_x);
  const std::uint32_t ours = x_to_y.out_ssrc();
  const std::uint32_t y_ours_to_x = y_to_x.out_ssrc();
  const auto y_source = y_to_x.in_ssrc();
  return rtp::rewrite_rtcp_ssrcs(datagram, [&](rtp::SsrcField field, std::uint32_t ssrc) {
    switch (field) {
      case rtp::SsrcField::report_block:
      case rtp::SsrcField::media_source:
      case rtp::SsrcField::fir_entry:
      case rtp::SsrcField::remb:
        // About the stream we sent X: name Y's source instead. Anything else
        // (0 in PLI/REMB, a source we never sent) is X's own business.
        return (ssrc == y_ours_to_x && y_source) ? *y_source : ssrc;
      case rtp::SsrcField::sender:
      case rtp::SsrcField::sdes_chunk:
      case rtp::SsrcField::bye:
        break;
    }
    return ours;
  });
}

}  // namespace rtcsip::media::relay
