#pragma once
// RTCP from one leg made fit for the other (RFC 3550 §7.2: a translator that
// renames sources must rename them in RTCP too, or reception reports refer
// to sources the receiver never saw and the legs learn each other's SSRCs):
//  - sender fields (SR/RR/feedback sender, SDES, BYE, APP) become our SSRC
//    toward the receiving leg;
//  - report blocks and feedback media sources, which name the stream we sent
//    the reporting leg, become the SSRC the receiving leg sent us, with the
//    extended highest sequence number shifted back into its numbering;
//  - the SR RTP timestamp, paired with the NTP time for lip sync (§6.4.1),
//    is shifted by the same offset as the RTP timestamps.
#include <cstdint>
#include <span>

#include "rtcsip/media/relay/stream_rewriter.hpp"
#include "rtcsip/media/rtp/rtcp_packet.hpp"

namespace rtcsip::media::relay {

// Translates `datagram`, received from leg X, in place for leg Y.
// `x_to_y` rewrites X's RTP toward Y; `y_to_x` rewrites Y's RTP toward X.
// A datagram validate_rtcp() refuses is left untouched and its error returned.
rtp::RtcpError translate_rtcp(std::span<std::uint8_t> datagram, const StreamRewriter& x_to_y,
                              const StreamRewriter& y_to_x) noexcept;

}  // namespace rtcsip::media::relay
