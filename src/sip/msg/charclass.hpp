#pragma once
// Character classes and small scanners of the RFC 3261 §25 grammar, shared by
// the message, header and URI parsers.
#include <array>
#include <cstdint>
#include <string_view>

namespace rtcsip::sip::detail {

enum CharClass : std::uint8_t {
  kAlpha = 1 << 0,
  kDigit = 1 << 1,
  kToken = 1 << 2,          // token: alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"
  kUnreserved = 1 << 3,     // alphanum / mark
  kUserExtra = 1 << 4,      // user-unreserved: "&" / "=" / "+" / "$" / "," / ";" / "?" / "/"
  kParamExtra = 1 << 5,     // param-unreserved: "[" / "]" / "/" / ":" / "&" / "+" / "$"
  kHeaderExtra = 1 << 6,    // hnv-unreserved: "[" / "]" / "/" / "?" / ":" / "+" / "$"
  kPasswordExtra = 1 << 7,  // "&" / "=" / "+" / "$" / ","
};

constexpr std::array<std::uint8_t, 256> make_table() {
  std::array<std::uint8_t, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] |= kAlpha | kToken | kUnreserved;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] |= kAlpha | kToken | kUnreserved;
  for (int c = '0'; c <= '9'; ++c) t[c] |= kDigit | kToken | kUnreserved;
  for (char c : std::string_view("-.!%*_+`'~")) t[static_cast<unsigned char>(c)] |= kToken;
  for (char c : std::string_view("-_.!~*'()")) t[static_cast<unsigned char>(c)] |= kUnreserved;
  for (char c : std::string_view("&=+$,;?/")) t[static_cast<unsigned char>(c)] |= kUserExtra;
  for (char c : std::string_view("[]/:&+$")) t[static_cast<unsigned char>(c)] |= kParamExtra;
  for (char c : std::string_view("[]/?:+$")) t[static_cast<unsigned char>(c)] |= kHeaderExtra;
  for (char c : std::string_view("&=+$,")) t[static_cast<unsigned char>(c)] |= kPasswordExtra;
  return t;
}

inline constexpr std::array<std::uint8_t, 256> kCharTable = make_table();

constexpr bool is(char c, std::uint8_t cls) { return (kCharTable[static_cast<unsigned char>(c)] & cls) != 0; }
constexpr bool is_alpha(char c) { return is(c, kAlpha); }
constexpr bool is_digit(char c) { return is(c, kDigit); }
constexpr bool is_token(char c) { return is(c, kToken); }
constexpr bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
constexpr bool is_ws(char c) { return c == ' ' || c == '\t'; }

constexpr char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

constexpr bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  }
  return true;
}

constexpr int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A cursor over header or URI text. LWS (RFC 3261 §25.1) is spaces and tabs,
// optionally with one CRLF before them (a folded line).
class Scanner {
 public:
  constexpr explicit Scanner(std::string_view text, std::size_t base = 0) : s_(text), base_(base) {}

  [[nodiscard]] constexpr bool done() const { return i_ >= s_.size(); }
  [[nodiscard]] constexpr char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  [[nodiscard]] constexpr std::size_t pos() const { return i_; }
  [[nodiscard]] constexpr std::size_t offset() const { return base_ + i_; }  // for errors
  [[nodiscard]] constexpr std::string_view rest() const { return s_.substr(i_); }
  [[nodiscard]] constexpr std::string_view text() const { return s_; }
  constexpr void advance(std::size_t n = 1) { i_ += n; }
  constexpr void seek(std::size_t p) { i_ = p; }

  constexpr bool consume(char c) {
    if (peek() != c || done()) return false;
    ++i_;
    return true;
  }

  // Skips LWS; returns whether anything was skipped.
  constexpr bool skip_lws() {
    const std::size_t start = i_;
    for (;;) {
      while (i_ < s_.size() && is_ws(s_[i_])) ++i_;
      if (i_ + 2 < s_.size() && s_[i_] == '\r' && s_[i_ + 1] == '\n' && is_ws(s_[i_ + 2])) {
        i_ += 3;
        continue;
      }
      break;
    }
    return i_ != start;
  }

  // SWS around a separator: e.g. consume_sep(';') for SEMI.
  constexpr bool consume_sep(char c) {
    const std::size_t start = i_;
    skip_lws();
    if (!consume(c)) {
      i_ = start;
      return false;
    }
    skip_lws();
    return true;
  }

  constexpr std::string_view token() {
    const std::size_t start = i_;
    while (i_ < s_.size() && is_token(s_[i_])) ++i_;
    return s_.substr(start, i_ - start);
  }

  // A quoted-string including its quotes, or empty if malformed.
  constexpr std::string_view quoted_string() {
    const std::size_t start = i_;
    if (!consume('"')) return {};
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == '"') {
        ++i_;
        return s_.substr(start, i_ - start);
      }
      if (c == '\\') {
        // quoted-pair: "\" followed by any char but CR and LF (RFC 3261 §25.1)
        if (i_ + 1 >= s_.size() || s_[i_ + 1] == '\r' || s_[i_ + 1] == '\n') break;
        i_ += 2;
        continue;
      }
      if (c == '\r') {
        if (i_ + 2 < s_.size() && s_[i_ + 1] == '\n' && is_ws(s_[i_ + 2])) {
          i_ += 3;
          continue;
        }
        break;
      }
      if (c == '\n' || c == '\0') break;
      ++i_;
    }
    i_ = start;
    return {};
  }

  // Digits as a number, no more than `max`; nothing when there are none or it overflows.
  constexpr bool number(std::uint64_t& out, std::uint64_t max) {
    const std::size_t start = i_;
    std::uint64_t v = 0;
    while (i_ < s_.size() && is_digit(s_[i_])) {
      v = v * 10 + static_cast<std::uint64_t>(s_[i_] - '0');
      if (v > max) {
        i_ = start;
        return false;
      }
      ++i_;
    }
    if (i_ == start) return false;
    out = v;
    return true;
  }

 private:
  std::string_view s_;
  std::size_t base_ = 0;
  std::size_t i_ = 0;
};

}  // namespace rtcsip::sip::detail
