#pragma once
// One reception report block of an SR or RR (RFC 3550 §6.4.1), 24 bytes.
#include <cstddef>
#include <cstdint>
#include <span>

#include "rtcsip/media/rtp/byte_order.hpp"

namespace rtcsip::media::rtp {

inline constexpr std::size_t kReportBlockSize = 24;

template <WireByte Byte>
class BasicReportBlock {
 public:
  explicit BasicReportBlock(std::span<Byte, kReportBlockSize> bytes) noexcept : p_(bytes.data()) {}

  std::span<Byte, kReportBlockSize> bytes() const noexcept {
    return std::span<Byte, kReportBlockSize>(p_, kReportBlockSize);
  }
  // The source this block reports on.
  std::uint32_t ssrc() const noexcept { return load_be32(p_); }
  std::uint8_t fraction_lost() const noexcept { return p_[4]; }
  // RFC 3550 §6.4.1: a signed 24-bit count (duplicates can make it negative).
  std::int32_t cumulative_lost() const noexcept {
    const std::uint32_t raw = load_be24(p_ + 5);
    return static_cast<std::int32_t>(raw ^ 0x800000u) - 0x800000;
  }
  std::uint32_t extended_highest_sequence() const noexcept { return load_be32(p_ + 8); }
  std::uint32_t jitter() const noexcept { return load_be32(p_ + 12); }
  std::uint32_t last_sr() const noexcept { return load_be32(p_ + 16); }
  std::uint32_t delay_since_last_sr() const noexcept { return load_be32(p_ + 20); }

  // A relay that renames a stream renames the reports on it too.
  void set_ssrc(std::uint32_t ssrc) noexcept requires MutableWireByte<Byte> { store_be32(p_, ssrc); }
  // ...and, when it shifts sequence numbers, the highest one reported.
  void set_extended_highest_sequence(std::uint32_t sequence) noexcept requires MutableWireByte<Byte> {
    store_be32(p_ + 8, sequence);
  }

 private:
  Byte* p_;
};

using ReportBlock = BasicReportBlock<std::uint8_t>;
using ConstReportBlock = BasicReportBlock<const std::uint8_t>;

}  // namespace rtcsip::media::rtp
