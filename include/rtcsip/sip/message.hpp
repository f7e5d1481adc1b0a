#pragma once
// A SIP message parsed in place (RFC 3261 §7): the start line, the header
// fields and the body are views into a shared, immutable buffer that the
// message keeps alive. Headers are parsed into typed values only when asked
// (see headers.hpp). Edits replace header fields with new text owned by the
// message; the rest keeps pointing into the original buffer, so nothing is
// parsed twice and a copy of a message is cheap.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rtcsip/sip/header_id.hpp"
#include "rtcsip/sip/parse_result.hpp"

namespace rtcsip::sip {

enum class Method : std::uint8_t {
  other,
  invite,
  ack,
  bye,
  cancel,
  options,
  register_,
  prack,
  update,
  info,
  message,
  refer,
  subscribe,
  notify,
  publish
};
Method method_from(std::string_view token);  // case-sensitive, as RFC 3261 §7.1 says
std::string_view method_name(Method m);      // "INVITE"; empty for other

struct HeaderField {
  HeaderId id = HeaderId::other;
  std::string_view name;   // as written (full or compact form)
  std::string_view value;  // leading and trailing whitespace removed; may hold folded lines
};

struct ParseOptions {
  // A datagram carries one message: a missing Content-Length means the body
  // runs to the end (RFC 3261 §18.3), and bytes after Content-Length are
  // dropped. On a stream Content-Length is required and the framer has
  // already cut the message at its end.
  bool datagram = true;
  std::size_t max_headers = 256;
};

class Message {
 public:
  using Buffer = std::shared_ptr<const std::string>;

  // Parses the whole of `buffer` as one message (syntax only: see validate()).
  static ParseResult<Message> parse(Buffer buffer, const ParseOptions& options = {});
  static ParseResult<Message> parse(std::string text, const ParseOptions& options = {});
  // A new request or response to build by editing.
  static Message request(Method method, std::string_view method_text, std::string request_uri);
  static Message response(int status, std::string reason);

  // Start line.
  [[nodiscard]] bool is_request() const { return status_ == 0; }
  [[nodiscard]] Method method() const { return method_; }
  [[nodiscard]] std::string_view method_text() const { return method_text_; }
  [[nodiscard]] std::string_view request_uri() const { return request_uri_; }
  [[nodiscard]] int status() const { return status_; }
  [[nodiscard]] std::string_view reason() const { return reason_; }
  [[nodiscard]] std::string_view version() const { return version_; }

  // Header fields in order, as lines (a line may hold several list values).
  [[nodiscard]] const std::vector<HeaderField>& fields() const { return fields_; }
  [[nodiscard]] const HeaderField* find(HeaderId id) const;
  [[nodiscard]] const HeaderField* find(std::string_view name) const;  // any header, by name
  // The value of the first field with this id, or empty.
  [[nodiscard]] std::string_view header(HeaderId id) const;
  [[nodiscard]] std::size_t count(HeaderId id) const;
  // Every value of a header: list headers split at top-level commas across
  // all their lines (RFC 3261 §7.3.1), other headers one value per line.
  [[nodiscard]] std::vector<std::string_view> values(HeaderId id) const;
  template <class Fn>
  void for_each_value(HeaderId id, Fn fn) const;

  [[nodiscard]] std::string_view body() const { return body_; }

  // Editing. New text is copied into the message; views handed out before
  // stay valid as long as the message (or a copy of it) lives.
  void set_request_uri(std::string uri);
  void set_status(int status, std::string reason);
  void add_header(HeaderId id, std::string value);            // at the end
  void add_header(std::string_view name, std::string value);  // any header
  void prepend_header(HeaderId id, std::string value);        // before the first field
  std::size_t remove_headers(HeaderId id);                    // returns how many lines
  std::size_t remove_headers(std::string_view name);
  void set_header(HeaderId id, std::string value);  // replaces all lines with one, or adds
  // Via stack: a new top Via, and removal of the top value.
  void push_via(std::string value);
  bool pop_via();
  // The body, with Content-Type (or none when empty) and Content-Length set.
  void set_body(std::string content_type, std::string body);

  // Wire form: start line, header fields with their full names, CRLF, body.
  // Content-Length always states the body's size.
  [[nodiscard]] std::string serialize() const;
  void serialize(std::string& out) const;

 private:
  std::string_view keep(std::string text);  // owns text for the message's lifetime
  void insert_field(std::size_t index, HeaderId id, std::string_view name, std::string value);

  Buffer buffer_;
  std::vector<std::shared_ptr<const std::string>> owned_;
  Method method_ = Method::other;
  std::string_view method_text_;
  std::string_view request_uri_;
  int status_ = 0;
  std::string_view reason_;
  std::string_view version_;
  std::vector<HeaderField> fields_;
  std::string_view body_;
};

// Splits a list header value at commas that are not inside quotes or <...>.
template <class Fn>
void split_list(std::string_view value, Fn fn);

// Semantic checks a request or response must pass to be processed (RFC 3261
// §8.1.1, §8.2, §20): the mandatory headers present once and well-formed,
// CSeq method matching the request method, Content-Length matching the body.
// Nothing when it is fine.
std::optional<ParseError> validate(const Message& message);

template <class Fn>
void split_list(std::string_view value, Fn fn) {
  std::size_t start = 0;
  int angle = 0;
  bool quoted = false;
  auto emit = [&](std::size_t end) {
    std::string_view item = value.substr(start, end - start);
    while (!item.empty() &&
           (item.front() == ' ' || item.front() == '\t' || item.front() == '\r' || item.front() == '\n')) {
      item.remove_prefix(1);
    }
    while (!item.empty() &&
           (item.back() == ' ' || item.back() == '\t' || item.back() == '\r' || item.back() == '\n')) {
      item.remove_suffix(1);
    }
    if (!item.empty()) fn(item);
  };
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (quoted) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == '<') {
      ++angle;
    } else if (c == '>') {
      if (angle > 0) --angle;
    } else if (c == ',' && angle == 0) {
      emit(i);
      start = i + 1;
    }
  }
  emit(value.size());
}

template <class Fn>
void Message::for_each_value(HeaderId id, Fn fn) const {
  const bool list = is_list_header(id);
  for (const auto& f : fields_) {
    if (f.id != id) continue;
    if (list) {
      split_list(f.value, fn);
    } else {
      fn(f.value);
    }
  }
}

}  // namespace rtcsip::sip

namespace rtcsip::sip {

// A response to `request` (RFC 3261 §8.2.6): its Via lines, From, To (with
// `to_tag` added when the request's To has no tag and the status is above
// 100), Call-ID and CSeq copied; no body.
Message make_response(const Message& request, int status, std::string reason, std::string_view to_tag = {});

// The standard reason phrase of a status code ("Not Found"), or "Unknown".
std::string_view reason_phrase(int status);

}  // namespace rtcsip::sip
