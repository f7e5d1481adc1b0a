#include "rtcsip/media/ice/endpoint.hpp"

#include <gtest/gtest.h>

#include <unordered_set>

#include "rtcsip/media/ice/ice_credentials.hpp"

namespace rtcsip::media::ice {
namespace {

TEST(Endpoint, ParsesIpv4AndIpv6) {
  const auto v4 = Endpoint::parse("192.0.2.1", 5000);
  ASSERT_TRUE(v4.has_value());
  EXPECT_EQ(v4->family(), Endpoint::Family::v4);
  EXPECT_EQ(v4->port(), 5000);
  EXPECT_EQ(v4->address().size(), 4u);
  EXPECT_EQ(v4->to_string(), "192.0.2.1:5000");
  const auto v6 = Endpoint::parse("2001:db8::1", 443);
  ASSERT_TRUE(v6.has_value());
  EXPECT_EQ(v6->family(), Endpoint::Family::v6);
  EXPECT_EQ(v6->to_string(), "[2001:db8::1]:443");
}

TEST(Endpoint, RefusesWhatIsNotAnAddress) {
  for (const char* text : {"", "host.example", "192.0.2", "192.0.2.1:5000", "[2001:db8::1]", "1.2.3.4 "}) {
    EXPECT_FALSE(Endpoint::parse(text, 1).has_value()) << text;
  }
  EXPECT_FALSE(Endpoint::parse(std::string(200, '1'), 1).has_value());
  EXPECT_EQ(Endpoint{}.to_string(), "-");
  EXPECT_TRUE(Endpoint{}.empty());
}

TEST(Endpoint, V4MappedIsIpv4) {
  EXPECT_EQ(Endpoint::parse("::ffff:192.0.2.1", 7), Endpoint::parse("192.0.2.1", 7));
}

TEST(Endpoint, SockaddrRoundTrip) {
  for (const char* text : {"192.0.2.1", "2001:db8::1"}) {
    const Endpoint e = *Endpoint::parse(text, 40000);
    sockaddr_storage ss{};
    const socklen_t length = e.to_sockaddr(ss);
    ASSERT_GT(length, 0u);
    EXPECT_EQ(Endpoint::from_sockaddr(reinterpret_cast<const sockaddr*>(&ss), length), e) << text;
    EXPECT_FALSE(Endpoint::from_sockaddr(reinterpret_cast<const sockaddr*>(&ss), length - 1).has_value());
  }
  sockaddr_storage ss{};
  EXPECT_EQ(Endpoint{}.to_sockaddr(ss), 0u);
  EXPECT_FALSE(Endpoint::from_sockaddr(nullptr, 0).has_value());
}

TEST(Endpoint, DualStackFormMapsIpv4) {
  const Endpoint e = *Endpoint::parse("192.0.2.1", 9);
  sockaddr_storage ss{};
  ASSERT_EQ(e.to_sockaddr_v6(ss), sizeof(sockaddr_in6));
  EXPECT_EQ(ss.ss_family, AF_INET6);
  EXPECT_EQ(Endpoint::from_sockaddr(reinterpret_cast<const sockaddr*>(&ss), sizeof(sockaddr_in6)), e);
}

TEST(Endpoint, EqualityAndHashTakeEveryPart) {
  const Endpoint a = *Endpoint::parse("192.0.2.1", 9);
  std::unordered_set<Endpoint> set = {a, *Endpoint::parse("192.0.2.1", 10), *Endpoint::parse("192.0.2.2", 9),
                                      *Endpoint::parse("::c000:201", 9)};
  EXPECT_EQ(set.size(), 4u);
  EXPECT_EQ(set.count(*Endpoint::parse("192.0.2.1", 9)), 1u);
  EXPECT_NE(a, *Endpoint::parse("::c000:201", 9));  // IPv4-compatible is not IPv4
}

TEST(IceCredentials, GeneratedOnesAreValidAndDiffer) {
  const IceCredentials a = IceCredentials::generate();
  const IceCredentials b = IceCredentials::generate();
  EXPECT_TRUE(a.valid());
  EXPECT_EQ(a.ufrag.size(), 8u);
  EXPECT_EQ(a.pwd.size(), 24u);
  EXPECT_NE(a, b);
}

TEST(IceCredentials, Rfc8839Rules) {
  EXPECT_TRUE((IceCredentials{"abcd", std::string(22, 'x')}.valid()));
  EXPECT_FALSE((IceCredentials{"abc", std::string(22, 'x')}.valid()));
  EXPECT_FALSE((IceCredentials{"abcd", std::string(21, 'x')}.valid()));
  EXPECT_FALSE((IceCredentials{"ab:d", std::string(22, 'x')}.valid()));
  EXPECT_FALSE((IceCredentials{std::string(257, 'a'), std::string(22, 'x')}.valid()));
}

}  // namespace
}  // namespace rtcsip::media::ice
