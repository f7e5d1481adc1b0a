#pragma once
// Base64 with the standard alphabet (RFC 4648 §4), as SDES key-salt uses it.
// Encoding pads with '='; decoding accepts the padded and the unpadded form.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace rtcsip::media::srtp::base64 {

constexpr std::size_t encoded_length(std::size_t octets) noexcept { return (octets + 2) / 3 * 4; }

std::string encode(std::span<const std::uint8_t> octets);

// Decodes into `out` and returns how many octets it holds; nothing when the
// text is not base64 or decodes to more than out.size() octets. Bits left over
// in the last character are ignored, as RFC 4648 §3.5 allows.
std::optional<std::size_t> decode(std::string_view text, std::span<std::uint8_t> out) noexcept;

}  // namespace rtcsip::media::srtp::base64
