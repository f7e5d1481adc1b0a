// The relay's packet path allocates nothing (CONVENTIONS: no heap per
// packet): RTP both ways, source changes, RTCP translation and every drop,
// counted against a replaced operator new.
#include <gtest/gtest.h>

#include "counting_allocator.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <new>
#include <vector>

#include "relay_fixture.hpp"

namespace rtcsip::media::relay::test {
namespace {

// A received datagram: the pristine bytes and a buffer the relay rewrites.
struct Input {
  Leg leg;
  Endpoint from;
  std::vector<std::uint8_t> pristine;
  std::vector<std::uint8_t> work;
};

TEST(RelayPacketPath, DoesNotAllocate) {
  const std::size_t probe = rtcsip::test::allocations();
  ::operator delete(::operator new(16));
  ASSERT_GT(rtcsip::test::allocations(), probe) << "the counting allocator is not in use";

  core::ManualTimerService timers;
  std::size_t sent = 0;
  std::size_t sent_bytes = 0;
  std::size_t events = 0;
  RelayStream stream(
      timers, default_config(),
      [&](Leg, const Endpoint&, std::span<const std::uint8_t> bytes) {
        ++sent;
        sent_bytes += bytes.size();
      },
      [&](const RelayEvent&) { ++events; });
  stream.set_webrtc_remote(kBrowser);

  std::vector<std::uint8_t> sr(52);
  sr[0] = 0x81;
  sr[1] = 200;
  rtp::store_be16(sr.data() + 2, 12);
  rtp::store_be32(sr.data() + 4, kBrowserSsrc);
  rtp::store_be32(sr.data() + 28, kOurSsrcToBrowser);
  std::vector<Input> inputs = {
      {Leg::webrtc, kBrowser, rtp_datagram({kPcmu, 1, 0, kBrowserSsrc}), {}},
      {Leg::webrtc, kBrowser, rtp_datagram({kBrowserDtmf, 2, 160, kBrowserSsrc, true}), {}},
      {Leg::webrtc, kBrowser, rtp_datagram({kPcmu, 900, 7000, 0x31313131}), {}},  // source change
      {Leg::legacy, kNat, rtp_datagram({kPcmu, 1, 0, kPbxSsrc}), {}},
      {Leg::legacy, kNat, rtp_datagram({kPcmu, 2, 160, kPbxSsrc}), {}},
      {Leg::legacy, kPbxSdp, rtp_datagram({kPbxDtmf, 3, 320, kPbxSsrc}), {}},
      {Leg::legacy, kStranger, rtp_datagram({kPcmu, 3, 320, 0x66666666}), {}},
      {Leg::legacy, kStranger, rtp_datagram({8, 3, 320, 0x66666666}), {}},
      {Leg::webrtc, kBrowser, sr, {}},
      {Leg::legacy, kPbxSdpRtcp, {0x80, 0xc9, 0x00, 0x01, 0x22, 0x22, 0x22, 0x22}, {}},
      {Leg::webrtc, kBrowser, {0x80, 0xc8, 0xff, 0xff, 0, 0, 0, 0}, {}},
      {Leg::webrtc, kBrowser, {0x80, 0x00, 0x01}, {}},
      {Leg::webrtc, kBrowser, {0x00, 0x01, 0x00, 0x00}, {}},
  };
  for (Input& in : inputs) in.work.resize(in.pristine.size());
  auto run_all = [&] {
    for (Input& in : inputs) {
      std::copy(in.pristine.begin(), in.pristine.end(), in.work.begin());
      (void)stream.receive(in.leg, in.from, in.work);
    }
    timers.advance(20ms);
  };
  run_all();  // warm-up: latching and its event happen once

  const std::size_t before = rtcsip::test::allocations();
  for (int i = 0; i < 100; ++i) run_all();
  EXPECT_EQ(rtcsip::test::allocations(), before);
  EXPECT_GT(sent, 0U);
  EXPECT_GT(sent_bytes, 0U);
  EXPECT_GT(stream.counters(Leg::legacy).drops(DropReason::stranger), 0U);
}

}  // namespace
}  // namespace rtcsip::media::relay::test
