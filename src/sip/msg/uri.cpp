// SIP, SIPS and tel URIs: parsing (RFC 3261 §19.1.1 and §25.1, RFC 3966 §3,
// RFC 5954 for IPv6 references), comparison (RFC 3261 §19.1.4, RFC 3966 §4)
// and serialization. parse_uri() only records views into its input: it never
// allocates and never throws.
#include "rtcsip/sip/uri.hpp"

#include <arpa/inet.h>

#include <array>
#include <cstring>

#include "charclass.hpp"

namespace rtcsip::sip {
namespace {

using detail::is;
using detail::is_alpha;
using detail::is_digit;
using detail::is_hex;
using detail::Scanner;
using Status = std::optional<ParseError>;
constexpr std::size_t kNpos = std::string_view::npos;

constexpr std::string_view kBadScheme = "Malformed URI scheme";
constexpr std::string_view kBadUri = "Malformed URI";
constexpr std::string_view kBadUser = "Malformed user part";
constexpr std::string_view kBadPassword = "Malformed password";
constexpr std::string_view kBadHost = "Malformed host";
constexpr std::string_view kBadPort = "Invalid port";
constexpr std::string_view kBadEscape = "Invalid escape sequence";
constexpr std::string_view kBadParam = "Malformed URI parameter";
constexpr std::string_view kBadHeader = "Malformed URI header";
constexpr std::string_view kWhitespace = "Whitespace in URI";
constexpr std::string_view kBadTel = "Malformed tel URI";

// RFC 3261 §25.1 character sets, each also allowing `escaped`.
constexpr std::uint8_t kUserChars = detail::kUnreserved | detail::kUserExtra;
constexpr std::uint8_t kPasswordChars = detail::kUnreserved | detail::kPasswordExtra;
constexpr std::uint8_t kParamChars = detail::kUnreserved | detail::kParamExtra;
constexpr std::uint8_t kHeaderChars = detail::kUnreserved | detail::kHeaderExtra;
// RFC 3966 §3 isub value: uric = reserved / unreserved / escaped, less the ";"
// that would end the parameter.
constexpr std::uint8_t kIsubChars = detail::kUnreserved | detail::kPasswordExtra;
constexpr std::string_view kIsubExtra = "/?:@";

constexpr bool is_alnum(char c) { return is(c, detail::kAlpha | detail::kDigit); }
constexpr bool is_visual_separator(char c) { return c == '-' || c == '.' || c == '(' || c == ')'; }
// RFC 2396 reserved, the characters whose escapes stay distinct (RFC 3261 §19.1.4).
constexpr bool is_reserved(char c) { return std::string_view(";/?:@&=+$,").find(c) != kNpos; }
constexpr bool ends_host(char c) { return c == ':' || c == ';' || c == '?'; }

// ---------------------------------------------------------------- lexical --

// Consumes *( cls / extra / escaped ). A "%" that does not start
// "%" HEXDIG HEXDIG is an error, not the end of the run (RFC 3261 §25.1).
Status scan_run(Scanner& sc, std::uint8_t cls, std::string_view extra = {}) {
  while (!sc.done()) {
    const char c = sc.peek();
    if (c == '%') {
      const std::string_view r = sc.rest();
      if (r.size() < 3 || !is_hex(r[1]) || !is_hex(r[2])) return ParseError{kBadEscape, sc.offset()};
      sc.advance(3);
    } else if (is(c, cls) || extra.find(c) != kNpos) {
      sc.advance();
    } else {
      break;
    }
  }
  return std::nullopt;
}

// 1*( cls / escaped ), reporting `reason` when empty.
Status scan_nonempty(Scanner& sc, std::uint8_t cls, std::string_view reason, std::string_view extra = {}) {
  const std::size_t start = sc.pos();
  if (auto e = scan_run(sc, cls, extra)) return e;
  if (sc.pos() == start) return ParseError{reason, sc.offset()};
  return std::nullopt;
}

std::string_view slice(const Scanner& sc, std::size_t from) {
  return sc.text().substr(from, sc.pos() - from);
}

// ------------------------------------------------------------------ hosts --

// IPv4address = 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT, each 0..255.
std::optional<std::uint32_t> ipv4_value(std::string_view s) {
  std::uint32_t value = 0;
  for (int octet = 0; octet < 4; ++octet) {
    if (octet > 0) {
      if (s.empty() || s.front() != '.') return std::nullopt;
      s.remove_prefix(1);
    }
    std::size_t n = 0;
    std::uint32_t v = 0;
    while (n < s.size() && n < 4 && is_digit(s[n])) v = v * 10 + static_cast<std::uint32_t>(s[n++] - '0');
    if (n == 0 || n > 3 || v > 255) return std::nullopt;
    value = (value << 8) | v;
    s.remove_prefix(n);
  }
  if (!s.empty()) return std::nullopt;
  return value;
}

// The 16 bytes of an IPv6address. RFC 5954 §3 replaces RFC 3261's IPv6 ABNF
// with RFC 3986's, which is what inet_pton() implements; it needs a C string.
std::optional<std::array<unsigned char, 16>> ipv6_bytes(std::string_view s) {
  std::array<char, INET6_ADDRSTRLEN> buf{};
  if (s.empty() || s.size() >= buf.size()) return std::nullopt;
  std::memcpy(buf.data(), s.data(), s.size());
  std::array<unsigned char, 16> out{};
  if (inet_pton(AF_INET6, buf.data(), out.data()) != 1) return std::nullopt;
  return out;
}

// domainlabel = alphanum / alphanum *( alphanum / "-" ) alphanum; a toplabel
// starts with ALPHA instead (RFC 3261 §25.1).
bool valid_label(std::string_view l, bool top) {
  if (l.empty() || !is_alnum(l.front()) || !is_alnum(l.back())) return false;
  if (top && !is_alpha(l.front())) return false;
  for (char c : l) {
    if (!is_alnum(c) && c != '-') return false;
  }
  return true;
}

// hostname = *( domainlabel "." ) toplabel [ "." ]: where the first bad label
// starts, or npos when the name is well formed.
std::size_t bad_label_at(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = name.find('.', start);
    const bool top = dot == kNpos;
    const std::string_view label = name.substr(start, top ? kNpos : dot - start);
    if (!valid_label(label, top)) return start;
    if (top) return kNpos;
    start = dot + 1;
  }
}

// After a host only a port, parameters or headers may follow.
Status check_host_end(const Scanner& sc) {
  if (!sc.done() && !ends_host(sc.peek())) return ParseError{kBadHost, sc.offset()};
  return std::nullopt;
}

// IPv6reference = "[" IPv6address "]"; `host` keeps the address only.
Status parse_ipv6_reference(Scanner& sc, Uri& uri) {
  sc.advance();  // '['
  const std::size_t start = sc.pos();
  while (!sc.done() && (is_hex(sc.peek()) || sc.peek() == ':' || sc.peek() == '.')) sc.advance();
  const std::string_view address = slice(sc, start);
  if (!sc.consume(']')) return ParseError{kBadHost, sc.offset()};
  if (!ipv6_bytes(address)) return ParseError{kBadHost, start};
  uri.host = address;
  uri.host_type = HostType::ipv6;
  return check_host_end(sc);
}

// host = hostname / IPv4address / IPv6reference. An empty host is an error:
// sip and sips URIs always name one (RFC 3261 §19.1.1).
Status parse_host(Scanner& sc, Uri& uri) {
  if (sc.peek() == '[') return parse_ipv6_reference(sc, uri);
  const std::size_t start = sc.pos();
  while (!sc.done() && (is_alnum(sc.peek()) || sc.peek() == '-' || sc.peek() == '.')) sc.advance();
  if (auto e = check_host_end(sc)) return e;
  const std::string_view host = slice(sc, start);
  if (ipv4_value(host)) {
    uri.host_type = HostType::ipv4;
  } else if (const std::size_t bad = bad_label_at(host); bad != kNpos) {
    return ParseError{kBadHost, start + bad};
  } else {
    uri.host_type = HostType::name;
  }
  uri.host = host;
  return std::nullopt;
}

// ------------------------------------------------------- sip / sips parts --

// userinfo = ( user / telephone-subscriber ) [ ":" password ] "@". The user
// may contain ";", "?" and "/", so userinfo ends at the one "@" a valid URI
// can contain, not at the first delimiter (RFC 4475 §3.1.1.9).
Status parse_userinfo(Scanner& sc, Uri& uri) {
  const std::size_t at = sc.rest().find('@');
  if (at == kNpos) return std::nullopt;
  const std::size_t start = sc.pos();
  Scanner us(sc.text().substr(0, start + at));
  us.seek(start);
  if (auto e = scan_nonempty(us, kUserChars, kBadUser)) return e;
  uri.user = slice(us, start);
  uri.has_user = true;
  if (us.consume(':')) {
    const std::size_t pw = us.pos();
    if (auto e = scan_run(us, kPasswordChars)) return e;
    if (!us.done()) return ParseError{kBadPassword, us.offset()};
    uri.password = slice(us, pw);
    uri.has_password = true;
  } else if (!us.done()) {
    return ParseError{kBadUser, us.offset()};
  }
  sc.seek(start + at + 1);
  return std::nullopt;
}

// port = 1*DIGIT, and it has to fit in 16 bits.
Status parse_port(Scanner& sc, Uri& uri) {
  if (!sc.consume(':')) return std::nullopt;
  std::uint64_t value = 0;
  if (!sc.number(value, 65535)) return ParseError{kBadPort, sc.offset()};
  if (!sc.done() && sc.peek() != ';' && sc.peek() != '?') return ParseError{kBadPort, sc.offset()};
  uri.port = static_cast<std::uint16_t>(value);
  return std::nullopt;
}

// uri-parameters = *( ";" uri-parameter ). transport-param, user-param, ... are
// all also other-param = pname [ "=" pvalue ] with pname, pvalue = 1*paramchar,
// so one rule checks them all (RFC 3261 §25.1).
Status parse_sip_params(Scanner& sc, Uri& uri) {
  const std::size_t start = sc.pos();
  while (sc.consume(';')) {
    if (auto e = scan_nonempty(sc, kParamChars, kBadParam)) return e;
    if (sc.consume('=')) {
      if (auto e = scan_nonempty(sc, kParamChars, kBadParam)) return e;
    }
  }
  if (!sc.done() && sc.peek() != '?') return ParseError{kBadParam, sc.offset()};
  uri.params = ParamList(slice(sc, start));
  return std::nullopt;
}

// headers = "?" header *( "&" header ), header = hname "=" hvalue, where hname
// is 1*( hnv-unreserved / unreserved / escaped ) and hvalue may be empty.
Status parse_headers(Scanner& sc, Uri& uri) {
  if (!sc.consume('?')) return std::nullopt;
  const std::size_t start = sc.pos();
  do {
    if (auto e = scan_nonempty(sc, kHeaderChars, kBadHeader)) return e;
    if (!sc.consume('=')) return ParseError{kBadHeader, sc.offset()};
    if (auto e = scan_run(sc, kHeaderChars)) return e;
  } while (sc.consume('&'));
  if (!sc.done()) return ParseError{kBadHeader, sc.offset()};
  uri.headers = slice(sc, start);
  return std::nullopt;
}

// SIP-URI = "sip:" [ userinfo ] hostport uri-parameters [ headers ]; each step
// checks what may follow it, so the last one ends the text.
Status parse_sip(Scanner& sc, Uri& uri) {
  if (auto e = parse_userinfo(sc, uri)) return e;
  if (auto e = parse_host(sc, uri)) return e;
  if (auto e = parse_port(sc, uri)) return e;
  if (auto e = parse_sip_params(sc, uri)) return e;
  return parse_headers(sc, uri);
}

// -------------------------------------------------------------------- tel --

// global-number-digits = "+" *phonedigit DIGIT *phonedigit
bool is_global_number(std::string_view s) {
  if (s.empty() || s.front() != '+') return false;
  bool digit = false;
  for (char c : s.substr(1)) {
    if (is_digit(c)) {
      digit = true;
    } else if (!is_visual_separator(c)) {
      return false;
    }
  }
  return digit;
}

// 1*phonedigit, for the ext parameter.
bool is_phonedigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is_digit(c) && !is_visual_separator(c)) return false;
  }
  return true;
}

// The number: global-number-digits, or local-number-digits =
// *phonedigit-hex ( HEXDIG / "*" / "#" ) *phonedigit-hex (RFC 3966 §3).
Status parse_tel_number(Scanner& sc, Uri& uri) {
  const std::size_t start = sc.pos();
  const bool global = sc.consume('+');
  bool digit = false;
  for (; !sc.done(); sc.advance()) {
    const char c = sc.peek();
    if (global ? is_digit(c) : (is_hex(c) || c == '*' || c == '#')) {
      digit = true;
    } else if (!is_visual_separator(c)) {
      break;
    }
  }
  if (!digit || (!sc.done() && sc.peek() != ';')) return ParseError{kBadTel, sc.offset()};
  uri.user = slice(sc, start);
  uri.has_user = true;
  return std::nullopt;
}

// The parameters RFC 3966 §3 gives a grammar of their own need a value.
Status check_tel_param(std::string_view name, std::string_view value, std::size_t offset, bool& context) {
  bool ok = true;
  if (detail::iequals(name, "phone-context")) {
    // descriptor = domainname / global-number-digits; only one context.
    ok = !context && (is_global_number(value) || (!value.empty() && bad_label_at(value) == kNpos));
    context = true;
  } else if (detail::iequals(name, "ext")) {
    ok = is_phonedigits(value);
  } else if (detail::iequals(name, "isub")) {
    ok = !value.empty();
  }
  if (!ok) return ParseError{kBadTel, offset};
  return std::nullopt;
}

// par = ";" pname [ "=" pvalue ], pname = 1*( alphanum / "-" ),
// pvalue = 1*paramchar; isub's value is 1*uric.
Status parse_tel_param(Scanner& sc, bool& context) {
  const std::size_t start = sc.pos();
  while (!sc.done() && (is_alnum(sc.peek()) || sc.peek() == '-')) sc.advance();
  const std::string_view name = slice(sc, start);
  if (name.empty()) return ParseError{kBadParam, sc.offset()};
  const bool has_value = sc.consume('=');
  const std::size_t value_start = sc.pos();
  if (has_value) {
    const bool isub = detail::iequals(name, "isub");
    if (auto e = scan_nonempty(sc, isub ? kIsubChars : kParamChars, kBadParam, isub ? kIsubExtra : ""))
      return e;
  }
  return check_tel_param(name, slice(sc, value_start), value_start, context);
}

// telephone-uri = "tel:" telephone-subscriber; a local number must carry a
// phone-context (RFC 3966 §5.1.5); a global one needs none.
Status parse_tel(Scanner& sc, Uri& uri) {
  if (auto e = parse_tel_number(sc, uri)) return e;
  const std::size_t start = sc.pos();
  bool context = false;
  while (sc.consume(';')) {
    if (auto e = parse_tel_param(sc, context)) return e;
  }
  if (!sc.done()) return ParseError{kBadParam, sc.offset()};
  if (uri.user.front() != '+' && !context) return ParseError{kBadTel, sc.offset()};
  uri.params = ParamList(slice(sc, start));
  return std::nullopt;
}

// ----------------------------------------------------------- other schemes --

// Any other scheme keeps its text after ":" as it is: not empty, and only
// visible US-ASCII (RFC 3261 §25.1 absoluteURI has no controls or octets
// above 0x7e).
Status parse_opaque(Scanner& sc, Uri& uri) {
  if (sc.done()) return ParseError{kBadUri, sc.offset()};
  const std::size_t start = sc.pos();
  for (; !sc.done(); sc.advance()) {
    const auto c = static_cast<unsigned char>(sc.peek());
    if (c <= 0x20 || c >= 0x7f) return ParseError{kBadUri, sc.offset()};
  }
  uri.opaque = slice(sc, start);
  return std::nullopt;
}

// scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), case-insensitive.
Status parse_scheme(Scanner& sc, Uri& uri) {
  if (!is_alpha(sc.peek())) return ParseError{kBadScheme, sc.offset()};
  while (!sc.done() && (is_alnum(sc.peek()) || sc.peek() == '+' || sc.peek() == '-' || sc.peek() == '.')) {
    sc.advance();
  }
  if (sc.done() || sc.peek() != ':') return ParseError{kBadScheme, sc.offset()};
  uri.scheme_text = slice(sc, 0);
  sc.advance();
  if (detail::iequals(uri.scheme_text, "sip")) {
    uri.scheme = UriScheme::sip;
  } else if (detail::iequals(uri.scheme_text, "sips")) {
    uri.scheme = UriScheme::sips;
  } else if (detail::iequals(uri.scheme_text, "tel")) {
    uri.scheme = UriScheme::tel;
  } else {
    uri.scheme = UriScheme::other;
  }
  return std::nullopt;
}

// LWS is never part of a URI; a request line such as "sip:a@b; lr" is bad
// (RFC 4475 §3.1.2.2), so whitespace is reported before anything else.
std::size_t find_whitespace(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return i;
  }
  return kNpos;
}

// ------------------------------------------------------------- comparison --

// RFC 3261 §19.1.4: characters other than "reserved" ones are equivalent to
// their "%" HEX HEX encoding, so %61 is "a" while %40 is not "@". Reads one
// character at a time, decoding escapes, without allocating.
class EscapedReader {
 public:
  struct Unit {
    char c = 0;
    bool reserved_escape = false;
  };

  explicit EscapedReader(std::string_view s) : s_(s) {}

  bool next(Unit& u) {
    if (i_ >= s_.size()) return false;
    if (s_[i_] == '%' && i_ + 2 < s_.size() && is_hex(s_[i_ + 1]) && is_hex(s_[i_ + 2])) {
      u.c = static_cast<char>(detail::hex_value(s_[i_ + 1]) * 16 + detail::hex_value(s_[i_ + 2]));
      u.reserved_escape = is_reserved(u.c);
      i_ += 3;
      return true;
    }
    u = {s_[i_++], false};
    return true;
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

bool escaped_equal(std::string_view a, std::string_view b, bool ignore_case) {
  EscapedReader ra(a);
  EscapedReader rb(b);
  EscapedReader::Unit ua;
  EscapedReader::Unit ub;
  for (;;) {
    const bool more_a = ra.next(ua);
    if (more_a != rb.next(ub)) return false;
    if (!more_a) return true;
    if (ua.reserved_escape != ub.reserved_escape) return false;
    const bool same = ignore_case ? detail::to_lower(ua.c) == detail::to_lower(ub.c) : ua.c == ub.c;
    if (!same) return false;
  }
}

// IP addresses compare as addresses (RFC 5954 §4 for IPv6), names
// case-insensitively; a name never equals an address (RFC 3261 §19.1.4).
bool host_equal(const Uri& a, const Uri& b) {
  if (a.host_type != b.host_type) return false;
  if (a.host_type == HostType::ipv6) {
    const auto x = ipv6_bytes(a.host);
    const auto y = ipv6_bytes(b.host);
    if (x && y) return *x == *y;
  } else if (a.host_type == HostType::ipv4) {
    const auto x = ipv4_value(a.host);
    const auto y = ipv4_value(b.host);
    if (x && y) return *x == *y;
  }
  return detail::iequals(a.host, b.host);
}

// RFC 3261 §19.1.4: user, ttl, method, maddr and transport must match when
// either URI has them; any other parameter matters only when both have it.
// Names and values are case-insensitive; the first occurrence of a name counts.
bool sip_params_equal(const ParamList& a, const ParamList& b) {
  constexpr std::array<std::string_view, 5> kAlways{"user", "ttl", "method", "maddr", "transport"};
  for (std::string_view name : kAlways) {
    if (a.has(name) != b.has(name)) return false;
  }
  bool equal = true;
  a.for_each([&](std::string_view name, std::string_view, bool) {
    const auto other = b.get(name);
    if (other && !escaped_equal(*a.get(name), *other, true)) equal = false;
  });
  return equal;
}

template <class Fn>
void for_each_header(std::string_view headers, Fn fn) {
  while (!headers.empty()) {
    const std::size_t amp = headers.find('&');
    const std::string_view item = headers.substr(0, amp);
    const std::size_t eq = item.find('=');
    fn(item.substr(0, eq), eq == kNpos ? std::string_view{} : item.substr(eq + 1));
    if (amp == kNpos) break;
    headers.remove_prefix(amp + 1);
  }
}

// Header names are case-insensitive; values follow the default of RFC 3261
// §7.3.1 and §19.1.4 (case-insensitive) except where §20 says otherwise:
// Call-ID is compared byte by byte (§20.8), and so is a message body.
bool header_equal(std::string_view name_a, std::string_view value_a, std::string_view name_b,
                  std::string_view value_b) {
  if (!escaped_equal(name_a, name_b, true)) return false;
  const bool exact = escaped_equal(name_a, "call-id", true) || escaped_equal(name_a, "i", true) ||
                     escaped_equal(name_a, "body", true);
  return escaped_equal(value_a, value_b, !exact);
}

std::size_t count_header(std::string_view headers, std::string_view name, std::string_view value) {
  std::size_t n = 0;
  for_each_header(headers, [&](std::string_view hn, std::string_view hv) {
    if (header_equal(name, value, hn, hv)) ++n;
  });
  return n;
}

// "Any present header component MUST be present in both URIs and match"
// (RFC 3261 §19.1.4), in any order: the two lists are equal as multisets.
bool headers_equal(std::string_view a, std::string_view b) {
  std::size_t count_a = 0;
  std::size_t count_b = 0;
  for_each_header(a, [&](std::string_view, std::string_view) { ++count_a; });
  for_each_header(b, [&](std::string_view, std::string_view) { ++count_b; });
  if (count_a != count_b) return false;
  bool equal = true;
  for_each_header(a, [&](std::string_view name, std::string_view value) {
    if (equal && count_header(a, name, value) != count_header(b, name, value)) equal = false;
  });
  return equal;
}

bool sip_equal(const Uri& a, const Uri& b) {
  // Userinfo is case-sensitive; a missing user or password never matches a
  // present one, nor a missing port a present one, even 5060 (§19.1.4).
  if (a.has_user != b.has_user || !escaped_equal(a.user, b.user, false)) return false;
  if (a.has_password != b.has_password || !escaped_equal(a.password, b.password, false)) return false;
  if (!host_equal(a, b) || a.port != b.port) return false;
  return sip_params_equal(a.params, b.params) && headers_equal(a.headers, b.headers);
}

// Digits compared with the visual separators removed (RFC 3966 §4).
bool phone_digits_equal(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  for (;;) {
    while (i < a.size() && is_visual_separator(a[i])) ++i;
    while (j < b.size() && is_visual_separator(b[j])) ++j;
    if (i == a.size() || j == b.size()) return i == a.size() && j == b.size();
    if (detail::to_lower(a[i++]) != detail::to_lower(b[j++])) return false;
  }
}

// RFC 3966 §4: phone-context is a host name or digits, ext is digits, the
// other parameters compare case-insensitively.
bool tel_value_equal(std::string_view name, std::string_view a, std::string_view b) {
  const bool digits = detail::iequals(name, "ext") ||
                      (detail::iequals(name, "phone-context") && !a.empty() && a.front() == '+');
  return digits ? phone_digits_equal(a, b) : escaped_equal(a, b, true);
}

// RFC 3966 §4: every parameter of one URI must also be in the other.
bool tel_params_within(const ParamList& a, const ParamList& b) {
  bool equal = true;
  a.for_each([&](std::string_view name, std::string_view, bool) {
    const auto other = b.get(name);
    if (!other || !tel_value_equal(name, *a.get(name), *other)) equal = false;
  });
  return equal;
}

bool tel_equal(const Uri& a, const Uri& b) {
  const bool global_a = !a.user.empty() && a.user.front() == '+';
  const bool global_b = !b.user.empty() && b.user.front() == '+';
  if (global_a != global_b || !phone_digits_equal(a.user, b.user)) return false;
  return tel_params_within(a.params, b.params) && tel_params_within(b.params, a.params);
}

std::string_view scheme_name(const Uri& uri) {
  if (!uri.scheme_text.empty()) return uri.scheme_text;
  switch (uri.scheme) {
    case UriScheme::sip:
      return "sip";
    case UriScheme::sips:
      return "sips";
    case UriScheme::tel:
      return "tel";
    case UriScheme::other:
      break;
  }
  return {};
}

}  // namespace

std::optional<std::string_view> ParamList::get(std::string_view name) const {
  std::optional<std::string_view> found;
  // Names are case-insensitive and an escape of a non-reserved character is
  // that character (RFC 3261 §19.1.4).
  for_each([&](std::string_view n, std::string_view value, bool) {
    if (!found && escaped_equal(n, name, true)) found = value;
  });
  return found;
}

ParseResult<Uri> parse_uri(std::string_view text) {
  if (const std::size_t ws = find_whitespace(text); ws != kNpos) return ParseError{kWhitespace, ws};
  Uri uri;
  uri.text = text;
  Scanner sc(text);
  Status error = parse_scheme(sc, uri);
  if (!error) {
    switch (uri.scheme) {
      case UriScheme::sip:
      case UriScheme::sips:
        error = parse_sip(sc, uri);
        break;
      case UriScheme::tel:
        error = parse_tel(sc, uri);
        break;
      case UriScheme::other:
        error = parse_opaque(sc, uri);
        break;
    }
  }
  if (error) return *error;
  return uri;
}

bool uri_equal(const Uri& a, const Uri& b) {
  // A SIP and a SIPS URI are never equivalent (RFC 3261 §19.1.4); the scheme
  // itself is case-insensitive.
  if (a.scheme != b.scheme) return false;
  switch (a.scheme) {
    case UriScheme::sip:
    case UriScheme::sips:
      return sip_equal(a, b);
    case UriScheme::tel:
      return tel_equal(a, b);
    case UriScheme::other:
      break;
  }
  return detail::iequals(a.scheme_text, b.scheme_text) && detail::iequals(a.opaque, b.opaque);
}

std::string unescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && is_hex(text[i + 1]) && is_hex(text[i + 2])) {
      out.push_back(static_cast<char>(detail::hex_value(text[i + 1]) * 16 + detail::hex_value(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::string to_string(const Uri& uri) {
  std::string out;
  out.reserve(uri.text.size() + 16);
  out.append(scheme_name(uri));
  out.push_back(':');
  if (uri.scheme == UriScheme::other) {
    out.append(uri.opaque);
    return out;
  }
  if (uri.scheme == UriScheme::tel) {
    out.append(uri.user).append(uri.params.raw());
    return out;
  }
  if (uri.has_user) {
    out.append(uri.user);
    if (uri.has_password) out.append(":").append(uri.password);
    out.push_back('@');
  }
  if (uri.host_type == HostType::ipv6) {
    out.append("[").append(uri.host).append("]");
  } else {
    out.append(uri.host);
  }
  if (uri.port) out.append(":").append(std::to_string(*uri.port));
  out.append(uri.params.raw());
  if (!uri.headers.empty()) out.append("?").append(uri.headers);
  return out;
}

}  // namespace rtcsip::sip
