#pragma once
// Typed views of header values (RFC 3261 §20 and the extensions rtcsipd
// speaks). Each parse_* takes one header value (one element of a list header,
// see Message::values) and returns views into it; nothing is copied.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "rtcsip/sip/message.hpp"
#include "rtcsip/sip/parse_result.hpp"
#include "rtcsip/sip/uri.hpp"

namespace rtcsip::sip {

// ";name=value" header parameters: token, host or quoted-string values, LWS
// allowed around ';' and '=' (RFC 3261 §25.1 generic-param).
class HeaderParams {
 public:
  HeaderParams() = default;
  explicit HeaderParams(std::string_view raw) : raw_(raw) {}
  [[nodiscard]] std::string_view raw() const { return raw_; }
  [[nodiscard]] bool empty() const { return raw_.empty(); }
  // Value of the first parameter with this name (case-insensitive). Quoted
  // values come without their quotes (escapes left in). Empty view for a
  // parameter without a value; nothing when absent.
  [[nodiscard]] std::optional<std::string_view> get(std::string_view name) const;
  [[nodiscard]] bool has(std::string_view name) const { return get(name).has_value(); }
  template <class Fn>  // fn(name, value, has_value)
  void for_each(Fn fn) const;

 private:
  std::string_view raw_;
};

// Parses generic-params from the start of `text` (which begins at a ';' or is
// empty); returns how many bytes they span, or an error.
ParseResult<std::size_t> scan_params(std::string_view text, std::size_t base = 0);

struct Via {
  std::string_view protocol_name;     // "SIP"
  std::string_view protocol_version;  // "2.0"
  std::string_view transport;         // "UDP", "TCP", "TLS", "WS", "WSS", ...
  std::string_view host;              // IPv6 without brackets
  HostType host_type = HostType::none;
  std::optional<std::uint16_t> port;
  HeaderParams params;

  [[nodiscard]] std::optional<std::string_view> branch() const { return params.get("branch"); }
  [[nodiscard]] std::optional<std::string_view> received() const { return params.get("received"); }
  // Present without a value in a request (RFC 3581), with one in a response.
  [[nodiscard]] std::optional<std::string_view> rport() const { return params.get("rport"); }
  [[nodiscard]] std::optional<std::string_view> maddr() const { return params.get("maddr"); }
  [[nodiscard]] std::optional<std::string_view> ttl() const { return params.get("ttl"); }
};
ParseResult<Via> parse_via(std::string_view value);

// name-addr or addr-spec with header parameters: From, To, Contact, Route,
// Record-Route, Reply-To, Refer-To, Referred-By, P-Asserted-Identity,
// P-Preferred-Identity, Path.
struct NameAddr {
  std::string_view display_name;  // without quotes (escapes left in); may be empty
  bool quoted_display = false;
  bool angle_brackets = false;  // name-addr form
  std::string_view uri_text;
  Uri uri;
  HeaderParams params;

  [[nodiscard]] std::optional<std::string_view> tag() const { return params.get("tag"); }
};
ParseResult<NameAddr> parse_name_addr(std::string_view value);

struct ContactValue {
  bool star = false;  // "Contact: *"
  NameAddr address;
  [[nodiscard]] std::optional<std::string_view> expires() const { return address.params.get("expires"); }
  [[nodiscard]] std::optional<std::string_view> q() const { return address.params.get("q"); }
};
ParseResult<ContactValue> parse_contact(std::string_view value);

struct CSeq {
  std::uint32_t number = 0;
  Method method = Method::other;
  std::string_view method_text;
};
ParseResult<CSeq> parse_cseq(std::string_view value);

// A decimal number with optional surrounding whitespace, at most `max`
// (Content-Length, Max-Forwards, Expires, Min-Expires, RSeq, Min-SE).
ParseResult<std::uint32_t> parse_number(std::string_view value, std::uint32_t max = 0xffffffffu);

// Call-ID: word ["@" word] (RFC 3261 §25.1).
ParseResult<std::string_view> parse_call_id(std::string_view value);

struct ContentType {
  std::string_view type;     // "application"
  std::string_view subtype;  // "sdp"
  HeaderParams params;       // boundary, charset...
  [[nodiscard]] bool is(std::string_view t, std::string_view s) const;
};
ParseResult<ContentType> parse_content_type(std::string_view value);

// WWW-Authenticate, Proxy-Authenticate, Authorization, Proxy-Authorization:
// a scheme and comma-separated auth-params (RFC 3261 §25.1, RFC 7616).
struct AuthValue {
  std::string_view scheme;  // "Digest"
  std::string_view params;  // the raw list after the scheme
  // The parameter's value, unquoted (escapes left in); nothing when absent.
  [[nodiscard]] std::optional<std::string_view> get(std::string_view name) const;
  template <class Fn>  // fn(name, value, was_quoted)
  void for_each(Fn fn) const;
};
ParseResult<AuthValue> parse_auth(std::string_view value);

// Session-Expires (RFC 4028): delta-seconds and the refresher parameter.
struct SessionExpires {
  std::uint32_t delta = 0;
  HeaderParams params;
  [[nodiscard]] std::optional<std::string_view> refresher() const { return params.get("refresher"); }
};
ParseResult<SessionExpires> parse_session_expires(std::string_view value);
// Min-SE: delta-seconds with optional params.
ParseResult<std::uint32_t> parse_min_se(std::string_view value);

// RAck (RFC 3262): response-num CSeq-num Method.
struct RAck {
  std::uint32_t rseq = 0;
  std::uint32_t cseq = 0;
  Method method = Method::other;
  std::string_view method_text;
};
ParseResult<RAck> parse_rack(std::string_view value);

// Reason (RFC 3326): protocol with cause and text parameters.
struct Reason {
  std::string_view protocol;  // "SIP", "Q.850"
  std::optional<std::uint32_t> cause;
  std::string_view text;  // unquoted
  HeaderParams params;
};
ParseResult<Reason> parse_reason(std::string_view value);

// Event (RFC 6665): event-type with params (id, ...).
struct Event {
  std::string_view type;
  HeaderParams params;
};
ParseResult<Event> parse_event(std::string_view value);

// Retry-After: delta-seconds [comment] params.
struct RetryAfter {
  std::uint32_t seconds = 0;
  std::string_view comment;
  HeaderParams params;
};
ParseResult<RetryAfter> parse_retry_after(std::string_view value);

// One token (Supported/Require/Unsupported/Allow/Allow-Events/Proxy-Require
// elements); whitespace around it is removed.
ParseResult<std::string_view> parse_token(std::string_view value);
// Privacy (RFC 3323): priv-value *(";" priv-value); fn(value) for each.
template <class Fn>
bool for_each_privacy(std::string_view value, Fn fn);

// "\"text\"" -> text with quoted-pairs resolved.
std::string unquote(std::string_view quoted);
// A display name as it must be written: a token sequence as is, anything
// else quoted with '"' and '\' escaped.
std::string quote_display_name(std::string_view name);

// ---- implementation of the templates

namespace detail {
// Splits generic-params into name/value; value quotes removed.
bool next_param(std::string_view& rest, std::string_view& name, std::string_view& value, bool& has_value);
bool next_auth_param(std::string_view& rest, std::string_view& name, std::string_view& value, bool& quoted);
}  // namespace detail

template <class Fn>
void HeaderParams::for_each(Fn fn) const {
  std::string_view rest = raw_;
  std::string_view name, value;
  bool has_value = false;
  while (detail::next_param(rest, name, value, has_value)) fn(name, value, has_value);
}

template <class Fn>
void AuthValue::for_each(Fn fn) const {
  std::string_view rest = params;
  std::string_view name, value;
  bool quoted = false;
  while (detail::next_auth_param(rest, name, value, quoted)) fn(name, value, quoted);
}

template <class Fn>
bool for_each_privacy(std::string_view value, Fn fn) {
  while (!value.empty()) {
    const std::size_t semi = value.find(';');
    auto token = parse_token(value.substr(0, semi));
    if (!token) return false;
    fn(*token);
    if (semi == std::string_view::npos) break;
    value.remove_prefix(semi + 1);
  }
  return true;
}

}  // namespace rtcsip::sip
