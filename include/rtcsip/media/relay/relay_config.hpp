#pragma once
// What a RelayStream is told by the gateway from the two SDPs of a call.
#include <chrono>
#include <cstdint>

#include "rtcsip/core/timer_service.hpp"
#include "rtcsip/media/relay/endpoint.hpp"
#include "rtcsip/media/relay/payload_type_map.hpp"
#include "rtcsip/media/relay/symmetric_latch.hpp"

namespace rtcsip::media::relay {

// The two legs of a call's media: A toward the browser, B toward the PBX.
enum class Leg : std::uint8_t { webrtc = 0, legacy = 1 };

constexpr Leg other_leg(Leg leg) noexcept { return leg == Leg::webrtc ? Leg::legacy : Leg::webrtc; }

struct LegConfig {
  std::uint32_t ssrc = 0;           // our SSRC toward this leg, chosen by the gateway
  PayloadTypeMap payload_types;     // this leg's payload types -> the other leg's
  std::uint32_t clock_rate = 8000;  // RTP clock of what this leg sends
};

struct RelayConfig {
  LegConfig webrtc;
  LegConfig legacy;
  Endpoint legacy_rtp;   // from the legacy SDP: c= address and m= port
  Endpoint legacy_rtcp;  // a=rtcp (RFC 3605) or port + 1; equal to legacy_rtp with rtcp-mux
  LatchConfig latch;
  // No RTP from a leg for this long is reported; zero disables it.
  core::Duration rtp_timeout = std::chrono::seconds(30);
};

struct RelayEvent {
  enum class Kind : std::uint8_t {
    rtp_timeout,    // no RTP from `leg` for RelayConfig::rtp_timeout
    media_resumed,  // RTP from `leg` again after a timeout
    latched,        // the legacy leg latched to `endpoint`
  };
  Kind kind = Kind::rtp_timeout;
  Leg leg = Leg::webrtc;
  Endpoint endpoint{};
};

}  // namespace rtcsip::media::relay
