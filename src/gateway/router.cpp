#include "rtcsip/gateway/router.hpp"

#include <algorithm>

namespace rtcsip::gateway {
namespace {

// Strip then prepend: the usual dial-plan edit ("0" + national number to
// E.164 and back). Stripping more than there is leaves nothing.
std::string strip_prepend(const config::Route& r, const std::string& dialled) {
  const std::size_t n = std::min<std::size_t>(r.strip, dialled.size());
  return r.prepend + dialled.substr(n);
}

}  // namespace

Router::Router(const config::Config& config) {
  for (const auto& u : config.users) users_.insert(u.username);
  routes_.reserve(config.routes.size());
  for (std::size_t i = 0; i < config.routes.size(); ++i) {
    const auto& r = config.routes[i];
    Compiled c{r, r.name.empty() ? "routes[" + std::to_string(i) + "]" : r.name, std::nullopt};
    if (!r.pattern.empty()) {
      try {
        // Compiled once here, never per call.
        c.re.emplace(r.pattern, std::regex::ECMAScript);
      } catch (const std::regex_error&) {
        ++unusable_;
        continue;
      }
    }
    routes_.push_back(std::move(c));
  }
}

RouteDecision Router::from_webrtc(std::string_view dialled) const {
  return decide(config::RouteSource::webrtc, {}, dialled);
}

RouteDecision Router::from_trunk(std::string_view trunk, std::string_view dialled) const {
  return decide(config::RouteSource::trunk, trunk, dialled);
}

RouteDecision Router::decide(config::RouteSource source, std::string_view trunk,
                             std::string_view dialled) const {
  if (dialled.size() > kMaxDialled) return {};
  const std::string number(dialled);
  for (const auto& r : routes_) {
    if (!applies(r, source, trunk)) continue;
    if (auto d = try_route(r, number)) return std::move(*d);
  }
  if (users_.contains(number)) return {RouteDecision::Kind::user, {}, number, {}};
  return {};
}

bool Router::applies(const Compiled& r, config::RouteSource source, std::string_view trunk) {
  if (r.route.from != source) return false;
  return source != config::RouteSource::trunk || r.route.from_trunk.empty() || r.route.from_trunk == trunk;
}

std::optional<RouteDecision> Router::try_route(const Compiled& r, const std::string& dialled) {
  std::string rewritten;
  if (r.re) {
    try {
      std::smatch m;
      if (!std::regex_search(dialled, m, *r.re)) return std::nullopt;
      // Like sed's s///: the matched part is replaced, the rest kept; an
      // anchored pattern ("^0(\d+)$") replaces the whole number.
      rewritten = r.route.rewrite.empty() ? strip_prepend(r.route, dialled)
                                          : std::regex_replace(dialled, *r.re, r.route.rewrite,
                                                               std::regex_constants::format_first_only);
    } catch (const std::regex_error&) {
      // error_complexity / error_stack on a hostile input: no match, no crash.
      return std::nullopt;
    }
  } else {
    if (!dialled.starts_with(r.route.prefix)) return std::nullopt;
    rewritten = strip_prepend(r.route, dialled);
  }
  if (!r.route.to_user.empty()) return RouteDecision{RouteDecision::Kind::user, {}, r.route.to_user, r.label};
  // A Request-URI toward a trunk needs a user part: a rewrite that leaves
  // none is no match, and the next route is tried.
  if (rewritten.empty()) return std::nullopt;
  return RouteDecision{RouteDecision::Kind::trunk, r.route.to_trunk, std::move(rewritten), r.label};
}

}  // namespace rtcsip::gateway
