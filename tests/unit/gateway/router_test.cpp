// Routing decisions on configurations loaded from YAML, so the tests use the
// real schema and its validation.
#include <gtest/gtest.h>

#include "rtcsip/config/config.hpp"
#include "rtcsip/gateway/router.hpp"

using rtcsip::config::Config;
using rtcsip::gateway::RouteDecision;
using rtcsip::gateway::Router;
using Kind = RouteDecision::Kind;

namespace {

Config load(const std::string& yaml) {
  auto result = rtcsip::config::load_string(yaml, "routes.yaml");
  for (const auto& e : result.errors) ADD_FAILURE() << e.to_string();
  return result.config.value_or(Config{});
}

// Three users, two trunks, and the usual dial plan of a small office.
const char* const kConfig = R"(
users:
  - {username: alice, password: a}
  - {username: bob, password: b}
  - {username: "1001", password: c}
trunks:
  - {name: pbx, host: 192.0.2.20}
  - {name: carrier, host: sip.example.net}
routes:
  - name: emergency
    from: webrtc
    pattern: "^(112|911)$"
    to_trunk: carrier
  - name: international
    from: webrtc
    prefix: "00"
    strip: 2
    prepend: "+"
    to_trunk: carrier
  - name: national
    from: webrtc
    pattern: "^0([1-9][0-9]{8})$"
    rewrite: "+33$1"
    to_trunk: carrier
  - name: extensions
    from: webrtc
    prefix: "2"
    to_trunk: pbx
  - name: support
    from: webrtc
    prefix: "support"
    to_user: bob
  - name: did-alice
    from: trunk
    from_trunk: carrier
    pattern: "^\\+33123456789$"
    to_user: alice
  - name: pbx-to-bob
    from: trunk
    from_trunk: pbx
    prefix: "55"
    to_user: bob
  - name: any-trunk-help
    from: trunk
    prefix: "help"
    to_user: alice
)";

class RouterTest : public ::testing::Test {
 protected:
  Config config_ = load(kConfig);
  Router router_{config_};
};

void expect_trunk(const RouteDecision& d, const std::string& trunk, const std::string& user,
                  const std::string& route) {
  EXPECT_EQ(d.kind, Kind::trunk);
  EXPECT_EQ(d.trunk, trunk);
  EXPECT_EQ(d.user, user);
  EXPECT_EQ(d.route, route);
}

void expect_user(const RouteDecision& d, const std::string& user, const std::string& route) {
  EXPECT_EQ(d.kind, Kind::user);
  EXPECT_EQ(d.user, user);
  EXPECT_EQ(d.route, route);
  EXPECT_TRUE(d.trunk.empty());
}

}  // namespace

TEST_F(RouterTest, PrefixMatchKeepsTheNumberWithoutRewriting) {
  expect_trunk(router_.from_webrtc("2345"), "pbx", "2345", "extensions");
}

TEST_F(RouterTest, PatternMatch) {
  expect_trunk(router_.from_webrtc("112"), "carrier", "112", "emergency");
  expect_trunk(router_.from_webrtc("911"), "carrier", "911", "emergency");
}

TEST_F(RouterTest, StripThenPrepend) {
  expect_trunk(router_.from_webrtc("0044207946000"), "carrier", "+44207946000", "international");
}

TEST_F(RouterTest, RegexRewriteWithGroups) {
  expect_trunk(router_.from_webrtc("0123456789"), "carrier", "+33123456789", "national");
}

TEST_F(RouterTest, AnAnchoredPatternDoesNotMatchPartOfTheNumber) {
  // "^0([1-9][0-9]{8})$" needs exactly ten digits; "2" routes take the rest.
  EXPECT_EQ(router_.from_webrtc("01234567890").kind, Kind::not_found);
  EXPECT_EQ(router_.from_webrtc("1120").kind, Kind::not_found);
}

TEST_F(RouterTest, ToUserRoute) { expect_user(router_.from_webrtc("support-line"), "bob", "support"); }

TEST_F(RouterTest, NoMatchIsNotFound) {
  const auto d = router_.from_webrtc("999");
  EXPECT_EQ(d.kind, Kind::not_found);
  EXPECT_TRUE(d.route.empty());
  EXPECT_EQ(router_.from_webrtc("").kind, Kind::not_found);
}

TEST_F(RouterTest, WebRtcUserCallsAnotherUserByName) {
  expect_user(router_.from_webrtc("bob"), "bob", "");
  expect_user(router_.from_webrtc("alice"), "alice", "");
  // User parts compare case-sensitively (RFC 3261 §19.1.4).
  EXPECT_EQ(router_.from_webrtc("Bob").kind, Kind::not_found);
}

TEST_F(RouterTest, NumericUsernameWithoutAMatchingRouteIsDirect) {
  // "1001" is a username and no webrtc route matches it: direct.
  expect_user(router_.from_webrtc("1001"), "1001", "");
}

TEST_F(RouterTest, FromTrunkRestrictedToOneTrunk) {
  expect_user(router_.from_trunk("carrier", "+33123456789"), "alice", "did-alice");
  EXPECT_EQ(router_.from_trunk("pbx", "+33123456789").kind, Kind::not_found);
  expect_user(router_.from_trunk("pbx", "5501"), "bob", "pbx-to-bob");
  EXPECT_EQ(router_.from_trunk("carrier", "5501").kind, Kind::not_found);
}

TEST_F(RouterTest, FromTrunkWithoutRestrictionServesEveryTrunk) {
  expect_user(router_.from_trunk("pbx", "help"), "alice", "any-trunk-help");
  expect_user(router_.from_trunk("carrier", "help"), "alice", "any-trunk-help");
}

TEST_F(RouterTest, TrunkCallsAUserByAor) { expect_user(router_.from_trunk("pbx", "bob"), "bob", ""); }

TEST_F(RouterTest, SourcesDoNotShareRoutes) {
  // "2345" is a webrtc route only; "help" a trunk route only.
  EXPECT_EQ(router_.from_trunk("pbx", "2345").kind, Kind::not_found);
  EXPECT_EQ(router_.from_webrtc("help").kind, Kind::not_found);
}

TEST_F(RouterTest, OverlongDialledStringIsNotFound) {
  EXPECT_EQ(router_.from_webrtc(std::string(Router::kMaxDialled + 1, '2')).kind, Kind::not_found);
  EXPECT_EQ(router_.from_webrtc(std::string(Router::kMaxDialled, '2')).kind, Kind::trunk);
}

TEST(Router, FirstMatchWinsInFileOrder) {
  const Config c = load(R"(
trunks:
  - {name: a, host: 192.0.2.1}
  - {name: b, host: 192.0.2.2}
routes:
  - {name: first, from: webrtc, prefix: "12", to_trunk: a}
  - {name: second, from: webrtc, prefix: "123", to_trunk: b}
  - {name: third, from: webrtc, pattern: "3$", to_trunk: b}
)");
  const Router r(c);
  expect_trunk(r.from_webrtc("1234"), "a", "1234", "first");
  expect_trunk(r.from_webrtc("1203"), "a", "1203", "first");
  expect_trunk(r.from_webrtc("903"), "b", "903", "third");
}

TEST(Router, RoutesComeBeforeUsernamesAndACatchAllShadowsThem) {
  const Config c = load(R"(
users: [{username: bob, password: b}]
trunks: [{name: pbx, host: 192.0.2.1}]
routes:
  - {from: webrtc, to_trunk: pbx}
)");
  const Router r(c);
  // A route without prefix or pattern matches every number; unnamed routes
  // are logged by their index.
  expect_trunk(r.from_webrtc("bob"), "pbx", "bob", "routes[0]");
}

TEST(Router, NarrowPatternKeepsUserToUserCalls) {
  const Config c = load(R"(
users: [{username: bob, password: b}]
trunks: [{name: pbx, host: 192.0.2.1}]
routes:
  - {name: numbers, from: webrtc, pattern: "^[0-9+]+$", to_trunk: pbx}
)");
  const Router r(c);
  expect_trunk(r.from_webrtc("+4930123"), "pbx", "+4930123", "numbers");
  expect_user(r.from_webrtc("bob"), "bob", "");
}

TEST(Router, PatternWithStripAndPrepend) {
  const Config c = load(R"(
trunks: [{name: pbx, host: 192.0.2.1}]
routes:
  - {name: p, from: webrtc, pattern: "^9[0-9]+$", strip: 1, prepend: "0", to_trunk: pbx}
)");
  expect_trunk(Router(c).from_webrtc("9123"), "pbx", "0123", "p");
}

TEST(Router, RewriteReplacesOnlyTheMatchedPart) {
  // Like sed s///: an unanchored match leaves the rest of the number.
  const Config c = load(R"(
trunks: [{name: pbx, host: 192.0.2.1}]
routes:
  - {name: idd, from: webrtc, pattern: "^00", rewrite: "+", to_trunk: pbx}
  - {name: swap, from: webrtc, pattern: "^(\\d{2})(\\d{2})$", rewrite: "$2$1", to_trunk: pbx}
)");
  const Router r(c);
  expect_trunk(r.from_webrtc("0049301234"), "pbx", "+49301234", "idd");
  expect_trunk(r.from_webrtc("1234"), "pbx", "3412", "swap");
}

TEST(Router, ARewriteLeavingNoUserPartFallsThrough) {
  const Config c = load(R"(
trunks: [{name: pbx, host: 192.0.2.1}]
routes:
  - {name: eats-all, from: webrtc, prefix: "7", strip: 5, to_trunk: pbx}
  - {name: next, from: webrtc, prefix: "7", to_trunk: pbx}
)");
  const Router r(c);
  expect_trunk(r.from_webrtc("77"), "pbx", "77", "next");
  expect_trunk(r.from_webrtc("712345"), "pbx", "5", "eats-all");
}

TEST(Router, TrunkToTrunkOnlyWhenARouteSaysSo) {
  const Config c = load(R"(
trunks:
  - {name: pbx, host: 192.0.2.1}
  - {name: carrier, host: 192.0.2.2}
routes:
  - {name: transit, from: trunk, from_trunk: pbx, prefix: "+", to_trunk: carrier}
)");
  const Router r(c);
  expect_trunk(r.from_trunk("pbx", "+4930123"), "carrier", "+4930123", "transit");
  EXPECT_EQ(r.from_trunk("carrier", "+4930123").kind, Kind::not_found);
}

TEST(Router, AnUncompilablePatternIsSkippedNotFatal) {
  // Validation refuses it in a file; a Config built by hand is not validated.
  Config c;
  c.trunks.push_back({});
  c.trunks.back().name = "pbx";
  rtcsip::config::Route bad;
  bad.name = "bad";
  bad.pattern = "([0-9]";
  bad.to_trunk = "pbx";
  rtcsip::config::Route good;
  good.name = "good";
  good.to_trunk = "pbx";
  c.routes = {bad, good};
  const Router r(c);
  EXPECT_EQ(r.unusable_routes(), 1u);
  expect_trunk(r.from_webrtc("123"), "pbx", "123", "good");
}

TEST(Router, TheShippedDefaultConfigBuildsARouter) {
  auto result = rtcsip::config::load_file(std::string(RTCSIP_SOURCE_DIR) + "/config/rtcsipd.yaml");
  ASSERT_TRUE(result.config.has_value());
  EXPECT_EQ(Router(*result.config).unusable_routes(), 0u);
}
