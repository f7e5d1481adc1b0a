// Symmetric RTP on the legacy leg and the RTP Bleed attack (CVE-2017-14099):
// latch to the SDP address or, early and only after confirmation, to a NAT'd
// source; never to a stranger afterwards.
#include <gtest/gtest.h>

#include "relay_fixture.hpp"

namespace rtcsip::media::relay::test {
namespace {

class RelayLatching : public RelayFixture {
 protected:
  RelayLatching() { stream_->set_webrtc_remote(kBrowser); }

  // The legacy destination as the relay uses it: where browser RTP goes.
  Endpoint where_browser_rtp_goes() {
    sent_.clear();
    EXPECT_EQ(from_browser({kPcmu, seq_++, 0, kBrowserSsrc}), std::nullopt);
    return sent_.empty() ? Endpoint{} : sent_.back().destination;
  }

  std::uint16_t seq_ = 1;
};

TEST_F(RelayLatching, LatchesToTheSdpAddress) {
  EXPECT_EQ(from_pbx(kPbxSdp, {kPcmu, 1, 0, kPbxSsrc}), std::nullopt);
  ASSERT_TRUE(stream_->legacy_latched().has_value());
  EXPECT_EQ(*stream_->legacy_latched(), kPbxSdp);
  ASSERT_EQ(events_.size(), 1U);
  EXPECT_EQ(events_[0].kind, RelayEvent::Kind::latched);
  EXPECT_EQ(events_[0].endpoint, kPbxSdp);
  EXPECT_EQ(where_browser_rtp_goes(), kPbxSdp);
}

TEST_F(RelayLatching, LatchesEarlyToANattedSourceAfterConfirmation) {
  EXPECT_EQ(where_browser_rtp_goes(), kPbxSdp);
  sent_.clear();
  EXPECT_EQ(from_pbx(kNat, {kPcmu, 1, 0, kPbxSsrc}), DropReason::not_latched);
  EXPECT_EQ(from_pbx(kNat, {kPcmu, 2, 160, kPbxSsrc}), std::nullopt);
  ASSERT_EQ(sent_.size(), 1U);
  ASSERT_TRUE(stream_->legacy_latched().has_value());
  EXPECT_EQ(*stream_->legacy_latched(), kNat);
  EXPECT_EQ(where_browser_rtp_goes(), kNat);
  EXPECT_EQ(stream_->counters(Leg::legacy).drops(DropReason::not_latched), 1U);
}

TEST_F(RelayLatching, StrangerAfterLatchingIsDroppedNotForwarded) {
  ASSERT_EQ(from_pbx(kPbxSdp, {kPcmu, 1, 0, kPbxSsrc}), std::nullopt);
  sent_.clear();
  // RTP Bleed: valid-looking RTP from elsewhere, early in the call.
  for (std::uint16_t i = 0; i < 10; ++i)
    EXPECT_EQ(from_pbx(kStranger, {kPcmu, static_cast<std::uint16_t>(500 + i), 0, 0x66666666}),
              DropReason::stranger);
  EXPECT_TRUE(sent_.empty());
  EXPECT_EQ(*stream_->legacy_latched(), kPbxSdp);
  EXPECT_EQ(where_browser_rtp_goes(), kPbxSdp);
  EXPECT_EQ(stream_->counters(Leg::legacy).drops(DropReason::stranger), 10U);
}

TEST_F(RelayLatching, StrangerAfterLatchingToNatIsDroppedButSdpAddressStillAccepted) {
  ASSERT_EQ(from_pbx(kNat, {kPcmu, 1, 0, kPbxSsrc}), DropReason::not_latched);
  ASSERT_EQ(from_pbx(kNat, {kPcmu, 2, 160, kPbxSsrc}), std::nullopt);
  EXPECT_EQ(from_pbx(kStranger, {kPcmu, 3, 320, kPbxSsrc}), DropReason::stranger);
  EXPECT_EQ(from_pbx(kStranger, {kPcmu, 4, 480, kPbxSsrc}), DropReason::stranger);
  EXPECT_EQ(*stream_->legacy_latched(), kNat);
  // RFC 3264 §5: the signalled address is the peer's own.
  EXPECT_EQ(from_pbx(kPbxSdp, {kPcmu, 5, 640, kPbxSsrc}), std::nullopt);
  EXPECT_EQ(*stream_->legacy_latched(), kPbxSdp);
}

TEST_F(RelayLatching, StrangerWithWrongPayloadTypesIsNeverLatched) {
  for (std::uint16_t i = 0; i < 20; ++i)
    EXPECT_EQ(from_pbx(kStranger, {8, i, 0, 0x66666666}), DropReason::unknown_payload_type);
  EXPECT_FALSE(stream_->legacy_latched().has_value());
  EXPECT_TRUE(sent_.empty());
  EXPECT_EQ(where_browser_rtp_goes(), kPbxSdp);
}

TEST_F(RelayLatching, CandidateWithChangingSsrcIsNeverConfirmed) {
  for (std::uint32_t i = 0; i < 10; ++i)
    EXPECT_EQ(from_pbx(kNat, {kPcmu, static_cast<std::uint16_t>(i), 0, 0x1000 + i}), DropReason::not_latched);
  EXPECT_FALSE(stream_->legacy_latched().has_value());
}

TEST_F(RelayLatching, NoLatchingToAnotherSourceAfterTheEarlyWindow) {
  ASSERT_EQ(from_pbx(kNat, {kPcmu, 1, 0, kPbxSsrc}), DropReason::not_latched);
  timers_.advance(2s);
  EXPECT_EQ(from_pbx(kNat, {kPcmu, 2, 160, kPbxSsrc}), DropReason::stranger);
  EXPECT_EQ(from_pbx(kNat, {kPcmu, 3, 320, kPbxSsrc}), DropReason::stranger);
  EXPECT_FALSE(stream_->legacy_latched().has_value());
  // The SDP address is still good.
  EXPECT_EQ(from_pbx(kPbxSdp, {kPcmu, 4, 480, kPbxSsrc}), std::nullopt);
}

TEST_F(RelayLatching, WindowAlsoClosesAfterConfiguredPacketCount) {
  RelayConfig config = default_config();
  config.latch.window_packets = 3;
  config.latch.confirm_packets = 3;
  make(config);
  EXPECT_EQ(from_pbx(kNat, {kPcmu, 1, 0, 0x1}), DropReason::not_latched);
  EXPECT_EQ(from_pbx(kNat, {kPcmu, 2, 0, 0x2}), DropReason::not_latched);
  EXPECT_EQ(from_pbx(kNat, {kPcmu, 3, 0, kPbxSsrc}), DropReason::not_latched);
  EXPECT_EQ(from_pbx(kNat, {kPcmu, 4, 0, kPbxSsrc}), DropReason::stranger);
  EXPECT_FALSE(stream_->legacy_latched().has_value());
}

TEST_F(RelayLatching, WindowStartsWithTheFirstPacketNotTheCall) {
  timers_.advance(30s);  // ringing without early media
  EXPECT_EQ(from_pbx(kNat, {kPcmu, 1, 0, kPbxSsrc}), DropReason::not_latched);
  EXPECT_EQ(from_pbx(kNat, {kPcmu, 2, 160, kPbxSsrc}), std::nullopt);
  EXPECT_EQ(*stream_->legacy_latched(), kNat);
}

TEST_F(RelayLatching, ReInviteWithANewAddressStartsOver) {
  ASSERT_EQ(from_pbx(kPbxSdp, {kPcmu, 1, 0, kPbxSsrc}), std::nullopt);
  constexpr Endpoint kNewPbx = Endpoint::v4({192, 0, 2, 20}, 6000);
  stream_->set_legacy_address(kNewPbx, kNewPbx);
  EXPECT_FALSE(stream_->legacy_latched().has_value());
  EXPECT_EQ(where_browser_rtp_goes(), kNewPbx);
  EXPECT_EQ(from_pbx(kPbxSdp, {kPcmu, 2, 160, kPbxSsrc}), DropReason::not_latched);
}

TEST_F(RelayLatching, RtcpFromAStrangerIsDropped) {
  ASSERT_EQ(from_pbx(kPbxSdp, {kPcmu, 1, 0, kPbxSsrc}), std::nullopt);
  sent_.clear();
  const std::vector<std::uint8_t> rr{0x80, 0xc9, 0x00, 0x01, 0x22, 0x22, 0x22, 0x22};
  EXPECT_EQ(receive(Leg::legacy, kStranger, rr), DropReason::stranger);
  EXPECT_TRUE(sent_.empty());
  EXPECT_EQ(receive(Leg::legacy, kPbxSdpRtcp, rr), std::nullopt);
  ASSERT_EQ(sent_.size(), 1U);
  EXPECT_EQ(sent_[0].destination, kBrowser);
}

}  // namespace
}  // namespace rtcsip::media::relay::test
