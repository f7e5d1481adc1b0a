#pragma once
// Splits SDP text into lines. RFC 8866 §5 ends lines with CRLF but says
// parsers should also accept a bare LF; the last line may lack its ending
// (some stacks cut the body at Content-Length right after the last value).
#include <cstddef>
#include <optional>
#include <string_view>

namespace rtcsip::sdp {

class LineReader {
 public:
  explicit LineReader(std::string_view text) : rest_(text) {}

  // The next line without its line ending; nothing at the end of the text.
  std::optional<std::string_view> next();
  // 1-based number of the line last returned by next().
  [[nodiscard]] std::size_t line_number() const { return line_number_; }
  // True when only line endings remain (trailing blank lines are tolerated).
  [[nodiscard]] bool only_blank_lines_left() const;

 private:
  std::string_view rest_;
  std::size_t line_number_ = 0;
};

}  // namespace rtcsip::sdp
