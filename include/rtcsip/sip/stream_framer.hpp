#pragma once
// Cuts SIP messages out of a byte stream (TCP, TLS): headers up to the blank
// line, then Content-Length bytes of body (RFC 3261 §18.3). CRLFs between
// messages are keepalives (RFC 5626 §4.4.1): a double CRLF is a ping that
// wants a single CRLF back.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "rtcsip/sip/parse_result.hpp"

namespace rtcsip::sip {

struct FramerLimits {
  std::size_t max_header_bytes = 16 * 1024;  // start line and headers
  std::size_t max_body_bytes = 64 * 1024;
};

class StreamFramer {
 public:
  enum class Kind { need_more, message, ping, pong, error };
  struct Event {
    Kind kind = Kind::need_more;
    std::shared_ptr<const std::string> message;  // Kind::message: exactly one message
    ParseError error;                            // Kind::error
  };

  explicit StreamFramer(FramerLimits limits = {}) : limits_(limits) {}

  // Appends received bytes.
  void feed(std::string_view bytes) { buffer_.append(bytes); }
  // The next thing in the stream. After an error the stream cannot be
  // resynchronised: the connection should be closed (after a 400 when the
  // error allows an answer).
  Event next();
  [[nodiscard]] std::size_t buffered() const { return buffer_.size() - start_; }
  // The bytes not yet cut into messages (what an error refers to).
  [[nodiscard]] std::string_view pending() const { return std::string_view(buffer_).substr(start_); }

 private:
  void compact();
  FramerLimits limits_;
  std::string buffer_;
  std::size_t start_ = 0;
  bool failed_ = false;
};

}  // namespace rtcsip::sip
