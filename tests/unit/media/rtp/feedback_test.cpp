// RTCP feedback (RFC 4585 §6): generic NACK, PLI, FIR (RFC 5104), REMB, and
// opaque formats such as transport-cc; malformed FCI for each.
#include <gtest/gtest.h>

#include <vector>

#include "rtcp_samples.hpp"
#include "rtcsip/media/rtp/feedback.hpp"
#include "rtcsip/media/rtp/fir.hpp"
#include "rtcsip/media/rtp/nack.hpp"
#include "rtcsip/media/rtp/pli.hpp"
#include "rtcsip/media/rtp/remb.hpp"
#include "rtcsip/media/rtp/rtcp_compound.hpp"

namespace {

using namespace rtcsip::media::rtp;
using namespace rtcsip::media::rtp::test;

ConstRtcpPacket packet_of(const std::vector<std::uint8_t>& bytes) { return *ConstRtcpPacket::parse(bytes); }

std::vector<std::uint16_t> lost_of(const ConstNack& nack) {
  std::vector<std::uint16_t> lost;
  for (const ConstNackItem item : nack.items())
    item.for_each_lost([&](std::uint16_t seq) { lost.push_back(seq); });
  return lost;
}

TEST(Feedback, CommonHeader) {
  const auto bytes = nack();
  const auto fb = ConstFeedback::parse(packet_of(bytes));
  ASSERT_TRUE(fb);
  EXPECT_EQ(fb->type(), RtcpType::rtpfb);
  EXPECT_EQ(fb->format(), 1);
  EXPECT_TRUE(fb->is(RtpfbFormat::nack));
  EXPECT_FALSE(fb->is(PsfbFormat::pli));  // same FMT number, other type
  EXPECT_EQ(fb->sender_ssrc(), 1U);
  EXPECT_EQ(fb->media_ssrc(), 0x5e1f0c3bU);
  EXPECT_EQ(fb->fci().size(), 4U);
}

TEST(Feedback, RewritesSenderAndMediaSsrc) {
  auto bytes = pli();
  auto fb = Feedback::parse(*RtcpPacket::parse(bytes));
  ASSERT_TRUE(fb);
  fb->set_sender_ssrc(0x11223344);
  fb->set_media_ssrc(0x55667788);
  EXPECT_EQ(bytes, hex("81 ce 00 02  11 22 33 44  55 66 77 88"));
}

TEST(Nack, PidAndBitmask) {
  const auto bytes = nack();
  const auto view = ConstNack::parse(packet_of(bytes));
  ASSERT_TRUE(view);
  EXPECT_EQ(view->sender_ssrc(), 1U);
  EXPECT_EQ(view->media_ssrc(), 0x5e1f0c3bU);
  ASSERT_EQ(view->items().size(), 1U);
  EXPECT_EQ(view->items()[0].pid(), 0x1a2b);
  EXPECT_EQ(view->items()[0].blp(), 0x0005);
  EXPECT_EQ(view->items()[0].lost_count(), 3U);
  EXPECT_EQ(lost_of(*view), (std::vector<std::uint16_t>{0x1a2b, 0x1a2c, 0x1a2e}));
}

TEST(Nack, SeveralItemsWrappingSequence) {
  const auto bytes = hex("81 cd 00 04  00 00 00 01  00 00 00 02  ff fe 80 01  00 10 00 00");
  const auto view = ConstNack::parse(packet_of(bytes));
  ASSERT_TRUE(view);
  EXPECT_EQ(view->items().size(), 2U);
  // 0xfffe, then bit 0 -> 0xffff, bit 15 -> 0xfffe + 16 = 0x000e.
  EXPECT_EQ(lost_of(*view), (std::vector<std::uint16_t>{0xfffe, 0xffff, 0x000e, 0x0010}));
  EXPECT_EQ(validate_rtcp(bytes), RtcpError::none);
}

TEST(Nack, RenumbersItems) {
  auto bytes = nack();
  const auto view = Nack::parse(*RtcpPacket::parse(bytes));
  ASSERT_TRUE(view);
  for (NackItem item : view->items()) {
    item.set_pid(static_cast<std::uint16_t>(item.pid() - 0x1000));
    item.set_blp(0x8000);
  }
  EXPECT_EQ(lost_of(*ConstNack::parse(packet_of(bytes))), (std::vector<std::uint16_t>{0x0a2b, 0x0a3b}));
}

TEST(Pli, Parses) {
  const auto bytes = pli();
  const auto view = ConstPli::parse(packet_of(bytes));
  ASSERT_TRUE(view);
  EXPECT_EQ(view->sender_ssrc(), 1U);
  EXPECT_EQ(view->media_ssrc(), 0x5e1f0c3bU);
  EXPECT_FALSE(ConstNack::parse(packet_of(bytes)));
  EXPECT_FALSE(ConstFir::parse(packet_of(bytes)));
}

TEST(Fir, Entries) {
  const auto bytes =
      hex("84 ce 00 06  00 00 00 01  00 00 00 00  5e 1f 0c 3b  07 00 00 00  00 00 00 09  ff 00 00 00");
  const auto view = ConstFir::parse(packet_of(bytes));
  ASSERT_TRUE(view);
  EXPECT_EQ(view->sender_ssrc(), 1U);
  ASSERT_EQ(view->entries().size(), 2U);
  EXPECT_EQ(view->entries()[0].ssrc(), 0x5e1f0c3bU);
  EXPECT_EQ(view->entries()[0].sequence_number(), 7);
  EXPECT_EQ(view->entries()[1].ssrc(), 9U);
  EXPECT_EQ(view->entries()[1].sequence_number(), 255);
}

TEST(Fir, RewritesEntry) {
  auto bytes = fir();
  const auto view = Fir::parse(*RtcpPacket::parse(bytes));
  ASSERT_TRUE(view);
  FirEntry entry = view->entries()[0];
  entry.set_ssrc(0xa1b2c3d4);
  entry.set_sequence_number(8);
  EXPECT_EQ(bytes, hex("84 ce 00 04  00 00 00 01  00 00 00 00  a1 b2 c3 d4  08 00 00 00"));
}

TEST(Remb, BitrateAndSsrcs) {
  const auto bytes = remb();
  const auto view = ConstRemb::parse(packet_of(bytes));
  ASSERT_TRUE(view);
  EXPECT_EQ(view->exponent(), 4);
  EXPECT_EQ(view->mantissa(), 250000U);
  EXPECT_EQ(view->bitrate_bps(), 4000000U);
  ASSERT_EQ(view->ssrc_count(), 1U);
  EXPECT_EQ(view->ssrc(0), 0x5e1f0c3bU);
}

TEST(Remb, HugeExponentSaturates) {
  auto bytes = remb();
  bytes[17] = 0xff;  // exponent 63, mantissa top bits 3
  EXPECT_EQ(ConstRemb::parse(packet_of(bytes))->bitrate_bps(), UINT64_MAX);
  bytes[17] = 0xb8;  // exponent 46, mantissa 0xd090 (< 2^18): fits exactly
  EXPECT_EQ(ConstRemb::parse(packet_of(bytes))->bitrate_bps(), std::uint64_t{0xd090} << 46);
  bytes[17] = 0xfc;  // exponent 63, mantissa 0xd090: overflows
  EXPECT_EQ(ConstRemb::parse(packet_of(bytes))->bitrate_bps(), UINT64_MAX);
  bytes[17] = 0xfc;
  bytes[18] = 0;
  bytes[19] = 0;  // mantissa 0: zero whatever the exponent
  EXPECT_EQ(ConstRemb::parse(packet_of(bytes))->bitrate_bps(), 0U);
}

TEST(Remb, RewritesSsrc) {
  auto bytes = remb();
  auto view = Remb::parse(*RtcpPacket::parse(bytes));
  ASSERT_TRUE(view);
  view->set_ssrc(0, 42);
  EXPECT_EQ(ConstRemb::parse(packet_of(bytes))->ssrc(0), 42U);
}

TEST(Feedback, TransportCcIsOpaque) {
  const auto bytes = transport_cc();
  const auto fb = ConstFeedback::parse(packet_of(bytes));
  ASSERT_TRUE(fb);
  EXPECT_TRUE(fb->is(RtpfbFormat::transport_cc));
  EXPECT_EQ(fb->fci().size(), 12U);
  EXPECT_FALSE(ConstNack::parse(packet_of(bytes)));
  EXPECT_EQ(validate_rtcp(bytes), RtcpError::none);
}

TEST(Feedback, OtherApplicationLayerFeedbackIsOpaque) {
  const auto bytes = hex("8f ce 00 03  00 00 00 01  00 00 00 00  41 42 43 44");
  EXPECT_FALSE(ConstRemb::parse(packet_of(bytes)));
  EXPECT_EQ(validate_rtcp(bytes), RtcpError::none);
}

// ---------------------------------------------------------------- malformed --

TEST(FeedbackMalformed, NoRoomForTheTwoSsrcs) {
  const auto bytes = hex("81 ce 00 01  00 00 00 01");
  EXPECT_FALSE(ConstFeedback::parse(packet_of(bytes)));
  EXPECT_FALSE(ConstPli::parse(packet_of(bytes)));
  EXPECT_EQ(validate_rtcp(bytes), RtcpError::truncated_body);
}

TEST(FeedbackMalformed, NackWithoutItems) {
  const auto bytes = hex("81 cd 00 02  00 00 00 01  00 00 00 02");
  EXPECT_FALSE(ConstNack::parse(packet_of(bytes)));
  EXPECT_EQ(validate_rtcp(bytes), RtcpError::bad_feedback);
}

TEST(FeedbackMalformed, NackItemCutByPadding) {
  // Padding of 2 leaves 2 bytes of FCI: half an item.
  const auto bytes = hex("a1 cd 00 03  00 00 00 01  00 00 00 02  1a 2b 00 02");
  EXPECT_FALSE(ConstNack::parse(packet_of(bytes)));
  EXPECT_EQ(validate_rtcp(bytes), RtcpError::bad_feedback);
}

TEST(FeedbackMalformed, PliWithFci) {
  const auto bytes = hex("81 ce 00 03  00 00 00 01  00 00 00 02  00 00 00 00");
  EXPECT_FALSE(ConstPli::parse(packet_of(bytes)));
  EXPECT_EQ(validate_rtcp(bytes), RtcpError::bad_feedback);
}

TEST(FeedbackMalformed, FirEntryCutShortOrMissing) {
  const auto half = hex("84 ce 00 03  00 00 00 01  00 00 00 00  5e 1f 0c 3b");
  EXPECT_FALSE(ConstFir::parse(packet_of(half)));
  EXPECT_EQ(validate_rtcp(half), RtcpError::bad_feedback);
  const auto none = hex("84 ce 00 02  00 00 00 01  00 00 00 00");
  EXPECT_FALSE(ConstFir::parse(packet_of(none)));
}

TEST(FeedbackMalformed, RembSsrcCountPastTheEnd) {
  auto bytes = remb();
  bytes[16] = 2;
  EXPECT_FALSE(ConstRemb::parse(packet_of(bytes)));
  EXPECT_EQ(validate_rtcp(bytes), RtcpError::bad_feedback);
}

TEST(FeedbackMalformed, RembWithoutBitrate) {
  const auto bytes = hex("8f ce 00 03  00 00 00 01  00 00 00 00  52 45 4d 42");
  EXPECT_FALSE(ConstRemb::parse(packet_of(bytes)));
  EXPECT_EQ(validate_rtcp(bytes), RtcpError::bad_feedback);
}

}  // namespace
