#include "rtcsip/sip/header_id.hpp"

#include <array>

#include "charclass.hpp"

namespace rtcsip::sip {
namespace {

struct Entry {
  HeaderId id;
  std::string_view name;
  char compact;  // '\0' when none
  bool list;
};

// Order follows the enum.
constexpr std::array<Entry, static_cast<std::size_t>(HeaderId::count_)> kHeaders = {{
    {HeaderId::other, "", '\0', false},
    {HeaderId::accept, "Accept", '\0', true},
    {HeaderId::accept_contact, "Accept-Contact", 'a', true},
    {HeaderId::accept_encoding, "Accept-Encoding", '\0', true},
    {HeaderId::accept_language, "Accept-Language", '\0', true},
    {HeaderId::alert_info, "Alert-Info", '\0', true},
    {HeaderId::allow, "Allow", '\0', true},
    {HeaderId::allow_events, "Allow-Events", 'u', true},
    {HeaderId::authentication_info, "Authentication-Info", '\0', false},
    {HeaderId::authorization, "Authorization", '\0', false},
    {HeaderId::call_id, "Call-ID", 'i', false},
    {HeaderId::call_info, "Call-Info", '\0', true},
    {HeaderId::contact, "Contact", 'm', true},
    {HeaderId::content_disposition, "Content-Disposition", '\0', false},
    {HeaderId::content_encoding, "Content-Encoding", 'e', true},
    {HeaderId::content_language, "Content-Language", '\0', true},
    {HeaderId::content_length, "Content-Length", 'l', false},
    {HeaderId::content_type, "Content-Type", 'c', false},
    {HeaderId::cseq, "CSeq", '\0', false},
    {HeaderId::date, "Date", '\0', false},
    {HeaderId::error_info, "Error-Info", '\0', true},
    {HeaderId::event, "Event", 'o', false},
    {HeaderId::expires, "Expires", '\0', false},
    {HeaderId::from, "From", 'f', false},
    {HeaderId::in_reply_to, "In-Reply-To", '\0', true},
    {HeaderId::max_forwards, "Max-Forwards", '\0', false},
    {HeaderId::mime_version, "MIME-Version", '\0', false},
    {HeaderId::min_expires, "Min-Expires", '\0', false},
    {HeaderId::min_se, "Min-SE", '\0', false},
    {HeaderId::organization, "Organization", '\0', false},
    {HeaderId::p_asserted_identity, "P-Asserted-Identity", '\0', true},
    {HeaderId::p_preferred_identity, "P-Preferred-Identity", '\0', true},
    {HeaderId::path, "Path", '\0', true},
    {HeaderId::priority, "Priority", '\0', false},
    {HeaderId::privacy, "Privacy", '\0', false},
    {HeaderId::proxy_authenticate, "Proxy-Authenticate", '\0', false},
    {HeaderId::proxy_authorization, "Proxy-Authorization", '\0', false},
    {HeaderId::proxy_require, "Proxy-Require", '\0', true},
    {HeaderId::rack, "RAck", '\0', false},
    {HeaderId::reason, "Reason", '\0', true},
    {HeaderId::record_route, "Record-Route", '\0', true},
    {HeaderId::refer_to, "Refer-To", 'r', false},
    {HeaderId::referred_by, "Referred-By", 'b', false},
    {HeaderId::reject_contact, "Reject-Contact", 'j', true},
    {HeaderId::reply_to, "Reply-To", '\0', false},
    {HeaderId::request_disposition, "Request-Disposition", 'd', true},
    {HeaderId::require, "Require", '\0', true},
    {HeaderId::retry_after, "Retry-After", '\0', false},
    {HeaderId::route, "Route", '\0', true},
    {HeaderId::rseq, "RSeq", '\0', false},
    {HeaderId::server, "Server", '\0', false},
    {HeaderId::session_expires, "Session-Expires", 'x', false},
    {HeaderId::subject, "Subject", 's', false},
    {HeaderId::subscription_state, "Subscription-State", '\0', false},
    {HeaderId::supported, "Supported", 'k', true},
    {HeaderId::timestamp, "Timestamp", '\0', false},
    {HeaderId::to, "To", 't', false},
    {HeaderId::unsupported, "Unsupported", '\0', true},
    {HeaderId::user_agent, "User-Agent", '\0', false},
    {HeaderId::via, "Via", 'v', true},
    {HeaderId::warning, "Warning", '\0', true},
    {HeaderId::www_authenticate, "WWW-Authenticate", '\0', false},
}};

constexpr bool order_matches() {
  for (std::size_t i = 0; i < kHeaders.size(); ++i) {
    if (static_cast<std::size_t>(kHeaders[i].id) != i) return false;
  }
  return true;
}
static_assert(order_matches(), "kHeaders must follow the HeaderId order");

constexpr std::size_t kSlots = 256;

constexpr std::uint32_t hash_lower(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (char c : s) h = (h ^ static_cast<unsigned char>(detail::to_lower(c))) * 16777619u;
  return h;
}

// Open-addressed table of full names, lower-cased hash.
constexpr std::array<std::uint8_t, kSlots> make_index() {
  std::array<std::uint8_t, kSlots> t{};
  for (std::size_t i = 1; i < kHeaders.size(); ++i) {
    std::size_t slot = hash_lower(kHeaders[i].name) % kSlots;
    while (t[slot] != 0) slot = (slot + 1) % kSlots;
    t[slot] = static_cast<std::uint8_t>(i);
  }
  return t;
}

constexpr std::array<std::uint8_t, kSlots> kIndex = make_index();

constexpr std::array<std::uint8_t, 26> make_compact() {
  std::array<std::uint8_t, 26> t{};
  for (std::size_t i = 1; i < kHeaders.size(); ++i) {
    if (kHeaders[i].compact)
      t[static_cast<std::size_t>(kHeaders[i].compact - 'a')] = static_cast<std::uint8_t>(i);
  }
  return t;
}

constexpr std::array<std::uint8_t, 26> kCompact = make_compact();

}  // namespace

HeaderId header_id(std::string_view name) {
  if (name.size() == 1) {
    const char c = detail::to_lower(name[0]);
    if (c >= 'a' && c <= 'z') return static_cast<HeaderId>(kCompact[static_cast<std::size_t>(c - 'a')]);
    return HeaderId::other;
  }
  std::size_t slot = hash_lower(name) % kSlots;
  while (kIndex[slot] != 0) {
    const Entry& e = kHeaders[kIndex[slot]];
    if (detail::iequals(e.name, name)) return e.id;
    slot = (slot + 1) % kSlots;
  }
  return HeaderId::other;
}

std::string_view header_name(HeaderId id) { return kHeaders[static_cast<std::size_t>(id)].name; }

bool is_list_header(HeaderId id) { return kHeaders[static_cast<std::size_t>(id)].list; }

}  // namespace rtcsip::sip
