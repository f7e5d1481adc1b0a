#pragma once
// What one leg of a relayed stream did: packets and bytes received from it
// and sent to it, drops by reason (DESIGN: every drop is counted) and a loss
// estimate from sequence gaps (RFC 3550 §6.4.1, §A.3).
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace rtcsip::media::relay {

enum class DropReason : std::uint8_t {
  not_rtp,               // first byte outside RTP/RTCP (RFC 7983 §7)
  malformed_rtp,         // RFC 3550 §5.1/§A.1 checks failed
  unknown_payload_type,  // not negotiated for this leg
  stranger,              // legacy leg: not the latched or SDP source (RTP Bleed)
  not_latched,           // legacy leg: a candidate source still being confirmed
  malformed_rtcp,        // validate_rtcp() refused it
  no_destination,        // the other leg has no address yet
  kCount,
};

std::string_view to_string(DropReason reason) noexcept;

struct LegCounters {
  std::uint64_t rtp_packets_received = 0;
  std::uint64_t rtp_bytes_received = 0;
  std::uint64_t rtcp_packets_received = 0;
  std::uint64_t rtcp_bytes_received = 0;
  std::uint64_t packets_sent = 0;  // RTP and RTCP sent toward this leg
  std::uint64_t bytes_sent = 0;
  std::array<std::uint64_t, static_cast<std::size_t>(DropReason::kCount)> dropped{};
  // Packets this leg's sources did not deliver, over all its sources so far.
  std::uint64_t rtp_packets_lost = 0;
  std::uint64_t rtp_packets_expected = 0;

  [[nodiscard]] std::uint64_t drops(DropReason reason) const noexcept {
    return dropped[static_cast<std::size_t>(reason)];
  }
  [[nodiscard]] std::uint64_t total_dropped() const noexcept;
};

}  // namespace rtcsip::media::relay
