// Per-leg counters: packets and bytes each way, drops by reason, and the
// loss estimate from sequence gaps (RFC 3550 §A.3).
#include <gtest/gtest.h>

#include "relay_fixture.hpp"
#include "rtcsip/media/relay/loss_estimator.hpp"

namespace rtcsip::media::relay::test {
namespace {

class RelayCounters : public RelayFixture {
 protected:
  RelayCounters() { stream_->set_webrtc_remote(kBrowser); }
};

TEST_F(RelayCounters, PacketsAndBytesEachWay) {
  ASSERT_EQ(from_browser({kPcmu, 1, 0, kBrowserSsrc}), std::nullopt);  // 16 bytes
  ASSERT_EQ(from_browser({kPcmu, 2, 160, kBrowserSsrc}), std::nullopt);
  ASSERT_EQ(from_pbx(kPbxSdp, {kPcmu, 1, 0, kPbxSsrc}), std::nullopt);
  ASSERT_EQ(from_browser({8, 3, 320, kBrowserSsrc}), DropReason::unknown_payload_type);
  const LegCounters browser = stream_->counters(Leg::webrtc);
  const LegCounters pbx = stream_->counters(Leg::legacy);
  EXPECT_EQ(browser.rtp_packets_received, 3U);
  EXPECT_EQ(browser.rtp_bytes_received, 48U);
  EXPECT_EQ(browser.packets_sent, 1U);
  EXPECT_EQ(browser.bytes_sent, 16U);
  EXPECT_EQ(browser.total_dropped(), 1U);
  EXPECT_EQ(pbx.rtp_packets_received, 1U);
  EXPECT_EQ(pbx.packets_sent, 2U);
  EXPECT_EQ(pbx.bytes_sent, 32U);
  EXPECT_EQ(pbx.total_dropped(), 0U);
}

TEST_F(RelayCounters, LossEstimateFromSequenceGapsAcrossSources) {
  for (const std::uint16_t seq : {1, 2, 3, 5, 6, 9})
    ASSERT_EQ(from_browser({kPcmu, seq, 0, kBrowserSsrc}), std::nullopt);
  LegCounters c = stream_->counters(Leg::webrtc);
  EXPECT_EQ(c.rtp_packets_expected, 9U);
  EXPECT_EQ(c.rtp_packets_lost, 3U);
  for (const std::uint16_t seq : {100, 102})
    ASSERT_EQ(from_browser({kPcmu, seq, 0, 0x99999999}), std::nullopt);
  c = stream_->counters(Leg::webrtc);
  EXPECT_EQ(c.rtp_packets_expected, 12U);
  EXPECT_EQ(c.rtp_packets_lost, 4U);
}

TEST(RelayLossEstimator, SequenceWrapAndLatePackets) {
  LossEstimator loss;
  for (const std::uint16_t seq : {65534, 65535, 1, 0, 2}) loss.on_packet(0x1234, seq);
  EXPECT_EQ(loss.expected(), 5U);
  EXPECT_EQ(loss.lost(), 0U);
  loss.on_packet(0x1234, 2);  // a duplicate does not make loss negative
  EXPECT_EQ(loss.lost(), 0U);
}

TEST(RelayDropReason, Names) {
  EXPECT_EQ(to_string(DropReason::stranger), "stranger");
  EXPECT_EQ(to_string(DropReason::unknown_payload_type), "unknown_payload_type");
}

}  // namespace
}  // namespace rtcsip::media::relay::test
