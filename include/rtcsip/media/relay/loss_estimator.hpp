#pragma once
// Expected versus received packets of one leg, from sequence numbers
// (RFC 3550 §A.3): expected is the extended highest sequence number minus
// the first one plus one, lost is expected minus received. Each new source
// (SSRC) starts a new sequence space; the totals of earlier ones are kept.
#include <cstdint>

namespace rtcsip::media::relay {

class LossEstimator {
 public:
  // One packet; a new `ssrc` closes the previous source's sequence space.
  void on_packet(std::uint32_t ssrc, std::uint16_t sequence) noexcept;

  [[nodiscard]] std::uint64_t expected() const noexcept { return closed_expected_ + current_expected(); }
  [[nodiscard]] std::uint64_t lost() const noexcept { return closed_lost_ + current_lost(); }

 private:
  [[nodiscard]] std::uint64_t current_expected() const noexcept;
  [[nodiscard]] std::uint64_t current_lost() const noexcept;
  void close_source() noexcept;

  bool started_ = false;
  std::uint32_t ssrc_ = 0;
  std::int64_t base_ = 0;  // extended first sequence number
  std::int64_t max_ = 0;   // extended highest sequence number
  std::uint64_t received_ = 0;
  std::uint64_t closed_expected_ = 0;
  std::uint64_t closed_lost_ = 0;
};

}  // namespace rtcsip::media::relay
