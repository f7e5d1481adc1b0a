// Nonce-count replay protection (RFC 7616 §3.4 nc) and the bound on the
// table that remembers counts.
#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "auth_fixture.hpp"

namespace rtcsip::sip::auth::test {
namespace {

using namespace std::chrono_literals;

TEST_F(AuthTest, IncreasingNonceCountsAreAcceptedAndRepeatsRefused) {
  server();
  const auto c = challenge_for("SHA-256");
  EXPECT_TRUE(verify(authorization(c, {.nc = 1})).ok());
  const auto replay = verify(authorization(c, {.nc = 1}));
  EXPECT_EQ(replay.status, Status::replayed_nonce_count);
  EXPECT_EQ(replay.action(), Action::challenge_stale);
  EXPECT_TRUE(verify(authorization(c, {.nc = 2})).ok());
  EXPECT_TRUE(verify(authorization(c, {.nc = 5})).ok());  // gaps are fine: requests may be lost
  EXPECT_EQ(verify(authorization(c, {.nc = 3})).status, Status::replayed_nonce_count);
  EXPECT_EQ(verify(authorization(c, {.nc = 5})).status, Status::replayed_nonce_count);
  EXPECT_TRUE(verify(authorization(c, {.nc = 6})).ok());
  EXPECT_EQ(server_->tracked_nonces(), 1u);
}

TEST_F(AuthTest, CountsAreKeptPerNonce) {
  server();
  const auto a = challenge_for("SHA-256");
  const auto b = challenge_for("MD5");
  EXPECT_TRUE(verify(authorization(a, {.nc = 3})).ok());
  EXPECT_TRUE(verify(authorization(b, {.nc = 1})).ok());
  EXPECT_TRUE(verify(authorization(b, {.username = "bob", .password = "hunter2", .nc = 2})).ok());
  EXPECT_EQ(verify(authorization(a, {.nc = 2})).status, Status::replayed_nonce_count);
  EXPECT_EQ(server_->tracked_nonces(), 2u);
}

TEST_F(AuthTest, WrongResponseDoesNotUseUpACount) {
  server();
  const auto c = challenge_for("SHA-256");
  // An attacker who saw the nonce cannot block its owner with a high nc.
  EXPECT_EQ(verify(authorization(c, {.password = "guess", .nc = 0xffffffff})).status, Status::wrong_response);
  EXPECT_TRUE(verify(authorization(c, {.nc = 1})).ok());
}

TEST_F(AuthTest, ClientWithoutQopIsAcceptedOnce) {
  server();
  const auto c = challenge_for("MD5");
  EXPECT_TRUE(verify(authorization(c, {.with_qop = false})).ok());
  const auto again = verify(authorization(c, {.with_qop = false}));
  EXPECT_EQ(again.status, Status::replayed_nonce_count);
  EXPECT_EQ(again.action(), Action::challenge_stale);
  // Nor can the used nonce be taken up with qop afterwards.
  EXPECT_EQ(verify(authorization(c, {.nc = 1})).status, Status::replayed_nonce_count);
}

TEST_F(AuthTest, NonceUsedWithQopCannotBeReusedWithout) {
  server();
  const auto c = challenge_for("SHA-256");
  EXPECT_TRUE(verify(authorization(c, {.nc = 1})).ok());
  EXPECT_EQ(verify(authorization(c, {.with_qop = false})).status, Status::replayed_nonce_count);
}

TEST_F(AuthTest, EntriesExpireWithTheirNonce) {
  server();
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(verify(authorization(challenge_for("MD5"), {})).ok());
  EXPECT_EQ(server_->tracked_nonces(), 10u);
  clock_.advance(5min);
  EXPECT_TRUE(verify(authorization(challenge_for("MD5"), {})).ok());
  EXPECT_EQ(server_->tracked_nonces(), 1u);
}

TEST_F(AuthTest, ReplayTableStaysBoundedUnderManyNonces) {
  constexpr std::size_t kBound = 1000;
  constexpr int kNonces = 100'000;
  Settings s = default_settings();
  s.algorithms = {Algorithm::md5};  // one challenge per nonce keeps the loop quick
  s.max_tracked_nonces = kBound;
  server(s);
  const auto first = challenge_for("MD5");
  ASSERT_TRUE(verify(authorization(first, {.nc = 1})).ok());
  std::size_t largest = 0;
  int accepted = 0;
  Challenge last;
  for (int i = 0; i < kNonces; ++i) {
    last = challenge_for("MD5");
    accepted += verify(authorization(last, {})).ok() ? 1 : 0;
    largest = std::max(largest, server_->tracked_nonces());
    if (i % 100 == 0) clock_.advance(1ms);
  }
  EXPECT_EQ(accepted, kNonces);
  EXPECT_EQ(largest, kBound);
  // The first nonce was pushed out: it cannot be replayed, only refreshed.
  const auto forgotten = verify(authorization(first, {.nc = 1}));
  EXPECT_EQ(forgotten.status, Status::stale_nonce);
  EXPECT_EQ(verify(authorization(first, {.nc = 2})).status, Status::stale_nonce);
  // The newest is still tracked.
  EXPECT_EQ(verify(authorization(last, {.nc = 1})).status, Status::replayed_nonce_count);
  EXPECT_TRUE(verify(authorization(last, {.nc = 2})).ok());
}

TEST_F(AuthTest, NonceIssuedBeforeAForgottenOneIsStaleOnFirstUse) {
  Settings s = default_settings();
  s.max_tracked_nonces = 2;
  server(s);
  const auto early = challenge_for("MD5");  // issued but not used yet
  std::vector<Challenge> used;
  for (int i = 0; i < 3; ++i) {
    used.push_back(challenge_for("MD5"));
    ASSERT_TRUE(verify(authorization(used.back(), {})).ok());
  }
  EXPECT_EQ(server_->tracked_nonces(), 2u);
  EXPECT_EQ(verify(authorization(used[0], {.nc = 2})).status, Status::stale_nonce);
  EXPECT_EQ(verify(authorization(early, {})).status, Status::stale_nonce);
  EXPECT_TRUE(verify(authorization(challenge_for("MD5"), {})).ok());
}

}  // namespace
}  // namespace rtcsip::sip::auth::test
