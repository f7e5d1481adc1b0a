#include <set>

#include "sections.hpp"

namespace rtcsip::config::detail {
namespace {

bool is_wildcard(const std::string& a) { return a == "0.0.0.0" || a == "::"; }

bool same_socket(const Listener& a, const Listener& b) {
  if (is_stream(a.transport) != is_stream(b.transport) || a.port != b.port) return false;
  return a.address == b.address || is_wildcard(a.address) || is_wildcard(b.address);
}

std::string describe(const Listener& l) {
  const bool v6 = l.address.find(':') != std::string::npos;
  return std::string(to_string(l.transport)) + " " + (v6 ? "[" + l.address + "]" : l.address) + ":" +
         std::to_string(l.port);
}

void check_listeners(const Config& c, Diagnostics& diags) {
  for (std::size_t j = 0; j < c.listeners.size(); ++j) {
    for (std::size_t i = 0; i < j; ++i) {
      if (!same_socket(c.listeners[i], c.listeners[j])) continue;
      diags.error(c.listeners[j].location, "listeners[" + std::to_string(j) + "]",
                  "duplicate listener: " + describe(c.listeners[j]) + " uses the same port as listeners[" +
                      std::to_string(i) + "] (" + describe(c.listeners[i]) + ")");
      break;
    }
  }
}

template <class T, class Name>
void check_unique(const std::vector<T>& items, const char* section, const char* key, Name name_of,
                  Diagnostics& diags, Location fallback) {
  for (std::size_t j = 0; j < items.size(); ++j) {
    for (std::size_t i = 0; i < j; ++i) {
      if (name_of(items[i]) != name_of(items[j])) continue;
      Location at = fallback;
      if constexpr (requires { items[j].location; }) at = items[j].location;
      diags.error(at, std::string(section) + "[" + std::to_string(j) + "]." + key,
                  "duplicate " + std::string(key) + " '" + name_of(items[j]) + "' (also " + section + "[" +
                      std::to_string(i) + "])");
      break;
    }
  }
}

void check_routes(const Config& c, Diagnostics& diags) {
  std::set<std::string, std::less<>> trunks;
  for (const auto& t : c.trunks) trunks.insert(t.name);
  std::set<std::string, std::less<>> users;
  for (const auto& u : c.users) users.insert(u.username);
  for (std::size_t i = 0; i < c.routes.size(); ++i) {
    const Route& r = c.routes[i];
    const std::string path = "routes[" + std::to_string(i) + "].";
    if (!r.to_trunk.empty() && !trunks.contains(r.to_trunk)) {
      diags.error(r.location, path + "to_trunk", "no trunk is named '" + r.to_trunk + "'");
    }
    if (!r.from_trunk.empty() && !trunks.contains(r.from_trunk)) {
      diags.error(r.location, path + "from_trunk", "no trunk is named '" + r.from_trunk + "'");
    }
    if (!r.to_user.empty() && !users.contains(r.to_user)) {
      diags.error(r.location, path + "to_user", "no user is named '" + r.to_user + "'");
    }
  }
}

}  // namespace

void validate(const Config& config, Diagnostics& diags) {
  check_listeners(config, diags);
  const Location top{diags.file(), 1, 1};
  check_unique(
      config.users, "users", "username", [](const User& u) { return u.username; }, diags, top);
  check_unique(
      config.trunks, "trunks", "name", [](const Trunk& t) { return t.name; }, diags, top);
  check_routes(config, diags);
}

}  // namespace rtcsip::config::detail
