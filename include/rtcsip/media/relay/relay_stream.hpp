#pragma once
// One audio stream relayed between the WebRTC leg and the legacy leg of a
// call, sans I/O: the worker hands in each received datagram (RTP or RTCP,
// already SRTP-unprotected on the WebRTC side) with its source, and gets the
// datagrams to send, rewritten in place, with their destination through
// `Send`. Per packet: no allocation, no exception, no lock.
//
// WebRTC leg: the caller passes only packets ICE verified (RFC 8445 §7.3)
// and tells the destination with set_webrtc_remote(). Legacy leg: symmetric
// RTP with RTP Bleed protection (SymmetricLatch).
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <utility>

#include "rtcsip/core/timer_service.hpp"
#include "rtcsip/media/relay/endpoint.hpp"
#include "rtcsip/media/relay/leg_counters.hpp"
#include "rtcsip/media/relay/loss_estimator.hpp"
#include "rtcsip/media/relay/media_timeout.hpp"
#include "rtcsip/media/relay/relay_config.hpp"
#include "rtcsip/media/relay/stream_rewriter.hpp"
#include "rtcsip/media/relay/symmetric_latch.hpp"

namespace rtcsip::media::relay {

class RelayStream {
 public:
  using Send =
      std::function<void(Leg to, const Endpoint& destination, std::span<const std::uint8_t> datagram)>;
  using OnEvent = std::function<void(const RelayEvent& event)>;

  // Starts the RTP timeouts of both legs (media is expected from the start).
  RelayStream(core::TimerService& timers, const RelayConfig& config, Send send, OnEvent on_event);
  RelayStream(const RelayStream&) = delete;
  RelayStream& operator=(const RelayStream&) = delete;

  // A datagram received on `leg` from `from`. Nothing when it was forwarded
  // (Send called), else why it was dropped (and counted).
  // `from` decides only on the legacy leg: WebRTC packets come verified by ICE.
  std::optional<DropReason> receive(Leg leg, const Endpoint& from, std::span<std::uint8_t> datagram);

  // The browser's address, from ICE's selected pair; empty: nothing is sent.
  void set_webrtc_remote(const Endpoint& remote) noexcept { webrtc_remote_ = remote; }
  // A new legacy SDP (re-INVITE): new addresses, latching starts over.
  void set_legacy_address(const Endpoint& rtp, const Endpoint& rtcp) noexcept;
  // False while the call is on hold: the RTP timeouts are suspended.
  void expect_media(bool expected);

  // Counters of `leg`, the loss estimate included.
  [[nodiscard]] LegCounters counters(Leg leg) const noexcept;
  [[nodiscard]] const std::optional<Endpoint>& legacy_latched() const noexcept { return latch_.latched(); }
  // Where RTP toward `leg` goes (empty when not known yet).
  [[nodiscard]] const Endpoint& rtp_destination(Leg leg) const noexcept;
  [[nodiscard]] const Endpoint& rtcp_destination(Leg leg) const noexcept;

 private:
  struct LegState {
    LegState(core::TimerService& timers, const LegConfig& config, const LegConfig& other,
             core::Duration rtp_timeout, MediaTimeout::Expired expired)
        : payload_types(config.payload_types),
          rewriter(other.ssrc, config.clock_rate),
          timeout(timers, rtp_timeout, std::move(expired)) {}
    PayloadTypeMap payload_types;  // this leg's -> the other leg's
    StreamRewriter rewriter;       // this leg's RTP toward the other leg
    LossEstimator loss;
    LegCounters counters;
    MediaTimeout timeout;
  };

  std::optional<DropReason> receive_rtp(Leg leg, const Endpoint& from, std::span<std::uint8_t> datagram);
  std::optional<DropReason> receive_rtcp(Leg leg, const Endpoint& from, std::span<std::uint8_t> datagram);
  std::optional<DropReason> admit_legacy_rtp(const Endpoint& from, bool known_pt, std::uint32_t ssrc,
                                             core::TimePoint now);
  void note_rtp_arrival(Leg leg, core::TimePoint now);
  std::optional<DropReason> forward(Leg to, const Endpoint& destination,
                                    std::span<const std::uint8_t> datagram);
  std::optional<DropReason> drop(Leg leg, DropReason reason) noexcept;
  void emit(RelayEvent::Kind kind, Leg leg, const Endpoint& endpoint = {}) const;
  LegState& state(Leg leg) noexcept { return legs_[static_cast<std::size_t>(leg)]; }
  [[nodiscard]] const LegState& state(Leg leg) const noexcept { return legs_[static_cast<std::size_t>(leg)]; }

  core::TimerService& timers_;
  Send send_;
  OnEvent on_event_;
  SymmetricLatch latch_;
  Endpoint legacy_rtcp_sdp_;
  Endpoint legacy_rtcp_source_;  // learned from accepted RTCP on a non-muxed legacy leg
  Endpoint webrtc_remote_;
  std::array<LegState, 2> legs_;
};

}  // namespace rtcsip::media::relay
