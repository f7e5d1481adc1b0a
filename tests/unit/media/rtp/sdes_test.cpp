// SDES (RFC 3550 §6.5): chunks, items and CNAME, and chunks or items that
// run past the packet.
#include "rtcsip/media/rtp/sdes.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rtcp_samples.hpp"
#include "rtcsip/media/rtp/rtcp_compound.hpp"

namespace {

using namespace rtcsip::media::rtp;
using namespace rtcsip::media::rtp::test;

std::optional<ConstSdes> sdes_of(const std::vector<std::uint8_t>& bytes) {
  const auto packet = ConstRtcpPacket::parse(bytes);
  if (!packet) return std::nullopt;
  return ConstSdes::parse(*packet);
}

TEST(Sdes, ReadsTheBrowsersCname) {
  const auto bytes = sdes_cname();
  const auto sdes = sdes_of(bytes);
  ASSERT_TRUE(sdes);
  ASSERT_EQ(sdes->chunk_count(), 1U);
  int chunks = 0;
  for (const ConstSdesChunk chunk : *sdes) {
    ++chunks;
    EXPECT_EQ(chunk.ssrc(), 0x5e1f0c3aU);
    EXPECT_EQ(chunk.cname(), "4TZp1H+1g2FcYk9w");
    EXPECT_EQ(chunk.bytes().size(), 24U);
    int items = 0;
    for (const auto item : chunk.items()) {
      ++items;
      EXPECT_EQ(item.type, static_cast<std::uint8_t>(SdesItemType::cname));
      EXPECT_EQ(item.text(), "4TZp1H+1g2FcYk9w");
    }
    EXPECT_EQ(items, 1);
  }
  EXPECT_EQ(chunks, 1);
}

TEST(Sdes, SeveralChunksAndItems) {
  // A SIP phone: chunk 1 has CNAME, TOOL and PRIV; chunk 2 (a CSRC) is
  // empty but for its null item and padding; chunk 3 has NOTE ending exactly
  // on a word boundary before its four nulls.
  const auto bytes =
      hex("83 ca 00 0b"
          "00 00 00 0a  01 05 61 40 62 2e 63  06 03 70 6a 73  08 04 02 78 79 7a  00 00"
          "00 00 00 0b  00 00 00 00"
          "00 00 00 0c  07 02 68 69  00 00 00 00");
  const auto sdes = sdes_of(bytes);
  ASSERT_TRUE(sdes);
  std::vector<std::string> seen;
  for (const ConstSdesChunk chunk : *sdes) {
    seen.push_back("chunk " + std::to_string(chunk.ssrc()));
    for (const auto item : chunk.items())
      seen.push_back(std::to_string(item.type) + ":" + std::string(item.text()));
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"chunk 10", "1:a@b.c", "6:pjs", "8:\2xyz", "chunk 11", "chunk 12",
                                            "7:hi"}));
  auto it = sdes->begin();
  ++it;
  EXPECT_FALSE((*it).cname());
  ++it;
  EXPECT_EQ((*it).find(SdesItemType::note)->size(), 2U);
  EXPECT_EQ(validate_rtcp(bytes), RtcpError::none);
}

TEST(Sdes, NoChunks) {
  const auto bytes = hex("80 ca 00 00");
  const auto sdes = sdes_of(bytes);
  ASSERT_TRUE(sdes);
  EXPECT_EQ(sdes->chunk_count(), 0U);
  EXPECT_TRUE(sdes->begin() == sdes->end());
}

TEST(Sdes, RewritesChunkSsrc) {
  auto bytes = sdes_cname();
  const auto sdes = Sdes::parse(*RtcpPacket::parse(bytes));
  ASSERT_TRUE(sdes);
  for (SdesChunk chunk : *sdes) chunk.set_ssrc(0x01020304);
  EXPECT_EQ(load_be32(bytes.data() + 4), 0x01020304U);
  const auto again = ConstSdes::parse(*ConstRtcpPacket::parse(bytes));
  EXPECT_EQ((*again->begin()).cname(), "4TZp1H+1g2FcYk9w");
}

// ---------------------------------------------------------------- malformed --

TEST(SdesMalformed, ItemLengthPastTheEnd) {
  // CNAME claims 0x20 bytes; the packet has 18 after it.
  auto bytes = sdes_cname();
  bytes[9] = 0x20;
  EXPECT_FALSE(sdes_of(bytes));
  EXPECT_EQ(validate_rtcp(bytes), RtcpError::bad_sdes);
}

TEST(SdesMalformed, ItemLengthOctetMissing) {
  const auto bytes = hex("81 ca 00 02  00 00 00 01  01 01 61 01");  // a type as the last octet
  EXPECT_FALSE(sdes_of(bytes));
}

TEST(SdesMalformed, NoNullItemBeforeTheEnd) {
  // CNAME of 2 bytes fills the chunk exactly: no room for the null item.
  const auto bytes = hex("81 ca 00 02  00 00 00 01  01 02 61 62");
  EXPECT_FALSE(sdes_of(bytes));
  EXPECT_EQ(validate_rtcp(bytes), RtcpError::bad_sdes);
}

TEST(SdesMalformed, PaddingNullsPastTheEnd) {
  // The null item is there but the chunk's 32-bit padding is not. A whole
  // packet cannot show this (lengths are in words), so walk the chunk alone.
  const auto chunk = hex("00 00 00 01  01 01 61 00");
  EXPECT_EQ(rtcsip::media::rtp::detail::sdes_chunk_size(chunk), 8U);
  EXPECT_EQ(rtcsip::media::rtp::detail::sdes_chunk_size(std::span<const std::uint8_t>(chunk).first(7)), 0U);
  EXPECT_EQ(rtcsip::media::rtp::detail::sdes_chunk_size(std::span<const std::uint8_t>(chunk).first(3)), 0U);
}

TEST(SdesMalformed, MoreChunksCountedThanPresent) {
  auto bytes = sdes_cname();
  bytes[0] = 0x82;  // SC = 2
  EXPECT_FALSE(sdes_of(bytes));
  EXPECT_EQ(validate_rtcp(bytes), RtcpError::bad_sdes);
}

TEST(SdesMalformed, ChunkWithoutSsrc) { EXPECT_FALSE(sdes_of(hex("81 ca 00 00"))); }

TEST(SdesMalformed, EveryShorterLengthIsRefused) {
  const auto full = sdes_cname();
  for (std::size_t words = 1; words < 7; ++words) {
    std::vector<std::uint8_t> cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(4 * words));
    cut[3] = static_cast<std::uint8_t>(words - 1);
    EXPECT_FALSE(sdes_of(cut)) << words;
    EXPECT_EQ(validate_rtcp(cut), RtcpError::bad_sdes);
  }
}

}  // namespace
