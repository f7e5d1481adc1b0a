#include "rtcsip/sip/headers.hpp"

#include <arpa/inet.h>

#include <cstring>

#include "charclass.hpp"

namespace rtcsip::sip {
namespace {

using detail::is_digit;
using detail::is_token;
using detail::is_ws;
using detail::Scanner;

ParseError fail(std::string_view reason, const Scanner& sc) { return ParseError{reason, sc.offset()}; }

// A value of a generic-param: token, host (including an IPv6 reference) or
// quoted-string.
bool scan_gen_value(Scanner& sc) {
  if (sc.peek() == '"') return !sc.quoted_string().empty();
  if (sc.peek() == '[') {
    const std::size_t close = sc.rest().find(']');
    if (close == std::string_view::npos) return false;
    sc.advance(close + 1);
    return true;
  }
  return !sc.token().empty();
}

// host [":" port] of a Via sent-by.
bool scan_host_port(Scanner& sc, std::string_view& host, HostType& type, std::optional<std::uint16_t>& port) {
  if (sc.consume('[')) {
    const std::size_t close = sc.rest().find(']');
    if (close == std::string_view::npos || close == 0 || close > 45) return false;
    host = sc.rest().substr(0, close);
    char buf[46] = {};
    std::memcpy(buf, host.data(), host.size());
    unsigned char addr[16];
    if (inet_pton(AF_INET6, buf, addr) != 1) return false;
    type = HostType::ipv6;
    sc.advance(close + 1);
  } else {
    const std::size_t start = sc.pos();
    bool all_numeric = true;
    while (!sc.done() &&
           (detail::is_alpha(sc.peek()) || is_digit(sc.peek()) || sc.peek() == '-' || sc.peek() == '.')) {
      if (!is_digit(sc.peek()) && sc.peek() != '.') all_numeric = false;
      sc.advance();
    }
    host = sc.text().substr(start, sc.pos() - start);
    if (host.empty() || host.front() == '.' || host.front() == '-') return false;
    if (all_numeric) {
      char buf[16] = {};
      if (host.size() > 15) return false;
      std::memcpy(buf, host.data(), host.size());
      unsigned char addr[4];
      if (inet_pton(AF_INET, buf, addr) != 1) return false;
      type = HostType::ipv4;
    } else {
      type = HostType::name;
    }
  }
  const std::size_t before = sc.pos();
  sc.skip_lws();
  if (sc.consume(':')) {
    sc.skip_lws();
    std::uint64_t p = 0;
    if (!sc.number(p, 65535)) return false;
    port = static_cast<std::uint16_t>(p);
  } else {
    sc.seek(before);
  }
  return true;
}

// Whatever follows must be generic-params to the end of the value.
bool scan_params_to_end(Scanner& sc, HeaderParams& params, std::size_t base) {
  auto span = scan_params(sc.rest(), base + sc.pos());
  if (!span) return false;
  params = HeaderParams(sc.rest().substr(0, *span));
  sc.advance(*span);
  sc.skip_lws();
  return sc.done();
}

std::string_view trim_ws(std::string_view s) {
  while (!s.empty() && (is_ws(s.front()) || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (is_ws(s.back()) || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

std::string_view strip_quotes(std::string_view v) {
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') return v.substr(1, v.size() - 2);
  return v;
}

bool is_word_char(char c) {
  return is_token(c) || (c != '\0' && std::strchr("()<>:\\\"/[]?{}", c) != nullptr);
}

// The value of the first name=value item of a parameter list, names compared
// case-insensitively (header params and auth params alike).
template <class List>
std::optional<std::string_view> first_named(const List& list, std::string_view name) {
  std::optional<std::string_view> found;
  list.for_each([&](std::string_view n, std::string_view v, bool) {
    if (!found && detail::iequals(n, name)) found = v;
  });
  return found;
}

}  // namespace

namespace detail {

bool next_param(std::string_view& rest, std::string_view& name, std::string_view& value, bool& has_value) {
  Scanner sc(rest);
  sc.skip_lws();
  if (!sc.consume(';')) return false;
  sc.skip_lws();
  name = sc.token();
  if (name.empty()) return false;
  const std::size_t after_name = sc.pos();
  sc.skip_lws();
  has_value = false;
  value = {};
  if (sc.consume('=')) {
    sc.skip_lws();
    const std::size_t start = sc.pos();
    if (!scan_gen_value(sc)) return false;
    value = strip_quotes(rest.substr(start, sc.pos() - start));
    has_value = true;
  } else {
    sc.seek(after_name);
  }
  rest.remove_prefix(sc.pos());
  return true;
}

bool next_auth_param(std::string_view& rest, std::string_view& name, std::string_view& value, bool& quoted) {
  Scanner sc(rest);
  sc.skip_lws();
  if (sc.done()) return false;
  name = sc.token();
  if (name.empty()) return false;
  if (!sc.consume_sep('=')) return false;
  quoted = sc.peek() == '"';
  const std::size_t start = sc.pos();
  if (quoted) {
    if (sc.quoted_string().empty()) return false;
    value = strip_quotes(rest.substr(start, sc.pos() - start));
  } else {
    value = sc.token();
    if (value.empty()) return false;
  }
  sc.skip_lws();
  if (!sc.done() && !sc.consume(',')) return false;
  rest.remove_prefix(sc.pos());
  return true;
}

}  // namespace detail

ParseResult<std::size_t> scan_params(std::string_view text, std::size_t base) {
  Scanner sc(text, base);
  for (;;) {
    const std::size_t save = sc.pos();
    sc.skip_lws();
    if (!sc.consume(';')) {
      sc.seek(save);
      return sc.pos();
    }
    sc.skip_lws();
    if (sc.token().empty()) return fail("Malformed header parameter", sc);
    const std::size_t after_name = sc.pos();
    sc.skip_lws();
    if (sc.consume('=')) {
      sc.skip_lws();
      if (!scan_gen_value(sc)) return fail("Malformed header parameter value", sc);
    } else {
      sc.seek(after_name);
    }
  }
}

std::optional<std::string_view> HeaderParams::get(std::string_view name) const {
  return first_named(*this, name);
}

ParseResult<Via> parse_via(std::string_view value) {
  Via via;
  Scanner sc(value);
  sc.skip_lws();
  via.protocol_name = sc.token();
  if (via.protocol_name.empty() || !sc.consume_sep('/')) return fail("Malformed Via protocol", sc);
  via.protocol_version = sc.token();
  if (via.protocol_version.empty() || !sc.consume_sep('/')) return fail("Malformed Via protocol", sc);
  via.transport = sc.token();
  if (via.transport.empty()) return fail("Malformed Via transport", sc);
  if (!sc.skip_lws()) return fail("Malformed Via: no space before sent-by", sc);
  if (!scan_host_port(sc, via.host, via.host_type, via.port)) return fail("Malformed Via sent-by", sc);
  if (!scan_params_to_end(sc, via.params, 0)) return fail("Malformed Via parameters", sc);
  if (auto branch = via.branch(); branch && branch->empty()) return fail("Malformed Via branch", sc);
  return via;
}

ParseResult<NameAddr> parse_name_addr(std::string_view value) {
  NameAddr na;
  Scanner sc(value);
  sc.skip_lws();
  if (sc.peek() == '"') {
    const std::string_view q = sc.quoted_string();
    if (q.empty()) return fail("Malformed display name", sc);
    na.display_name = q.substr(1, q.size() - 2);
    na.quoted_display = true;
    sc.skip_lws();
    if (sc.peek() != '<') return fail("Malformed name-addr: '<' expected after the display name", sc);
  } else if (sc.peek() != '<') {
    // *(token LWS) before '<' is a display name; otherwise this is an addr-spec.
    const std::size_t start = sc.pos();
    std::size_t end = start;
    while (!sc.token().empty()) {
      end = sc.pos();
      sc.skip_lws();
    }
    if (sc.peek() == '<') {
      na.display_name = value.substr(start, end - start);
    } else {
      sc.seek(start);
    }
  }
  if (sc.consume('<')) {
    na.angle_brackets = true;
    const std::size_t close = sc.rest().find('>');
    if (close == std::string_view::npos) return fail("Malformed name-addr: no '>'", sc);
    na.uri_text = sc.rest().substr(0, close);
    const std::size_t uri_offset = sc.pos();
    auto uri = parse_uri(na.uri_text);
    if (!uri) return ParseError{uri.error().reason, uri_offset + uri.error().offset};
    na.uri = *uri;
    sc.advance(close + 1);
  } else {
    // RFC 3261 §20.10: without <>, parameters after the URI are header parameters.
    const std::size_t start = sc.pos();
    while (!sc.done() && sc.peek() != ';' && !is_ws(sc.peek()) && sc.peek() != '\r') sc.advance();
    na.uri_text = value.substr(start, sc.pos() - start);
    if (na.uri_text.empty()) return fail("Malformed address: no URI", sc);
    if (na.uri_text.find_first_of(",?") != std::string_view::npos) {
      return ParseError{"Malformed address: ',' or '?' in a URI without <>", start};
    }
    auto uri = parse_uri(na.uri_text);
    if (!uri) return ParseError{uri.error().reason, start + uri.error().offset};
    na.uri = *uri;
  }
  if (!scan_params_to_end(sc, na.params, 0)) return fail("Malformed header parameters", sc);
  return na;
}

ParseResult<ContactValue> parse_contact(std::string_view value) {
  ContactValue c;
  if (trim_ws(value) == "*") {
    c.star = true;
    return c;
  }
  auto na = parse_name_addr(value);
  if (!na) return na.error();
  c.address = *na;
  return c;
}

ParseResult<CSeq> parse_cseq(std::string_view value) {
  CSeq c;
  Scanner sc(value);
  sc.skip_lws();
  std::uint64_t n = 0;
  // RFC 3261 §8.1.1.5: the sequence number is less than 2**31.
  if (!sc.number(n, 0x7fffffff)) return fail("Malformed CSeq number", sc);
  c.number = static_cast<std::uint32_t>(n);
  if (!sc.skip_lws()) return fail("Malformed CSeq", sc);
  c.method_text = sc.token();
  if (c.method_text.empty()) return fail("Malformed CSeq method", sc);
  sc.skip_lws();
  if (!sc.done()) return fail("Malformed CSeq", sc);
  c.method = method_from(c.method_text);
  return c;
}

ParseResult<std::uint32_t> parse_number(std::string_view value, std::uint32_t max) {
  Scanner sc(value);
  sc.skip_lws();
  std::uint64_t n = 0;
  if (!sc.number(n, max)) return fail(is_digit(sc.peek()) ? "Number out of range" : "Malformed number", sc);
  sc.skip_lws();
  if (!sc.done()) return fail("Malformed number", sc);
  return static_cast<std::uint32_t>(n);
}

ParseResult<std::string_view> parse_call_id(std::string_view value) {
  const std::string_view id = trim_ws(value);
  if (id.empty()) return ParseError{"Empty Call-ID", 0};
  bool at = false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (id[i] == '@') {
      if (at || i == 0 || i + 1 == id.size()) return ParseError{"Malformed Call-ID", i};
      at = true;
    } else if (!is_word_char(id[i])) {
      return ParseError{"Malformed Call-ID", i};
    }
  }
  return id;
}

bool ContentType::is(std::string_view t, std::string_view s) const {
  return detail::iequals(type, t) && detail::iequals(subtype, s);
}

ParseResult<ContentType> parse_content_type(std::string_view value) {
  ContentType ct;
  Scanner sc(value);
  sc.skip_lws();
  ct.type = sc.token();
  if (ct.type.empty() || !sc.consume_sep('/')) return fail("Malformed Content-Type", sc);
  ct.subtype = sc.token();
  if (ct.subtype.empty()) return fail("Malformed Content-Type", sc);
  if (!scan_params_to_end(sc, ct.params, 0)) return fail("Malformed Content-Type parameters", sc);
  return ct;
}

std::optional<std::string_view> AuthValue::get(std::string_view name) const {
  return first_named(*this, name);
}

ParseResult<AuthValue> parse_auth(std::string_view value) {
  AuthValue a;
  Scanner sc(value);
  sc.skip_lws();
  a.scheme = sc.token();
  if (a.scheme.empty()) return fail("Malformed authentication scheme", sc);
  sc.skip_lws();
  a.params = sc.rest();
  // Every parameter must be name=value, separated by commas.
  std::string_view rest = a.params;
  std::string_view name, v;
  bool quoted = false;
  while (!trim_ws(rest).empty()) {
    if (!detail::next_auth_param(rest, name, v, quoted)) {
      return ParseError{"Malformed authentication parameter", value.size() - rest.size()};
    }
  }
  return a;
}

ParseResult<SessionExpires> parse_session_expires(std::string_view value) {
  SessionExpires se;
  Scanner sc(value);
  sc.skip_lws();
  std::uint64_t n = 0;
  if (!sc.number(n, 0xffffffffu)) return fail("Malformed Session-Expires", sc);
  se.delta = static_cast<std::uint32_t>(n);
  if (!scan_params_to_end(sc, se.params, 0)) return fail("Malformed Session-Expires parameters", sc);
  if (auto r = se.refresher(); r && !detail::iequals(*r, "uac") && !detail::iequals(*r, "uas")) {
    return ParseError{"Malformed Session-Expires refresher", 0};
  }
  return se;
}

ParseResult<std::uint32_t> parse_min_se(std::string_view value) {
  Scanner sc(value);
  sc.skip_lws();
  std::uint64_t n = 0;
  if (!sc.number(n, 0xffffffffu)) return fail("Malformed Min-SE", sc);
  HeaderParams ignored;
  if (!scan_params_to_end(sc, ignored, 0)) return fail("Malformed Min-SE parameters", sc);
  return static_cast<std::uint32_t>(n);
}

ParseResult<RAck> parse_rack(std::string_view value) {
  RAck r;
  Scanner sc(value);
  sc.skip_lws();
  std::uint64_t n = 0;
  if (!sc.number(n, 0xffffffffu) || !sc.skip_lws()) return fail("Malformed RAck", sc);
  r.rseq = static_cast<std::uint32_t>(n);
  if (!sc.number(n, 0xffffffffu) || !sc.skip_lws()) return fail("Malformed RAck", sc);
  r.cseq = static_cast<std::uint32_t>(n);
  r.method_text = sc.token();
  sc.skip_lws();
  if (r.method_text.empty() || !sc.done()) return fail("Malformed RAck", sc);
  r.method = method_from(r.method_text);
  return r;
}

ParseResult<Reason> parse_reason(std::string_view value) {
  Reason r;
  Scanner sc(value);
  sc.skip_lws();
  r.protocol = sc.token();
  if (r.protocol.empty()) return fail("Malformed Reason protocol", sc);
  if (!scan_params_to_end(sc, r.params, 0)) return fail("Malformed Reason parameters", sc);
  if (auto cause = r.params.get("cause")) {
    auto n = parse_number(*cause, 0xffffffffu);
    if (!n) return ParseError{"Malformed Reason cause", 0};
    r.cause = *n;
  }
  if (auto text = r.params.get("text")) r.text = *text;
  return r;
}

ParseResult<Event> parse_event(std::string_view value) {
  Event e;
  Scanner sc(value);
  sc.skip_lws();
  e.type = sc.token();
  if (e.type.empty()) return fail("Malformed Event", sc);
  if (!scan_params_to_end(sc, e.params, 0)) return fail("Malformed Event parameters", sc);
  return e;
}

ParseResult<RetryAfter> parse_retry_after(std::string_view value) {
  RetryAfter r;
  Scanner sc(value);
  sc.skip_lws();
  std::uint64_t n = 0;
  if (!sc.number(n, 0xffffffffu)) return fail("Malformed Retry-After", sc);
  r.seconds = static_cast<std::uint32_t>(n);
  const std::size_t before = sc.pos();
  sc.skip_lws();
  if (sc.peek() == '(') {
    // comment = "(" *(ctext / quoted-pair / comment) ")", nesting allowed.
    const std::size_t start = sc.pos();
    int depth = 0;
    do {
      const char c = sc.peek();
      if (sc.done()) return fail("Malformed Retry-After comment", sc);
      if (c == '\\')
        sc.advance();
      else if (c == '(')
        ++depth;
      else if (c == ')')
        --depth;
      sc.advance();
    } while (depth > 0);
    r.comment = value.substr(start + 1, sc.pos() - start - 2);
  } else {
    sc.seek(before);
  }
  if (!scan_params_to_end(sc, r.params, 0)) return fail("Malformed Retry-After parameters", sc);
  return r;
}

ParseResult<std::string_view> parse_token(std::string_view value) {
  const std::string_view t = trim_ws(value);
  if (t.empty()) return ParseError{"Empty token", 0};
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!is_token(t[i])) return ParseError{"Malformed token", i};
  }
  return t;
}

std::string unquote(std::string_view quoted) {
  std::string_view inner = strip_quotes(quoted);
  std::string out;
  out.reserve(inner.size());
  for (std::size_t i = 0; i < inner.size(); ++i) {
    if (inner[i] == '\\' && i + 1 < inner.size()) ++i;
    out.push_back(inner[i]);
  }
  return out;
}

std::string quote_display_name(std::string_view name) {
  bool plain = !name.empty();
  for (char c : name) {
    if (!is_token(c) && c != ' ') plain = false;
  }
  if (plain && name.front() != ' ' && name.back() != ' ') return std::string(name);
  std::string out = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '\r' || c == '\n') continue;
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace rtcsip::sip
