#pragma once
// Character classes and small scanners of the SDP grammar (RFC 8866 §9),
// shared by the line parser and the attribute readers. Nothing here
// allocates except split_fields().
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rtcsip::sdp::grammar {

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
constexpr bool is_ws(char c) { return c == ' ' || c == '\t'; }

// RFC 8866 §9: token-char = %x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 / %x41-5A / %x5E-7E
constexpr bool is_token_char(char ch) {
  const auto c = static_cast<unsigned char>(ch);
  return c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2A || c == 0x2B || c == 0x2D || c == 0x2E ||
         (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x5E && c <= 0x7E);
}

// RFC 8866 §9: non-ws-string = 1*(VCHAR/%x80-FF)
constexpr bool is_non_ws_char(char ch) {
  const auto c = static_cast<unsigned char>(ch);
  return (c >= 0x21 && c <= 0x7E) || c >= 0x80;
}

bool is_token(std::string_view s);
bool is_non_ws(std::string_view s);
bool is_digits(std::string_view s);

// Decimal digits only (no sign, no spaces), at most `max`.
std::optional<std::uint64_t> parse_number(std::string_view s,
                                          std::uint64_t max = std::numeric_limits<std::uint64_t>::max());

std::string_view trim(std::string_view s);           // SP and HTAB on both sides
std::string_view trim_trailing(std::string_view s);  // SP and HTAB at the end

// The next field of `rest` up to a run of SP; `rest` moves past the run.
std::string_view next_field(std::string_view& rest);
// All SP-separated fields (runs of SP count as one separator).
std::vector<std::string_view> split_fields(std::string_view s);

bool iequals(std::string_view a, std::string_view b);  // ASCII case-insensitive
std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);

}  // namespace rtcsip::sdp::grammar
