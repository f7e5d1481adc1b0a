#pragma once
// Why the location service refused a REGISTER. Nothing of the request is
// applied when one is returned (RFC 3261 §10.3 step 7: the binding updates
// are committed only if all of them succeed). The gateway's one table maps
// these to responses; each maps to an std::error_code for logs and metrics.
#include <cstdint>
#include <string_view>
#include <system_error>

namespace rtcsip::gateway {

enum class RegisterError : std::uint8_t {
  // RFC 3261 §10.3 step 6: "Contact: *" with another Contact or with an
  // Expires other than 0 (400).
  invalid_star = 1,
  // A Contact URI that is not an absolute URI: bindings are compared as
  // URIs (§10.3 step 7), so one that does not parse cannot be kept (400).
  invalid_contact,
  // RFC 3261 §10.3 step 6: an expiration above 0 and below the minimum
  // (423 Interval Too Brief with Min-Expires).
  interval_too_brief,
  // RFC 3261 §10.3 step 7: a binding with the same Call-ID has an equal or
  // higher CSeq, so this request is older than (or a copy of) one already applied.
  out_of_order,
  // The AOR would hold more bindings than the configured cap.
  too_many_bindings,
};

std::string_view to_string(RegisterError e) noexcept;
const std::error_category& register_category() noexcept;
std::error_code make_error_code(RegisterError e) noexcept;

}  // namespace rtcsip::gateway

template <>
struct std::is_error_code_enum<rtcsip::gateway::RegisterError> : std::true_type {};
