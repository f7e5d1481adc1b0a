#include "rtcsip/media/session/port_allocator.hpp"

#include <gtest/gtest.h>

#include <set>

namespace rtcsip::media {
namespace {

TEST(PortAllocatorTest, PairsAreEvenAndTakeBothPorts) {
  PortAllocator ports(20001, 20010);
  const auto first = ports.acquire_pair();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(*first, 20002);  // RFC 3550 §11: RTP on an even port
  EXPECT_EQ(ports.in_use(), 2u);
  const auto single = ports.acquire();
  ASSERT_TRUE(single.has_value());
  EXPECT_EQ(*single, 20004);
  const auto second = ports.acquire_pair();
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(*second, 20006);  // 20005 is free but odd
}

TEST(PortAllocatorTest, ReleasedPortsAreReusedLast) {
  PortAllocator ports(30000, 30003);
  EXPECT_EQ(ports.acquire(), 30000);
  ports.release(30000);
  EXPECT_EQ(ports.acquire(), 30001);
  EXPECT_EQ(ports.acquire(), 30002);
  EXPECT_EQ(ports.acquire(), 30003);
  EXPECT_EQ(ports.acquire(), 30000);
  EXPECT_EQ(ports.acquire(), std::nullopt);  // all four taken
  EXPECT_EQ(ports.acquire_pair(), std::nullopt);
  ports.release(30002);
  ports.release(30003);
  EXPECT_EQ(ports.acquire_pair(), 30002);
  ports.release(40000);  // not ours: ignored
  ports.release(30002);
  ports.release(30002);  // twice: once counted
  EXPECT_EQ(ports.in_use(), 3u);
}

TEST(PortAllocatorTest, SharesAreDisjointEvenAlignedAndCoverTheRange) {
  const auto shares = PortAllocator::split(20001, 20100, 3);
  ASSERT_EQ(shares.size(), 3u);
  std::set<unsigned> seen;
  for (auto share : shares) {
    EXPECT_EQ(share.min() % 2, 0);
    while (const auto port = share.acquire()) {
      EXPECT_GE(*port, 20001);
      EXPECT_LE(*port, 20100);
      EXPECT_TRUE(seen.insert(*port).second) << *port << " in two shares";
    }
  }
  EXPECT_EQ(seen.size(), 99u);  // 20002..20100: the odd first port starts no pair
}

TEST(PortAllocatorTest, ARangeTooSmallLeavesSomeSharesEmpty) {
  auto shares = PortAllocator::split(20000, 20001, 4);
  ASSERT_EQ(shares.size(), 4u);
  std::size_t total = 0;
  for (auto& share : shares) total += share.size();
  EXPECT_EQ(total, 2u);
  EXPECT_EQ(shares.back().acquire_pair(), 20000);
}

}  // namespace
}  // namespace rtcsip::media
