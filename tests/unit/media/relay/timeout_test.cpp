// RTP timeout per leg on the manual clock, suspended while on hold.
#include <gtest/gtest.h>

#include "relay_fixture.hpp"

namespace rtcsip::media::relay::test {
namespace {

class RelayTimeout : public RelayFixture {
 protected:
  RelayTimeout() { stream_->set_webrtc_remote(kBrowser); }

  std::size_t count(RelayEvent::Kind kind, Leg leg) const {
    std::size_t n = 0;
    for (const RelayEvent& e : events_) n += (e.kind == kind && e.leg == leg) ? 1 : 0;
    return n;
  }
  void both_legs_send() {
    ASSERT_EQ(from_browser({kPcmu, seq_, 0, kBrowserSsrc}), std::nullopt);
    ASSERT_EQ(from_pbx(kPbxSdp, {kPcmu, seq_, 0, kPbxSsrc}), std::nullopt);
    ++seq_;
  }

  std::uint16_t seq_ = 1;
};

TEST_F(RelayTimeout, FiresAtTheConfiguredTimePerLeg) {
  ASSERT_EQ(from_browser({kPcmu, 1, 0, kBrowserSsrc}), std::nullopt);
  timers_.advance(5s);
  ASSERT_EQ(from_pbx(kPbxSdp, {kPcmu, 1, 0, kPbxSsrc}), std::nullopt);
  timers_.advance(5s - 1ms);
  EXPECT_EQ(count(RelayEvent::Kind::rtp_timeout, Leg::webrtc), 0U);
  timers_.advance(1ms);  // 10 s after the browser's last packet
  EXPECT_EQ(count(RelayEvent::Kind::rtp_timeout, Leg::webrtc), 1U);
  EXPECT_EQ(count(RelayEvent::Kind::rtp_timeout, Leg::legacy), 0U);
  timers_.advance(5s);  // 10 s after the PBX's
  EXPECT_EQ(count(RelayEvent::Kind::rtp_timeout, Leg::legacy), 1U);
  timers_.advance(60s);  // reported once per silence
  EXPECT_EQ(count(RelayEvent::Kind::rtp_timeout, Leg::webrtc), 1U);
  EXPECT_EQ(count(RelayEvent::Kind::rtp_timeout, Leg::legacy), 1U);
}

TEST_F(RelayTimeout, SilentFromTheStartTimesOut) {
  timers_.advance(10s);
  EXPECT_EQ(count(RelayEvent::Kind::rtp_timeout, Leg::webrtc), 1U);
  EXPECT_EQ(count(RelayEvent::Kind::rtp_timeout, Leg::legacy), 1U);
}

TEST_F(RelayTimeout, FlowingMediaNeverTimesOut) {
  for (int i = 0; i < 60; ++i) {
    both_legs_send();
    timers_.advance(1s);
  }
  EXPECT_EQ(count(RelayEvent::Kind::rtp_timeout, Leg::webrtc), 0U);
  EXPECT_EQ(count(RelayEvent::Kind::rtp_timeout, Leg::legacy), 0U);
}

TEST_F(RelayTimeout, SuspendedOnHoldAndRearmedOnResume) {
  both_legs_send();
  timers_.advance(1s);
  stream_->expect_media(false);  // re-INVITE a=sendonly / a=inactive
  EXPECT_EQ(timers_.pending(), 0U);
  timers_.advance(120s);
  EXPECT_EQ(count(RelayEvent::Kind::rtp_timeout, Leg::webrtc), 0U);
  EXPECT_EQ(count(RelayEvent::Kind::rtp_timeout, Leg::legacy), 0U);
  stream_->expect_media(true);  // resumed: a full timeout from now
  timers_.advance(10s - 1ms);
  EXPECT_EQ(count(RelayEvent::Kind::rtp_timeout, Leg::webrtc), 0U);
  timers_.advance(1ms);
  EXPECT_EQ(count(RelayEvent::Kind::rtp_timeout, Leg::webrtc), 1U);
  EXPECT_EQ(count(RelayEvent::Kind::rtp_timeout, Leg::legacy), 1U);
}

TEST_F(RelayTimeout, MediaAfterATimeoutIsReportedAndRearms) {
  timers_.advance(10s);
  ASSERT_EQ(count(RelayEvent::Kind::rtp_timeout, Leg::webrtc), 1U);
  ASSERT_EQ(from_browser({kPcmu, 1, 0, kBrowserSsrc}), std::nullopt);
  EXPECT_EQ(count(RelayEvent::Kind::media_resumed, Leg::webrtc), 1U);
  timers_.advance(10s);
  EXPECT_EQ(count(RelayEvent::Kind::rtp_timeout, Leg::webrtc), 2U);
}

TEST_F(RelayTimeout, ZeroTimeoutDisablesIt) {
  RelayConfig config = default_config();
  config.rtp_timeout = core::Duration::zero();
  make(config);
  EXPECT_EQ(timers_.pending(), 0U);
  timers_.advance(3600s);
  EXPECT_TRUE(events_.empty());
}

}  // namespace
}  // namespace rtcsip::media::relay::test
