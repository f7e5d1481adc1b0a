#pragma once
// Why a request's credentials were or were not accepted, and what the server
// answers. Each status maps to an std::error_code for logs and metrics.
#include <cstdint>
#include <string_view>
#include <system_error>

namespace rtcsip::sip::auth {

enum class Status : std::uint8_t {
  ok = 0,
  missing_credentials,    // no Authorization value, or one of another scheme
  malformed_credentials,  // a required parameter missing, duplicated or ill-formed
  unknown_user,           // the lookup has no HA1 for this user and algorithm
  wrong_realm,            // credentials for another realm
  unsupported_algorithm,  // an algorithm the server did not offer
  bad_nonce,              // a nonce (or opaque) the server did not make
  stale_nonce,            // a right response for an expired or forgotten nonce
  replayed_nonce_count,   // nc not above the last accepted one, or a no-qop nonce reused
  wrong_response,         // the response does not match: wrong password
  uri_mismatch,           // the digest uri is not the Request-URI
};

// What to answer. challenge*: 401 (or 407 for a proxy) with fresh challenges,
// challenge_stale adding stale=true so the client retries without asking its
// user again (RFC 7616 §3.3); forbid: 403; bad_request: 400.
enum class Action : std::uint8_t { accept, challenge, challenge_stale, forbid, bad_request };

std::string_view to_string(Status s) noexcept;
Action action_for(Status s) noexcept;
const std::error_category& auth_category() noexcept;
std::error_code make_error_code(Status s) noexcept;

}  // namespace rtcsip::sip::auth

template <>
struct std::is_error_code_enum<rtcsip::sip::auth::Status> : std::true_type {};
