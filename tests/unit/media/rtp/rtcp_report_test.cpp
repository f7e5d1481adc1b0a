// SR and RR views (RFC 3550 §6.4): sender info, report blocks, the relay's
// SSRC writers, and report counts the length cannot hold.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "rtcp_samples.hpp"
#include "rtcsip/media/rtp/receiver_report.hpp"
#include "rtcsip/media/rtp/rtcp_compound.hpp"
#include "rtcsip/media/rtp/sender_report.hpp"

namespace {

using namespace rtcsip::media::rtp;
using namespace rtcsip::media::rtp::test;

TEST(SenderReport, ReadsSenderInfoAndReportBlock) {
  const auto bytes = sender_report();
  const auto packet = ConstRtcpPacket::parse(bytes);
  ASSERT_TRUE(packet);
  const auto sr = ConstSenderReport::parse(*packet);
  ASSERT_TRUE(sr);
  EXPECT_EQ(sr->sender_ssrc(), 0x5e1f0c3aU);
  EXPECT_EQ(sr->ntp_timestamp(), 0xe74a3b1c80000000ULL);
  EXPECT_EQ(sr->rtp_timestamp(), 0x000bb840U);
  EXPECT_EQ(sr->packet_count(), 500U);
  EXPECT_EQ(sr->octet_count(), 0x14f8cU);
  EXPECT_TRUE(sr->profile_extension().empty());

  const auto blocks = sr->report_blocks();
  ASSERT_EQ(blocks.size(), 1U);
  const ConstReportBlock block = blocks[0];
  EXPECT_EQ(block.ssrc(), 0x12345678U);
  EXPECT_EQ(block.fraction_lost(), 5);
  EXPECT_EQ(block.cumulative_lost(), -2);  // RFC 3550 §6.4.1: signed
  EXPECT_EQ(block.extended_highest_sequence(), 0x11a2bU);
  EXPECT_EQ(block.jitter(), 32U);
  EXPECT_EQ(block.last_sr(), 0x3b1c8000U);
  EXPECT_EQ(block.delay_since_last_sr(), 0x1000U);
}

TEST(SenderReport, CumulativeLostRange) {
  auto bytes = sender_report();
  const auto check = [&](std::uint32_t raw, std::int32_t expected) {
    bytes[33] = static_cast<std::uint8_t>(raw >> 16);
    bytes[34] = static_cast<std::uint8_t>(raw >> 8);
    bytes[35] = static_cast<std::uint8_t>(raw);
    const auto sr = ConstSenderReport::parse(*ConstRtcpPacket::parse(bytes));
    EXPECT_EQ(sr->report_blocks()[0].cumulative_lost(), expected) << raw;
  };
  check(0x000000, 0);
  check(0x7fffff, 8388607);
  check(0x800000, -8388608);
  check(0xffffff, -1);
}

TEST(SenderReport, WithoutReportBlocksAndWithProfileExtension) {
  const auto bytes =
      hex("80 c8 00 07  5e 1f 0c 3a  e7 4a 3b 1c 80 00 00 00  00 0b b8 40  00 00 01 f4  00 01 4f 8c"
          "de ad be ef");
  const auto sr = ConstSenderReport::parse(*ConstRtcpPacket::parse(bytes));
  ASSERT_TRUE(sr);
  EXPECT_TRUE(sr->report_blocks().empty());
  ASSERT_EQ(sr->profile_extension().size(), 4U);
  EXPECT_EQ(sr->profile_extension()[0], 0xde);
}

TEST(SenderReport, RewritesSsrcsAndRtpTimestampInPlace) {
  auto bytes = sender_report();
  const auto original = bytes;
  auto sr = SenderReport::parse(*RtcpPacket::parse(bytes));
  ASSERT_TRUE(sr);
  sr->set_sender_ssrc(0xcafef00d);
  sr->set_rtp_timestamp(0x01020304);
  for (ReportBlock block : sr->report_blocks()) {
    block.set_ssrc(0x0badf00d);
    block.set_extended_highest_sequence(0x20000);
  }
  const auto again = ConstSenderReport::parse(*ConstRtcpPacket::parse(bytes));
  EXPECT_EQ(again->sender_ssrc(), 0xcafef00dU);
  EXPECT_EQ(again->rtp_timestamp(), 0x01020304U);
  EXPECT_EQ(again->report_blocks()[0].ssrc(), 0x0badf00dU);
  EXPECT_EQ(again->report_blocks()[0].extended_highest_sequence(), 0x20000U);
  // Nothing else moved: the NTP time, counts and the rest of the block.
  EXPECT_EQ(again->ntp_timestamp(), 0xe74a3b1c80000000ULL);
  EXPECT_EQ(again->packet_count(), 500U);
  EXPECT_EQ(again->report_blocks()[0].cumulative_lost(), -2);
  EXPECT_TRUE(std::equal(bytes.begin() + 40, bytes.end(), original.begin() + 40));
}

TEST(SenderReport, RefusesOtherTypes) {
  const auto bytes = empty_receiver_report();
  EXPECT_FALSE(ConstSenderReport::parse(*ConstRtcpPacket::parse(bytes)));
}

TEST(SenderReportMalformed, ReportBlocksPastTheLength) {
  // RC = 2 with room for one block.
  auto bytes = sender_report();
  bytes[0] = 0x82;
  EXPECT_FALSE(ConstSenderReport::parse(*ConstRtcpPacket::parse(bytes)));
  EXPECT_EQ(validate_rtcp(bytes), RtcpError::truncated_body);
}

TEST(SenderReportMalformed, TruncatedSenderInfo) {
  // Length 5: the sender info lacks the octet count.
  const auto bytes = hex("80 c8 00 05  5e 1f 0c 3a  e7 4a 3b 1c 80 00 00 00  00 0b b8 40  00 00 01 f4");
  EXPECT_FALSE(ConstSenderReport::parse(*ConstRtcpPacket::parse(bytes)));
}

TEST(SenderReportMalformed, ReportBlockCutShort) {
  // The length covers 20 of the block's 24 bytes.
  auto bytes = sender_report();
  bytes[3] = 0x0b;
  bytes.resize(48);
  EXPECT_FALSE(ConstSenderReport::parse(*ConstRtcpPacket::parse(bytes)));
  EXPECT_EQ(validate_rtcp(bytes), RtcpError::truncated_body);
}

TEST(ReceiverReport, ReadsTwoBlocks) {
  const auto bytes =
      hex("82 c9 00 0d  00 00 00 01"
          "11 11 11 11  00 00 00 00  00 00 00 10  00 00 00 01  00 00 00 00  00 00 00 00"
          "22 22 22 22  ff 00 00 07  00 00 00 20  00 00 00 02  00 00 00 03  00 00 00 04");
  const auto rr = ConstReceiverReport::parse(*ConstRtcpPacket::parse(bytes));
  ASSERT_TRUE(rr);
  EXPECT_EQ(rr->sender_ssrc(), 1U);
  ASSERT_EQ(rr->report_blocks().size(), 2U);
  std::vector<std::uint32_t> ssrcs;
  for (const ConstReportBlock block : rr->report_blocks()) ssrcs.push_back(block.ssrc());
  EXPECT_EQ(ssrcs, (std::vector<std::uint32_t>{0x11111111, 0x22222222}));
  EXPECT_EQ(rr->report_blocks()[1].fraction_lost(), 255);
  EXPECT_EQ(rr->report_blocks()[1].cumulative_lost(), 7);
  EXPECT_EQ(rr->report_blocks()[1].delay_since_last_sr(), 4U);
  EXPECT_TRUE(rr->profile_extension().empty());
}

TEST(ReceiverReport, EmptyAndRewritten) {
  auto bytes = empty_receiver_report();
  auto rr = ReceiverReport::parse(*RtcpPacket::parse(bytes));
  ASSERT_TRUE(rr);
  EXPECT_TRUE(rr->report_blocks().empty());
  rr->set_sender_ssrc(0xabcdef01);
  EXPECT_EQ(bytes, hex("80 c9 00 01 ab cd ef 01"));
}

TEST(ReceiverReportMalformed, ReportCountPastTheLength) {
  for (std::uint8_t rc = 1; rc < 32; ++rc) {
    auto bytes = empty_receiver_report();
    bytes[0] = static_cast<std::uint8_t>(0x80 | rc);
    EXPECT_FALSE(ConstReceiverReport::parse(*ConstRtcpPacket::parse(bytes))) << int{rc};
    EXPECT_EQ(validate_compound(bytes), RtcpError::truncated_body);
  }
}

TEST(ReceiverReportMalformed, NoSsrc) {
  const auto bytes = hex("80 c9 00 00");
  EXPECT_FALSE(ConstReceiverReport::parse(*ConstRtcpPacket::parse(bytes)));
  EXPECT_EQ(validate_compound(bytes), RtcpError::truncated_body);
}

}  // namespace
