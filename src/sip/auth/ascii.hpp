#pragma once
// ASCII helpers for the digest parameters: case-insensitive tokens (RFC 7235
// §2.1) and hex values.
#include <string_view>

namespace rtcsip::sip::auth::detail {

constexpr char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }

constexpr bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  }
  return true;
}

constexpr bool is_hex(char c) { return (c >= '0' && c <= '9') || (to_lower(c) >= 'a' && to_lower(c) <= 'f'); }

constexpr bool all_hex(std::string_view s) {
  for (char c : s) {
    if (!is_hex(c)) return false;
  }
  return !s.empty();
}

}  // namespace rtcsip::sip::auth::detail
