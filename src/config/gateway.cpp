#include <algorithm>
#include <cctype>
#include <regex>

#include "sections.hpp"

namespace rtcsip::config::detail {
namespace {

// std::regex compiles by recursion: a bound keeps a hostile pattern from
// exhausting the stack.
constexpr std::size_t kMaxPatternLength = 1024;

bool is_hex(const std::string& s, std::size_t len) {
  return s.size() == len && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isxdigit(c); });
}

bool is_token_name(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_' || c == '.';
  });
}

void read_user(MapReader& in, User& u) {
  u.location = in.location();
  if (in.string("username", u.username, true) && !is_token_name(u.username)) {
    in.error("username", "may hold only letters, digits, '-', '_' and '.'");
  }
  in.string("password", u.password);
  if (in.string("ha1_md5", u.ha1_md5) && !is_hex(u.ha1_md5, 32)) {
    in.error("ha1_md5", "expected 32 hexadecimal digits");
  }
  if (in.string("ha1_sha256", u.ha1_sha256) && !is_hex(u.ha1_sha256, 64)) {
    in.error("ha1_sha256", "expected 64 hexadecimal digits");
  }
  in.string("display_name", u.display_name);
  if (u.password.empty() && u.ha1_md5.empty() && u.ha1_sha256.empty()) {
    in.error("password", "is required (or ha1_md5 / ha1_sha256)");
  } else if (!u.password.empty() && !(u.ha1_md5.empty() && u.ha1_sha256.empty())) {
    in.error("password", "give either password or ha1_md5/ha1_sha256, not both");
  }
}

void read_trunk(MapReader& in, Trunk& t) {
  t.location = in.location();
  if (in.string("name", t.name, true) && !is_token_name(t.name)) {
    in.error("name", "may hold only letters, digits, '-', '_' and '.'");
  }
  in.string("host", t.host, true);
  std::uint16_t port = 0;
  if (in.number("port", port, 1, 65535)) t.port = port;
  in.enumeration<Transport>("transport", t.transport, kTransportNames);
  if (t.transport == Transport::ws || t.transport == Transport::wss) {
    in.error("transport", "a trunk uses udp, tcp or tls");
  }
  in.enum_list<Codec>("codecs", t.codecs, kCodecNames);
  SrtpMode srtp{};
  if (in.enumeration<SrtpMode>("srtp", srtp, kSrtpNames)) t.srtp = srtp;
  in.string("username", t.username);
  in.string("password", t.password);
  in.string("realm", t.realm);
  if (t.username.empty() != t.password.empty()) {
    in.error(t.username.empty() ? "username" : "password", "username and password must be given together");
  }
  in.boolean("register", t.register_);
  if (t.register_ && t.username.empty()) in.error("register", "needs username and password");
  in.duration("register_expires", t.register_expires, Milliseconds{60'000}, Milliseconds{86'400'000});
  in.duration("options_interval", t.options_interval, Milliseconds{0}, Milliseconds{3'600'000});
  if (t.options_interval.count() > 0 && t.options_interval < Milliseconds{1000}) {
    in.error("options_interval", "must be 0 (off) or at least 1s");
  }
  if (in.string_list("allowed_addresses", t.allowed_addresses)) {
    for (const auto& a : t.allowed_addresses) {
      const auto slash = a.find('/');
      const std::string ip = a.substr(0, slash);
      bool good = is_ip_address(ip);
      if (good && slash != std::string::npos) {
        const std::string bits = a.substr(slash + 1);
        const int max = ip.find(':') == std::string::npos ? 32 : 128;
        good = !bits.empty() && bits.size() <= 3 && std::all_of(bits.begin(), bits.end(), ::isdigit) &&
               std::stoi(bits) <= max;
      }
      if (!good) in.error("allowed_addresses", "expected an IP address or CIDR prefix, got '" + a + "'");
    }
  }
}

void read_route(MapReader& in, Route& r) {
  static constexpr std::pair<std::string_view, RouteSource> kFrom[] = {{"webrtc", RouteSource::webrtc},
                                                                       {"trunk", RouteSource::trunk}};
  r.location = in.location();
  in.string("name", r.name);
  in.enumeration<RouteSource>("from", r.from, kFrom);
  in.string("from_trunk", r.from_trunk);
  if (!r.from_trunk.empty() && r.from != RouteSource::trunk) in.error("from_trunk", "needs from: trunk");
  in.string("prefix", r.prefix);
  if (in.string("pattern", r.pattern) && r.pattern.size() > kMaxPatternLength) {
    in.error("pattern", "longer than " + std::to_string(kMaxPatternLength) + " characters");
  } else if (!r.pattern.empty()) {
    try {
      std::regex re(r.pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      in.error("pattern", std::string("invalid regular expression: ") + e.what());
    }
  }
  if (!r.prefix.empty() && !r.pattern.empty()) in.error("pattern", "give either prefix or pattern, not both");
  in.number("strip", r.strip, 0, 64);
  in.string("prepend", r.prepend);
  in.string("rewrite", r.rewrite);
  if (!r.rewrite.empty() && r.pattern.empty()) in.error("rewrite", "needs pattern");
  in.string("to_trunk", r.to_trunk);
  in.string("to_user", r.to_user);
  if (r.to_trunk.empty() == r.to_user.empty())
    in.error("to_trunk", "give exactly one of to_trunk and to_user");
}

}  // namespace

void read_auth(MapReader& root, AuthSettings& out) {
  MapReader in(root.child("auth").value_or(YAML::Node()), "auth", root.diags(), root.location());
  static constexpr std::pair<std::string_view, std::string_view> kAlgorithms[] = {{"SHA-256", "SHA-256"},
                                                                                  {"MD5", "MD5"}};
  std::vector<std::string_view> algorithms;
  if (in.enum_list<std::string_view>("algorithms", algorithms, kAlgorithms)) {
    if (algorithms.empty()) in.error("algorithms", "at least one algorithm is needed");
    out.algorithms.assign(algorithms.begin(), algorithms.end());
  }
  in.duration("nonce_lifetime", out.nonce_lifetime, Milliseconds{10'000}, Milliseconds{86'400'000});
  in.finish();
}

void read_users(MapReader& root, std::vector<User>& out) {
  for_each_entry(root, "users", [&](MapReader& entry, std::size_t) {
    User u;
    read_user(entry, u);
    out.push_back(std::move(u));
  });
}

void read_trunks(MapReader& root, std::vector<Trunk>& out) {
  for_each_entry(root, "trunks", [&](MapReader& entry, std::size_t) {
    Trunk t;
    read_trunk(entry, t);
    out.push_back(std::move(t));
  });
}

void read_routes(MapReader& root, std::vector<Route>& out) {
  for_each_entry(root, "routes", [&](MapReader& entry, std::size_t) {
    Route r;
    read_route(entry, r);
    out.push_back(std::move(r));
  });
}

}  // namespace rtcsip::config::detail
