#include "rtcsip/sip/message.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "charclass.hpp"

namespace rtcsip::sip {
namespace {

using detail::is_digit;
using detail::is_token;
using detail::is_ws;

constexpr std::array<std::string_view, 15> kMethods = {
    "",       "INVITE", "ACK",     "BYE",   "CANCEL",    "OPTIONS", "REGISTER", "PRACK",
    "UPDATE", "INFO",   "MESSAGE", "REFER", "SUBSCRIBE", "NOTIFY",  "PUBLISH"};

// "SIP/" 1*DIGIT "." 1*DIGIT, the name case-insensitive (RFC 3261 §7.1).
bool valid_version(std::string_view v) {
  if (v.size() < 7 || !detail::iequals(v.substr(0, 4), "SIP/")) return false;
  std::size_t i = 4;
  const std::size_t major = i;
  while (i < v.size() && is_digit(v[i])) ++i;
  if (i == major || i >= v.size() || v[i] != '.') return false;
  const std::size_t minor = ++i;
  while (i < v.size() && is_digit(v[i])) ++i;
  return i != minor && i == v.size();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (is_ws(s.front()) || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (is_ws(s.back()) || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// Folded header lines (RFC 3261 §7.3.1) read as one line with single spaces.
std::string unfold(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == '\r' || c == '\n') {
      while (i + 1 < value.size() && (value[i + 1] == '\r' || value[i + 1] == '\n' || is_ws(value[i + 1])))
        ++i;
      while (!out.empty() && is_ws(out.back())) out.pop_back();
      out.push_back(' ');
      continue;
    }
    out.push_back(c);
  }
  return out;
}

struct Cursor {
  std::string_view s;
  std::size_t i = 0;
  // The end of the line starting at i (the index of its '\n'), or npos.
  [[nodiscard]] std::size_t line_end() const {
    const void* p = std::memchr(s.data() + i, '\n', s.size() - i);
    return p ? static_cast<std::size_t>(static_cast<const char*>(p) - s.data()) : std::string_view::npos;
  }
};

std::string_view strip_cr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::optional<ParseError> parse_request_line(std::string_view line, Method& method,
                                             std::string_view& method_text, std::string_view& uri,
                                             std::string_view& version) {
  const std::size_t sp1 = line.find(' ');
  if (sp1 == std::string_view::npos || sp1 == 0) return ParseError{"Malformed request line", 0};
  method_text = line.substr(0, sp1);
  for (std::size_t k = 0; k < method_text.size(); ++k) {
    if (!is_token(method_text[k])) return ParseError{"Malformed method", k};
  }
  const std::size_t sp2 = line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos) return ParseError{"Malformed request line", line.size()};
  uri = line.substr(sp1 + 1, sp2 - sp1 - 1);
  if (uri.empty()) return ParseError{"Malformed request line: empty Request-URI", sp1 + 1};
  version = line.substr(sp2 + 1);
  // RFC 3261 §7.1: single SP separators, no whitespace inside the Request-URI.
  for (std::size_t k = 0; k < uri.size(); ++k) {
    if (static_cast<unsigned char>(uri[k]) <= ' ')
      return ParseError{"Whitespace in Request-URI", sp1 + 1 + k};
  }
  if (!valid_version(version)) {
    return ParseError{version.find(' ') != std::string_view::npos || version.empty()
                          ? "Malformed request line"
                          : "Malformed SIP version",
                      sp2 + 1};
  }
  method = method_from(method_text);
  return std::nullopt;
}

std::optional<ParseError> parse_status_line(std::string_view line, std::string_view& version, int& status,
                                            std::string_view& reason) {
  const std::size_t sp1 = line.find(' ');
  if (sp1 == std::string_view::npos) return ParseError{"Malformed status line", 0};
  version = line.substr(0, sp1);
  if (!valid_version(version)) return ParseError{"Malformed SIP version", 0};
  const std::string_view rest = line.substr(sp1 + 1);
  if (rest.size() < 3 || !is_digit(rest[0]) || !is_digit(rest[1]) || !is_digit(rest[2]) ||
      (rest.size() > 3 && rest[3] != ' ')) {
    return ParseError{"Malformed status code", sp1 + 1};
  }
  status = (rest[0] - '0') * 100 + (rest[1] - '0') * 10 + (rest[2] - '0');
  if (status < 100 || status > 699) return ParseError{"Status code out of range", sp1 + 1};
  reason = rest.size() > 4 ? rest.substr(4) : std::string_view{};
  for (std::size_t k = 0; k < reason.size(); ++k) {
    const unsigned char c = static_cast<unsigned char>(reason[k]);
    if (c < ' ' && c != '\t') return ParseError{"Control character in reason phrase", sp1 + 5 + k};
  }
  return std::nullopt;
}

std::optional<std::uint64_t> parse_length(std::string_view v) {
  v = trim(v);
  if (v.empty() || v.size() > 10) return std::nullopt;
  std::uint64_t n = 0;
  for (char c : v) {
    if (!is_digit(c)) return std::nullopt;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return n;
}

}  // namespace

Method method_from(std::string_view token) {
  for (std::size_t i = 1; i < kMethods.size(); ++i) {
    if (kMethods[i] == token) return static_cast<Method>(i);
  }
  return Method::other;
}

std::string_view method_name(Method m) { return kMethods[static_cast<std::size_t>(m)]; }

ParseResult<Message> Message::parse(std::string text, const ParseOptions& options) {
  return parse(std::make_shared<const std::string>(std::move(text)), options);
}

ParseResult<Message> Message::parse(Buffer buffer, const ParseOptions& options) {
  Message m;
  m.buffer_ = std::move(buffer);
  Cursor c{*m.buffer_};
  // RFC 3261 §7.5: CRLFs before the start line are ignored.
  while (c.i < c.s.size() && (c.s[c.i] == '\r' || c.s[c.i] == '\n')) ++c.i;
  const std::size_t start = c.i;
  std::size_t nl = c.line_end();
  if (nl == std::string_view::npos) return ParseError{"Incomplete message: no end of start line", c.s.size()};
  const std::string_view line = strip_cr(c.s.substr(start, nl - start));
  std::optional<ParseError> err;
  if (line.size() >= 4 && detail::iequals(line.substr(0, 4), "SIP/")) {
    err = parse_status_line(line, m.version_, m.status_, m.reason_);
  } else {
    err = parse_request_line(line, m.method_, m.method_text_, m.request_uri_, m.version_);
  }
  if (err) {
    err->offset += start;
    return *err;
  }
  c.i = nl + 1;
  m.fields_.reserve(24);
  for (;;) {
    if (c.i >= c.s.size()) return ParseError{"Incomplete message: no blank line after the headers", c.i};
    if (c.s[c.i] == '\n') {
      ++c.i;
      break;
    }
    if (c.s[c.i] == '\r' && c.i + 1 < c.s.size() && c.s[c.i + 1] == '\n') {
      c.i += 2;
      break;
    }
    const std::size_t name_start = c.i;
    while (c.i < c.s.size() && is_token(c.s[c.i])) ++c.i;
    const std::string_view name = c.s.substr(name_start, c.i - name_start);
    while (c.i < c.s.size() && is_ws(c.s[c.i])) ++c.i;
    if (name.empty() || c.i >= c.s.size() || c.s[c.i] != ':') {
      return ParseError{"Malformed header line", name_start};
    }
    ++c.i;
    const std::size_t value_start = c.i;
    // The field ends at a line end not followed by whitespace (folding).
    std::size_t end;
    bool this_folded = false;
    for (;;) {
      end = c.line_end();
      if (end == std::string_view::npos)
        return ParseError{"Incomplete message: no blank line after the headers", c.s.size()};
      if (end + 1 < c.s.size() && is_ws(c.s[end + 1])) {
        this_folded = true;
        c.i = end + 1;
        continue;
      }
      break;
    }
    if (m.fields_.size() >= options.max_headers) return ParseError{"Too many header fields", name_start};
    std::string_view value = trim(c.s.substr(value_start, end - value_start));
    for (std::size_t k = 0; k < value.size(); ++k) {
      const unsigned char ch = static_cast<unsigned char>(value[k]);
      // A NUL is allowed only as a quoted-pair inside a quoted string (RFC 3261 §25.1).
      if ((ch == 0 && (k == 0 || value[k - 1] != '\\')) ||
          (ch == '\r' && (k + 1 >= value.size() || value[k + 1] != '\n'))) {
        return ParseError{"Control character in header value",
                          static_cast<std::size_t>(value.data() - c.s.data()) + k};
      }
    }
    if (this_folded) {
      value = m.keep(unfold(value));
    }
    m.fields_.push_back(HeaderField{header_id(name), name, value});
    c.i = end + 1;
  }
  // The body: Content-Length says how long it is (RFC 3261 §18.3, §20.14).
  const std::string_view rest = c.s.substr(c.i);
  std::optional<std::uint64_t> length;
  for (const auto& f : m.fields_) {
    if (f.id != HeaderId::content_length) continue;
    auto n = parse_length(f.value);
    if (!n)
      return ParseError{"Malformed Content-Length", static_cast<std::size_t>(f.value.data() - c.s.data())};
    if (length && *length != *n)
      return ParseError{"Conflicting Content-Length headers",
                        static_cast<std::size_t>(f.name.data() - c.s.data())};
    length = n;
  }
  if (length) {
    if (*length > rest.size()) return ParseError{"Content-Length larger than the message body", c.i};
    m.body_ = rest.substr(0, *length);  // on a datagram, bytes after the body are dropped
  } else {
    m.body_ = options.datagram ? rest : std::string_view{};
  }
  return m;
}

Message Message::request(Method method, std::string_view method_text, std::string request_uri) {
  Message m;
  m.method_ = method;
  m.method_text_ = method == Method::other ? m.keep(std::string(method_text)) : method_name(method);
  m.request_uri_ = m.keep(std::move(request_uri));
  m.version_ = "SIP/2.0";
  return m;
}

Message Message::response(int status, std::string reason) {
  Message m;
  m.status_ = status;
  m.reason_ = m.keep(std::move(reason));
  m.version_ = "SIP/2.0";
  return m;
}

std::string_view Message::keep(std::string text) {
  auto owned = std::make_shared<const std::string>(std::move(text));
  std::string_view view = *owned;
  owned_.push_back(std::move(owned));
  return view;
}

const HeaderField* Message::find(HeaderId id) const {
  for (const auto& f : fields_) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

const HeaderField* Message::find(std::string_view name) const {
  const HeaderId id = header_id(name);
  if (id != HeaderId::other) return find(id);
  for (const auto& f : fields_) {
    if (f.id == HeaderId::other && detail::iequals(f.name, name)) return &f;
  }
  return nullptr;
}

std::string_view Message::header(HeaderId id) const {
  const HeaderField* f = find(id);
  return f ? f->value : std::string_view{};
}

std::size_t Message::count(HeaderId id) const {
  return static_cast<std::size_t>(
      std::count_if(fields_.begin(), fields_.end(), [id](const auto& f) { return f.id == id; }));
}

std::vector<std::string_view> Message::values(HeaderId id) const {
  std::vector<std::string_view> out;
  for_each_value(id, [&out](std::string_view v) { out.push_back(v); });
  return out;
}

void Message::set_request_uri(std::string uri) { request_uri_ = keep(std::move(uri)); }

void Message::set_status(int status, std::string reason) {
  status_ = status;
  reason_ = keep(std::move(reason));
}

void Message::insert_field(std::size_t index, HeaderId id, std::string_view name, std::string value) {
  // A line break in a value would end the header early on the wire and let
  // the rest pass for headers of its own.
  std::replace_if(
      value.begin(), value.end(), [](char ch) { return ch == '\r' || ch == '\n' || ch == '\0'; }, ' ');
  const std::string_view v = keep(std::move(value));
  const std::string_view n = id == HeaderId::other ? keep(std::string(name)) : header_name(id);
  fields_.insert(fields_.begin() + static_cast<std::ptrdiff_t>(index), HeaderField{id, n, v});
}

void Message::add_header(HeaderId id, std::string value) {
  insert_field(fields_.size(), id, {}, std::move(value));
}

void Message::add_header(std::string_view name, std::string value) {
  const HeaderId id = header_id(name);
  insert_field(fields_.size(), id, name, std::move(value));
}

void Message::prepend_header(HeaderId id, std::string value) { insert_field(0, id, {}, std::move(value)); }

std::size_t Message::remove_headers(HeaderId id) {
  const auto before = fields_.size();
  std::erase_if(fields_, [id](const auto& f) { return f.id == id; });
  return before - fields_.size();
}

std::size_t Message::remove_headers(std::string_view name) {
  const HeaderId id = header_id(name);
  if (id != HeaderId::other) return remove_headers(id);
  const auto before = fields_.size();
  std::erase_if(fields_,
                [name](const auto& f) { return f.id == HeaderId::other && detail::iequals(f.name, name); });
  return before - fields_.size();
}

void Message::set_header(HeaderId id, std::string value) {
  auto it = std::find_if(fields_.begin(), fields_.end(), [id](const auto& f) { return f.id == id; });
  if (it == fields_.end()) {
    add_header(id, std::move(value));
    return;
  }
  const auto index = static_cast<std::size_t>(it - fields_.begin());
  remove_headers(id);
  insert_field(index, id, {}, std::move(value));
}

void Message::push_via(std::string value) {
  auto it = std::find_if(fields_.begin(), fields_.end(), [](const auto& f) { return f.id == HeaderId::via; });
  insert_field(it == fields_.end() ? 0 : static_cast<std::size_t>(it - fields_.begin()), HeaderId::via, {},
               std::move(value));
}

bool Message::pop_via() {
  auto it = std::find_if(fields_.begin(), fields_.end(), [](const auto& f) { return f.id == HeaderId::via; });
  if (it == fields_.end()) return false;
  std::vector<std::string_view> values;
  split_list(it->value, [&values](std::string_view v) { values.push_back(v); });
  if (values.size() <= 1) {
    fields_.erase(it);
    return true;
  }
  // Keep the rest of a combined line: "Via: a, b, c" becomes "Via: b, c".
  const char* rest = values[1].data();
  it->value = std::string_view(rest, static_cast<std::size_t>(it->value.data() + it->value.size() - rest));
  return true;
}

void Message::set_body(std::string content_type, std::string body) {
  remove_headers(HeaderId::content_type);
  if (!body.empty() || !content_type.empty()) add_header(HeaderId::content_type, std::move(content_type));
  body_ = keep(std::move(body));
}

std::string Message::serialize() const {
  std::string out;
  serialize(out);
  return out;
}

void Message::serialize(std::string& out) const {
  std::size_t size = 64 + body_.size();
  for (const auto& f : fields_) size += f.name.size() + f.value.size() + 24;
  out.reserve(out.size() + size);
  if (is_request()) {
    out.append(method_text_).append(" ").append(request_uri_).append(" ").append(version_);
  } else {
    char code[4] = {static_cast<char>('0' + status_ / 100), static_cast<char>('0' + status_ / 10 % 10),
                    static_cast<char>('0' + status_ % 10), '\0'};
    out.append(version_).append(" ").append(code, 3).append(" ").append(reason_);
  }
  out.append("\r\n");
  for (const auto& f : fields_) {
    if (f.id == HeaderId::content_length) continue;
    out.append(f.id == HeaderId::other ? f.name : header_name(f.id))
        .append(": ")
        .append(f.value)
        .append("\r\n");
  }
  out.append("Content-Length: ").append(std::to_string(body_.size())).append("\r\n\r\n").append(body_);
}

}  // namespace rtcsip::sip
