// The cost of one ICE connectivity check on the lite agent: libnice
// validates it (FINGERPRINT, USERNAME, HMAC-SHA1 MESSAGE-INTEGRITY) and
// builds the signed response; plus the shared-port demux. The checks are
// built by libnice as a controlling browser would (USE-CANDIDATE, PRIORITY,
// ICE-CONTROLLING).
#include <benchmark/benchmark.h>
#include <stun/stunagent.h>
#include <stun/usages/ice.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "rtcsip/core/manual_timer_service.hpp"
#include "rtcsip/media/ice/ice_lite_agent.hpp"
#include "rtcsip/media/ice/stun_demux.hpp"

namespace {

using namespace rtcsip::media::ice;

const IceCredentials kLocal{"LiteUfrg", "LitePasswordOf24Chars+/"};

std::vector<std::uint8_t> browser_check(bool use_candidate, const std::string& password) {
  StunAgent agent{};
  stun_agent_init(&agent, STUN_ALL_KNOWN_ATTRIBUTES, STUN_COMPATIBILITY_RFC5389,
                  static_cast<StunAgentUsageFlags>(STUN_AGENT_USAGE_SHORT_TERM_CREDENTIALS |
                                                   STUN_AGENT_USAGE_USE_FINGERPRINT));
  const std::string username = kLocal.ufrag + ":Br0wserUfrag";
  std::vector<std::uint8_t> out(1500);
  StunMessage message{};
  const std::size_t length = stun_usage_ice_conncheck_create(
      &agent, &message, out.data(), out.size(), reinterpret_cast<const std::uint8_t*>(username.data()),
      username.size(), reinterpret_cast<const std::uint8_t*>(password.data()), password.size(), use_candidate,
      true, 0x6e7f1eff, 0x1122334455667788ULL, nullptr, STUN_USAGE_ICE_COMPATIBILITY_RFC5245);
  out.resize(length);
  return out;
}

void run(benchmark::State& state, const std::vector<std::uint8_t>& check, StunOutcome expected) {
  rtcsip::core::ManualTimerService timers;
  IceLiteConfig config;
  config.local = kLocal;
  std::size_t bytes_sent = 0;
  IceLiteAgent agent(
      timers, config,
      [&bytes_sent](const Endpoint&, std::span<const std::uint8_t> d) { bytes_sent += d.size(); },
      IceLiteAgent::Events{});
  const Endpoint from = *Endpoint::parse("198.51.100.7", 50000);
  if (agent.handle_stun(from, check) != expected) {
    state.SkipWithError("unexpected outcome");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(agent.handle_stun(from, check));
  }
  benchmark::DoNotOptimize(bytes_sent);
  state.SetItemsProcessed(state.iterations());
}

void BM_ValidCheck(benchmark::State& state) {
  run(state, browser_check(false, kLocal.pwd), StunOutcome::answered);
}
BENCHMARK(BM_ValidCheck);

// The steady state of a call: the browser's consent checks on the selected pair.
void BM_NominatingCheckOnSelectedPair(benchmark::State& state) {
  run(state, browser_check(true, kLocal.pwd), StunOutcome::answered);
}
BENCHMARK(BM_NominatingCheckOnSelectedPair);

// A forged check: HMAC computed, 401 built.
void BM_WrongPassword(benchmark::State& state) {
  run(state, browser_check(false, "NotTheRightPasswordAtAll"), StunOutcome::rejected_unauthorized);
}
BENCHMARK(BM_WrongPassword);

void BM_SharedPortUfrag(benchmark::State& state) {
  const auto check = browser_check(true, kLocal.pwd);
  for (auto _ : state) benchmark::DoNotOptimize(stun_local_ufrag(check));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SharedPortUfrag);

}  // namespace

BENCHMARK_MAIN();
