#pragma once
// Symmetric RTP (RFC 4961) on the legacy leg, hardened against "RTP Bleed"
// (CVE-2017-14099): a relay that latches to whoever sends first lets a
// stranger on the path, or anyone who guesses the port, divert the call's
// media to itself. So:
//  - media goes to the address in the SDP until a source is latched;
//  - a packet from the SDP address is always accepted, and latches it;
//  - another source (a phone behind NAT) is latched only early in the call
//    (a window of time and packets after the first packet), and only after
//    `confirm_packets` packets in a row with negotiated payload types and
//    one SSRC;
//  - once latched, packets from any other source than the latched one or
//    the SDP address are dropped, never forwarded.
#include <cstdint>
#include <optional>

#include "rtcsip/core/timer_service.hpp"
#include "rtcsip/media/relay/endpoint.hpp"

namespace rtcsip::media::relay {

struct LatchConfig {
  core::Duration window = std::chrono::seconds(2);  // from the leg's first packet
  std::uint32_t window_packets = 50;                // packets received in the window
  std::uint32_t confirm_packets = 2;                // in a row from a NAT'd candidate
};

class SymmetricLatch {
 public:
  enum class Verdict : std::uint8_t {
    accept,       // forward it
    unconfirmed,  // a candidate still being confirmed: drop, keep counting
    stranger,     // never forward
  };

  SymmetricLatch(Endpoint sdp_address, const LatchConfig& config) noexcept
      : sdp_address_(sdp_address), config_(config) {}

  // One RTP packet from `from`; `known_payload_type`: negotiated on this leg.
  Verdict on_rtp(const Endpoint& from, bool known_payload_type, std::uint32_t ssrc,
                 core::TimePoint now) noexcept;
  // RTCP is accepted from the host media is latched to or the SDP host.
  [[nodiscard]] bool accepts_rtcp(const Endpoint& from) const noexcept;

  // A new SDP (re-INVITE): new address, a new early window, latch forgotten.
  void reset(Endpoint sdp_address) noexcept;

  // Where media for this leg goes: the latched source, else the SDP address.
  [[nodiscard]] const Endpoint& destination() const noexcept { return latched_ ? *latched_ : sdp_address_; }
  [[nodiscard]] const std::optional<Endpoint>& latched() const noexcept { return latched_; }
  [[nodiscard]] const Endpoint& sdp_address() const noexcept { return sdp_address_; }

 private:
  [[nodiscard]] bool in_window(core::TimePoint now) const noexcept;
  Verdict consider_candidate(const Endpoint& from, bool known_payload_type, std::uint32_t ssrc) noexcept;

  Endpoint sdp_address_;
  LatchConfig config_;
  std::optional<Endpoint> latched_;
  bool window_started_ = false;
  core::TimePoint window_start_{};
  std::uint32_t window_count_ = 0;
  Endpoint candidate_;
  std::uint32_t candidate_ssrc_ = 0;
  std::uint32_t candidate_count_ = 0;
};

}  // namespace rtcsip::media::relay
