// The per-packet cost of media/rtp on the relay's hot path: parse an RTP
// packet in place and rewrite SSRC, sequence number, timestamp and payload
// type (what every relayed packet goes through); parse and walk a compound
// RTCP datagram; and the RFC 7983 demultiplexer. Reports items per second
// on one core.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "rtcsip/media/rtp/demux.hpp"
#include "rtcsip/media/rtp/rtcp_compound.hpp"
#include "rtcsip/media/rtp/rtcp_ssrc_rewrite.hpp"
#include "rtcsip/media/rtp/rtp_packet.hpp"
#include "rtcsip/media/rtp/sdes.hpp"
#include "rtcsip/media/rtp/sender_report.hpp"

namespace {

using namespace rtcsip::media::rtp;

// A Chrome Opus packet: 12-byte header, one-byte extension block (audio
// level, abs-send-time, transport-wide-cc), 144 bytes of Opus: 172 bytes.
std::vector<std::uint8_t> opus_packet() {
  std::vector<std::uint8_t> p = {0x90, 0x6f, 0x1a, 0x2b, 0x00, 0x0b, 0xb8, 0x40, 0x5e, 0x1f,
                                 0x0c, 0x3a, 0xbe, 0xde, 0x00, 0x03, 0x10, 0xa1, 0x22, 0x12,
                                 0x34, 0x56, 0x31, 0x01, 0xf4, 0x00, 0x00, 0x00, 0x78};
  for (int i = 1; i < 144; ++i) p.push_back(static_cast<std::uint8_t>(i * 37 + 11));
  return p;
}

// SR with one report block, then SDES with a CNAME: what a browser sends.
std::vector<std::uint8_t> sr_sdes() {
  return {0x81, 0xc8, 0x00, 0x0c, 0x5e, 0x1f, 0x0c, 0x3a, 0xe7, 0x4a, 0x3b, 0x1c, 0x80, 0x00, 0x00, 0x00,
          0x00, 0x0b, 0xb8, 0x40, 0x00, 0x00, 0x01, 0xf4, 0x00, 0x01, 0x4f, 0x8c, 0x12, 0x34, 0x56, 0x78,
          0x05, 0xff, 0xff, 0xfe, 0x00, 0x01, 0x1a, 0x2b, 0x00, 0x00, 0x00, 0x20, 0x3b, 0x1c, 0x80, 0x00,
          0x00, 0x00, 0x10, 0x00, 0x81, 0xca, 0x00, 0x06, 0x5e, 0x1f, 0x0c, 0x3a, 0x01, 0x10, 0x34, 0x54,
          0x5a, 0x70, 0x31, 0x48, 0x2b, 0x31, 0x67, 0x32, 0x46, 0x63, 0x59, 0x6b, 0x39, 0x77, 0x00, 0x00};
}

// One relayed packet: parse the view, map the stream onto the other leg.
void BM_RtpParseAndRewrite(benchmark::State& state) {
  std::vector<std::uint8_t> packet = opus_packet();
  std::uint16_t seq = 0;
  std::uint32_t ts = 0;
  for (auto _ : state) {
    auto p = RtpPacket::parse(packet);
    if (!p) {
      state.SkipWithError("packet does not parse");
      break;
    }
    p->set_ssrc(0xdeadbeef);
    p->set_sequence_number(seq++);
    p->set_timestamp(ts += 960);
    p->set_payload_type(96);
    benchmark::DoNotOptimize(packet.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(packet.size()));
}
BENCHMARK(BM_RtpParseAndRewrite);

// The same over 4096 packets in distinct buffers (1.4 MB), as a worker
// sees them from the socket: the header is not in L1 when it arrives.
void BM_RtpParseAndRewriteManyBuffers(benchmark::State& state) {
  constexpr std::size_t kCount = 4096;
  const std::vector<std::uint8_t> one = opus_packet();
  std::vector<std::uint8_t> buffers(kCount * 192);
  for (std::size_t i = 0; i < kCount; ++i) std::copy(one.begin(), one.end(), buffers.begin() + i * 192);
  std::size_t i = 0;
  std::uint16_t seq = 0;
  for (auto _ : state) {
    auto p = RtpPacket::parse(std::span(buffers.data() + i * 192, one.size()));
    p->set_ssrc(0xdeadbeef);
    p->set_sequence_number(seq++);
    p->set_timestamp(p->timestamp() + 48000);
    p->set_payload_type(96);
    benchmark::DoNotOptimize(p->bytes().data());
    i = (i + 1) % kCount;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RtpParseAndRewriteManyBuffers);

// Reading the audio level (RFC 6464) for active-speaker detection.
void BM_RtpParseAndFindAudioLevel(benchmark::State& state) {
  const std::vector<std::uint8_t> packet = opus_packet();
  for (auto _ : state) {
    const auto p = ConstRtpPacket::parse(packet);
    const auto level = p->find_extension(1);
    benchmark::DoNotOptimize(level);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RtpParseAndFindAudioLevel);

// Validate a compound datagram, walk it, read the SR and the CNAME.
void BM_RtcpCompoundParse(benchmark::State& state) {
  const std::vector<std::uint8_t> datagram = sr_sdes();
  for (auto _ : state) {
    std::uint64_t sum = 0;
    if (validate_compound(datagram) == RtcpError::none) {
      for (const ConstRtcpPacket packet : ConstRtcpCompound(datagram)) {
        if (const auto sr = ConstSenderReport::parse(packet)) {
          sum += sr->ntp_timestamp();
          for (const ConstReportBlock block : sr->report_blocks()) sum += block.extended_highest_sequence();
        } else if (const auto sdes = ConstSdes::parse(packet)) {
          for (const ConstSdesChunk chunk : *sdes) sum += chunk.cname().value_or("").size();
        }
      }
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RtcpCompoundParse);

// Rename every SSRC of the compound for the other leg.
void BM_RtcpSsrcRewrite(benchmark::State& state) {
  std::vector<std::uint8_t> datagram = sr_sdes();
  for (auto _ : state) {
    const RtcpError e = rewrite_rtcp_ssrcs(datagram, [](SsrcField, std::uint32_t ssrc) { return ssrc ^ 1; });
    benchmark::DoNotOptimize(e);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RtcpSsrcRewrite);

// A WebRTC port's mix: RTP mostly, some RTCP, STUN consent checks, DTLS.
void BM_Demux(benchmark::State& state) {
  const std::vector<std::uint8_t> rtp = opus_packet();
  const std::vector<std::uint8_t> rtcp = sr_sdes();
  const std::vector<std::uint8_t> stun = {0x00, 0x01, 0x00, 0x50, 0x21, 0x12, 0xa4, 0x42};
  const std::vector<std::uint8_t> dtls = {0x17, 0xfe, 0xfd, 0x00, 0x01};
  const std::array<std::span<const std::uint8_t>, 8> mix = {rtp, rtp, rtcp, rtp, stun, rtp, dtls, rtp};
  std::array<std::uint64_t, 8> counts{};
  std::size_t i = 0;
  for (auto _ : state) {
    const std::span<const std::uint8_t> d = mix[i++ & 7];
    const DatagramKind kind = classify_datagram(d);
    const bool rtcp_packet = kind == DatagramKind::rtp_or_rtcp && is_rtcp(d);
    ++counts[static_cast<std::size_t>(kind) + (rtcp_packet ? 1 : 0)];
    benchmark::DoNotOptimize(counts);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Demux);

}  // namespace

BENCHMARK_MAIN();
