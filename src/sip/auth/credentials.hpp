#pragma once
// The parameters of one Digest Authorization / Proxy-Authorization value
// (RFC 7616 §3.4, RFC 3261 §25.1 dig-resp), read through sip::parse_auth.
#include <optional>
#include <string>
#include <string_view>

#include "rtcsip/core/result.hpp"
#include "rtcsip/sip/auth/status.hpp"

namespace rtcsip::sip::auth::detail {

// Why verification stopped: the status and a static text for logs.
struct Refusal {
  Status status = Status::malformed_credentials;
  std::string_view detail;
};

// Values with their quotes removed and quoted-pairs resolved (RFC 3261
// §25.1); parameters of extensions are ignored (RFC 7616 §3.4).
struct Credentials {
  std::optional<std::string> username, realm, nonce, uri, response, algorithm, cnonce, opaque, qop, nc,
      userhash;
};

// Refuses other schemes as missing credentials, and any syntax error, repeated
// parameter (RFC 7235 §2.1) or missing required one as malformed.
core::Result<Credentials, Refusal> parse_credentials(std::string_view value);

}  // namespace rtcsip::sip::auth::detail
