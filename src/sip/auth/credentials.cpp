#include "credentials.hpp"

#include <array>
#include <utility>

#include "ascii.hpp"
#include "rtcsip/sip/headers.hpp"

namespace rtcsip::sip::auth::detail {
namespace {

using Field = std::optional<std::string> Credentials::*;

constexpr std::array<std::pair<std::string_view, Field>, 11> kFields{{
    {"username", &Credentials::username},
    {"realm", &Credentials::realm},
    {"nonce", &Credentials::nonce},
    {"uri", &Credentials::uri},
    {"response", &Credentials::response},
    {"algorithm", &Credentials::algorithm},
    {"cnonce", &Credentials::cnonce},
    {"opaque", &Credentials::opaque},
    {"qop", &Credentials::qop},
    {"nc", &Credentials::nc},
    {"userhash", &Credentials::userhash},
}};

Field field_named(std::string_view name) {
  for (const auto& [known, field] : kFields) {
    if (iequals(name, known)) return field;
  }
  return nullptr;
}

bool is_blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// The auth-scheme, read before the parameters: other schemes such as Basic
// carry token68 credentials that are no auth-param list (RFC 7235 §2.1).
std::string_view scheme_of(std::string_view value) {
  const std::size_t start = value.find_first_not_of(" \t\r\n");
  const std::size_t end = value.find_first_of(" \t\r\n", start);
  return value.substr(start, end == std::string_view::npos ? end : end - start);
}

// Copies each known parameter; false when one comes twice.
bool collect(const AuthValue& auth, Credentials& out) {
  bool repeated = false;
  auth.for_each([&](std::string_view name, std::string_view value, bool quoted) {
    const Field field = field_named(name);
    if (field == nullptr) return;
    if ((out.*field).has_value()) repeated = true;
    out.*field = quoted ? unquote(value) : std::string(value);
  });
  return !repeated;
}

// RFC 7616 §3.4: username, realm, nonce, uri and response are required.
std::optional<std::string_view> first_missing(const Credentials& c) {
  if (!c.username || c.username->empty()) return "missing username";
  if (!c.realm) return "missing realm";
  if (!c.nonce || c.nonce->empty()) return "missing nonce";
  if (!c.uri || c.uri->empty()) return "missing uri";
  if (!c.response || c.response->empty()) return "missing response";
  return std::nullopt;
}

}  // namespace

core::Result<Credentials, Refusal> parse_credentials(std::string_view value) {
  if (is_blank(value)) return Refusal{Status::missing_credentials, "no credentials"};
  // RFC 7235 §2.1: the scheme is case-insensitive; others are not ours to check.
  if (!iequals(scheme_of(value), "Digest"))
    return Refusal{Status::missing_credentials, "not Digest credentials"};
  const auto auth = parse_auth(value);
  if (!auth) return Refusal{Status::malformed_credentials, auth.error().reason};
  Credentials c;
  if (!collect(*auth, c)) return Refusal{Status::malformed_credentials, "repeated parameter"};
  if (const auto missing = first_missing(c)) return Refusal{Status::malformed_credentials, *missing};
  return c;
}

}  // namespace rtcsip::sip::auth::detail
