// RFC 7983 first-byte demultiplexing and RFC 5761 RTP/RTCP on one port.
#include "rtcsip/media/rtp/demux.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "rtcp_samples.hpp"

namespace {

using namespace rtcsip::media::rtp;
using namespace rtcsip::media::rtp::test;

DatagramKind kind_of(std::uint8_t first) {
  const std::uint8_t bytes[] = {first, 0};
  return classify_datagram(bytes);
}

TEST(Demux, EveryFirstByte) {
  for (unsigned b = 0; b < 256; ++b) {
    DatagramKind expected = DatagramKind::unknown;
    if (b <= 3) expected = DatagramKind::stun;
    if (b >= 16 && b <= 19) expected = DatagramKind::zrtp;
    if (b >= 20 && b <= 63) expected = DatagramKind::dtls;
    if (b >= 64 && b <= 79) expected = DatagramKind::turn_channel;
    if (b >= 128 && b <= 191) expected = DatagramKind::rtp_or_rtcp;
    EXPECT_EQ(kind_of(static_cast<std::uint8_t>(b)), expected) << b;
  }
}

TEST(Demux, RangeEdges) {
  EXPECT_EQ(kind_of(3), DatagramKind::stun);
  EXPECT_EQ(kind_of(4), DatagramKind::unknown);
  EXPECT_EQ(kind_of(15), DatagramKind::unknown);
  EXPECT_EQ(kind_of(16), DatagramKind::zrtp);
  EXPECT_EQ(kind_of(20), DatagramKind::dtls);
  EXPECT_EQ(kind_of(63), DatagramKind::dtls);
  EXPECT_EQ(kind_of(64), DatagramKind::turn_channel);
  EXPECT_EQ(kind_of(79), DatagramKind::turn_channel);
  EXPECT_EQ(kind_of(80), DatagramKind::unknown);
  EXPECT_EQ(kind_of(127), DatagramKind::unknown);
  EXPECT_EQ(kind_of(128), DatagramKind::rtp_or_rtcp);
  EXPECT_EQ(kind_of(191), DatagramKind::rtp_or_rtcp);
  EXPECT_EQ(kind_of(192), DatagramKind::unknown);
  EXPECT_EQ(kind_of(255), DatagramKind::unknown);
}

TEST(Demux, RealFirstBytes) {
  // STUN binding request, DTLS ClientHello record, Chrome RTP, RTCP SR.
  EXPECT_EQ(classify_datagram(hex("00 01 00 50 21 12 a4 42")), DatagramKind::stun);
  EXPECT_EQ(classify_datagram(hex("16 fe fd 00 00")), DatagramKind::dtls);
  EXPECT_EQ(classify_datagram(chrome_opus_packet()), DatagramKind::rtp_or_rtcp);
  EXPECT_EQ(classify_datagram(sender_report()), DatagramKind::rtp_or_rtcp);
  EXPECT_EQ(classify_datagram(hex("40 00 00 04 de ad be ef")), DatagramKind::turn_channel);
}

TEST(Demux, EmptyDatagramIsUnknown) {
  EXPECT_EQ(classify_datagram({}), DatagramKind::unknown);
  EXPECT_FALSE(is_rtcp({}));
}

TEST(Demux, RtcpOnAMuxedPort) {
  for (const auto& rtcp :
       {sender_report(), empty_receiver_report(), sdes_cname(), nack(), pli(), app(), bye_with_reason()}) {
    EXPECT_TRUE(is_rtcp(rtcp));
  }
  EXPECT_FALSE(is_rtcp(chrome_opus_packet()));  // PT 111
  for (unsigned second = 0; second < 256; ++second) {
    const std::uint8_t bytes[] = {0x80, static_cast<std::uint8_t>(second)};
    // RFC 5761 §4: RTCP types 192..223 map onto PT 64..95 with or without the marker.
    const unsigned pt = second & 0x7F;
    EXPECT_EQ(is_rtcp(bytes), pt >= 64 && pt <= 95) << second;
  }
}

TEST(Demux, OneByteIsNotRtcp) {
  const std::uint8_t bytes[] = {0x80};
  EXPECT_FALSE(is_rtcp(bytes));
  EXPECT_EQ(classify_datagram(bytes), DatagramKind::rtp_or_rtcp);
}

TEST(Demux, WorksAtCompileTime) {
  static constexpr std::uint8_t kStun[] = {0x00, 0x01};
  static_assert(classify_datagram(kStun) == DatagramKind::stun);
  static constexpr std::uint8_t kSr[] = {0x80, 0xc8};
  static_assert(is_rtcp(kSr));
}

TEST(Demux, Names) {
  for (const auto kind : {DatagramKind::unknown, DatagramKind::stun, DatagramKind::zrtp, DatagramKind::dtls,
                          DatagramKind::turn_channel, DatagramKind::rtp_or_rtcp}) {
    EXPECT_FALSE(to_string(kind).empty());
  }
}

}  // namespace
