#pragma once
// Generic NACK (RFC 4585 §6.2.1): RTPFB FMT 1, one or more FCI items of a
// packet id (PID) and a bitmask of the 16 following lost packets (BLP).
#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "rtcsip/media/rtp/feedback.hpp"
#include "rtcsip/media/rtp/fixed_records.hpp"

namespace rtcsip::media::rtp {

inline constexpr std::size_t kNackItemSize = 4;

template <WireByte Byte>
class BasicNackItem {
 public:
  explicit BasicNackItem(std::span<Byte, kNackItemSize> bytes) noexcept : p_(bytes.data()) {}

  std::uint16_t pid() const noexcept { return load_be16(p_); }
  std::uint16_t blp() const noexcept { return load_be16(p_ + 2); }
  std::size_t lost_count() const noexcept { return 1 + static_cast<std::size_t>(std::popcount(blp())); }

  // Calls f(sequence) for PID, then for PID + i + 1 for each bit i set in BLP
  // (least significant first), wrapping modulo 2^16.
  template <class F>
  void for_each_lost(F&& f) const {
    const std::uint16_t pid_value = pid();
    f(pid_value);
    for (std::uint16_t mask = blp(), i = 0; mask != 0; mask = static_cast<std::uint16_t>(mask >> 1), ++i) {
      if ((mask & 1) != 0) f(static_cast<std::uint16_t>(pid_value + i + 1));
    }
  }

  // A relay that renumbers a stream renumbers the NACKs coming back on it.
  void set_pid(std::uint16_t pid) noexcept requires MutableWireByte<Byte> { store_be16(p_, pid); }
  void set_blp(std::uint16_t blp) noexcept requires MutableWireByte<Byte> { store_be16(p_ + 2, blp); }

 private:
  Byte* p_;
};

template <WireByte Byte>
class BasicNack : public BasicFeedbackMessage<Byte> {
 public:
  static std::optional<BasicNack> parse(BasicRtcpPacket<Byte> packet) noexcept {
    const auto fb = BasicFeedback<Byte>::parse(packet);
    // §6.2.1: "one or more" items, each exactly 4 bytes.
    if (!fb || !fb->is(RtpfbFormat::nack) || !BasicNack::holds_records(*fb, kNackItemSize))
      return std::nullopt;
    return BasicNack(*fb);
  }

  FixedRecords<Byte, kNackItemSize, BasicNackItem> items() const noexcept {
    return {this->fb_.fci().data(), this->fb_.fci().size() / kNackItemSize};
  }

 private:
  using BasicFeedbackMessage<Byte>::BasicFeedbackMessage;
};

using Nack = BasicNack<std::uint8_t>;
using ConstNack = BasicNack<const std::uint8_t>;
using NackItem = BasicNackItem<std::uint8_t>;
using ConstNackItem = BasicNackItem<const std::uint8_t>;

}  // namespace rtcsip::media::rtp
