#pragma once
// Packets for the media/rtp tests written as hex, the way they look in a
// capture: "80 c8 00 06 ..." (spaces and newlines are ignored).
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace rtcsip::media::rtp::test {

inline std::vector<std::uint8_t> hex(std::string_view text) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::vector<std::uint8_t> out;
  int high = -1;
  for (const char c : text) {
    const int n = nibble(c);
    if (n < 0) continue;
    if (high < 0) {
      high = n;
    } else {
      out.push_back(static_cast<std::uint8_t>(high << 4 | n));
      high = -1;
    }
  }
  return out;
}

inline std::vector<std::uint8_t> concat(std::initializer_list<std::vector<std::uint8_t>> parts) {
  std::vector<std::uint8_t> out;
  for (const auto& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

// A Chrome audio packet: Opus (PT 111), with a one-byte extension block
// (RFC 8285 §4.2) holding ssrc-audio-level (id 1: voice, -33 dBov),
// abs-send-time (id 2, 3 bytes) and transport-wide-cc (id 3, sequence 500),
// then 3 padding octets; 28 bytes of header and a 144-byte Opus frame.
inline std::vector<std::uint8_t> chrome_opus_packet() {
  auto p =
      hex("90 6f 1a 2b  00 0b b8 40  5e 1f 0c 3a"
          "be de 00 03  10 a1 22 12  34 56 31 01  f4 00 00 00");
  p.push_back(0x78);  // TOC: config 15 (hybrid, fullband, 20 ms), mono, one frame
  for (int i = 1; i < 144; ++i) p.push_back(static_cast<std::uint8_t>(i * 37 + 11));
  return p;
}

}  // namespace rtcsip::media::rtp::test
