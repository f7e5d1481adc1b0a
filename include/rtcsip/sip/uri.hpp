#pragma once
// SIP, SIPS and tel URIs (RFC 3261 §19.1, RFC 3966), parsed in place: every
// field is a view into the text given to parse_uri(), still escaped.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "rtcsip/sip/parse_result.hpp"

namespace rtcsip::sip {

enum class UriScheme : std::uint8_t { sip, sips, tel, other };
enum class HostType : std::uint8_t { none, name, ipv4, ipv6 };

// ";name=value" parameters, views into the URI (or header) text.
class ParamList {
 public:
  ParamList() = default;
  // `raw` starts at the first ';' (or is empty).
  explicit ParamList(std::string_view raw) : raw_(raw) {}
  [[nodiscard]] std::string_view raw() const { return raw_; }
  [[nodiscard]] bool empty() const { return raw_.empty(); }
  // The value of the first parameter with this name (case-insensitive, and an
  // escaped non-reserved character matches itself, RFC 3261 §19.1.4); an
  // empty view for a parameter without value; nothing when absent.
  [[nodiscard]] std::optional<std::string_view> get(std::string_view name) const;
  [[nodiscard]] bool has(std::string_view name) const { return get(name).has_value(); }
  // Calls fn(name, value, has_value) for each parameter in order.
  template <class Fn>
  void for_each(Fn fn) const;

 private:
  std::string_view raw_;
};

struct Uri {
  std::string_view text;  // the whole URI as given
  UriScheme scheme = UriScheme::other;
  std::string_view scheme_text;  // as written ("SIP", "sip", "tel", "http")
  std::string_view user;         // sip/sips: userinfo user part; tel: the number
  std::string_view password;
  bool has_user = false;
  bool has_password = false;
  std::string_view host;  // IPv6 without its brackets
  HostType host_type = HostType::none;
  std::optional<std::uint16_t> port;
  ParamList params;          // uri-parameters (sip/sips) or tel parameters
  std::string_view headers;  // after '?', without it
  std::string_view opaque;   // other schemes: everything after ':'

  [[nodiscard]] bool is_sip() const { return scheme == UriScheme::sip || scheme == UriScheme::sips; }
  [[nodiscard]] std::optional<std::string_view> param(std::string_view name) const {
    return params.get(name);
  }
  // "transport" parameter, lower-cased meaningfully by the caller.
  [[nodiscard]] std::optional<std::string_view> transport() const { return params.get("transport"); }
};

// Parses an absolute URI. sip/sips/tel are parsed fully and strictly; any
// other syntactically valid scheme ("http:...", "urn:...") parses with
// scheme other and the rest in `opaque`.
ParseResult<Uri> parse_uri(std::string_view text);

// RFC 3261 §19.1.4 comparison of two sip/sips URIs: the scheme (itself
// case-insensitive) must be the same, user and password are case-sensitive
// after unescaping (an escaped reserved character stays distinct from the
// character), host case-insensitive and IP addresses compared as addresses,
// ports explicit or not are different, the user/ttl/method/maddr/transport
// parameters must match when either has them, other parameters only when both
// have them (names and values case-insensitive), headers all must match in any
// order (names case-insensitive, values case-insensitive except Call-ID and
// body). Symmetric, and not transitive (as §19.1.4 notes). tel URIs compare
// their numbers and parameters (RFC 3966 §4); other schemes compare text
// case-insensitively.
bool uri_equal(const Uri& a, const Uri& b);

// %XX escapes decoded. Invalid escapes are kept as they are.
std::string unescape(std::string_view text);

// Serializes (the fields as they are: escaped views are written unchanged).
std::string to_string(const Uri& uri);

template <class Fn>
void ParamList::for_each(Fn fn) const {
  std::string_view s = raw_;
  while (!s.empty()) {
    if (s.front() == ';') s.remove_prefix(1);
    const std::size_t end = s.find(';');
    std::string_view item = s.substr(0, end);
    const std::size_t eq = item.find('=');
    if (!item.empty()) {
      if (eq == std::string_view::npos) {
        fn(item, std::string_view{}, false);
      } else {
        fn(item.substr(0, eq), item.substr(eq + 1), true);
      }
    }
    if (end == std::string_view::npos) break;
    s.remove_prefix(end);
  }
}

}  // namespace rtcsip::sip
