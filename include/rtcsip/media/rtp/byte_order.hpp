#pragma once
// Network byte order loads and stores on raw packet bytes. Every RTP/RTCP
// field is big-endian (RFC 3550 §5.1, §6.4); these compile to one load or
// store plus a byte swap, with no alignment assumption.
#include <concepts>
#include <cstdint>
#include <type_traits>

namespace rtcsip::media::rtp {

// The byte type a packet view is built over: std::uint8_t for a view that
// may rewrite fields in place, const std::uint8_t for a read-only one.
template <class Byte>
concept WireByte = std::same_as<std::remove_const_t<Byte>, std::uint8_t>;

template <class Byte>
concept MutableWireByte = WireByte<Byte> && !std::is_const_v<Byte>;

constexpr std::uint16_t load_be16(const std::uint8_t* p) noexcept {
  return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}

constexpr std::uint32_t load_be24(const std::uint8_t* p) noexcept {
  return (std::uint32_t{p[0]} << 16) | (std::uint32_t{p[1]} << 8) | p[2];
}

constexpr std::uint32_t load_be32(const std::uint8_t* p) noexcept {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

constexpr std::uint64_t load_be64(const std::uint8_t* p) noexcept {
  return (std::uint64_t{load_be32(p)} << 32) | load_be32(p + 4);
}

constexpr void store_be16(std::uint8_t* p, std::uint16_t v) noexcept {
  p[0] = static_cast<std::uint8_t>(v >> 8);
  p[1] = static_cast<std::uint8_t>(v);
}

constexpr void store_be32(std::uint8_t* p, std::uint32_t v) noexcept {
  p[0] = static_cast<std::uint8_t>(v >> 24);
  p[1] = static_cast<std::uint8_t>(v >> 16);
  p[2] = static_cast<std::uint8_t>(v >> 8);
  p[3] = static_cast<std::uint8_t>(v);
}

}  // namespace rtcsip::media::rtp
