// The packet path allocates nothing (CONVENTIONS: no heap per packet):
// parsing, rewriting, walking extensions and compound RTCP, renaming SSRCs
// and demultiplexing are counted against a replaced operator new.
#include <gtest/gtest.h>

#include "counting_allocator.hpp"

#include <atomic>
#include <cstdlib>
#include <new>
#include <vector>

#include "rtcp_samples.hpp"
#include "rtcsip/media/rtp/demux.hpp"
#include "rtcsip/media/rtp/nack.hpp"
#include "rtcsip/media/rtp/rtcp_compound.hpp"
#include "rtcsip/media/rtp/rtcp_ssrc_rewrite.hpp"
#include "rtcsip/media/rtp/rtp_packet.hpp"

namespace {

using namespace rtcsip::media::rtp;
using namespace rtcsip::media::rtp::test;

// What a relay does with one RTP packet; returns a value that depends on it all.
std::uint32_t relay_rtp(std::vector<std::uint8_t>& datagram) {
  if (classify_datagram(datagram) != DatagramKind::rtp_or_rtcp || is_rtcp(datagram)) return 0;
  auto p = RtpPacket::parse(datagram);
  if (!p) return 0;
  p->set_ssrc(p->ssrc() + 1);
  p->set_sequence_number(static_cast<std::uint16_t>(p->sequence_number() + 1));
  p->set_timestamp(p->timestamp() + 960);
  p->set_payload_type(96);
  std::uint32_t sum = p->payload().size();
  if (const auto ext = p->extension()) {
    for (const auto e : *ext) sum += e.id;
  }
  if (const auto level = p->find_extension(1)) sum += (*level)[0];
  return sum;
}

std::uint32_t relay_rtcp(std::vector<std::uint8_t>& datagram) {
  if (!is_rtcp(datagram) || validate_compound(datagram) != RtcpError::none) return 0;
  std::uint32_t sum = 0;
  for (const RtcpPacket packet : RtcpCompound(datagram)) {
    if (const auto nack = Nack::parse(packet)) {
      for (const NackItem item : nack->items()) item.for_each_lost([&](std::uint16_t seq) { sum += seq; });
    }
  }
  (void)rewrite_rtcp_ssrcs(datagram, [](SsrcField, std::uint32_t ssrc) { return ssrc ^ 1; });
  return sum;
}

TEST(MediaRtpPacketPath, DoesNotAllocate) {
  const std::size_t probe = rtcsip::test::allocations();
  ::operator delete(::operator new(16));
  ASSERT_GT(rtcsip::test::allocations(), probe) << "the counting allocator is not in use";

  auto rtp = chrome_opus_packet();
  auto compound =
      concat({sender_report(), sdes_cname(), nack(), pli(), fir(), remb(), app(), bye_with_reason()});
  auto garbage = hex("80 c8 ff ff 00");
  const std::size_t before = rtcsip::test::allocations();
  std::uint32_t sum = 0;
  for (int i = 0; i < 100; ++i)
    sum += relay_rtp(rtp) + relay_rtcp(compound) + relay_rtcp(garbage) + relay_rtp(garbage);
  EXPECT_EQ(rtcsip::test::allocations(), before);
  EXPECT_NE(sum, 0U);
}

}  // namespace
