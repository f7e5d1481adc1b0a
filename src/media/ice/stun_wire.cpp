#include "stun_wire.hpp"

namespace rtcsip::media::ice::wire {

bool is_framed_message(std::span<const std::uint8_t> m) {
  if (m.size() < kHeaderSize || (m[0] & 0xc0) != 0) return false;
  const std::size_t length = read16(m.data() + 2);
  if (length % 4 != 0 || kHeaderSize + length != m.size()) return false;
  if (read32(m.data() + 4) != kMagicCookie) return false;
  std::size_t at = kHeaderSize;
  while (at < m.size()) {
    if (m.size() - at < 4) return false;
    const std::size_t padded = (read16(m.data() + at + 2) + std::size_t{3}) & ~std::size_t{3};
    if (m.size() - at - 4 < padded) return false;
    at += 4 + padded;
  }
  return true;
}

}  // namespace rtcsip::media::ice::wire
