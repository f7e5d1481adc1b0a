// Addresses, CIDR prefixes and which trunk a source belongs to.
#include <gtest/gtest.h>

#include "rtcsip/config/config.hpp"
#include "rtcsip/gateway/ip_prefix.hpp"
#include "rtcsip/gateway/trunk_matcher.hpp"

using rtcsip::gateway::IpAddress;
using rtcsip::gateway::IpPrefix;
using rtcsip::gateway::TrunkMatcher;

namespace {

IpAddress ip(std::string_view text) {
  auto a = IpAddress::parse(text);
  EXPECT_TRUE(a.has_value()) << text;
  return a.value_or(IpAddress{});
}

bool in(std::string_view prefix, std::string_view address) {
  const auto p = IpPrefix::parse(prefix);
  EXPECT_TRUE(p.has_value()) << prefix;
  return p && p->contains(ip(address));
}

std::vector<rtcsip::config::Trunk> load_trunks(const std::string& yaml) {
  auto result = rtcsip::config::load_string(yaml, "trunks.yaml");
  for (const auto& e : result.errors) ADD_FAILURE() << e.to_string();
  return result.config ? result.config->trunks : std::vector<rtcsip::config::Trunk>{};
}

std::string matched(const TrunkMatcher& m, std::string_view source) {
  const auto name = m.match(source);
  return name ? std::string(*name) : "-";
}

}  // namespace

TEST(IpAddress, ParsesBothFamiliesAndBrackets) {
  EXPECT_EQ(ip("192.0.2.1").family(), IpAddress::Family::v4);
  EXPECT_EQ(ip("2001:db8::1").family(), IpAddress::Family::v6);
  EXPECT_EQ(ip("[2001:db8::1]"), ip("2001:db8::1"));
  EXPECT_EQ(ip("2001:DB8:0::1").to_string(), "2001:db8::1");
}

TEST(IpAddress, MappedIpv4IsStoredAsIpv4) {
  // RFC 4291 §2.5.5.2: what a dual-stack socket reports for an IPv4 peer.
  EXPECT_EQ(ip("::ffff:192.0.2.1"), ip("192.0.2.1"));
  EXPECT_EQ(ip("::ffff:c000:201").family(), IpAddress::Family::v4);
  EXPECT_EQ(ip("::ffff:192.0.2.1").to_string(), "192.0.2.1");
  // The IPv4-compatible form (deprecated) is not mapped.
  EXPECT_EQ(ip("::192.0.2.1").family(), IpAddress::Family::v6);
}

TEST(IpAddress, RefusesWhatIsNotAnAddress) {
  for (const char* bad : {"", "pbx.example.com", "192.0.2", "192.0.2.256", "192.0.2.1:5060", "fe80::1%eth0",
                          "[2001:db8::1", "2001:db8::1/64", " 192.0.2.1"}) {
    EXPECT_FALSE(IpAddress::parse(bad).has_value()) << bad;
  }
}

TEST(IpPrefix, Ipv4Lengths) {
  EXPECT_TRUE(in("192.0.2.0/24", "192.0.2.200"));
  EXPECT_FALSE(in("192.0.2.0/24", "192.0.3.1"));
  EXPECT_TRUE(in("192.0.2.7/32", "192.0.2.7"));
  EXPECT_FALSE(in("192.0.2.7/32", "192.0.2.6"));
  EXPECT_TRUE(in("192.0.2.7", "192.0.2.7"));
  EXPECT_TRUE(in("0.0.0.0/0", "203.0.113.9"));
  EXPECT_TRUE(in("10.0.0.0/9", "10.127.255.255"));
  EXPECT_FALSE(in("10.0.0.0/9", "10.128.0.0"));
}

TEST(IpPrefix, HostBitsAreCleared) {
  EXPECT_EQ(IpPrefix::parse("192.0.2.77/24")->to_string(), "192.0.2.0/24");
  EXPECT_EQ(IpPrefix::parse("192.0.2.77/24"), IpPrefix::parse("192.0.2.0/24"));
  EXPECT_TRUE(in("192.0.2.77/24", "192.0.2.1"));
  EXPECT_EQ(IpPrefix::parse("2001:db8:ffff::1/35")->to_string(), "2001:db8:e000::/35");
}

TEST(IpPrefix, Ipv6Lengths) {
  EXPECT_TRUE(in("2001:db8::/32", "2001:db8:1:2::3"));
  EXPECT_FALSE(in("2001:db8::/32", "2001:db9::1"));
  EXPECT_TRUE(in("2001:db8::5/128", "2001:db8::5"));
  EXPECT_FALSE(in("2001:db8::5/128", "2001:db8::4"));
  EXPECT_TRUE(in("::/0", "2001:db8::1"));
}

TEST(IpPrefix, FamiliesDoNotMix) {
  EXPECT_FALSE(in("::/0", "192.0.2.1"));
  EXPECT_FALSE(in("0.0.0.0/0", "2001:db8::1"));
}

TEST(IpPrefix, MappedSourcesMatchIpv4Prefixes) {
  EXPECT_TRUE(in("192.0.2.0/24", "::ffff:192.0.2.9"));
  EXPECT_TRUE(in("192.0.2.9/32", "::ffff:192.0.2.9"));
  EXPECT_TRUE(in("0.0.0.0/0", "::ffff:198.51.100.1"));
}

TEST(IpPrefix, MappedPrefixesBecomeIpv4Prefixes) {
  EXPECT_EQ(IpPrefix::parse("::ffff:192.0.2.0/120")->to_string(), "192.0.2.0/24");
  EXPECT_TRUE(in("::ffff:192.0.2.0/120", "192.0.2.5"));
  EXPECT_TRUE(in("::ffff:0:0/96", "198.51.100.1"));
  // Shorter than the mapped prefix itself: it stays an IPv6 prefix.
  EXPECT_EQ(IpPrefix::parse("::ffff:0:0/80")->address().family(), IpAddress::Family::v6);
}

TEST(IpPrefix, RefusesBadLengths) {
  for (const char* bad : {"192.0.2.0/33", "192.0.2.0/", "192.0.2.0/-1", "192.0.2.0/2a", "2001:db8::/129",
                          "2001:db8::/0128", "host/24", "/24"}) {
    EXPECT_FALSE(IpPrefix::parse(bad).has_value()) << bad;
  }
}

TEST(TrunkMatcher, AllowedAddressesFromYaml) {
  const TrunkMatcher m(load_trunks(R"(
trunks:
  - name: pbx
    host: pbx.example.com
    allowed_addresses: [192.0.2.20, "198.51.100.0/24"]
  - name: carrier
    host: 2001:db8:5::1
    allowed_addresses: ["2001:db8:5::/48", "203.0.113.7/32"]
)"));
  EXPECT_EQ(matched(m, "192.0.2.20"), "pbx");
  EXPECT_EQ(matched(m, "::ffff:192.0.2.20"), "pbx");
  EXPECT_EQ(matched(m, "198.51.100.33"), "pbx");
  EXPECT_EQ(matched(m, "192.0.2.21"), "-");
  EXPECT_EQ(matched(m, "2001:db8:5:1::9"), "carrier");
  EXPECT_EQ(matched(m, "2001:db8:6::1"), "-");
  EXPECT_EQ(matched(m, "203.0.113.7"), "carrier");
  EXPECT_EQ(matched(m, "203.0.113.8"), "-");
  EXPECT_EQ(matched(m, "not-an-address"), "-");
  // The host is not consulted when allowed_addresses is given.
  EXPECT_EQ(matched(m, "2001:db8:5::1"), "carrier");
  EXPECT_FALSE(m.needs_resolution("pbx"));
}

TEST(TrunkMatcher, EmptyListMeansTheHostWhenItIsAnAddress) {
  const auto trunks = load_trunks(R"(
trunks:
  - {name: v4, host: 192.0.2.30}
  - {name: v6, host: "2001:db8::30"}
)");
  const TrunkMatcher m(trunks);
  EXPECT_EQ(matched(m, "192.0.2.30"), "v4");
  EXPECT_EQ(matched(m, "::ffff:192.0.2.30"), "v4");
  EXPECT_EQ(matched(m, "192.0.2.31"), "-");
  EXPECT_EQ(matched(m, "2001:db8::30"), "v6");
  EXPECT_EQ(matched(m, "2001:db8::31"), "-");
  EXPECT_TRUE(rtcsip::gateway::is_trunk_source(trunks[0], ip("192.0.2.30")));
  EXPECT_FALSE(rtcsip::gateway::is_trunk_source(trunks[1], ip("192.0.2.30")));
}

TEST(TrunkMatcher, HostNameMatchesNothingUntilResolved) {
  const auto trunks = load_trunks("trunks:\n  - {name: carrier, host: sip.example.net}\n");
  TrunkMatcher m(trunks);
  EXPECT_TRUE(m.needs_resolution("carrier"));
  EXPECT_EQ(matched(m, "192.0.2.40"), "-");
  EXPECT_FALSE(rtcsip::gateway::is_trunk_source(trunks[0], ip("192.0.2.40")));

  ASSERT_TRUE(m.set_resolved_addresses("carrier", {ip("192.0.2.40"), ip("2001:db8::40")}));
  EXPECT_FALSE(m.needs_resolution("carrier"));
  EXPECT_EQ(matched(m, "192.0.2.40"), "carrier");
  EXPECT_EQ(matched(m, "2001:db8::40"), "carrier");

  // A new answer replaces the old one.
  ASSERT_TRUE(m.set_resolved_addresses("carrier", {ip("192.0.2.41")}));
  EXPECT_EQ(matched(m, "192.0.2.40"), "-");
  EXPECT_EQ(matched(m, "192.0.2.41"), "carrier");
  EXPECT_TRUE(m.allows("carrier", ip("192.0.2.41")));
}

TEST(TrunkMatcher, ResolvedAddressesNeverWidenAnExplicitList) {
  TrunkMatcher m(load_trunks(R"(
trunks:
  - {name: pbx, host: pbx.example.com, allowed_addresses: [192.0.2.50]}
  - {name: fixed, host: 192.0.2.51}
)"));
  EXPECT_FALSE(m.set_resolved_addresses("pbx", {ip("192.0.2.99")}));
  EXPECT_FALSE(m.set_resolved_addresses("fixed", {ip("192.0.2.99")}));
  EXPECT_FALSE(m.set_resolved_addresses("nosuch", {ip("192.0.2.99")}));
  EXPECT_EQ(matched(m, "192.0.2.99"), "-");
}

TEST(TrunkMatcher, LongestPrefixWinsThenFileOrder) {
  const TrunkMatcher m(load_trunks(R"(
trunks:
  - {name: everyone, host: 192.0.2.1, allowed_addresses: ["0.0.0.0/0", "::/0"]}
  - {name: carrier, host: 192.0.2.2, allowed_addresses: ["198.51.100.0/24"]}
  - {name: pbx, host: 192.0.2.3, allowed_addresses: ["198.51.100.7/32"]}
  - {name: twin, host: 192.0.2.4, allowed_addresses: ["198.51.100.7"]}
)"));
  EXPECT_EQ(matched(m, "198.51.100.7"), "pbx");
  EXPECT_EQ(matched(m, "198.51.100.8"), "carrier");
  EXPECT_EQ(matched(m, "203.0.113.1"), "everyone");
  EXPECT_EQ(matched(m, "::ffff:203.0.113.1"), "everyone");
  EXPECT_EQ(matched(m, "2001:db8::1"), "everyone");
  // Every trunk whose list holds the address allows it.
  EXPECT_TRUE(m.allows("twin", ip("198.51.100.7")));
  EXPECT_TRUE(m.allows("everyone", ip("198.51.100.7")));
  EXPECT_FALSE(m.allows("pbx", ip("198.51.100.8")));
  EXPECT_FALSE(m.allows("nosuch", ip("198.51.100.7")));
}

TEST(TrunkMatcher, BadEntriesInAnUnvalidatedConfigAreSkipped) {
  rtcsip::config::Trunk t;
  t.name = "t";
  t.host = "192.0.2.60";
  t.allowed_addresses = {"garbage", "192.0.2.0/99", "192.0.2.61"};
  const TrunkMatcher m({t});
  EXPECT_EQ(matched(m, "192.0.2.61"), "t");
  // The host is not a fallback for a list that holds only bad entries.
  EXPECT_EQ(matched(m, "192.0.2.60"), "-");
}
