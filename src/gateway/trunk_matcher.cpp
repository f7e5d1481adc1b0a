#include "rtcsip/gateway/trunk_matcher.hpp"

#include <algorithm>

namespace rtcsip::gateway {

std::vector<IpPrefix> configured_prefixes(const config::Trunk& trunk) {
  std::vector<IpPrefix> out;
  for (const auto& text : trunk.allowed_addresses) {
    if (auto p = IpPrefix::parse(text)) out.push_back(*p);
  }
  if (trunk.allowed_addresses.empty()) {
    if (auto host = IpAddress::parse(trunk.host)) out.push_back(IpPrefix::host(*host));
  }
  return out;
}

bool is_trunk_source(const config::Trunk& trunk, const IpAddress& source) {
  const auto prefixes = configured_prefixes(trunk);
  return std::any_of(prefixes.begin(), prefixes.end(), [&](const IpPrefix& p) { return p.contains(source); });
}

TrunkMatcher::TrunkMatcher(const std::vector<config::Trunk>& trunks) {
  trunks_.reserve(trunks.size());
  for (const auto& t : trunks) {
    Entry e{t.name, configured_prefixes(t), false};
    e.from_dns = t.allowed_addresses.empty() && !IpAddress::parse(t.host);
    trunks_.push_back(std::move(e));
  }
}

std::optional<std::string_view> TrunkMatcher::match(const IpAddress& source) const {
  const Entry* best = nullptr;
  unsigned best_bits = 0;
  for (const auto& t : trunks_) {
    for (const auto& p : t.prefixes) {
      // Strictly longer: on a tie the earlier trunk keeps it.
      if (p.contains(source) && (best == nullptr || p.bits() > best_bits)) {
        best = &t;
        best_bits = p.bits();
      }
    }
  }
  if (best == nullptr) return std::nullopt;
  return std::string_view(best->name);
}

std::optional<std::string_view> TrunkMatcher::match(std::string_view source_ip) const {
  const auto address = IpAddress::parse(source_ip);
  if (!address) return std::nullopt;
  return match(*address);
}

bool TrunkMatcher::allows(std::string_view trunk, const IpAddress& source) const {
  const Entry* e = find(trunk);
  return e != nullptr && std::any_of(e->prefixes.begin(), e->prefixes.end(),
                                     [&](const IpPrefix& p) { return p.contains(source); });
}

bool TrunkMatcher::set_resolved_addresses(std::string_view trunk, const std::vector<IpAddress>& addresses) {
  const std::size_t i = index_of(trunk);
  if (i == trunks_.size() || !trunks_[i].from_dns) return false;
  trunks_[i].prefixes.clear();
  for (const auto& a : addresses) trunks_[i].prefixes.push_back(IpPrefix::host(a));
  return true;
}

bool TrunkMatcher::needs_resolution(std::string_view trunk) const {
  const Entry* e = find(trunk);
  return e != nullptr && e->from_dns && e->prefixes.empty();
}

const TrunkMatcher::Entry* TrunkMatcher::find(std::string_view name) const {
  const std::size_t i = index_of(name);
  return i == trunks_.size() ? nullptr : &trunks_[i];
}

std::size_t TrunkMatcher::index_of(std::string_view name) const {
  const auto it =
      std::find_if(trunks_.begin(), trunks_.end(), [&](const Entry& e) { return e.name == name; });
  return static_cast<std::size_t>(it - trunks_.begin());
}

}  // namespace rtcsip::gateway
