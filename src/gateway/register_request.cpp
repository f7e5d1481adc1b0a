#include "rtcsip/gateway/register_request.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <optional>

namespace rtcsip::gateway {
namespace {

constexpr std::uint32_t kMalformedExpires = 3600;

bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The raw ";name=value" items, split at the ';' outside quoted strings, so
// quoted values (+sip.instance="<urn:...>") are kept exactly as sent.
template <class Fn>
void for_each_raw_param(std::string_view raw, Fn fn) {
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= raw.size(); ++i) {
    if (i < raw.size() && raw[i] == '\\' && quoted) {
      ++i;
    } else if (i < raw.size() && raw[i] == '"') {
      quoted = !quoted;
    } else if (i == raw.size() || (raw[i] == ';' && !quoted)) {
      const auto item = trim(raw.substr(start, i - start));
      if (!item.empty()) fn(item);
      start = i + 1;
    }
  }
}

std::string params_without_expires(std::string_view raw) {
  std::string out;
  for_each_raw_param(raw, [&](std::string_view item) {
    const auto name = trim(item.substr(0, item.find('=')));
    if (iequals(name, "expires")) return;
    out += ';';
    out += item;
  });
  return out;
}

// Decimal digits only, saturated at 2^32-1; nothing when not a number.
std::optional<std::uint32_t> parse_decimal(std::string_view value) {
  value = trim(value);
  if (value.empty() ||
      !std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return std::nullopt;
  }
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint32_t>::max();
  std::uint64_t n = 0;
  for (const char c : value) n = std::min<std::uint64_t>(n * 10 + static_cast<std::uint64_t>(c - '0'), kMax);
  return static_cast<std::uint32_t>(n);
}

}  // namespace

std::uint32_t parse_expires(std::string_view value) {
  return parse_decimal(value).value_or(kMalformedExpires);
}

ContactRequest contact_request(const sip::ContactValue& contact) {
  const auto& params = contact.address.params;
  ContactRequest out;
  out.uri = std::string(contact.address.uri_text);
  out.params = params_without_expires(params.raw());
  if (const auto e = contact.expires()) out.expires = parse_expires(*e);
  if (const auto instance = params.get("+sip.instance")) out.instance = std::string(*instance);
  if (const auto reg_id = params.get("reg-id")) {
    // RFC 5626 §4.2: 1 to 2^31-1; anything else is ignored as if absent.
    const auto id = parse_decimal(*reg_id);
    if (id && *id >= 1 && *id <= 0x7fffffffu) out.reg_id = *id;
  }
  return out;
}

}  // namespace rtcsip::gateway
