#pragma once
// What the server offers: its settings checked once at start-up, and the
// challenge values built from them (RFC 7616 §3.3, RFC 8760 §2.4).
#include <string>
#include <string_view>

#include "rtcsip/sip/auth/server.hpp"

namespace rtcsip::sip::auth::detail {

// Throws std::invalid_argument naming the first unusable setting.
void validate_settings(const Settings& s, const UserLookup& lookup);

// One WWW-Authenticate / Proxy-Authenticate value.
std::string challenge_value(const Settings& s, std::string_view nonce, Algorithm a, bool stale);

}  // namespace rtcsip::sip::auth::detail
