// BYE (RFC 3550 §6.6) and APP (§6.7) views.
#include <gtest/gtest.h>

#include <vector>

#include "rtcp_samples.hpp"
#include "rtcsip/media/rtp/app.hpp"
#include "rtcsip/media/rtp/bye.hpp"
#include "rtcsip/media/rtp/rtcp_compound.hpp"

namespace {

using namespace rtcsip::media::rtp;
using namespace rtcsip::media::rtp::test;

std::optional<ConstBye> bye_of(const std::vector<std::uint8_t>& bytes) {
  const auto packet = ConstRtcpPacket::parse(bytes);
  return packet ? ConstBye::parse(*packet) : std::nullopt;
}

TEST(Bye, SsrcAndReason) {
  const auto bytes = bye_with_reason();
  const auto bye = bye_of(bytes);
  ASSERT_TRUE(bye);
  ASSERT_EQ(bye->ssrc_count(), 1U);
  EXPECT_EQ(bye->ssrc(0), 0x5e1f0c3aU);
  EXPECT_EQ(bye->reason(), "shutdown");
}

TEST(Bye, SeveralSourcesNoReason) {
  const auto bytes = hex("82 cb 00 02  00 00 00 01  00 00 00 02");
  const auto bye = bye_of(bytes);
  ASSERT_TRUE(bye);
  ASSERT_EQ(bye->ssrc_count(), 2U);
  EXPECT_EQ(bye->ssrc(1), 2U);
  EXPECT_FALSE(bye->reason());
}

TEST(Bye, NoSourcesAtAll) {
  // SC = 0 is legal (§6.6 allows it), if useless.
  const auto bytes = hex("80 cb 00 00");
  const auto bye = bye_of(bytes);
  ASSERT_TRUE(bye);
  EXPECT_EQ(bye->ssrc_count(), 0U);
  EXPECT_FALSE(bye->reason());
}

TEST(Bye, RewritesSsrc) {
  auto bytes = hex("82 cb 00 02  00 00 00 01  00 00 00 02");
  auto bye = Bye::parse(*RtcpPacket::parse(bytes));
  ASSERT_TRUE(bye);
  bye->set_ssrc(1, 0xfeedface);
  EXPECT_EQ(bytes, hex("82 cb 00 02  00 00 00 01  fe ed fa ce"));
}

TEST(ByeMalformed, MoreSsrcsCountedThanPresent) {
  const auto bytes = hex("83 cb 00 02  00 00 00 01  00 00 00 02");
  EXPECT_FALSE(bye_of(bytes));
  EXPECT_EQ(validate_rtcp(bytes), RtcpError::bad_bye);
}

TEST(ByeMalformed, ReasonPastTheEnd) {
  auto bytes = bye_with_reason();
  bytes[8] = 12;  // 11 octets follow the length
  EXPECT_FALSE(bye_of(bytes));
  EXPECT_EQ(validate_rtcp(bytes), RtcpError::bad_bye);
  bytes[8] = 11;  // exactly fits
  ASSERT_TRUE(bye_of(bytes));
  EXPECT_EQ(bye_of(bytes)->reason()->size(), 11U);
}

TEST(App, NameSubtypeAndData) {
  auto bytes = app();
  const auto view = ConstApp::parse(*ConstRtcpPacket::parse(bytes));
  ASSERT_TRUE(view);
  EXPECT_EQ(view->subtype(), 2);
  EXPECT_EQ(view->ssrc(), 0x5e1f0c3aU);
  EXPECT_EQ(view->name(), "TEST");
  EXPECT_EQ(view->data().size(), 4U);
  EXPECT_EQ(view->data()[3], 0x04);

  auto writable = App::parse(*RtcpPacket::parse(bytes));
  writable->set_ssrc(7);
  EXPECT_EQ(load_be32(bytes.data() + 4), 7U);
}

TEST(AppMalformed, NoRoomForName) {
  const auto bytes = hex("80 cc 00 01  5e 1f 0c 3a");
  EXPECT_FALSE(ConstApp::parse(*ConstRtcpPacket::parse(bytes)));
  EXPECT_EQ(validate_rtcp(bytes), RtcpError::truncated_body);
}

}  // namespace
