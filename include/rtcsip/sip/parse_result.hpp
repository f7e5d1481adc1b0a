#pragma once
// The outcome of parsing network input: a value, or why and where it failed.
// Parsers never throw; the reason is a fixed text fit for a 400 reason phrase.
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace rtcsip::sip {

struct ParseError {
  std::string_view reason;  // static text, e.g. "Malformed Via header"
  std::size_t offset = 0;   // byte offset into the parsed input
};

template <class T>
class ParseResult {
 public:
  ParseResult(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  ParseResult(ParseError error) : error_(error) {}    // NOLINT
  [[nodiscard]] bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  [[nodiscard]] const ParseError& error() const { return error_; }

 private:
  std::optional<T> value_;
  ParseError error_{};
};

}  // namespace rtcsip::sip
