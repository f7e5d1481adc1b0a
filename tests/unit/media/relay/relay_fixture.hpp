#pragma once
// A RelayStream between a browser and a PBX on a manual clock, with the
// datagrams it sends and the events it reports captured for assertions.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "rtcsip/core/manual_timer_service.hpp"
#include "rtcsip/media/relay/relay_stream.hpp"
#include "rtcsip/media/rtp/byte_order.hpp"
#include "rtcsip/media/rtp/rtp_packet.hpp"

namespace rtcsip::media::relay::test {

using namespace std::chrono_literals;

inline constexpr Endpoint kBrowser = Endpoint::v4({198, 51, 100, 7}, 50000);
inline constexpr Endpoint kPbxSdp = Endpoint::v4({192, 0, 2, 10}, 4000);
inline constexpr Endpoint kPbxSdpRtcp = Endpoint::v4({192, 0, 2, 10}, 4001);
inline constexpr Endpoint kNat = Endpoint::v4({203, 0, 113, 5}, 61000);
inline constexpr Endpoint kStranger = Endpoint::v4({203, 0, 113, 66}, 4000);

inline constexpr std::uint32_t kOurSsrcToBrowser = 0xAAAA0001;
inline constexpr std::uint32_t kOurSsrcToPbx = 0xBBBB0002;
inline constexpr std::uint32_t kBrowserSsrc = 0x11111111;
inline constexpr std::uint32_t kPbxSsrc = 0x22222222;

// Browser: PCMU 0, telephone-event 126. PBX: PCMU 0, telephone-event 101.
inline constexpr std::uint8_t kPcmu = 0;
inline constexpr std::uint8_t kBrowserDtmf = 126;
inline constexpr std::uint8_t kPbxDtmf = 101;

struct RtpFields {
  std::uint8_t payload_type = kPcmu;
  std::uint16_t sequence = 0;
  std::uint32_t timestamp = 0;
  std::uint32_t ssrc = 0;
  bool marker = false;
};

inline std::vector<std::uint8_t> rtp_datagram(const RtpFields& f,
                                              std::vector<std::uint8_t> payload = {0xde, 0xad, 0xbe, 0xef}) {
  std::vector<std::uint8_t> d(rtp::kRtpHeaderSize);
  d[0] = 0x80;
  d[1] = static_cast<std::uint8_t>((f.marker ? 0x80 : 0) | f.payload_type);
  rtp::store_be16(d.data() + 2, f.sequence);
  rtp::store_be32(d.data() + 4, f.timestamp);
  rtp::store_be32(d.data() + 8, f.ssrc);
  d.insert(d.end(), payload.begin(), payload.end());
  return d;
}

inline RelayConfig default_config() {
  RelayConfig c;
  c.webrtc.ssrc = kOurSsrcToBrowser;
  c.webrtc.payload_types.add(kPcmu, kPcmu);
  c.webrtc.payload_types.add(kBrowserDtmf, kPbxDtmf);
  c.legacy.ssrc = kOurSsrcToPbx;
  c.legacy.payload_types.add(kPcmu, kPcmu);
  c.legacy.payload_types.add(kPbxDtmf, kBrowserDtmf);
  c.legacy_rtp = kPbxSdp;
  c.legacy_rtcp = kPbxSdpRtcp;
  c.rtp_timeout = 10s;
  return c;
}

struct Sent {
  Leg to;
  Endpoint destination;
  std::vector<std::uint8_t> bytes;
};

class RelayFixture : public ::testing::Test {
 protected:
  explicit RelayFixture(RelayConfig config = default_config()) { make(config); }

  void make(const RelayConfig& config) {
    stream_.reset();
    stream_ = std::make_unique<RelayStream>(
        timers_, config,
        [this](Leg to, const Endpoint& destination, std::span<const std::uint8_t> bytes) {
          sent_.push_back({to, destination, {bytes.begin(), bytes.end()}});
        },
        [this](const RelayEvent& e) { events_.push_back(e); });
  }

  std::optional<DropReason> receive(Leg leg, const Endpoint& from, std::vector<std::uint8_t> datagram) {
    last_input_ = std::move(datagram);
    return stream_->receive(leg, from, last_input_);
  }
  std::optional<DropReason> from_browser(const RtpFields& f) {
    return receive(Leg::webrtc, kBrowser, rtp_datagram(f));
  }
  std::optional<DropReason> from_pbx(const Endpoint& from, const RtpFields& f) {
    return receive(Leg::legacy, from, rtp_datagram(f));
  }

  // The last datagram sent, parsed.
  rtp::ConstRtpPacket last_sent_rtp() const {
    auto p = rtp::ConstRtpPacket::parse(sent_.back().bytes);
    EXPECT_TRUE(p.has_value());
    return *p;
  }

  core::ManualTimerService timers_;
  std::unique_ptr<RelayStream> stream_;
  std::vector<Sent> sent_;
  std::vector<RelayEvent> events_;
  std::vector<std::uint8_t> last_input_;
};

}  // namespace rtcsip::media::relay::test
