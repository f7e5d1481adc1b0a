// Both directions of a relayed stream: SSRC, payload type, sequence number
// and timestamp rewritten in place, payload bytes untouched.
#include <gtest/gtest.h>

#include <algorithm>

#include "relay_fixture.hpp"

namespace rtcsip::media::relay::test {
namespace {

class RelayForwarding : public RelayFixture {};

TEST_F(RelayForwarding, BrowserToPbxRenamesSsrcAndMapsPayloadType) {
  const auto input = rtp_datagram({kBrowserDtmf, 1000, 5000, kBrowserSsrc, true});
  EXPECT_EQ(receive(Leg::webrtc, kBrowser, input), std::nullopt);
  ASSERT_EQ(sent_.size(), 1U);
  EXPECT_EQ(sent_[0].to, Leg::legacy);
  EXPECT_EQ(sent_[0].destination, kPbxSdp);  // not latched yet: the SDP address
  const auto out = last_sent_rtp();
  EXPECT_EQ(out.ssrc(), kOurSsrcToPbx);
  EXPECT_EQ(out.payload_type(), kPbxDtmf);
  EXPECT_EQ(out.sequence_number(), 1000);
  EXPECT_EQ(out.timestamp(), 5000U);
  EXPECT_TRUE(out.marker());
  const std::vector<std::uint8_t> payload(out.payload().begin(), out.payload().end());
  EXPECT_EQ(payload, (std::vector<std::uint8_t>{0xde, 0xad, 0xbe, 0xef}));
}

TEST_F(RelayForwarding, PbxToBrowserRenamesSsrcAndMapsPayloadType) {
  stream_->set_webrtc_remote(kBrowser);
  EXPECT_EQ(from_pbx(kPbxSdp, {kPbxDtmf, 7, 160, kPbxSsrc, false}), std::nullopt);
  ASSERT_EQ(sent_.size(), 1U);
  EXPECT_EQ(sent_[0].to, Leg::webrtc);
  EXPECT_EQ(sent_[0].destination, kBrowser);
  const auto out = last_sent_rtp();
  EXPECT_EQ(out.ssrc(), kOurSsrcToBrowser);
  EXPECT_EQ(out.payload_type(), kBrowserDtmf);
  EXPECT_EQ(out.sequence_number(), 7);
  EXPECT_EQ(out.timestamp(), 160U);
  EXPECT_FALSE(out.marker());
}

TEST_F(RelayForwarding, PayloadBytesAreIdentical) {
  stream_->set_webrtc_remote(kBrowser);
  std::vector<std::uint8_t> payload(160);
  for (std::size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<std::uint8_t>(i * 7);
  const auto input = rtp_datagram({kPcmu, 1, 0, kPbxSsrc, false}, payload);
  ASSERT_EQ(receive(Leg::legacy, kPbxSdp, input), std::nullopt);
  ASSERT_EQ(sent_.back().bytes.size(), input.size());
  EXPECT_TRUE(std::equal(input.begin() + 12, input.end(), sent_.back().bytes.begin() + 12));
}

TEST_F(RelayForwarding, NothingGoesToTheBrowserBeforeIceSelectsAPair) {
  EXPECT_EQ(from_pbx(kPbxSdp, {kPcmu, 1, 0, kPbxSsrc}), DropReason::no_destination);
  EXPECT_TRUE(sent_.empty());
  EXPECT_EQ(stream_->counters(Leg::legacy).drops(DropReason::no_destination), 1U);
}

TEST_F(RelayForwarding, UnknownPayloadTypeIsDroppedAndCounted) {
  EXPECT_EQ(from_browser({8, 1, 0, kBrowserSsrc}), DropReason::unknown_payload_type);
  EXPECT_EQ(from_browser({111, 2, 0, kBrowserSsrc}), DropReason::unknown_payload_type);
  EXPECT_TRUE(sent_.empty());
  EXPECT_EQ(stream_->counters(Leg::webrtc).drops(DropReason::unknown_payload_type), 2U);
}

TEST_F(RelayForwarding, MalformedAndNonRtpDatagramsAreDropped) {
  EXPECT_EQ(receive(Leg::webrtc, kBrowser, {0x80, 0x00, 0x01}), DropReason::malformed_rtp);
  EXPECT_EQ(receive(Leg::webrtc, kBrowser, {0x00, 0x01, 0x00, 0x00}), DropReason::not_rtp);  // STUN
  EXPECT_EQ(receive(Leg::webrtc, kBrowser, {}), DropReason::not_rtp);
  EXPECT_TRUE(sent_.empty());
}

TEST_F(RelayForwarding, SourceChangeKeepsOutgoingSequenceAndTimestampContinuous) {
  for (std::uint16_t i = 0; i < 3; ++i) {
    ASSERT_EQ(from_browser({kPcmu, static_cast<std::uint16_t>(100 + i), 1000U + 160U * i, kBrowserSsrc}),
              std::nullopt);
    timers_.advance(20ms);
  }
  // A re-INVITE or a transfer: a new source with its own random numbering.
  ASSERT_EQ(from_browser({kPcmu, 5000, 900000, 0x33333333}), std::nullopt);
  auto out = last_sent_rtp();
  EXPECT_EQ(out.ssrc(), kOurSsrcToPbx);
  EXPECT_EQ(out.sequence_number(), 103);
  EXPECT_EQ(out.timestamp(), 1000U + 3 * 160U);
  timers_.advance(20ms);
  ASSERT_EQ(from_browser({kPcmu, 5001, 900160, 0x33333333}), std::nullopt);
  out = last_sent_rtp();
  EXPECT_EQ(out.sequence_number(), 104);
  EXPECT_EQ(out.timestamp(), 1000U + 4 * 160U);
}

TEST_F(RelayForwarding, SourceChangeAfterSilenceAdvancesTimestampByTheElapsedTime) {
  ASSERT_EQ(from_browser({kPcmu, 10, 0, kBrowserSsrc}), std::nullopt);
  timers_.advance(20ms);
  ASSERT_EQ(from_browser({kPcmu, 11, 160, kBrowserSsrc}), std::nullopt);
  timers_.advance(1s);
  ASSERT_EQ(from_browser({kPcmu, 60000, 42, 0x44444444}), std::nullopt);
  const auto out = last_sent_rtp();
  EXPECT_EQ(out.sequence_number(), 12);
  EXPECT_EQ(out.timestamp(), 160U + 8000U);
}

TEST_F(RelayForwarding, LatePacketDoesNotPullTheContinuationPointBack) {
  ASSERT_EQ(from_browser({kPcmu, 10, 1600, kBrowserSsrc}), std::nullopt);
  ASSERT_EQ(from_browser({kPcmu, 12, 1920, kBrowserSsrc}), std::nullopt);
  ASSERT_EQ(from_browser({kPcmu, 11, 1760, kBrowserSsrc}), std::nullopt);  // reordered
  ASSERT_EQ(from_browser({kPcmu, 40000, 77, 0x55555555}), std::nullopt);
  const auto out = last_sent_rtp();
  EXPECT_EQ(out.sequence_number(), 13);
  EXPECT_EQ(out.timestamp(), 1920U + 160U);
}

TEST_F(RelayForwarding, SequenceWrapAcrossSourceChange) {
  ASSERT_EQ(from_browser({kPcmu, 65535, 0xFFFFFFC0U, kBrowserSsrc}), std::nullopt);
  ASSERT_EQ(from_browser({kPcmu, 3, 7, 0x55555555}), std::nullopt);
  const auto out = last_sent_rtp();
  EXPECT_EQ(out.sequence_number(), 0);
  EXPECT_EQ(out.timestamp(), 0x60U);  // 0xFFFFFFC0 + 160, mod 2^32
}

TEST_F(RelayForwarding, TelephoneEventsKeepTheirTimestampsAndMarker) {
  // RFC 4733 §2.5.1: one event is several packets with the timestamp of its
  // start, the marker on the first; the relay passes them as they are.
  ASSERT_EQ(from_browser({kPcmu, 1, 8000, kBrowserSsrc}), std::nullopt);
  timers_.advance(20ms);
  ASSERT_EQ(from_browser({kBrowserDtmf, 2, 8160, kBrowserSsrc, true}), std::nullopt);
  ASSERT_EQ(from_browser({kBrowserDtmf, 3, 8160, kBrowserSsrc, false}), std::nullopt);
  ASSERT_EQ(sent_.size(), 3U);
  const auto first = rtp::ConstRtpPacket::parse(sent_[1].bytes);
  const auto second = rtp::ConstRtpPacket::parse(sent_[2].bytes);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->payload_type(), kPbxDtmf);
  EXPECT_TRUE(first->marker());
  EXPECT_FALSE(second->marker());
  EXPECT_EQ(first->timestamp(), 8160U);
  EXPECT_EQ(second->timestamp(), 8160U);
  EXPECT_EQ(second->sequence_number(), 3);
}

}  // namespace
}  // namespace rtcsip::media::relay::test
