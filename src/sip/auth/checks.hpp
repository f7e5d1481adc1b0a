#pragma once
// The steps of Server::verify() that need no server state: the form of the
// credentials against the offer, the request they must name, the response.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "credentials.hpp"
#include "rtcsip/core/result.hpp"
#include "rtcsip/sip/auth/digest.hpp"
#include "rtcsip/sip/auth/server.hpp"

namespace rtcsip::sip::auth::detail {

struct Form {
  Algorithm algorithm = Algorithm::md5;
  std::optional<std::uint32_t> nc;  // with qop=auth; none for an RFC 2069 client
};

// Algorithm offered, qop/nc/cnonce consistent, response of the right size.
core::Result<Form, Refusal> check_form(const Credentials& c, const std::vector<Algorithm>& offered);

// RFC 7616 §3.4.6: the digest uri names the Request-URI, as the same text or
// as an equal SIP URI (RFC 3261 §19.1.4).
bool uri_matches(std::string_view digest_uri, std::string_view request_uri);

// Opaque as sent in the challenge; the digest uri against the Request-URI
// when the caller gives it.
std::optional<Refusal> check_request(const Credentials& c, const Settings& settings, const Request& request);

// The user's HA1 in lower case, checked to be a digest of the hash's size.
core::Result<std::string, Refusal> user_ha1(const UserLookup& lookup, const Credentials& c, Hash hash);

// The response against the one computed from HA1, in constant time.
std::optional<Refusal> check_response(const Credentials& c, const Form& form, std::string_view ha1,
                                      std::string_view method);

}  // namespace rtcsip::sip::auth::detail
