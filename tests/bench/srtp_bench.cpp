// SRTP cost per packet for each profile, on a 172-octet RTP packet (12-octet
// header, 160-octet payload: 20 ms of G.711). Figures are printed, not judged.
//   srtp_protect/<profile>             protect one packet
//   srtp_unprotect/<profile>           verify and decrypt one packet
//   srtp_protect_unprotect/<profile>   both, i.e. one packet relayed SRTP -> SRTP
//   srtp_session_pair/<profile>        set up both directions of a transport
//   srtp_with_sessions/<profile>/<n>   protect + unprotect while n session pairs
//                                      are alive (one per call): the crypto
//                                      library's per-key lookups must not grow
//                                      with the number of calls
#include <benchmark/benchmark.h>

#include <array>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "rtcsip/media/srtp/library.hpp"
#include "rtcsip/media/srtp/session_pair.hpp"

namespace {

using namespace rtcsip::media::srtp;

constexpr std::size_t kRtpLength = 172;
using Buffer = std::array<std::uint8_t, kRtpLength + kMaxRtpOverhead>;

MasterKey key(Profile p, std::uint8_t seed) {
  std::array<std::uint8_t, kMaxKeySaltLength> material{};
  for (std::size_t i = 0; i < material.size(); ++i) material[i] = static_cast<std::uint8_t>(seed * 31 + i);
  return *MasterKey::from_key_salt(p,
                                   std::span(material).first(master_key_length(p) + master_salt_length(p)));
}

// An RTP packet with sequence number `seq`: V=2, PT 0, SSRC 0x11223344.
void fill_rtp(Buffer& b, std::uint16_t seq) {
  static const Buffer kTemplate = [] {
    Buffer t{};
    t[0] = 0x80;
    t[8] = 0x11, t[9] = 0x22, t[10] = 0x33, t[11] = 0x44;
    for (std::size_t i = 12; i < kRtpLength; ++i) t[i] = static_cast<std::uint8_t>(i * 13);
    return t;
  }();
  std::memcpy(b.data(), kTemplate.data(), kRtpLength);
  b[2] = static_cast<std::uint8_t>(seq >> 8);
  b[3] = static_cast<std::uint8_t>(seq);
}

std::optional<SessionPair> make_pair(benchmark::State& state, Profile p) {
  if (!is_supported(p)) {
    state.SkipWithError((std::string(library_version()) + " lacks " + std::string(to_string(p))).c_str());
    return std::nullopt;
  }
  // Loopback: this side's outbound key is its own inbound key.
  auto pair = SessionPair::create({key(p, 1), key(p, 1)});
  if (!pair) {
    state.SkipWithError(std::string(to_string(pair.error())).c_str());
    return std::nullopt;
  }
  return std::move(*pair);
}

void finish(benchmark::State& state) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 160);
}

void bm_protect(benchmark::State& state, Profile p) {
  auto pair = make_pair(state, p);
  if (!pair) return;
  Buffer b{};
  std::uint16_t seq = 0;
  for (auto _ : state) {
    fill_rtp(b, seq++);
    auto n = pair->protect_rtp(b, kRtpLength);
    benchmark::DoNotOptimize(n);
  }
  finish(state);
}

// Unprotects packets protected beforehand, in batches, outside the timing.
void bm_unprotect(benchmark::State& state, Profile p) {
  auto pair = make_pair(state, p);
  if (!pair) return;
  constexpr std::size_t kBatch = 4096;
  std::vector<Buffer> batch(kBatch);
  std::size_t next = kBatch, length = 0;
  std::uint16_t seq = 0;
  for (auto _ : state) {
    if (next == kBatch) {
      state.PauseTiming();
      for (Buffer& b : batch) {
        fill_rtp(b, seq++);
        length = *pair->protect_rtp(b, kRtpLength);
      }
      next = 0;
      state.ResumeTiming();
    }
    auto n = pair->unprotect_rtp(std::span(batch[next++].data(), length));
    benchmark::DoNotOptimize(n);
  }
  finish(state);
}

// Protects and unprotects one packet per iteration on `pair`.
void protect_unprotect_loop(benchmark::State& state, SessionPair& pair) {
  Buffer b{};
  std::uint16_t seq = 0;
  for (auto _ : state) {
    fill_rtp(b, seq++);
    auto n = pair.protect_rtp(b, kRtpLength);
    auto m = pair.unprotect_rtp(std::span(b.data(), *n));
    benchmark::DoNotOptimize(m);
  }
  finish(state);
}

void bm_protect_unprotect(benchmark::State& state, Profile p) {
  auto pair = make_pair(state, p);
  if (pair) protect_unprotect_loop(state, *pair);
}

void bm_with_sessions(benchmark::State& state, Profile p) {
  auto pair = make_pair(state, p);
  if (!pair) return;
  std::vector<SessionPair> others;
  for (std::int64_t i = 1; i < state.range(0); ++i) {
    auto other =
        SessionPair::create({key(p, static_cast<std::uint8_t>(i)), key(p, static_cast<std::uint8_t>(i))});
    if (!other) {
      state.SkipWithError(std::string(to_string(other.error())).c_str());
      return;
    }
    others.push_back(std::move(*other));
  }
  protect_unprotect_loop(state, *pair);
}

void bm_session_pair(benchmark::State& state, Profile p) {
  if (!make_pair(state, p)) return;
  const KeyPair keys{key(p, 1), key(p, 2)};
  for (auto _ : state) {
    auto pair = SessionPair::create(keys);
    benchmark::DoNotOptimize(pair);
  }
}

}  // namespace

int main(int argc, char** argv) {
  for (Profile p : kAllProfiles) {
    const std::string name(to_string(p));
    benchmark::RegisterBenchmark(("srtp_protect/" + name).c_str(), bm_protect, p);
    benchmark::RegisterBenchmark(("srtp_unprotect/" + name).c_str(), bm_unprotect, p);
    benchmark::RegisterBenchmark(("srtp_protect_unprotect/" + name).c_str(), bm_protect_unprotect, p);
    benchmark::RegisterBenchmark(("srtp_session_pair/" + name).c_str(), bm_session_pair, p);
  }
  for (Profile p : {Profile::aead_aes_128_gcm, Profile::aes_cm_128_hmac_sha1_80}) {
    benchmark::RegisterBenchmark(("srtp_with_sessions/" + std::string(to_string(p))).c_str(),
                                 bm_with_sessions, p)
        ->Arg(1)
        ->Arg(1000)
        ->Arg(8000);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::AddCustomContext("libsrtp", std::string(library_version()));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
