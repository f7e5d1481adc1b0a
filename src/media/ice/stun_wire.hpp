#pragma once
// The STUN framing checks we do ourselves, before or instead of libnice's:
// the header rules of RFC 8489 §5 and a bounds-checked walk over the
// attributes (§14). Nothing here authenticates a message.
#include <cstddef>
#include <cstdint>
#include <span>

namespace rtcsip::media::ice::wire {

inline constexpr std::size_t kHeaderSize = 20;
inline constexpr std::uint32_t kMagicCookie = 0x2112A442;  // RFC 8489 §5
inline constexpr std::uint16_t kBindingRequest = 0x0001;   // method Binding, class request
inline constexpr std::uint16_t kAttrUsername = 0x0006;
inline constexpr std::uint16_t kAttrMessageIntegrity = 0x0008;
inline constexpr std::size_t kMessageIntegritySize = 20;  // RFC 8489 §14.5: HMAC-SHA1
inline constexpr std::size_t kMaxUsernameSize = 512;      // RFC 8489 §14.3: < 513 bytes

inline std::uint16_t read16(const std::uint8_t* p) { return static_cast<std::uint16_t>((p[0] << 8) | p[1]); }
inline std::uint32_t read32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

// True when `m` is exactly one STUN message as RFC 8489 frames it: the first
// two bits zero (§5, and RFC 7983's first-byte rule), the magic cookie, a
// length that is a multiple of 4 and matches the datagram, and attributes
// (padded to 4 bytes, §14) that end exactly at the end.
bool is_framed_message(std::span<const std::uint8_t> m);

// Calls visit(type, value) for each attribute, in order, until it returns
// false. Only for a message is_framed_message() accepted.
template <class Visit>
void for_each_attribute(std::span<const std::uint8_t> m, Visit&& visit) {
  std::size_t at = kHeaderSize;
  while (at + 4 <= m.size()) {
    const std::uint16_t type = read16(m.data() + at);
    const std::size_t length = read16(m.data() + at + 2);
    if (at + 4 + length > m.size()) return;
    if (!visit(type, m.subspan(at + 4, length))) return;
    at += 4 + ((length + 3) & ~std::size_t{3});
  }
}

}  // namespace rtcsip::media::ice::wire
