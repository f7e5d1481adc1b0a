#include "rtcsip/media/relay/relay_stream.hpp"

#include <utility>

#include "rtcsip/media/relay/rtcp_translation.hpp"
#include "rtcsip/media/rtp/demux.hpp"
#include "rtcsip/media/rtp/rtp_packet.hpp"

namespace rtcsip::media::relay {

RelayStream::RelayStream(core::TimerService& timers, const RelayConfig& config, Send send, OnEvent on_event)
    : timers_(timers),
      send_(std::move(send)),
      on_event_(std::move(on_event)),
      latch_(config.legacy_rtp, config.latch),
      legacy_rtcp_sdp_(config.legacy_rtcp),
      legs_{LegState(timers, config.webrtc, config.legacy, config.rtp_timeout,
                     [this] { emit(RelayEvent::Kind::rtp_timeout, Leg::webrtc); }),
            LegState(timers, config.legacy, config.webrtc, config.rtp_timeout,
                     [this] { emit(RelayEvent::Kind::rtp_timeout, Leg::legacy); })} {
  for (LegState& leg : legs_) leg.timeout.start();
}

std::optional<DropReason> RelayStream::receive(Leg leg, const Endpoint& from,
                                               std::span<std::uint8_t> datagram) {
  // RFC 7983 §7: only 128..191 is RTP or RTCP; STUN and DTLS are the caller's.
  if (rtp::classify_datagram(datagram) != rtp::DatagramKind::rtp_or_rtcp)
    return drop(leg, DropReason::not_rtp);
  // RFC 5761 §4: RTCP packet types sit where RTP payload types 64..95 would.
  if (rtp::is_rtcp(datagram)) return receive_rtcp(leg, from, datagram);
  return receive_rtp(leg, from, datagram);
}

std::optional<DropReason> RelayStream::receive_rtp(Leg leg, const Endpoint& from,
                                                   std::span<std::uint8_t> datagram) {
  LegState& in = state(leg);
  ++in.counters.rtp_packets_received;
  in.counters.rtp_bytes_received += datagram.size();
  auto packet = rtp::RtpPacket::parse(datagram);
  if (!packet) return drop(leg, DropReason::malformed_rtp);
  const auto payload_type = in.payload_types.map(packet->payload_type());
  const core::TimePoint now = timers_.now();
  if (leg == Leg::legacy) {
    if (auto refused = admit_legacy_rtp(from, payload_type.has_value(), packet->ssrc(), now)) return refused;
  }
  if (!payload_type) return drop(leg, DropReason::unknown_payload_type);
  note_rtp_arrival(leg, now);
  in.loss.on_packet(packet->ssrc(), packet->sequence_number());
  const Leg to = other_leg(leg);
  const Endpoint& destination = rtp_destination(to);
  if (destination.empty()) return drop(leg, DropReason::no_destination);

  in.rewriter.rewrite(*packet, now);
  packet->set_payload_type(*payload_type);  // the marker bit is left as it came
  return forward(to, destination, datagram);
}

std::optional<DropReason> RelayStream::admit_legacy_rtp(const Endpoint& from, bool known_pt,
                                                        std::uint32_t ssrc, core::TimePoint now) {
  const std::optional<Endpoint> before = latch_.latched();
  switch (latch_.on_rtp(from, known_pt, ssrc, now)) {
    case SymmetricLatch::Verdict::accept:
      break;
    case SymmetricLatch::Verdict::unconfirmed:
      return drop(Leg::legacy, DropReason::not_latched);
    case SymmetricLatch::Verdict::stranger:
      // A stray packet with a payload type we do not relay is counted as such.
      return drop(Leg::legacy, known_pt ? DropReason::stranger : DropReason::unknown_payload_type);
  }
  if (latch_.latched() != before) emit(RelayEvent::Kind::latched, Leg::legacy, *latch_.latched());
  return std::nullopt;
}

void RelayStream::note_rtp_arrival(Leg leg, core::TimePoint now) {
  LegState& in = state(leg);
  if (in.timeout.on_packet(now)) {
    in.timeout.start();  // once per silence: off the steady-state path
    emit(RelayEvent::Kind::media_resumed, leg);
  }
}

std::optional<DropReason> RelayStream::receive_rtcp(Leg leg, const Endpoint& from,
                                                    std::span<std::uint8_t> datagram) {
  LegState& in = state(leg);
  ++in.counters.rtcp_packets_received;
  in.counters.rtcp_bytes_received += datagram.size();
  if (leg == Leg::legacy) {
    if (!latch_.accepts_rtcp(from)) return drop(leg, DropReason::stranger);
    legacy_rtcp_source_ = from;  // symmetric RTCP (RFC 4961): answer where it came from
  }
  const Leg to = other_leg(leg);
  const Endpoint& destination = rtcp_destination(to);
  if (destination.empty()) return drop(leg, DropReason::no_destination);
  if (translate_rtcp(datagram, in.rewriter, state(to).rewriter) != rtp::RtcpError::none)
    return drop(leg, DropReason::malformed_rtcp);
  return forward(to, destination, datagram);
}

std::optional<DropReason> RelayStream::forward(Leg to, const Endpoint& destination,
                                               std::span<const std::uint8_t> datagram) {
  LegCounters& out = state(to).counters;
  ++out.packets_sent;
  out.bytes_sent += datagram.size();
  if (send_) send_(to, destination, datagram);
  return std::nullopt;
}

std::optional<DropReason> RelayStream::drop(Leg leg, DropReason reason) noexcept {
  ++state(leg).counters.dropped[static_cast<std::size_t>(reason)];
  return reason;
}

void RelayStream::emit(RelayEvent::Kind kind, Leg leg, const Endpoint& endpoint) const {
  if (on_event_) on_event_(RelayEvent{kind, leg, endpoint});
}

void RelayStream::set_legacy_address(const Endpoint& rtp, const Endpoint& rtcp) noexcept {
  latch_.reset(rtp);
  legacy_rtcp_sdp_ = rtcp;
  legacy_rtcp_source_ = Endpoint{};
}

void RelayStream::expect_media(bool expected) {
  for (LegState& leg : legs_) {
    if (expected)
      leg.timeout.start();
    else
      leg.timeout.stop();
  }
}

LegCounters RelayStream::counters(Leg leg) const noexcept {
  LegCounters c = state(leg).counters;
  c.rtp_packets_expected = state(leg).loss.expected();
  c.rtp_packets_lost = state(leg).loss.lost();
  return c;
}

const Endpoint& RelayStream::rtp_destination(Leg leg) const noexcept {
  return leg == Leg::webrtc ? webrtc_remote_ : latch_.destination();
}

const Endpoint& RelayStream::rtcp_destination(Leg leg) const noexcept {
  // WebRTC multiplexes RTCP with RTP (RFC 8834 §4.5); so does a legacy peer
  // whose SDP gave one address for both (RFC 5761).
  if (leg == Leg::webrtc) return webrtc_remote_;
  if (!legacy_rtcp_source_.empty()) return legacy_rtcp_source_;
  if (legacy_rtcp_sdp_.empty() || legacy_rtcp_sdp_ == latch_.sdp_address()) return latch_.destination();
  return legacy_rtcp_sdp_;
}

}  // namespace rtcsip::media::relay
