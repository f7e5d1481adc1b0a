#include "base64.hpp"

#include <array>

namespace rtcsip::media::srtp::base64 {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::uint8_t kInvalid = 0xFF;

constexpr std::array<std::uint8_t, 256> make_decode_table() {
  std::array<std::uint8_t, 256> table{};
  table.fill(kInvalid);
  for (std::size_t i = 0; i < kAlphabet.size(); ++i)
    table[static_cast<std::uint8_t>(kAlphabet[i])] = static_cast<std::uint8_t>(i);
  return table;
}
constexpr auto kDecode = make_decode_table();

// Strips up to two '=' and checks the padded length: RFC 4648 §3.2 pads to a
// multiple of four characters, and 4n+1 characters can never be base64.
std::optional<std::string_view> strip_padding(std::string_view text) noexcept {
  std::size_t pad = 0;
  while (pad < text.size() && text[text.size() - 1 - pad] == '=') ++pad;
  if (pad > 2) return std::nullopt;
  if (pad > 0 && text.size() % 4 != 0) return std::nullopt;
  text.remove_suffix(pad);
  if (text.size() % 4 == 1) return std::nullopt;
  return text;
}

}  // namespace

std::string encode(std::span<const std::uint8_t> octets) {
  std::string out;
  out.reserve(encoded_length(octets.size()));
  std::size_t i = 0;
  for (; i + 3 <= octets.size(); i += 3) {
    const std::uint32_t v = octets[i] << 16 | octets[i + 1] << 8 | octets[i + 2];
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(kAlphabet[(v >> shift) & 0x3F]);
  }
  const std::size_t rest = octets.size() - i;
  if (rest == 0) return out;
  const std::uint32_t v = octets[i] << 16 | (rest == 2 ? octets[i + 1] << 8 : 0);
  out.push_back(kAlphabet[(v >> 18) & 0x3F]);
  out.push_back(kAlphabet[(v >> 12) & 0x3F]);
  out.push_back(rest == 2 ? kAlphabet[(v >> 6) & 0x3F] : '=');
  out.push_back('=');
  return out;
}

std::optional<std::size_t> decode(std::string_view text, std::span<std::uint8_t> out) noexcept {
  const auto body = strip_padding(text);
  if (!body) return std::nullopt;
  if (body->size() * 6 / 8 > out.size()) return std::nullopt;
  std::uint32_t bits = 0;
  int pending = 0;
  std::size_t n = 0;
  for (char c : *body) {
    const std::uint8_t v = kDecode[static_cast<std::uint8_t>(c)];
    if (v == kInvalid) return std::nullopt;
    bits = (bits << 6 | v) & 0xFFFFFF;
    pending += 6;
    if (pending >= 8) {
      pending -= 8;
      out[n++] = static_cast<std::uint8_t>(bits >> pending);
    }
  }
  return n;
}

}  // namespace rtcsip::media::srtp::base64
