#pragma once
// Which trunk a request came from, by its source address. Calls from a
// source that is neither a trunk nor an authenticated user are refused
// (issue 7: the gateway is never an open relay), so this is the trunk side's
// only credential; it is checked against the address the packet came from
// (or the connection's peer), never against Via or Contact, which the
// sender writes itself.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rtcsip/config/config.hpp"
#include "rtcsip/gateway/ip_prefix.hpp"

namespace rtcsip::gateway {

// The prefixes a trunk's configuration allows: its allowed_addresses (IPs
// and CIDRs), or, when that list is empty, its host when the host is an IP
// literal. A host name gives nothing: it needs DNS (RFC 3263), which is
// not done here; see TrunkMatcher::set_resolved_addresses. Entries that do
// not parse (config validation refuses them) are skipped.
std::vector<IpPrefix> configured_prefixes(const config::Trunk& trunk);

// The same test for one trunk, from its configuration alone.
bool is_trunk_source(const config::Trunk& trunk, const IpAddress& source);

class TrunkMatcher {
 public:
  explicit TrunkMatcher(const std::vector<config::Trunk>& trunks);

  // The name of the trunk `source` belongs to, or nothing. When the
  // addresses of several trunks contain it, the longest prefix wins (a
  // PBX's own /32 inside a carrier's /24), then the first trunk in the file.
  // The view lives as long as this matcher.
  [[nodiscard]] std::optional<std::string_view> match(const IpAddress& source) const;
  // The same for a textual address (sip::Address::ip); nothing when it does
  // not parse.
  [[nodiscard]] std::optional<std::string_view> match(std::string_view source_ip) const;
  // Whether this trunk's addresses contain `source`, whatever other trunks say.
  [[nodiscard]] bool allows(std::string_view trunk, const IpAddress& source) const;

  // A trunk named by host name with no allowed_addresses matches nothing
  // until its host is resolved; the resolver hands the addresses here, and
  // each call replaces the previous set (DNS answers change). Returns false,
  // changing nothing, for an unknown trunk or one whose addresses the
  // configuration gives: an operator's explicit list is never widened by DNS.
  bool set_resolved_addresses(std::string_view trunk, const std::vector<IpAddress>& addresses);
  // True for a trunk that still waits for set_resolved_addresses().
  [[nodiscard]] bool needs_resolution(std::string_view trunk) const;

 private:
  struct Entry {
    std::string name;
    std::vector<IpPrefix> prefixes;
    bool from_dns = false;  // host name without allowed_addresses
  };
  [[nodiscard]] const Entry* find(std::string_view name) const;
  // trunks_.size() when there is no such trunk.
  [[nodiscard]] std::size_t index_of(std::string_view name) const;

  std::vector<Entry> trunks_;  // in file order
};

}  // namespace rtcsip::gateway
