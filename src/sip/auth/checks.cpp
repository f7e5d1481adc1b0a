#include "checks.hpp"

#include <openssl/crypto.h>

#include <algorithm>
#include <utility>

#include "ascii.hpp"
#include "rtcsip/sip/uri.hpp"

namespace rtcsip::sip::auth::detail {
namespace {

core::Result<Algorithm, Refusal> offered_algorithm(const Credentials& c,
                                                   const std::vector<Algorithm>& offered) {
  // RFC 7616 §3.4: without the parameter the algorithm is MD5.
  const auto algorithm =
      c.algorithm ? parse_algorithm(*c.algorithm) : std::optional<Algorithm>{Algorithm::md5};
  if (!algorithm) return Refusal{Status::unsupported_algorithm, "unknown algorithm"};
  if (std::find(offered.begin(), offered.end(), *algorithm) == offered.end()) {
    return Refusal{Status::unsupported_algorithm, "algorithm not offered"};
  }
  return *algorithm;
}

// nc-value = 8LHEX (RFC 7616 §3.4); counting starts at 1.
std::optional<std::uint32_t> parse_nc(std::string_view text) {
  if (text.size() != 8 || !all_hex(text)) return std::nullopt;
  std::uint32_t nc = 0;
  for (char c : text) {
    const char l = to_lower(c);
    nc = (nc << 4) | static_cast<std::uint32_t>(l <= '9' ? l - '0' : l - 'a' + 10);
  }
  if (nc == 0) return std::nullopt;
  return nc;
}

core::Result<std::optional<std::uint32_t>, Refusal> nonce_count(const Credentials& c, Algorithm a) {
  if (!c.qop) {
    // RFC 7616 §3.4.2: the -sess A1 needs the cnonce that only qop brings.
    if (is_session(a)) return Refusal{Status::malformed_credentials, "-sess algorithm without qop"};
    return std::optional<std::uint32_t>{};
  }
  // Only qop=auth is offered (RFC 3261 §22.4 allows auth-int; we do not).
  if (!iequals(*c.qop, "auth")) return Refusal{Status::malformed_credentials, "qop is not auth"};
  if (!c.cnonce || c.cnonce->empty()) return Refusal{Status::malformed_credentials, "qop without cnonce"};
  const auto nc = parse_nc(c.nc.value_or(""));
  if (!nc) return Refusal{Status::malformed_credentials, "nc is not 8 hex digits above zero"};
  return std::optional<std::uint32_t>{nc};
}

// Constant time, so that timing does not tell how many leading digits of a
// guessed response were right.
bool same_digest(std::string expected, std::string got) {
  std::transform(got.begin(), got.end(), got.begin(), to_lower);
  return expected.size() == got.size() && CRYPTO_memcmp(expected.data(), got.data(), got.size()) == 0;
}

}  // namespace

core::Result<Form, Refusal> check_form(const Credentials& c, const std::vector<Algorithm>& offered) {
  // RFC 7616 §3.4.4: userhash is never offered here, so a hashed name is refused.
  if (c.userhash && iequals(*c.userhash, "true")) {
    return Refusal{Status::malformed_credentials, "userhash is not supported"};
  }
  const auto algorithm = offered_algorithm(c, offered);
  if (!algorithm) return algorithm.error();
  const auto nc = nonce_count(c, *algorithm);
  if (!nc) return nc.error();
  if (c.response->size() != hex_length(hash_of(*algorithm)) || !all_hex(*c.response)) {
    return Refusal{Status::malformed_credentials, "response is not a digest of the algorithm"};
  }
  return Form{*algorithm, *nc};
}

bool uri_matches(std::string_view digest_uri, std::string_view request_uri) {
  if (digest_uri == request_uri) return true;
  const auto a = parse_uri(digest_uri);
  const auto b = parse_uri(request_uri);
  return a.ok() && b.ok() && uri_equal(*a, *b);
}

std::optional<Refusal> check_request(const Credentials& c, const Settings& settings, const Request& request) {
  // RFC 7616 §3.3: opaque comes back unchanged.
  if (!settings.opaque.empty() && c.opaque != settings.opaque) {
    return Refusal{Status::bad_nonce, "opaque does not match"};
  }
  if (request.request_uri && !uri_matches(*c.uri, *request.request_uri)) {
    return Refusal{Status::uri_mismatch, "digest uri does not match the Request-URI"};
  }
  return std::nullopt;
}

core::Result<std::string, Refusal> user_ha1(const UserLookup& lookup, const Credentials& c, Hash hash) {
  auto ha1 = lookup(*c.username, *c.realm, hash);
  if (!ha1) return Refusal{Status::unknown_user, "no HA1 for this user and algorithm"};
  if (ha1->size() != hex_length(hash) || !all_hex(*ha1)) {
    return Refusal{Status::unknown_user, "stored HA1 is not a digest of the algorithm"};
  }
  std::transform(ha1->begin(), ha1->end(), ha1->begin(), to_lower);
  return std::move(*ha1);
}

std::optional<Refusal> check_response(const Credentials& c, const Form& form, std::string_view ha1,
                                      std::string_view method) {
  const std::string expected = compute_response({.algorithm = form.algorithm,
                                                 .ha1 = ha1,
                                                 .nonce = *c.nonce,
                                                 .cnonce = c.cnonce.value_or(""),
                                                 .nc = form.nc ? std::string_view(*c.nc) : "",
                                                 .qop = form.nc ? std::string_view(*c.qop) : "",
                                                 .method = method,
                                                 .uri = *c.uri});
  if (!same_digest(expected, *c.response)) return Refusal{Status::wrong_response, "response does not match"};
  return std::nullopt;
}

}  // namespace rtcsip::sip::auth::detail
