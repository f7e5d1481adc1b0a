#pragma once
// Which RTP payload type (RFC 3550 §5.1, 7 bits) a packet carries on the
// other leg for the same codec: dynamic numbers are chosen per SDP (RFC 3264
// §6.1), so the browser's 126 telephone-event may be the PBX's 101. A flat
// 128-entry table: one load per packet. A payload type with no entry was not
// negotiated and its packets are dropped.
#include <array>
#include <cstdint>
#include <optional>

namespace rtcsip::media::relay {

class PayloadTypeMap {
 public:
  // Maps `from` (this leg's number) to `to` (the other leg's). False, and
  // nothing changed, when either is not a 7-bit payload type.
  bool add(std::uint8_t from, std::uint8_t to) noexcept;
  void remove(std::uint8_t from) noexcept;
  void clear() noexcept { table_.fill(kUnmapped); }

  [[nodiscard]] std::optional<std::uint8_t> map(std::uint8_t from) const noexcept {
    if (from >= table_.size() || table_[from] == kUnmapped) return std::nullopt;
    return table_[from];
  }
  [[nodiscard]] bool contains(std::uint8_t from) const noexcept { return map(from).has_value(); }

 private:
  static constexpr std::uint8_t kUnmapped = 0xFF;
  std::array<std::uint8_t, 128> table_ = make_empty();

  static constexpr std::array<std::uint8_t, 128> make_empty() {
    std::array<std::uint8_t, 128> t{};
    t.fill(kUnmapped);
    return t;
  }
};

}  // namespace rtcsip::media::relay
