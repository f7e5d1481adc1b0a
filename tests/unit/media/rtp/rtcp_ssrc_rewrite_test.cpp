// Renaming every SSRC of a compound RTCP datagram in place, as the relay
// does between the two legs of a call.
#include "rtcsip/media/rtp/rtcp_ssrc_rewrite.hpp"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "rtcp_samples.hpp"

namespace {

using namespace rtcsip::media::rtp;
using namespace rtcsip::media::rtp::test;

using Seen = std::vector<std::pair<SsrcField, std::uint32_t>>;

TEST(RtcpSsrcRewrite, VisitsEveryFieldInOrder) {
  auto bytes = concat({sender_report(), sdes_cname(), nack(), fir(), remb(), app(), bye_with_reason()});
  Seen seen;
  const RtcpError e = rewrite_rtcp_ssrcs(bytes, [&](SsrcField field, std::uint32_t ssrc) {
    seen.emplace_back(field, ssrc);
    return ssrc;
  });
  EXPECT_EQ(e, RtcpError::none);
  EXPECT_EQ(seen, (Seen{
                      {SsrcField::sender, 0x5e1f0c3a},
                      {SsrcField::report_block, 0x12345678},
                      {SsrcField::sdes_chunk, 0x5e1f0c3a},
                      {SsrcField::sender, 1},
                      {SsrcField::media_source, 0x5e1f0c3b},
                      {SsrcField::sender, 1},
                      {SsrcField::media_source, 0},
                      {SsrcField::fir_entry, 0x5e1f0c3b},
                      {SsrcField::sender, 1},
                      {SsrcField::media_source, 0},
                      {SsrcField::remb, 0x5e1f0c3b},
                      {SsrcField::sender, 0x5e1f0c3a},
                      {SsrcField::bye, 0x5e1f0c3a},
                  }));
}

TEST(RtcpSsrcRewrite, MapsOurSourcesAndTheirsDifferently) {
  // Leg A's browser is 5e1f0c3a and reports on leg B's 12345678; toward B
  // the relay sends as 0000aaaa and B's own source is 0000bbbb.
  auto bytes = concat({sender_report(), sdes_cname()});
  const auto before = bytes;
  const RtcpError e = rewrite_rtcp_ssrcs(bytes, [](SsrcField field, std::uint32_t ssrc) -> std::uint32_t {
    if (field == SsrcField::report_block || field == SsrcField::media_source)
      return ssrc == 0x12345678 ? 0xbbbb : ssrc;
    return ssrc == 0x5e1f0c3a ? 0xaaaa : ssrc;
  });
  ASSERT_EQ(e, RtcpError::none);
  EXPECT_EQ(load_be32(bytes.data() + 4), 0xaaaaU);   // SR sender
  EXPECT_EQ(load_be32(bytes.data() + 28), 0xbbbbU);  // report block
  EXPECT_EQ(load_be32(bytes.data() + 56), 0xaaaaU);  // SDES chunk
  // Only those 12 bytes changed.
  std::size_t changed = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) changed += bytes[i] != before[i];
  EXPECT_LE(changed, 12U);
  EXPECT_EQ(validate_compound(bytes), RtcpError::none);
}

TEST(RtcpSsrcRewrite, LeavesAMalformedDatagramUntouched) {
  auto bytes = concat({sender_report(), sdes_cname()});
  bytes[55] = 0x40;  // SDES length past the end
  const auto before = bytes;
  int calls = 0;
  const RtcpError e = rewrite_rtcp_ssrcs(bytes, [&](SsrcField, std::uint32_t ssrc) {
    ++calls;
    return ~ssrc;
  });
  EXPECT_EQ(e, RtcpError::length_past_end);
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(bytes, before);
}

}  // namespace
