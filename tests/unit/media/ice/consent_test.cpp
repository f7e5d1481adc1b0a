// Consent freshness on the selected pair (RFC 7675), on the manual clock.
#include <gtest/gtest.h>

#include <chrono>

#include "agent_fixture.hpp"

namespace rtcsip::media::ice::test {
namespace {

using std::chrono::milliseconds;
using std::chrono::nanoseconds;
using std::chrono::seconds;

class Consent : public AgentTest {
 protected:
  void nominate(const Endpoint& from) {
    CheckOptions o;
    o.use_candidate = true;
    ASSERT_EQ(deliver(browser.check(o), from), StunOutcome::answered);
  }
  void check_from(const Endpoint& from) { ASSERT_EQ(deliver(browser.check(), from), StunOutcome::answered); }
};

TEST_F(Consent, NothingIsTimedBeforeANomination) {
  check_from(peer);
  EXPECT_EQ(timers.pending(), 0u);
  timers.advance(seconds(300));
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(agent->state(), IceLiteState::checking);
}

TEST_F(Consent, ExpiresExactlyThirtySecondsAfterTheLastCheck) {
  nominate(peer);
  timers.advance(seconds(30) - nanoseconds(1));
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(agent->state(), IceLiteState::connected);
  timers.advance(nanoseconds(1));
  EXPECT_EQ(failures, 1);
  EXPECT_EQ(agent->state(), IceLiteState::failed);
  EXPECT_EQ(agent->counters().consent_expired, 1u);
  timers.advance(seconds(120));
  EXPECT_EQ(failures, 1);  // reported once
  EXPECT_EQ(timers.pending(), 0u);
}

TEST_F(Consent, EachCheckOnTheSelectedPairRefreshesIt) {
  nominate(peer);
  timers.advance(seconds(20));
  check_from(peer);  // no USE-CANDIDATE needed
  timers.advance(seconds(25));
  check_from(peer);
  timers.advance(seconds(30) - milliseconds(1));
  EXPECT_EQ(failures, 0);
  timers.advance(milliseconds(1));
  EXPECT_EQ(failures, 1);  // 30 s after the check at t = 45 s
}

TEST_F(Consent, ChecksDoNotEachCostATimer) {
  nominate(peer);
  for (int i = 0; i < 50; ++i) {
    timers.advance(milliseconds(500));
    check_from(peer);
  }
  EXPECT_EQ(timers.pending(), 1u);
  EXPECT_EQ(failures, 0);
}

TEST_F(Consent, ChecksFromOtherAddressesDoNotRefreshIt) {
  nominate(peer);
  timers.advance(seconds(20));
  check_from(other_peer);
  timers.advance(seconds(10));
  EXPECT_EQ(failures, 1);
}

TEST_F(Consent, RejectedChecksFromTheSelectedAddressDoNotRefreshIt) {
  nominate(peer);
  timers.advance(seconds(20));
  CheckOptions forged;
  forged.password = "NotTheRightPasswordAtAll";
  EXPECT_EQ(deliver(browser.check(forged), peer), StunOutcome::rejected_unauthorized);
  auto indication = browser.indication();  // keepalives are not consent either
  EXPECT_EQ(deliver(indication, peer), StunOutcome::ignored);
  timers.advance(seconds(10));
  EXPECT_EQ(failures, 1);
}

TEST_F(Consent, SwitchingPairsStartsFromTheNewNomination) {
  nominate(peer);
  timers.advance(seconds(20));
  nominate(other_peer);
  timers.advance(seconds(29));
  EXPECT_EQ(failures, 0);  // t = 49 s: the old pair's 30 s are long gone
  timers.advance(seconds(1));
  EXPECT_EQ(failures, 1);
}

TEST_F(Consent, TimeoutIsConfigurable) {
  IceLiteConfig config = default_config();
  config.consent_timeout = seconds(5);
  make_agent(config);
  nominate(peer);
  timers.advance(seconds(5) - milliseconds(1));
  EXPECT_EQ(failures, 0);
  timers.advance(milliseconds(1));
  EXPECT_EQ(failures, 1);
}

TEST_F(Consent, AFailedLegNoLongerAnswersNorVerifies) {
  nominate(peer);
  timers.advance(seconds(30));
  ASSERT_EQ(failures, 1);
  sent.clear();
  EXPECT_EQ(deliver(browser.check(), peer), StunOutcome::dropped);
  EXPECT_TRUE(sent.empty());
  EXPECT_FALSE(agent->is_verified(peer));
  EXPECT_EQ(agent->counters().after_failure, 1u);
}

TEST_F(Consent, FailedEventMayDestroyTheAgent) {
  IceLiteAgent::Events events;
  events.failed = [this] { agent.reset(); };
  agent = std::make_unique<IceLiteAgent>(
      timers, default_config(), [](const Endpoint&, std::span<const std::uint8_t>) {}, events);
  nominate(peer);
  timers.advance(seconds(31));
  EXPECT_EQ(agent, nullptr);
}

}  // namespace
}  // namespace rtcsip::media::ice::test
