#include "rtcsip/sip/stream_framer.hpp"

#include <cstring>

#include "charclass.hpp"
#include "rtcsip/sip/header_id.hpp"

namespace rtcsip::sip {
namespace {

// The Content-Length of a header block, or an error text.
std::optional<std::size_t> content_length(std::string_view head, bool& malformed) {
  std::optional<std::size_t> length;
  std::size_t pos = head.find('\n');  // skip the start line
  while (pos != std::string_view::npos && pos + 1 < head.size()) {
    const std::size_t line_start = pos + 1;
    pos = head.find('\n', line_start);
    const std::string_view line =
        head.substr(line_start, pos == std::string_view::npos ? std::string_view::npos : pos - line_start);
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view name = line.substr(0, colon);
    while (!name.empty() && detail::is_ws(name.back())) name.remove_suffix(1);
    if (header_id(name) != HeaderId::content_length) continue;
    std::size_t n = 0;
    bool digits = false;
    for (char c : line.substr(colon + 1)) {
      if (detail::is_digit(c)) {
        if (n > 100'000'000) {
          malformed = true;
          return std::nullopt;
        }
        n = n * 10 + static_cast<std::size_t>(c - '0');
        digits = true;
      } else if (!detail::is_ws(c) && c != '\r') {
        malformed = true;
        return std::nullopt;
      }
    }
    if (!digits || (length && *length != n)) {
      malformed = true;
      return std::nullopt;
    }
    length = n;
  }
  return length;
}

}  // namespace

void StreamFramer::compact() {
  if (start_ > 0 && (start_ == buffer_.size() || start_ > 64 * 1024)) {
    buffer_.erase(0, start_);
    start_ = 0;
  }
}

StreamFramer::Event StreamFramer::next() {
  if (failed_) return Event{Kind::error, nullptr, ParseError{"Stream out of sync", 0}};
  compact();
  std::string_view data(buffer_);
  data.remove_prefix(start_);
  // Keepalives between messages: "\r\n\r\n" is a ping, a lone "\r\n" a pong.
  if (!data.empty() && (data[0] == '\r' || data[0] == '\n')) {
    if (data.substr(0, 4) == "\r\n\r\n") {
      start_ += 4;
      return Event{Kind::ping, nullptr, {}};
    }
    if (data.size() < 4 && std::string_view("\r\n\r\n").substr(0, data.size()) == data) {
      return Event{};  // may become a ping
    }
    if (data.substr(0, 2) == "\r\n") {
      start_ += 2;
      return Event{Kind::pong, nullptr, {}};
    }
    start_ += 1;  // a bare LF
    return Event{Kind::pong, nullptr, {}};
  }
  const std::size_t end_of_head = data.find("\r\n\r\n");
  if (end_of_head == std::string_view::npos) {
    if (data.size() > limits_.max_header_bytes) {
      failed_ = true;
      return Event{Kind::error, nullptr, ParseError{"Message headers too large", limits_.max_header_bytes}};
    }
    return Event{};
  }
  if (end_of_head + 4 > limits_.max_header_bytes) {
    failed_ = true;
    return Event{Kind::error, nullptr, ParseError{"Message headers too large", limits_.max_header_bytes}};
  }
  bool malformed = false;
  auto length = content_length(data.substr(0, end_of_head + 2), malformed);
  if (malformed) {
    failed_ = true;
    return Event{Kind::error, nullptr, ParseError{"Malformed Content-Length", 0}};
  }
  // RFC 3261 §18.3: on a stream, Content-Length is mandatory.
  if (!length) {
    failed_ = true;
    return Event{Kind::error, nullptr, ParseError{"Missing Content-Length on a stream transport", 0}};
  }
  if (*length > limits_.max_body_bytes) {
    failed_ = true;
    return Event{Kind::error, nullptr, ParseError{"Message body too large", end_of_head + 4}};
  }
  const std::size_t total = end_of_head + 4 + *length;
  if (data.size() < total) return Event{};
  auto message = std::make_shared<const std::string>(data.substr(0, total));
  start_ += total;
  return Event{Kind::message, std::move(message), {}};
}

}  // namespace rtcsip::sip
