// Parse and serialize the Chrome audio+video BUNDLE offer (the largest SDP a
// WebRTC call brings): SDPs per second on one core, printed, not asserted.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

#include "rtcsip/sdp/attributes.hpp"
#include "rtcsip/sdp/parser.hpp"

namespace {

std::string load(const char* name) {
  std::ifstream in(std::string(RTCSIP_TEST_DATA) + "/sdp/golden/" + name + ".sdp", std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void BM_ParseSerializeChromeOffer(benchmark::State& state) {
  const auto text = load("chrome_av_bundle_offer");
  if (text.empty()) {
    state.SkipWithError("golden file not found");
    return;
  }
  for (auto _ : state) {
    auto sdp = rtcsip::sdp::parse(text);
    if (!sdp.ok()) {
      state.SkipWithError("parse failed");
      return;
    }
    auto out = rtcsip::sdp::serialize(*sdp);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_ParseSerializeChromeOffer);

void BM_ParseChromeOffer(benchmark::State& state) {
  const auto text = load("chrome_av_bundle_offer");
  for (auto _ : state) {
    auto sdp = rtcsip::sdp::parse(text);
    benchmark::DoNotOptimize(sdp);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseChromeOffer);

// What the translator does per offer on top of parsing: the typed readers.
void BM_ReadChromeOfferAttributes(benchmark::State& state) {
  const auto sdp = rtcsip::sdp::parse(load("chrome_av_bundle_offer"));
  if (!sdp.ok()) {
    state.SkipWithError("parse failed");
    return;
  }
  for (auto _ : state) {
    std::size_t n = rtcsip::sdp::bundle_group(*sdp).size();
    for (const auto& m : sdp->media) {
      for (auto pt : rtcsip::sdp::payload_types(m)) n += rtcsip::sdp::rtpmap_of(m, pt).has_value() ? 1 : 0;
      n += rtcsip::sdp::ice_credentials(*sdp, m).has_value() ? 1 : 0;
      n += rtcsip::sdp::fingerprint(*sdp, m).has_value() ? 1 : 0;
      n += rtcsip::sdp::extmaps(m).size() + rtcsip::sdp::rtcp_feedback(m).size();
    }
    benchmark::DoNotOptimize(n);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ReadChromeOfferAttributes);

}  // namespace

BENCHMARK_MAIN();
