// WebRTC transport attributes: ICE candidates and credentials (RFC 8839),
// DTLS fingerprint (RFC 8122) and setup role (RFC 4145), mid and BUNDLE
// (RFC 5888, RFC 8843), rtcp-mux (RFC 5761) and the rtcp port (RFC 3605).
#include <algorithm>
#include <array>

#include "grammar.hpp"
#include "rtcsip/sdp/attributes.hpp"

namespace rtcsip::sdp {
namespace {

using grammar::iequals;
using grammar::is_non_ws;
using grammar::is_token;
using grammar::next_field;
using grammar::parse_number;
using grammar::trim;

// RFC 8839 §5.1: foundation = 1*32 ice-char; ice-char = ALPHA / DIGIT / "+" / "/"
bool is_foundation(std::string_view s) {
  return !s.empty() && s.size() <= 32 && std::all_of(s.begin(), s.end(), [](char c) {
    return grammar::is_alpha(c) || grammar::is_digit(c) || c == '+' || c == '/';
  });
}

std::optional<std::uint16_t> parse_port(std::string_view s) {
  const auto p = parse_number(s, 65535);
  if (!p) return std::nullopt;
  return static_cast<std::uint16_t>(*p);
}

// The first six fields and "typ <type>": everything RFC 8839 requires.
bool parse_candidate_head(std::string_view& rest, Candidate& c) {
  c.foundation = next_field(rest);
  const auto component = parse_number(next_field(rest), 256);
  c.transport = next_field(rest);
  const auto priority = parse_number(next_field(rest), UINT32_MAX);
  c.address = next_field(rest);
  const auto port = parse_port(next_field(rest));
  const bool typ = iequals(next_field(rest), "typ");
  c.type = next_field(rest);
  if (!is_foundation(c.foundation) || !component || *component == 0 || !is_token(c.transport) || !priority ||
      !is_non_ws(c.address) || !port || !typ || !is_token(c.type)) {
    return false;
  }
  c.component = static_cast<std::uint32_t>(*component);
  c.priority = static_cast<std::uint32_t>(*priority);
  c.port = *port;
  return true;
}

// [SP rel-addr] [SP rel-port] *(SP extension-att-name SP extension-att-value)
bool parse_candidate_tail(std::string_view rest, Candidate& c) {
  bool related_allowed = true;  // the grammar puts raddr and rport before the extensions
  while (!rest.empty()) {
    const auto name = next_field(rest);
    const auto value = next_field(rest);
    if (!is_non_ws(value)) return false;
    if (related_allowed && iequals(name, "raddr") && c.related_address.empty()) {
      c.related_address = value;
    } else if (related_allowed && iequals(name, "rport")) {
      const auto port = parse_port(value);
      if (!port) return false;
      c.related_port = *port;
      related_allowed = false;
    } else {
      if (!is_token(name)) return false;
      c.extensions.emplace_back(name, value);
      related_allowed = false;
    }
  }
  return true;
}

// The attribute of the section, else the session's (RFC 8839 §5.4, RFC 8122 §5).
const Attribute* section_or_session(const SessionDescription& sdp, const MediaDescription& m,
                                    std::string_view name) {
  if (const auto* a = find_attribute(m.attributes, name)) return a;
  return find_attribute(sdp.attributes, name);
}

std::optional<Fingerprint> parse_fingerprint(std::string_view value) {
  auto rest = trim(value);
  const auto hash = next_field(rest);
  // RFC 8122 §5: fingerprint = 2UHEX *(":" 2UHEX); lower case is accepted and normalised.
  if (!is_token(hash) || rest.size() % 3 != 2) return std::nullopt;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    const bool ok = i % 3 == 2 ? rest[i] == ':' : grammar::is_hex(rest[i]);
    if (!ok) return std::nullopt;
  }
  return Fingerprint{grammar::to_lower(hash), grammar::to_upper(rest)};
}

std::optional<Fingerprint> first_fingerprint(const std::vector<Attribute>& attrs) {
  for (const auto& a : attrs) {
    if (a.name != "fingerprint") continue;
    if (auto f = parse_fingerprint(a.value)) return f;
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 4> kSetupNames = {"actpass", "active", "passive", "holdconn"};

}  // namespace

std::optional<Candidate> parse_candidate(std::string_view value) {
  auto rest = trim(value);
  Candidate c;
  if (!parse_candidate_head(rest, c) || !parse_candidate_tail(rest, c)) return std::nullopt;
  return c;
}

std::string format_candidate(const Candidate& c) {
  std::string out = c.foundation + ' ' + std::to_string(c.component) + ' ' + c.transport + ' ' +
                    std::to_string(c.priority) + ' ' + c.address + ' ' + std::to_string(c.port) + " typ " +
                    c.type;
  if (!c.related_address.empty()) out += " raddr " + c.related_address;
  if (!c.related_address.empty() || c.related_port != 0) out += " rport " + std::to_string(c.related_port);
  for (const auto& [name, value] : c.extensions) out += ' ' + name + ' ' + value;
  return out;
}

std::vector<Candidate> candidates(const MediaDescription& m) {
  std::vector<Candidate> out;
  for (const auto& a : m.attributes) {
    if (a.name != "candidate") continue;
    if (auto c = parse_candidate(a.value)) out.push_back(*std::move(c));
  }
  return out;
}

std::optional<IceCredentials> ice_credentials(const SessionDescription& sdp, const MediaDescription& m) {
  const auto* ufrag = section_or_session(sdp, m, "ice-ufrag");
  const auto* pwd = section_or_session(sdp, m, "ice-pwd");
  if (ufrag == nullptr || pwd == nullptr) return std::nullopt;
  const auto u = trim(ufrag->value);
  const auto p = trim(pwd->value);
  if (!is_non_ws(u) || !is_non_ws(p)) return std::nullopt;
  return IceCredentials{std::string(u), std::string(p)};
}

bool ice_lite(const SessionDescription& sdp) { return has_attribute(sdp.attributes, "ice-lite"); }

std::vector<std::string> ice_options(const SessionDescription& sdp, const MediaDescription& m) {
  const auto& attrs = has_attribute(m.attributes, "ice-options") ? m.attributes : sdp.attributes;
  std::vector<std::string> out;
  for (const auto* a : find_attributes(attrs, "ice-options")) {
    for (const auto f : grammar::split_fields(trim(a->value))) out.emplace_back(f);
  }
  return out;
}

std::optional<Fingerprint> fingerprint(const SessionDescription& sdp, const MediaDescription& m) {
  if (has_attribute(m.attributes, "fingerprint")) return first_fingerprint(m.attributes);
  return first_fingerprint(sdp.attributes);
}

std::optional<Setup> setup(const SessionDescription& sdp, const MediaDescription& m) {
  const auto* a = section_or_session(sdp, m, "setup");
  if (a == nullptr) return std::nullopt;
  const auto value = trim(a->value);
  for (std::size_t i = 0; i < kSetupNames.size(); ++i) {
    if (value == kSetupNames[i]) return static_cast<Setup>(i);
  }
  return std::nullopt;
}

std::string_view to_string(Setup s) { return kSetupNames.at(static_cast<std::size_t>(s)); }

std::optional<std::string> mid(const MediaDescription& m) {
  const auto* a = find_attribute(m.attributes, "mid");
  if (a == nullptr) return std::nullopt;
  const auto value = trim(a->value);
  if (!is_token(value)) return std::nullopt;
  return std::string(value);
}

// a=group:BUNDLE <mid> ... (RFC 5888 §5, RFC 8843 §7.1); the first BUNDLE group.
std::vector<std::string> bundle_group(const SessionDescription& sdp) {
  for (const auto* a : find_attributes(sdp.attributes, "group")) {
    auto fields = grammar::split_fields(trim(a->value));
    if (fields.empty() || fields.front() != "BUNDLE") continue;
    return {fields.begin() + 1, fields.end()};
  }
  return {};
}

bool rtcp_mux(const MediaDescription& m) { return has_attribute(m.attributes, "rtcp-mux"); }

// a=rtcp:<port> [<nettype> <addrtype> <connection-address>] (RFC 3605 §2.1)
std::optional<RtcpAttribute> rtcp_attribute(const MediaDescription& m) {
  const auto* a = find_attribute(m.attributes, "rtcp");
  if (a == nullptr) return std::nullopt;
  const auto fields = grammar::split_fields(trim(a->value));
  if (fields.size() != 1 && fields.size() != 4) return std::nullopt;
  const auto port = parse_port(fields[0]);
  if (!port) return std::nullopt;
  RtcpAttribute r{*port, std::nullopt};
  if (fields.size() == 4) {
    if (!is_token(fields[1]) || !is_token(fields[2]) || !is_non_ws(fields[3])) return std::nullopt;
    r.address = Connection{std::string(fields[1]), std::string(fields[2]), std::string(fields[3])};
  }
  return r;
}

}  // namespace rtcsip::sdp
