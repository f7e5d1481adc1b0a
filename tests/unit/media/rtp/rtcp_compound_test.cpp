// Compound RTCP (RFC 3550 §6.1): walking the packets of a datagram and the
// checks that decide whether to relay it: lengths that lie, trailing bytes,
// padding, and the SR/RR-first rule.
#include "rtcsip/media/rtp/rtcp_compound.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "rtcp_samples.hpp"

namespace {

using namespace rtcsip::media::rtp;
using namespace rtcsip::media::rtp::test;

std::vector<int> types_of(const std::vector<std::uint8_t>& datagram) {
  std::vector<int> types;
  for (const auto packet : ConstRtcpCompound(datagram)) types.push_back(packet.type());
  return types;
}

TEST(RtcpCompound, WalksSrThenSdes) {
  const auto datagram = sr_sdes_compound();
  ASSERT_EQ(datagram.size(), 80U);
  EXPECT_EQ(types_of(datagram), (std::vector<int>{200, 202}));
  EXPECT_EQ(ConstRtcpCompound(datagram).error(), RtcpError::none);
  EXPECT_EQ(validate_rtcp(datagram), RtcpError::none);
  EXPECT_EQ(validate_compound(datagram), RtcpError::none);

  auto it = ConstRtcpCompound(datagram).begin();
  const auto sr = *it;
  EXPECT_EQ(sr.version(), 2);
  EXPECT_EQ(sr.count(), 1);
  EXPECT_TRUE(sr.is(RtcpType::sr));
  EXPECT_EQ(sr.length_field(), 12);
  EXPECT_EQ(sr.bytes().size(), 52U);
  EXPECT_EQ(sr.body().size(), 48U);
  EXPECT_EQ(sr.bytes().data(), datagram.data());
  ++it;
  EXPECT_EQ((*it).bytes().data(), datagram.data() + 52);
  EXPECT_EQ((*it).bytes().size(), 28U);
  ++it;
  EXPECT_TRUE(it == std::default_sentinel);
}

TEST(RtcpCompound, ReceiverReportThenNack) {
  const auto datagram = concat({empty_receiver_report(), nack()});
  EXPECT_EQ(types_of(datagram), (std::vector<int>{201, 205}));
  EXPECT_EQ(validate_compound(datagram), RtcpError::none);
}

TEST(RtcpCompound, EveryKnownTypeInOneCompound) {
  const auto datagram = concat({sender_report(), sdes_cname(), nack(), pli(), fir(), remb(), transport_cc(),
                                app(), bye_with_reason()});
  EXPECT_EQ(types_of(datagram), (std::vector<int>{200, 202, 205, 206, 206, 206, 205, 204, 203}));
  EXPECT_EQ(validate_compound(datagram), RtcpError::none);
}

TEST(RtcpCompound, UnknownTypesPassAsOpaque) {
  // An XR (RFC 3611) block and a type nobody assigned, after an RR.
  const auto datagram =
      concat({empty_receiver_report(), hex("80 cf 00 02 00 00 00 01 04 00 00 00"), hex("80 d5 00 00")});
  EXPECT_EQ(types_of(datagram), (std::vector<int>{201, 207, 213}));
  EXPECT_EQ(validate_compound(datagram), RtcpError::none);
}

TEST(RtcpCompound, FeedbackAloneIsReducedSize) {
  // RFC 5506: valid RTCP, but not a compound packet by RFC 3550 §6.1.
  EXPECT_EQ(validate_rtcp(pli()), RtcpError::none);
  EXPECT_EQ(validate_compound(pli()), RtcpError::first_not_report);
  EXPECT_EQ(validate_compound(sdes_cname()), RtcpError::first_not_report);
  EXPECT_EQ(validate_compound(concat({sdes_cname(), sender_report()})), RtcpError::first_not_report);
}

TEST(RtcpCompound, PaddingOnTheLastPacket) {
  // An RR with 4 octets of padding (P set, length 2, count 4).
  const auto padded_rr = hex("a0 c9 00 02  00 00 00 01  00 00 00 04");
  const auto packet = ConstRtcpPacket::parse(padded_rr);
  ASSERT_TRUE(packet);
  EXPECT_TRUE(packet->has_padding());
  EXPECT_EQ(packet->padding_size(), 4U);
  EXPECT_EQ(packet->body().size(), 4U);
  EXPECT_EQ(validate_compound(padded_rr), RtcpError::none);
  EXPECT_EQ(validate_compound(concat({sender_report(), padded_rr})), RtcpError::none);
}

// ---------------------------------------------------------------- malformed --

TEST(RtcpCompoundMalformed, EmptyOrShorterThanAHeader) {
  for (const auto& bytes : {hex(""), hex("80"), hex("80 c9"), hex("80 c9 00")}) {
    EXPECT_EQ(validate_rtcp(bytes), RtcpError::too_short) << bytes.size();
    EXPECT_EQ(ConstRtcpCompound(bytes).error(), RtcpError::too_short);
    EXPECT_TRUE(types_of(bytes).empty());
    EXPECT_FALSE(ConstRtcpPacket::parse(bytes));
  }
}

TEST(RtcpCompoundMalformed, WrongVersion) {
  for (const std::uint8_t first : {0x00, 0x40, 0xc0}) {
    auto bytes = empty_receiver_report();
    bytes[0] = first;
    EXPECT_EQ(validate_rtcp(bytes), RtcpError::bad_version);
  }
  // In the second packet: the walk stops after the first.
  auto bytes = sr_sdes_compound();
  bytes[52] = 0x41;
  EXPECT_EQ(validate_compound(bytes), RtcpError::bad_version);
  EXPECT_EQ(types_of(bytes), (std::vector<int>{200}));
}

TEST(RtcpCompoundMalformed, LengthLongerThanTheDatagram) {
  auto bytes = empty_receiver_report();
  bytes[3] = 0x02;  // 12 bytes claimed, 8 present
  EXPECT_EQ(validate_rtcp(bytes), RtcpError::length_past_end);
  EXPECT_EQ(ConstRtcpCompound(bytes).error(), RtcpError::length_past_end);
  EXPECT_TRUE(types_of(bytes).empty());
  bytes[2] = 0xff;
  bytes[3] = 0xff;
  EXPECT_EQ(validate_rtcp(bytes), RtcpError::length_past_end);

  // The second packet's length lies.
  auto compound = sr_sdes_compound();
  compound[55] = 0x07;
  EXPECT_EQ(validate_compound(compound), RtcpError::length_past_end);
  EXPECT_EQ(types_of(compound), (std::vector<int>{200}));
}

TEST(RtcpCompoundMalformed, LengthShorterThanThePacketLeavesGarbage) {
  // SR length says 6 words: the walk then reads the report block as the
  // next packet's header, and 0x12 has version 0.
  auto bytes = sender_report();
  bytes[3] = 0x06;
  EXPECT_EQ(validate_rtcp(bytes), RtcpError::bad_version);
  EXPECT_EQ(types_of(bytes), (std::vector<int>{200}));
}

TEST(RtcpCompoundMalformed, DatagramNotAMultipleOfFour) {
  for (const std::size_t extra : {1U, 2U, 3U}) {
    auto bytes = sr_sdes_compound();
    bytes.resize(bytes.size() + extra, 0);
    EXPECT_EQ(validate_rtcp(bytes), RtcpError::trailing_bytes) << extra;
    EXPECT_EQ(ConstRtcpCompound(bytes).error(), RtcpError::trailing_bytes);
    EXPECT_EQ(types_of(bytes), (std::vector<int>{200, 202}));
  }
}

TEST(RtcpCompoundMalformed, BadPaddingCount) {
  EXPECT_EQ(validate_rtcp(hex("a0 c9 00 02  00 00 00 01  00 00 00 00")), RtcpError::bad_padding);
  // 9 would reach into the header.
  EXPECT_EQ(validate_rtcp(hex("a0 c9 00 02  00 00 00 01  00 00 00 09")), RtcpError::bad_padding);
  // 8 eats the SSRC: the padding fits, but an RR body needs its SSRC.
  EXPECT_EQ(validate_rtcp(hex("a0 c9 00 02  00 00 00 01  00 00 00 08")), RtcpError::truncated_body);
}

TEST(RtcpCompoundMalformed, PaddingOnAPacketOtherThanTheLast) {
  const auto padded_rr = hex("a0 c9 00 02  00 00 00 01  00 00 00 04");
  EXPECT_EQ(validate_compound(concat({padded_rr, sdes_cname()})), RtcpError::padding_not_last);
}

TEST(RtcpCompoundMalformed, EveryTruncationIsRefusedAndNeverOverread) {
  const auto full = concat({sender_report(), sdes_cname(), nack(), bye_with_reason()});
  ASSERT_EQ(full.size(), 116U);
  for (std::size_t n = 0; n <= full.size(); ++n) {
    // A fresh allocation of exactly n bytes, so ASan sees any overread.
    const std::vector<std::uint8_t> cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
    const bool at_packet_boundary = n == 52 || n == 80 || n == 96 || n == 116;
    EXPECT_EQ(validate_compound(cut) == RtcpError::none, at_packet_boundary) << n;
    std::size_t walked = 0;
    for (const auto packet : ConstRtcpCompound(cut)) walked += packet.bytes().size();
    EXPECT_LE(walked, n);
  }
}

TEST(RtcpCompoundMalformed, EveryErrorHasAName) {
  for (int e = 0; e <= static_cast<int>(RtcpError::bad_feedback); ++e) {
    EXPECT_FALSE(to_string(static_cast<RtcpError>(e)).empty());
  }
}

}  // namespace
