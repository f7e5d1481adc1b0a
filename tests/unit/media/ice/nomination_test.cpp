// Nomination (RFC 8445 §7.3.2, §8.2), peer-reflexive candidates (§7.3.1.3)
// and which sources count as verified.
#include <gtest/gtest.h>

#include "agent_fixture.hpp"

namespace rtcsip::media::ice::test {
namespace {

class Nomination : public AgentTest {
 protected:
  CheckOptions nominate() {
    CheckOptions o;
    o.use_candidate = true;
    return o;
  }
};

TEST_F(Nomination, CheckWithoutUseCandidateSelectsNothing) {
  EXPECT_EQ(deliver(browser.check(), peer), StunOutcome::answered);
  EXPECT_TRUE(selections.empty());
  EXPECT_FALSE(agent->selected().has_value());
  EXPECT_EQ(agent->state(), IceLiteState::checking);
  EXPECT_TRUE(agent->is_verified(peer));  // a valid check: media from it may be accepted
}

TEST_F(Nomination, UseCandidateSelectsThePairAndReportsIt) {
  EXPECT_EQ(deliver(browser.check(nominate()), peer), StunOutcome::answered);
  ASSERT_EQ(selections.size(), 1u);
  EXPECT_EQ(selections[0], peer);
  EXPECT_EQ(agent->selected(), peer);
  EXPECT_EQ(agent->state(), IceLiteState::connected);
  EXPECT_EQ(agent->counters().nominations, 1u);
}

TEST_F(Nomination, RepeatedNominationOfTheSamePairIsReportedOnce) {
  // Browsers keep USE-CANDIDATE on the checks of the selected pair.
  for (int i = 0; i < 5; ++i) deliver(browser.check(nominate()), peer);
  EXPECT_EQ(selections.size(), 1u);
  EXPECT_EQ(agent->counters().nominations, 1u);
  EXPECT_EQ(agent->counters().checks_answered, 5u);
}

TEST_F(Nomination, LaterNominationOfAnotherPairSwitchesAndReportsAgain) {
  deliver(browser.check(nominate()), peer);
  deliver(browser.check(), other_peer);  // checked, not nominated: no switch
  EXPECT_EQ(agent->selected(), peer);
  deliver(browser.check(nominate()), other_peer);
  ASSERT_EQ(selections.size(), 2u);
  EXPECT_EQ(selections[1], other_peer);
  EXPECT_EQ(agent->selected(), other_peer);
  deliver(browser.check(nominate()), peer);  // and back
  ASSERT_EQ(selections.size(), 3u);
  EXPECT_EQ(selections[2], peer);
  EXPECT_TRUE(agent->is_verified(peer));
  EXPECT_TRUE(agent->is_verified(other_peer));
}

TEST_F(Nomination, RejectedChecksNominateNothing) {
  CheckOptions bad_password = nominate();
  bad_password.password = "NotTheRightPasswordAtAll";
  deliver(browser.check(bad_password), peer);
  CheckOptions bad_ufrag = nominate();
  bad_ufrag.username = "Other:Frag";
  deliver(browser.check(bad_ufrag), peer);
  auto broken = browser.check(nominate());
  broken.back() ^= 0x80;
  deliver(broken, peer);
  EXPECT_TRUE(selections.empty());
  EXPECT_EQ(agent->state(), IceLiteState::checking);
  EXPECT_FALSE(agent->is_verified(peer));
}

TEST_F(Nomination, NominationFromAnUnsignalledAddressLearnsAPeerReflexiveCandidate) {
  const Endpoint host = endpoint("192.168.1.20", 54321);  // what the browser's SDP said
  ASSERT_TRUE(agent->add_remote_candidate(host, 2130706431));
  EXPECT_FALSE(agent->is_verified(host));  // signalled is not verified
  // The check arrives through the browser's NAT, from another address.
  deliver(browser.check(nominate()), peer);
  EXPECT_EQ(agent->counters().peer_reflexive, 1u);
  EXPECT_EQ(agent->remote_candidate_count(), 2u);
  EXPECT_TRUE(agent->is_verified(peer));
  EXPECT_FALSE(agent->is_verified(host));
  EXPECT_EQ(agent->selected(), peer);
  // A check from the signalled address verifies it and learns nothing new.
  deliver(browser.check(), host);
  EXPECT_TRUE(agent->is_verified(host));
  EXPECT_EQ(agent->counters().peer_reflexive, 1u);
}

TEST_F(Nomination, AddressesNeverCheckedAreNotVerified) {
  deliver(browser.check(nominate()), peer);
  EXPECT_FALSE(agent->is_verified(endpoint("198.51.100.7", 50001)));  // same IP, other port
  EXPECT_FALSE(agent->is_verified(endpoint("198.51.100.8", 50000)));
  EXPECT_FALSE(agent->is_verified(Endpoint{}));
}

TEST_F(Nomination, RemoteCandidatesStayBoundedAndTheSelectedOneIsKept) {
  IceLiteConfig config = default_config();
  config.max_remote_candidates = 4;
  make_agent(config);
  deliver(browser.check(nominate()), peer);
  for (std::uint16_t port = 1000; port < 1100; ++port) {
    timers.advance(std::chrono::milliseconds(1));
    deliver(browser.check(), endpoint("203.0.113.50", port));
  }
  EXPECT_EQ(agent->remote_candidate_count(), 4u);
  EXPECT_EQ(agent->counters().candidates_evicted, 97u);
  EXPECT_TRUE(agent->is_verified(peer));
  EXPECT_EQ(agent->selected(), peer);
  EXPECT_TRUE(agent->is_verified(endpoint("203.0.113.50", 1099)));  // the stalest went first
  EXPECT_FALSE(agent->is_verified(endpoint("203.0.113.50", 1000)));
}

TEST_F(Nomination, SignalledCandidatesBeyondTheLimitAreRefused) {
  IceLiteConfig config = default_config();
  config.max_remote_candidates = 2;
  make_agent(config);
  EXPECT_TRUE(agent->add_remote_candidate(endpoint("192.0.2.1", 1), 1));
  EXPECT_TRUE(agent->add_remote_candidate(endpoint("192.0.2.1", 2), 1));
  EXPECT_TRUE(agent->add_remote_candidate(endpoint("192.0.2.1", 2), 5));  // already known
  EXPECT_FALSE(agent->add_remote_candidate(endpoint("192.0.2.1", 3), 1));
  EXPECT_EQ(agent->counters().candidates_refused, 1u);
  // A verified check still finds room, in place of an unverified candidate.
  deliver(browser.check(), peer);
  EXPECT_TRUE(agent->is_verified(peer));
  EXPECT_EQ(agent->remote_candidate_count(), 2u);
}

TEST_F(Nomination, SelectedEventMayDestroyTheAgent) {
  IceLiteAgent::Events events;
  events.selected = [this](const Endpoint&) { agent.reset(); };
  agent = std::make_unique<IceLiteAgent>(
      timers, default_config(), [](const Endpoint&, std::span<const std::uint8_t>) {}, events);
  EXPECT_EQ(deliver(browser.check(nominate()), peer), StunOutcome::answered);
  EXPECT_EQ(agent, nullptr);
}

}  // namespace
}  // namespace rtcsip::media::ice::test
