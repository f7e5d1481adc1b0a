#pragma once
// The header names rtcsipd knows, with their compact forms (RFC 3261 §7.3.3
// and the extensions that define one). Unknown headers are HeaderId::other
// and keep their name as written.
#include <cstdint>
#include <string_view>

namespace rtcsip::sip {

enum class HeaderId : std::uint8_t {
  other,
  accept,
  accept_contact,
  accept_encoding,
  accept_language,
  alert_info,
  allow,
  allow_events,
  authentication_info,
  authorization,
  call_id,
  call_info,
  contact,
  content_disposition,
  content_encoding,
  content_language,
  content_length,
  content_type,
  cseq,
  date,
  error_info,
  event,
  expires,
  from,
  in_reply_to,
  max_forwards,
  mime_version,
  min_expires,
  min_se,
  organization,
  p_asserted_identity,
  p_preferred_identity,
  path,
  priority,
  privacy,
  proxy_authenticate,
  proxy_authorization,
  proxy_require,
  rack,
  reason,
  record_route,
  refer_to,
  referred_by,
  reject_contact,
  reply_to,
  request_disposition,
  require,
  retry_after,
  route,
  rseq,
  server,
  session_expires,
  subject,
  subscription_state,
  supported,
  timestamp,
  to,
  unsupported,
  user_agent,
  via,
  warning,
  www_authenticate,
  count_  // number of ids; not a header
};

// The id of a header name, full or compact, in any case.
HeaderId header_id(std::string_view name);
// The canonical full name ("Call-ID", "WWW-Authenticate"); empty for other.
std::string_view header_name(HeaderId id);
// True for headers whose value is a comma-separated list that may also be
// split over several header lines (RFC 3261 §7.3.1). Authentication headers
// are not: commas separate their parameters.
bool is_list_header(HeaderId id);

}  // namespace rtcsip::sip
