// RTCP translated between the legs: sources renamed as in RTP, the SR RTP
// timestamp shifted with the RTP timestamps, report blocks moved back into
// the reported leg's numbering; malformed RTCP dropped and counted.
#include <gtest/gtest.h>

#include "relay_fixture.hpp"
#include "rtcsip/media/rtp/feedback.hpp"
#include "rtcsip/media/rtp/receiver_report.hpp"
#include "rtcsip/media/rtp/rtcp_compound.hpp"
#include "rtcsip/media/rtp/sender_report.hpp"

namespace rtcsip::media::relay::test {
namespace {

constexpr std::uint32_t kBrowserSecondSsrc = 0x33333333;
constexpr std::uint32_t kPbxSecondSsrc = 0x77777777;

// SR (RFC 3550 §6.4.1) with one report block.
std::vector<std::uint8_t> sender_report(std::uint32_t sender, std::uint32_t rtp_timestamp,
                                        std::uint32_t reported, std::uint32_t extended_highest) {
  std::vector<std::uint8_t> d(52);
  d[0] = 0x81;
  d[1] = 200;
  rtp::store_be16(d.data() + 2, 12);
  rtp::store_be32(d.data() + 4, sender);
  rtp::store_be32(d.data() + 8, 0xe74a3b1c);  // NTP seconds
  rtp::store_be32(d.data() + 16, rtp_timestamp);
  rtp::store_be32(d.data() + 20, 50);    // packets
  rtp::store_be32(d.data() + 24, 8000);  // octets
  rtp::store_be32(d.data() + 28, reported);
  rtp::store_be32(d.data() + 36, extended_highest);
  return d;
}

std::vector<std::uint8_t> receiver_report(std::uint32_t sender, std::uint32_t reported,
                                          std::uint32_t extended_highest) {
  std::vector<std::uint8_t> d(32);
  d[0] = 0x81;
  d[1] = 201;
  rtp::store_be16(d.data() + 2, 7);
  rtp::store_be32(d.data() + 4, sender);
  rtp::store_be32(d.data() + 8, reported);
  rtp::store_be32(d.data() + 16, extended_highest);
  return d;
}

class RelayRtcp : public RelayFixture {
 protected:
  RelayRtcp() {
    stream_->set_webrtc_remote(kBrowser);
    // Both legs change source once, so every offset is non-zero.
    EXPECT_EQ(from_browser({kPcmu, 100, 1000, kBrowserSsrc}), std::nullopt);
    EXPECT_EQ(from_pbx(kPbxSdp, {kPcmu, 7, 160, kPbxSsrc}), std::nullopt);
    timers_.advance(20ms);
    EXPECT_EQ(from_browser({kPcmu, 9000, 50000, kBrowserSecondSsrc}), std::nullopt);  // out: 101, 1160
    EXPECT_EQ(from_pbx(kPbxSdp, {kPcmu, 300, 90000, kPbxSecondSsrc}), std::nullopt);  // out: 8, 320
    sent_.clear();
  }

  static rtp::RtcpPacket first_packet(std::vector<std::uint8_t>& bytes) {
    return *rtp::RtcpPacket::parse(bytes);
  }
};

TEST_F(RelayRtcp, SenderReportFromTheBrowserIsTranslatedForThePbx) {
  ASSERT_EQ(
      receive(Leg::webrtc, kBrowser, sender_report(kBrowserSecondSsrc, 50320, kOurSsrcToBrowser, 0x00010008)),
      std::nullopt);
  ASSERT_EQ(sent_.size(), 1U);
  EXPECT_EQ(sent_[0].to, Leg::legacy);
  EXPECT_EQ(sent_[0].destination, kPbxSdpRtcp);
  const auto sr = rtp::SenderReport::parse(first_packet(sent_[0].bytes));
  ASSERT_TRUE(sr.has_value());
  EXPECT_EQ(sr->sender_ssrc(), kOurSsrcToPbx);
  EXPECT_EQ(sr->rtp_timestamp(), 1160U + 320U);  // 50320 on the RTP timeline we sent
  EXPECT_EQ(sr->ntp_timestamp() >> 32, 0xe74a3b1cU);
  ASSERT_EQ(sr->report_blocks().size(), 1U);
  const auto block = *sr->report_blocks().begin();
  EXPECT_EQ(block.ssrc(), kPbxSecondSsrc);
  EXPECT_EQ(block.extended_highest_sequence(), 0x00010000U | 300U);
}

TEST_F(RelayRtcp, ReceiverReportFromThePbxIsTranslatedForTheBrowser) {
  ASSERT_EQ(receive(Leg::legacy, kPbxSdpRtcp, receiver_report(kPbxSecondSsrc, kOurSsrcToPbx, 101)),
            std::nullopt);
  ASSERT_EQ(sent_.size(), 1U);
  EXPECT_EQ(sent_[0].to, Leg::webrtc);
  EXPECT_EQ(sent_[0].destination, kBrowser);
  const auto rr = rtp::ReceiverReport::parse(first_packet(sent_[0].bytes));
  ASSERT_TRUE(rr.has_value());
  EXPECT_EQ(rr->sender_ssrc(), kOurSsrcToBrowser);
  const auto block = *rr->report_blocks().begin();
  EXPECT_EQ(block.ssrc(), kBrowserSecondSsrc);
  EXPECT_EQ(block.extended_highest_sequence(), 9000U);
}

TEST_F(RelayRtcp, SenderReportOfAnOldSourceIsRenamedButNotShifted) {
  ASSERT_EQ(receive(Leg::webrtc, kBrowser, sender_report(kBrowserSsrc, 1234, 0x9999, 1)), std::nullopt);
  const auto sr = rtp::SenderReport::parse(first_packet(sent_[0].bytes));
  ASSERT_TRUE(sr.has_value());
  EXPECT_EQ(sr->sender_ssrc(), kOurSsrcToPbx);
  EXPECT_EQ(sr->rtp_timestamp(), 1234U);
  EXPECT_EQ((*sr->report_blocks().begin()).ssrc(), 0x9999U);  // not about a stream we relay
}

TEST_F(RelayRtcp, FeedbackIsRenamedLikeReports) {
  std::vector<std::uint8_t> pli{0x81, 0xce, 0x00, 0x02, 0, 0, 0, 0, 0, 0, 0, 0};
  rtp::store_be32(pli.data() + 4, kBrowserSecondSsrc);
  rtp::store_be32(pli.data() + 8, kOurSsrcToBrowser);
  ASSERT_EQ(receive(Leg::webrtc, kBrowser, pli), std::nullopt);
  const auto fb = rtp::Feedback::parse(first_packet(sent_[0].bytes));
  ASSERT_TRUE(fb.has_value());
  EXPECT_EQ(fb->sender_ssrc(), kOurSsrcToPbx);
  EXPECT_EQ(fb->media_ssrc(), kPbxSecondSsrc);
}

TEST_F(RelayRtcp, NeitherLegSeesTheOthersSsrcs) {
  auto compound = sender_report(kBrowserSecondSsrc, 1, kOurSsrcToBrowser, 1);
  const auto rr = receiver_report(kBrowserSecondSsrc, kOurSsrcToBrowser, 2);
  compound.insert(compound.end(), rr.begin(), rr.end());
  ASSERT_EQ(receive(Leg::webrtc, kBrowser, compound), std::nullopt);
  const auto& out = sent_[0].bytes;
  for (std::size_t i = 0; i + 4 <= out.size(); i += 4) {
    const std::uint32_t word = rtp::load_be32(out.data() + i);
    EXPECT_NE(word, kBrowserSecondSsrc) << "at " << i;
    EXPECT_NE(word, kOurSsrcToBrowser) << "at " << i;
  }
}

TEST_F(RelayRtcp, MalformedRtcpIsDroppedAndCounted) {
  EXPECT_EQ(receive(Leg::webrtc, kBrowser, {0x80, 0xc8, 0xff, 0xff, 0, 0, 0, 0}), DropReason::malformed_rtcp);
  EXPECT_EQ(receive(Leg::webrtc, kBrowser, {0x81, 0xc8, 0x00, 0x01, 0, 0, 0, 0}), DropReason::malformed_rtcp);
  EXPECT_TRUE(sent_.empty());
  const LegCounters c = stream_->counters(Leg::webrtc);
  EXPECT_EQ(c.drops(DropReason::malformed_rtcp), 2U);
  EXPECT_EQ(c.rtcp_packets_received, 2U);
}

}  // namespace
}  // namespace rtcsip::media::relay::test
