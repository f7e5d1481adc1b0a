#include "rtcsip/media/relay/symmetric_latch.hpp"

namespace rtcsip::media::relay {

SymmetricLatch::Verdict SymmetricLatch::on_rtp(const Endpoint& from, bool known_payload_type,
                                               std::uint32_t ssrc, core::TimePoint now) noexcept {
  if (!window_started_) {
    window_started_ = true;
    window_start_ = now;
  }
  ++window_count_;
  // (a) The address the peer signalled is always its own (RFC 3264 §5).
  if (from == sdp_address_) {
    if (known_payload_type) latched_ = from;
    return Verdict::accept;
  }
  if (latched_) return from == *latched_ ? Verdict::accept : Verdict::stranger;
  // (b) Before latching, early in the call only: a NAT'd phone sends from
  // an address its SDP could not know.
  if (!in_window(now)) return Verdict::stranger;
  return consider_candidate(from, known_payload_type, ssrc);
}

SymmetricLatch::Verdict SymmetricLatch::consider_candidate(const Endpoint& from, bool known_payload_type,
                                                           std::uint32_t ssrc) noexcept {
  if (!known_payload_type) {
    // Not media of this call: whatever run the candidate had is broken.
    candidate_count_ = 0;
    return Verdict::stranger;
  }
  if (candidate_count_ == 0 || from != candidate_ || ssrc != candidate_ssrc_) {
    candidate_ = from;
    candidate_ssrc_ = ssrc;
    candidate_count_ = 0;
  }
  if (++candidate_count_ < config_.confirm_packets) return Verdict::unconfirmed;
  latched_ = from;
  candidate_count_ = 0;
  return Verdict::accept;
}

bool SymmetricLatch::in_window(core::TimePoint now) const noexcept {
  return now - window_start_ < config_.window && window_count_ <= config_.window_packets;
}

bool SymmetricLatch::accepts_rtcp(const Endpoint& from) const noexcept {
  return from.same_host(sdp_address_) || (latched_ && from.same_host(*latched_));
}

void SymmetricLatch::reset(Endpoint sdp_address) noexcept {
  sdp_address_ = sdp_address;
  latched_.reset();
  window_started_ = false;
  window_count_ = 0;
  candidate_count_ = 0;
}

}  // namespace rtcsip::media::relay
