#pragma once
// Where a call goes: the routing rules of the configuration applied to the
// dialled user part. A Router is built once from a validated Config (and
// again on reload); it holds no per-call state and decides in memory.
//
// Order of decision, for both sources:
//  1. the routes for that source, in file order; the first that matches
//     wins. A route with neither prefix nor pattern matches every number.
//  2. when no route matches, a dialled user part that is a configured
//     username reaches that WebRTC user directly ("alice" calls "bob" with
//     no route at all, and a trunk can dial a user by AOR, issue 7).
//  3. otherwise not_found (404).
// Routes come first so that the operator's file says where a number goes
// even when it is also a username; the price is that a catch-all route
// (no prefix, or a pattern such as ".*") shadows every username for that
// source. Put to_user routes, or a narrower pattern such as "^[0-9+]+$",
// ahead of it to keep user-to-user calls.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "rtcsip/config/config.hpp"

namespace rtcsip::gateway {

struct RouteDecision {
  enum class Kind : std::uint8_t { trunk, user, not_found };
  Kind kind = Kind::not_found;
  std::string trunk;  // kind trunk: the trunk's name
  // kind trunk: the Request-URI user part toward the trunk, after rewriting;
  // kind user: the local username.
  std::string user;
  // The matched route's name ("routes[i]" when it has none) for logs; empty
  // when no route decided (a direct call to a username, or not_found).
  std::string route;
};

class Router {
 public:
  // Dialled user parts longer than this are not matched (not_found): no
  // number or username is this long, and std::regex matches by recursion
  // whose depth grows with the input.
  static constexpr std::size_t kMaxDialled = 256;

  explicit Router(const config::Config& config);

  // A call from an authenticated WebRTC user. `dialled` is the Request-URI
  // user part, unescaped (sip::unescape); a tel URI's number.
  [[nodiscard]] RouteDecision from_webrtc(std::string_view dialled) const;
  // A call from the trunk named `trunk` (found by TrunkMatcher): routes with
  // from: trunk whose from_trunk is empty or this trunk. A to_trunk route
  // from a trunk is honoured (the operator wrote it), making the gateway a
  // transit between those two trunks only.
  [[nodiscard]] RouteDecision from_trunk(std::string_view trunk, std::string_view dialled) const;

  // Routes skipped because their pattern does not compile (validation
  // refuses them; a Config built by hand may not have been validated).
  [[nodiscard]] std::size_t unusable_routes() const { return unusable_; }

 private:
  struct Compiled {
    config::Route route;
    std::string label;
    std::optional<std::regex> re;  // for a pattern
  };

  [[nodiscard]] RouteDecision decide(config::RouteSource source, std::string_view trunk,
                                     std::string_view dialled) const;
  [[nodiscard]] static bool applies(const Compiled& r, config::RouteSource source, std::string_view trunk);
  // The route's decision, or nothing when it does not match.
  [[nodiscard]] static std::optional<RouteDecision> try_route(const Compiled& r, const std::string& dialled);

  std::vector<Compiled> routes_;  // in file order
  std::set<std::string, std::less<>> users_;
  std::size_t unusable_ = 0;
};

}  // namespace rtcsip::gateway
