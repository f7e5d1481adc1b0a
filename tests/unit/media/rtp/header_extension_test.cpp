// RFC 8285 header extension elements: one-byte and two-byte forms, padding,
// the id-15 terminator, and blocks whose elements do not fit.
#include "rtcsip/media/rtp/header_extension.hpp"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "test_bytes.hpp"

namespace {

using namespace rtcsip::media::rtp;
using rtcsip::media::rtp::test::hex;

// (id, data) of every element the iteration yields.
std::vector<std::pair<int, std::vector<std::uint8_t>>> elements(const ConstHeaderExtension& ext) {
  std::vector<std::pair<int, std::vector<std::uint8_t>>> out;
  for (const auto e : ext) out.emplace_back(e.id, std::vector<std::uint8_t>(e.data.begin(), e.data.end()));
  return out;
}

using Elements = std::vector<std::pair<int, std::vector<std::uint8_t>>>;

TEST(HeaderExtension, FormFollowsProfile) {
  EXPECT_EQ(extension_form(0xBEDE), ExtensionForm::one_byte);
  EXPECT_EQ(extension_form(0x1000), ExtensionForm::two_byte);
  EXPECT_EQ(extension_form(0x100F), ExtensionForm::two_byte);  // appbits
  EXPECT_EQ(extension_form(0x1010), ExtensionForm::opaque);
  EXPECT_EQ(extension_form(0xBEDF), ExtensionForm::opaque);
  EXPECT_EQ(extension_form(0x0000), ExtensionForm::opaque);
}

TEST(HeaderExtension, OneByteElementsWithPaddingBetweenAndAfter) {
  const auto data = hex("10 a1 00 00 22 12 34 56 00 31 01 f4");
  const ConstHeaderExtension ext(0xBEDE, data);
  EXPECT_EQ(elements(ext), (Elements{{1, {0xa1}}, {2, {0x12, 0x34, 0x56}}, {3, {0x01, 0xf4}}}));
  EXPECT_TRUE(ext.well_formed());
}

TEST(HeaderExtension, OneByteLongestElementIsSixteenBytes) {
  auto data = hex("ef");
  for (int i = 0; i < 16; ++i) data.push_back(static_cast<std::uint8_t>(i));
  data.resize(20, 0);
  const ConstHeaderExtension ext(0xBEDE, data);
  const auto e = ext.find(14);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->size(), 16U);
  EXPECT_EQ((*e)[15], 15);
  EXPECT_TRUE(ext.well_formed());
}

TEST(HeaderExtension, OneByteIdFifteenStopsTheWalk) {
  // RFC 8285 §4.2: only elements before id 15 count; its length is ignored.
  const auto data = hex("10 a1 f7 22 12 34 56 00");
  const ConstHeaderExtension ext(0xBEDE, data);
  EXPECT_EQ(elements(ext), (Elements{{1, {0xa1}}}));
  EXPECT_FALSE(ext.find(2));
  EXPECT_TRUE(ext.well_formed());
}

TEST(HeaderExtension, OneByteIdZeroWithLengthIsMalformed) {
  const auto data = hex("10 a1 03 22 12 34 56 00");
  const ConstHeaderExtension ext(0xBEDE, data);
  EXPECT_EQ(elements(ext), (Elements{{1, {0xa1}}}));
  EXPECT_FALSE(ext.well_formed());
}

TEST(HeaderExtension, OneByteElementPastTheBlock) {
  // id 2 says 4 bytes, 2 are left.
  const auto data = hex("10 a1 23 12 34 00 00 00");
  const ConstHeaderExtension ext(0xBEDE, std::span<const std::uint8_t>(data).first(5));
  EXPECT_EQ(elements(ext), (Elements{{1, {0xa1}}}));
  EXPECT_FALSE(ext.find(2));
  EXPECT_FALSE(ext.well_formed());
}

TEST(HeaderExtension, TwoByteElementsIncludingEmptyAndLong) {
  std::vector<std::uint8_t> data = hex("01 00  00  02 03 aa bb cc  0f ff");
  for (int i = 0; i < 255; ++i) data.push_back(static_cast<std::uint8_t>(i));
  data.resize(data.size() + (4 - data.size() % 4) % 4, 0);
  const ConstHeaderExtension ext(0x1003, data);
  EXPECT_EQ(ext.form(), ExtensionForm::two_byte);
  int seen = 0;
  for (const auto e : ext) {
    ++seen;
    if (e.id == 1) {
      EXPECT_TRUE(e.data.empty());
    } else if (e.id == 2) {
      EXPECT_EQ(e.data.size(), 3U);
    } else {
      EXPECT_EQ(e.id, 15);
      EXPECT_EQ(e.data.size(), 255U);
    }
  }
  EXPECT_EQ(seen, 3);
  const auto empty = ext.find(1);
  ASSERT_TRUE(empty);  // present, with no data
  EXPECT_TRUE(empty->empty());
  EXPECT_TRUE(ext.well_formed());
}

TEST(HeaderExtension, TwoByteIdsAboveFourteen) {
  const auto data = hex("ff 01 7f 00");
  const ConstHeaderExtension ext(0x1000, data);
  EXPECT_EQ(elements(ext), (Elements{{255, {0x7f}}}));
}

TEST(HeaderExtension, TwoByteHeaderCutAfterItsId) {
  const auto data = hex("01 01 aa 05");
  const ConstHeaderExtension ext(0x1000, data);
  EXPECT_EQ(elements(ext), (Elements{{1, {0xaa}}}));
  EXPECT_FALSE(ext.well_formed());
}

TEST(HeaderExtension, TwoByteLengthPastTheBlock) {
  const auto data = hex("01 09 aa bb cc dd ee ff 00 00");
  const ConstHeaderExtension ext(0x1000, data);
  EXPECT_TRUE(elements(ext).empty());
  EXPECT_FALSE(ext.well_formed());
}

TEST(HeaderExtension, AllPaddingHasNoElements) {
  const auto data = hex("00 00 00 00");
  EXPECT_TRUE(elements(ConstHeaderExtension(0xBEDE, data)).empty());
  EXPECT_TRUE(elements(ConstHeaderExtension(0x1000, data)).empty());
  EXPECT_TRUE(ConstHeaderExtension(0xBEDE, data).well_formed());
}

TEST(HeaderExtension, FindReturnsTheFirstOfRepeatedIds) {
  const auto data = hex("10 01 10 02");
  const auto e = ConstHeaderExtension(0xBEDE, data).find(1);
  ASSERT_TRUE(e);
  EXPECT_EQ((*e)[0], 0x01);
}

TEST(HeaderExtension, MutableElementsWriteThroughToThePacket) {
  auto data = hex("10 a1 00 00");
  const HeaderExtension ext(0xBEDE, data);
  for (const auto e : ext) e.data[0] = 0x7f;
  EXPECT_EQ(data[1], 0x7f);
}

}  // namespace
