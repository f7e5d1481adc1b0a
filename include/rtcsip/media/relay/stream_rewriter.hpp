#pragma once
// One direction of a relayed stream, rewriting RTP in place: the packets
// leave with the gateway's SSRC for the receiving leg (so the legs never
// see each other's sources) and with sequence numbers and timestamps that
// stay continuous when the sending leg changes source (a re-INVITE, a
// transfer). RFC 3550 §8.2 lets an RTP translator rename sources, and §5.1
// asks that a stream's sequence numbers and timestamps advance without
// jumps, so the receiver's jitter buffer and loss statistics stay sane.
#include <cstdint>
#include <optional>

#include "rtcsip/core/timer_service.hpp"
#include "rtcsip/media/rtp/rtp_packet.hpp"

namespace rtcsip::media::relay {

class StreamRewriter {
 public:
  // `out_ssrc`: our SSRC toward the receiving leg. `clock_rate`: the RTP
  // clock of the stream, used to bridge the timestamp gap on a source change.
  StreamRewriter(std::uint32_t out_ssrc, std::uint32_t clock_rate) noexcept
      : out_ssrc_(out_ssrc), clock_rate_(clock_rate) {}

  // Rewrites SSRC, sequence number and timestamp of `packet` (payload type
  // and marker are the caller's); `now` is its arrival time. Returns true
  // when the packet started a new source.
  bool rewrite(rtp::RtpPacket& packet, core::TimePoint now) noexcept;

  [[nodiscard]] std::uint32_t out_ssrc() const noexcept { return out_ssrc_; }
  // The sending leg's current SSRC, once it has sent RTP.
  [[nodiscard]] std::optional<std::uint32_t> in_ssrc() const noexcept;
  // out = in + offset (mod 2^16 and 2^32): for RTCP that refers to RTP.
  [[nodiscard]] std::uint16_t sequence_offset() const noexcept { return seq_offset_; }
  [[nodiscard]] std::uint32_t timestamp_offset() const noexcept { return ts_offset_; }

 private:
  void start_source(const rtp::RtpPacket& packet, core::TimePoint now) noexcept;
  [[nodiscard]] std::uint32_t elapsed_samples(core::TimePoint now) const noexcept;

  std::uint32_t out_ssrc_;
  std::uint32_t clock_rate_;
  bool has_source_ = false;
  std::uint32_t in_ssrc_ = 0;
  std::uint16_t seq_offset_ = 0;
  std::uint32_t ts_offset_ = 0;
  std::uint16_t last_out_seq_ = 0;
  std::uint32_t last_out_ts_ = 0;
  std::uint32_t last_ts_step_ = 0;  // the last positive timestamp increment seen
  core::TimePoint last_arrival_{};
};

}  // namespace rtcsip::media::relay
