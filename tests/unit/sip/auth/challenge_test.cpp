// WWW-Authenticate / Proxy-Authenticate values: one per offered algorithm,
// in the configured order (RFC 8760 §2.4), and the settings they come from.
#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "auth_fixture.hpp"
#include "rtcsip/sip/headers.hpp"

namespace rtcsip::sip::auth::test {
namespace {

TEST_F(AuthTest, ChallengesOfferSha256BeforeMd5ByDefault) {
  server();
  const auto values = server_->challenges();
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(parse_challenge(values[0]).algorithm, "SHA-256");
  EXPECT_EQ(parse_challenge(values[1]).algorithm, "MD5");
}

TEST_F(AuthTest, ChallengesFollowTheConfiguredOrder) {
  Settings s = default_settings();
  s.algorithms = {Algorithm::md5, Algorithm::sha256_sess, Algorithm::sha256};
  server(s);
  const auto values = server_->challenges();
  ASSERT_EQ(values.size(), 3u);
  EXPECT_EQ(parse_challenge(values[0]).algorithm, "MD5");
  EXPECT_EQ(parse_challenge(values[1]).algorithm, "SHA-256-sess");
  EXPECT_EQ(parse_challenge(values[2]).algorithm, "SHA-256");
}

TEST_F(AuthTest, ChallengeCarriesRealmNonceQopAndNoStaleByDefault) {
  server();
  const std::string value = server_->challenges().front();
  const auto auth = parse_auth(value);
  ASSERT_TRUE(auth.ok()) << value;
  EXPECT_EQ(auth->scheme, "Digest");
  EXPECT_EQ(auth->get("realm"), "example.com");
  EXPECT_EQ(auth->get("qop"), "auth");
  EXPECT_FALSE(auth->get("stale").has_value());
  EXPECT_FALSE(auth->get("opaque").has_value());
  const auto nonce = auth->get("nonce");
  ASSERT_TRUE(nonce.has_value());
  EXPECT_EQ(nonce->size(), 48u);
  EXPECT_EQ(nonce->find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string_view::npos);
  EXPECT_NE(value.find("algorithm=SHA-256,"), std::string::npos) << "algorithm is a token, unquoted";
}

TEST_F(AuthTest, StaleChallengeSaysSo) {
  server();
  for (const auto& value : server_->challenges(true)) EXPECT_EQ(parse_challenge(value).stale, "true");
}

TEST_F(AuthTest, OpaqueIsSentWhenConfigured) {
  Settings s = default_settings();
  s.opaque = "FQhe";
  server(s);
  EXPECT_EQ(parse_challenge(server_->challenges().front()).opaque, "FQhe");
}

TEST_F(AuthTest, AllChallengesOfOneResponseShareANonceAndEachResponseGetsANewOne) {
  server();
  std::set<std::string> nonces;
  for (int i = 0; i < 100; ++i) {
    const auto values = server_->challenges();
    EXPECT_EQ(parse_challenge(values[0]).nonce, parse_challenge(values[1]).nonce);
    nonces.insert(parse_challenge(values[0]).nonce);
  }
  EXPECT_EQ(nonces.size(), 100u);
}

TEST_F(AuthTest, UnusableSettingsAreRefusedAtConstruction) {
  auto make = [this](auto edit) {
    Settings s = default_settings();
    edit(s);
    return Server(s, clock_, lookup());
  };
  EXPECT_THROW(make([](Settings& s) { s.realm.clear(); }), std::invalid_argument);
  EXPECT_THROW(make([](Settings& s) { s.realm = "a\"b"; }), std::invalid_argument);
  EXPECT_THROW(make([](Settings& s) { s.opaque = "x\r\n"; }), std::invalid_argument);
  EXPECT_THROW(make([](Settings& s) { s.algorithms.clear(); }), std::invalid_argument);
  EXPECT_THROW(make([](Settings& s) {
                 s.algorithms = {Algorithm::md5, Algorithm::md5};
               }),
               std::invalid_argument);
  EXPECT_THROW(make([](Settings& s) { s.nonce_lifetime = {}; }), std::invalid_argument);
  EXPECT_THROW(make([](Settings& s) { s.max_tracked_nonces = 0; }), std::invalid_argument);
  EXPECT_THROW(Server(default_settings(), clock_, nullptr), std::invalid_argument);
}

TEST(AuthStatus, EveryStatusHasATextAndAnAction) {
  EXPECT_EQ(action_for(Status::ok), Action::accept);
  EXPECT_EQ(action_for(Status::missing_credentials), Action::challenge);
  EXPECT_EQ(action_for(Status::bad_nonce), Action::challenge);
  EXPECT_EQ(action_for(Status::stale_nonce), Action::challenge_stale);
  EXPECT_EQ(action_for(Status::replayed_nonce_count), Action::challenge_stale);
  EXPECT_EQ(action_for(Status::wrong_response), Action::forbid);
  EXPECT_EQ(action_for(Status::unknown_user), Action::forbid);
  EXPECT_EQ(action_for(Status::malformed_credentials), Action::bad_request);
  for (int s = 0; s <= static_cast<int>(Status::uri_mismatch); ++s) {
    const std::error_code code = make_error_code(static_cast<Status>(s));
    EXPECT_FALSE(code.message().empty());
    EXPECT_EQ(static_cast<bool>(code), s != 0);
  }
}

}  // namespace
}  // namespace rtcsip::sip::auth::test
