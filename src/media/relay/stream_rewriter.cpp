#include "rtcsip/media/relay/stream_rewriter.hpp"

#include <chrono>

namespace rtcsip::media::relay {

std::optional<std::uint32_t> StreamRewriter::in_ssrc() const noexcept {
  if (!has_source_) return std::nullopt;
  return in_ssrc_;
}

bool StreamRewriter::rewrite(rtp::RtpPacket& packet, core::TimePoint now) noexcept {
  const bool new_source = !has_source_ || packet.ssrc() != in_ssrc_;
  if (new_source) start_source(packet, now);
  const auto out_seq = static_cast<std::uint16_t>(packet.sequence_number() + seq_offset_);
  const std::uint32_t out_ts = packet.timestamp() + ts_offset_;
  // Track the newest packet sent (serial number arithmetic, RFC 1982), so a
  // late packet does not pull the continuation point back.
  const auto advance = static_cast<std::int16_t>(static_cast<std::uint16_t>(out_seq - last_out_seq_));
  if (new_source || advance > 0) {
    // One packet's worth of timestamp, learned across losses (a gap of n
    // packets advances the timestamp n times).
    const auto ts_advance = static_cast<std::int32_t>(out_ts - last_out_ts_);
    if (!new_source && ts_advance > 0) last_ts_step_ = static_cast<std::uint32_t>(ts_advance / advance);
    last_out_seq_ = out_seq;
    last_out_ts_ = out_ts;
    last_arrival_ = now;
  }
  packet.set_ssrc(out_ssrc_);
  packet.set_sequence_number(out_seq);
  packet.set_timestamp(out_ts);
  return new_source;
}

void StreamRewriter::start_source(const rtp::RtpPacket& packet, core::TimePoint now) noexcept {
  if (!has_source_) {
    // The first source keeps its own numbering: it is already random
    // (RFC 3550 §5.1), and only the SSRC needs hiding.
    seq_offset_ = 0;
    ts_offset_ = 0;
  } else {
    // RFC 3550 §5.1: the sequence number increments by one per packet; the
    // timestamp by the time that passed, at least one packet's worth.
    const std::uint32_t step = last_ts_step_ != 0 ? last_ts_step_ : clock_rate_ / 50;
    const std::uint32_t elapsed = elapsed_samples(now);
    const std::uint32_t next_ts = last_out_ts_ + (elapsed > step ? elapsed : step);
    seq_offset_ = static_cast<std::uint16_t>(last_out_seq_ + 1 - packet.sequence_number());
    ts_offset_ = next_ts - packet.timestamp();
  }
  has_source_ = true;
  in_ssrc_ = packet.ssrc();
}

std::uint32_t StreamRewriter::elapsed_samples(core::TimePoint now) const noexcept {
  const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(now - last_arrival_).count();
  if (elapsed <= 0) return 0;
  // Capped at an hour: beyond that continuity means nothing and the product must not overflow.
  const auto capped = static_cast<std::uint64_t>(elapsed < 3'600'000'000LL ? elapsed : 3'600'000'000LL);
  return static_cast<std::uint32_t>(capped * clock_rate_ / 1'000'000U);
}

}  // namespace rtcsip::media::relay
