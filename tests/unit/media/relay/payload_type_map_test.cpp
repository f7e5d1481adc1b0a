#include "rtcsip/media/relay/payload_type_map.hpp"

#include <gtest/gtest.h>

namespace rtcsip::media::relay {
namespace {

TEST(RelayPayloadTypeMap, MapsOnlyWhatWasAdded) {
  PayloadTypeMap map;
  EXPECT_FALSE(map.contains(0));
  EXPECT_TRUE(map.add(126, 101));
  EXPECT_EQ(map.map(126), 101);
  EXPECT_EQ(map.map(101), std::nullopt);
  map.remove(126);
  EXPECT_FALSE(map.contains(126));
}

TEST(RelayPayloadTypeMap, RefusesNumbersOutsideSevenBits) {
  PayloadTypeMap map;
  EXPECT_FALSE(map.add(128, 0));
  EXPECT_FALSE(map.add(0, 200));
  EXPECT_EQ(map.map(200), std::nullopt);
  EXPECT_FALSE(map.contains(0));
}

}  // namespace
}  // namespace rtcsip::media::relay
