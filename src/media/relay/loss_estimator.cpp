#include "rtcsip/media/relay/loss_estimator.hpp"

namespace rtcsip::media::relay {

void LossEstimator::on_packet(std::uint32_t ssrc, std::uint16_t sequence) noexcept {
  if (started_ && ssrc != ssrc_) close_source();
  ++received_;
  if (!started_) {
    started_ = true;
    ssrc_ = ssrc;
    base_ = max_ = sequence;
    return;
  }
  // RFC 3550 §A.1: the distance from the highest number, modulo 2^16, read
  // as signed; a positive one advances (and may wrap), a negative one is late.
  const auto delta =
      static_cast<std::int16_t>(static_cast<std::uint16_t>(sequence - static_cast<std::uint16_t>(max_)));
  if (delta > 0) max_ += delta;
}

void LossEstimator::close_source() noexcept {
  closed_expected_ += current_expected();
  closed_lost_ += current_lost();
  started_ = false;
  received_ = 0;
}

std::uint64_t LossEstimator::current_expected() const noexcept {
  return started_ ? static_cast<std::uint64_t>(max_ - base_ + 1) : 0;
}

std::uint64_t LossEstimator::current_lost() const noexcept {
  // Duplicates can make received exceed expected (§6.4.1 allows a negative
  // count); an estimate of lost packets stops at zero.
  const std::uint64_t expected = current_expected();
  return expected > received_ ? expected - received_ : 0;
}

}  // namespace rtcsip::media::relay
