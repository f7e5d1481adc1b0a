// Asio UDP endpoints <-> net::Endpoint, as the transport converts every
// datagram's source and every destination.
#include "rtcsip/media/net/udp_endpoint.hpp"

#include <gtest/gtest.h>

#include <boost/asio/ip/address.hpp>

namespace rtcsip::media::net {
namespace {

namespace ip = boost::asio::ip;
using ip::udp;

TEST(UdpEndpoint, Ipv4RoundTrips) {
  const udp::endpoint asio_endpoint(ip::make_address("192.0.2.7"), 5004);
  const auto endpoint = from_udp(asio_endpoint);
  ASSERT_TRUE(endpoint.has_value());
  EXPECT_EQ(endpoint->to_string(), "192.0.2.7:5004");
  EXPECT_EQ(to_udp(*endpoint, udp::v4()), asio_endpoint);
}

TEST(UdpEndpoint, Ipv4PeerOnADualStackSocketIsMapped) {
  const auto endpoint = Endpoint::parse("192.0.2.7", 5004);
  ASSERT_TRUE(endpoint.has_value());
  const auto mapped = to_udp(*endpoint, udp::v6());
  ASSERT_TRUE(mapped.has_value());
  EXPECT_EQ(mapped->address(), ip::make_address("::ffff:192.0.2.7"));
  EXPECT_EQ(mapped->port(), 5004);
  // What a dual-stack socket reports comes back as the IPv4 peer.
  EXPECT_EQ(from_udp(*mapped), endpoint);
}

TEST(UdpEndpoint, Ipv6PeerNeedsAnIpv6Socket) {
  const auto endpoint = Endpoint::parse("2001:db8::1", 6000);
  ASSERT_TRUE(endpoint.has_value());
  EXPECT_FALSE(to_udp(*endpoint, udp::v4()).has_value());
  const auto v6 = to_udp(*endpoint, udp::v6());
  ASSERT_TRUE(v6.has_value());
  EXPECT_EQ(*v6, udp::endpoint(ip::make_address("2001:db8::1"), 6000));
  EXPECT_FALSE(to_udp(Endpoint{}, udp::v6()).has_value());
}

}  // namespace
}  // namespace rtcsip::media::net
