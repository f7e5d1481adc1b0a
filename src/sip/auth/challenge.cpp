#include "challenge.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace rtcsip::sip::auth::detail {
namespace {

// Printable ASCII without the characters a quoted-string would need escaped.
bool is_plain_text(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\'; });
}

}  // namespace

void validate_settings(const Settings& s, const UserLookup& lookup) {
  if (s.realm.empty() || !is_plain_text(s.realm))
    throw std::invalid_argument("auth: realm must be plain text");
  if (!is_plain_text(s.opaque)) throw std::invalid_argument("auth: opaque must be plain text");
  if (s.algorithms.empty()) throw std::invalid_argument("auth: no algorithm to offer");
  for (auto it = s.algorithms.begin(); it != s.algorithms.end(); ++it) {
    if (std::find(it + 1, s.algorithms.end(), *it) != s.algorithms.end()) {
      throw std::invalid_argument("auth: an algorithm is offered twice");
    }
  }
  if (s.nonce_lifetime < std::chrono::milliseconds(1))
    throw std::invalid_argument("auth: nonce lifetime too short");
  if (s.max_tracked_nonces == 0) throw std::invalid_argument("auth: max_tracked_nonces must be positive");
  if (!lookup) throw std::invalid_argument("auth: no user lookup");
}

std::string challenge_value(const Settings& s, std::string_view nonce, Algorithm a, bool stale) {
  std::string out = "Digest realm=\"" + s.realm + "\", nonce=\"";
  out.append(nonce);
  out += '"';
  if (!s.opaque.empty()) out += ", opaque=\"" + s.opaque + '"';
  out += ", algorithm=";
  out.append(algorithm_name(a));
  out += ", qop=\"auth\"";  // RFC 7616 §3.3: always, so clients send nc and cnonce
  if (stale) out += ", stale=true";
  return out;
}

}  // namespace rtcsip::sip::auth::detail
