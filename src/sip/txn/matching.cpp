#include "matching.hpp"

#include <functional>

#include "rtcsip/sip/headers.hpp"

namespace rtcsip::sip::txn {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// RFC 3261 §19.1.4: host names compare case-insensitively.
bool equal_nocase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

void mix(std::size_t& seed, std::size_t value) {
  seed ^= value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
}

std::size_t hash_of(std::string_view text) { return std::hash<std::string_view>{}(text); }

std::optional<Via> parsed_top_via(const Message& message) {
  auto via = parse_via(top_via(message));
  if (!via) return std::nullopt;
  return *via;
}

bool fill_legacy(MatchKey& key, const Message& request) {
  auto cseq = parse_cseq(request.header(HeaderId::cseq));
  if (!cseq) return false;
  key.legacy = true;
  key.request_uri = request.request_uri();
  key.from_tag = tag_of(request, HeaderId::from);
  key.call_id = request.header(HeaderId::call_id);
  key.cseq = cseq->number;
  key.top_via = top_via(request);
  return true;
}

}  // namespace

bool operator==(const MatchKey& a, const MatchKey& b) {
  if (a.legacy != b.legacy || a.method != b.method) return false;
  if (!a.legacy) {
    return a.branch == b.branch && a.sent_by_port == b.sent_by_port &&
           equal_nocase(a.sent_by_host, b.sent_by_host);
  }
  return a.cseq == b.cseq && a.call_id == b.call_id && a.from_tag == b.from_tag &&
         a.request_uri == b.request_uri && a.top_via == b.top_via;
}

std::size_t MatchKeyHash::operator()(const MatchKey& key) const noexcept {
  // Hash only what is compared exactly; the host (case-insensitive) is left to ==.
  std::size_t seed = hash_of(key.method);
  if (!key.legacy) {
    mix(seed, hash_of(key.branch));
  } else {
    mix(seed, hash_of(key.call_id));
    mix(seed, key.cseq);
    mix(seed, hash_of(key.from_tag));
  }
  return seed;
}

bool has_magic_cookie(std::string_view branch) { return branch.starts_with(kMagicCookie); }

std::string_view top_via(const Message& message) {
  const HeaderField* via = message.find(HeaderId::via);
  if (via == nullptr) return {};
  std::string_view first;
  split_list(via->value, [&first](std::string_view value) {
    if (first.empty()) first = value;
  });
  return first;
}

std::string_view tag_of(const Message& message, HeaderId id) {
  auto address = parse_name_addr(message.header(id));
  if (!address) return {};
  return address->tag().value_or(std::string_view{});
}

std::optional<MatchKey> client_key(const Message& message) {
  auto via = parsed_top_via(message);
  if (!via || !has_magic_cookie(via->branch().value_or(""))) return std::nullopt;
  MatchKey key;
  key.branch = *via->branch();
  if (message.is_request()) {
    key.method = message.method_text();
  } else {
    auto cseq = parse_cseq(message.header(HeaderId::cseq));
    if (!cseq) return std::nullopt;
    key.method = cseq->method_text;
  }
  return key;
}

std::optional<MatchKey> server_key(const Message& request, std::string_view method) {
  auto via = parsed_top_via(request);
  if (!via) return std::nullopt;
  MatchKey key;
  key.method = method;
  const std::string_view branch = via->branch().value_or("");
  // §17.2.3: a branch with the magic cookie is unique per client transaction;
  // without it the peer follows RFC 2543 and the dialog fields must do.
  if (!has_magic_cookie(branch))
    return fill_legacy(key, request) ? std::optional<MatchKey>(key) : std::nullopt;
  key.branch = branch;
  key.sent_by_host = via->host;
  key.sent_by_port = via->port;
  return key;
}

}  // namespace rtcsip::sip::txn
