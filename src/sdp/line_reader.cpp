#include "line_reader.hpp"

namespace rtcsip::sdp {

std::optional<std::string_view> LineReader::next() {
  if (rest_.empty()) return std::nullopt;
  const auto lf = rest_.find('\n');
  auto line = rest_.substr(0, lf);
  rest_ = lf == std::string_view::npos ? std::string_view{} : rest_.substr(lf + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  ++line_number_;
  return line;
}

bool LineReader::only_blank_lines_left() const {
  return rest_.find_first_not_of("\r\n") == std::string_view::npos;
}

}  // namespace rtcsip::sdp
