// Verification of Authorization values: the round trip with each algorithm
// and every reason a request is refused.
#include <gtest/gtest.h>

#include <cctype>
#include <chrono>

#include "auth_fixture.hpp"

namespace rtcsip::sip::auth::test {
namespace {

using namespace std::chrono_literals;

TEST_F(AuthTest, ClientAnsweringEachAlgorithmIsAccepted) {
  Settings s = default_settings();
  s.algorithms = {Algorithm::sha256, Algorithm::md5, Algorithm::sha256_sess, Algorithm::md5_sess};
  server(s);
  for (std::string_view name : {"SHA-256", "MD5", "SHA-256-sess", "MD5-sess"}) {
    const auto v = verify(authorization(challenge_for(name), Answer{}));
    EXPECT_TRUE(v.ok()) << name << ": " << v.detail;
    EXPECT_EQ(v.action(), Action::accept);
    EXPECT_EQ(v.username, "alice");
    EXPECT_EQ(v.algorithm, parse_algorithm(name));
  }
}

TEST_F(AuthTest, StoredHa1InEitherCaseWorksLikeAPassword) {
  auto ha1 = compute_ha1(Hash::sha256, "carol", "example.com", "pw");
  for (char& c : ha1) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  server_ = std::make_unique<Server>(
      default_settings(), clock_, [&](std::string_view user, std::string_view, Hash hash) {
        return user == "carol" && hash == Hash::sha256 ? std::optional<std::string>(ha1) : std::nullopt;
      });
  EXPECT_TRUE(verify(authorization(challenge_for("SHA-256"), {.username = "carol", .password = "pw"})).ok());
  // No MD5 HA1 stored for carol: that algorithm cannot work for her.
  EXPECT_EQ(verify(authorization(challenge_for("MD5"), {.username = "carol", .password = "pw"})).status,
            Status::unknown_user);
}

TEST_F(AuthTest, MethodIsPartOfTheDigest) {
  server();
  const auto c = challenge_for("SHA-256");
  EXPECT_EQ(verify(authorization(c, {.method = "INVITE"}), "REGISTER").status, Status::wrong_response);
  EXPECT_TRUE(verify(authorization(c, {.method = "INVITE", .nc = 2}), "INVITE").ok());
}

TEST_F(AuthTest, WrongPasswordIsAWrongResponse) {
  server();
  const auto v = verify(authorization(challenge_for("SHA-256"), {.password = "guess"}));
  EXPECT_EQ(v.status, Status::wrong_response);
  EXPECT_EQ(v.action(), Action::forbid);
}

TEST_F(AuthTest, UnknownUserIsForbiddenLikeAWrongPassword) {
  server();
  const auto v = verify(authorization(challenge_for("MD5"), {.username = "mallory"}));
  EXPECT_EQ(v.status, Status::unknown_user);
  EXPECT_EQ(v.action(), Action::forbid);
  EXPECT_EQ(v.username, "mallory");
}

TEST_F(AuthTest, UsernameComparesExactly) {
  server();
  EXPECT_EQ(verify(authorization(challenge_for("MD5"), {.username = "Alice"})).status, Status::unknown_user);
}

TEST_F(AuthTest, WrongRealmIsChallengedAgain) {
  server();
  auto c = challenge_for("SHA-256");
  c.realm = "Example.com";  // realms compare exactly
  const auto v = verify(authorization(c, {}));
  EXPECT_EQ(v.status, Status::wrong_realm);
  EXPECT_EQ(v.action(), Action::challenge);
}

TEST_F(AuthTest, AlgorithmNotOfferedIsRefused) {
  Settings s = default_settings();
  s.algorithms = {Algorithm::sha256};
  server(s);
  auto c = challenge_for("SHA-256");
  c.algorithm = "MD5";  // a downgrade the server did not offer
  EXPECT_EQ(verify(authorization(c, {})).status, Status::unsupported_algorithm);
  c.algorithm = "";  // absent means MD5 (RFC 7616 §3.4)
  EXPECT_EQ(verify(authorization(c, {})).status, Status::unsupported_algorithm);
  c.algorithm = "SHA-512-256";
  const auto v = verify(authorization(c, {}));
  EXPECT_EQ(v.status, Status::unsupported_algorithm);
  EXPECT_EQ(v.action(), Action::challenge);
}

TEST_F(AuthTest, AbsentAlgorithmMeansMd5) {
  server();
  auto c = challenge_for("MD5");
  c.algorithm = "";
  const auto v = verify(authorization(c, {}));
  EXPECT_TRUE(v.ok()) << v.detail;
  EXPECT_EQ(v.algorithm, Algorithm::md5);
}

TEST_F(AuthTest, NonceFromAnotherServerIsNotOurs) {
  server();
  core::ManualTimerService other_clock;
  Server other(default_settings(), other_clock, lookup());
  const auto c = parse_challenge(other.challenges().front());
  const auto v = verify(authorization(c, {}));
  EXPECT_EQ(v.status, Status::bad_nonce);
  EXPECT_EQ(v.action(), Action::challenge);
}

TEST_F(AuthTest, InventedNoncesAreNotOurs) {
  server();
  auto c = challenge_for("SHA-256");
  const std::string nonces[] = {"",
                                "abc",
                                "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
                                std::string(48, 'A'),
                                std::string(48, '='),
                                std::string(64, 'x')};
  for (const auto& nonce : nonces) {
    c.nonce = nonce;
    const auto status = verify(authorization(c, {})).status;
    EXPECT_TRUE(status == Status::bad_nonce || (nonce.empty() && status == Status::malformed_credentials))
        << nonce << ": " << to_string(status);
  }
}

TEST_F(AuthTest, TamperedNonceIsNotOurs) {
  server();
  const auto original = challenge_for("SHA-256");
  for (std::size_t i = 0; i < original.nonce.size(); ++i) {
    auto c = original;
    c.nonce[i] = c.nonce[i] == 'A' ? 'B' : 'A';
    EXPECT_EQ(verify(authorization(c, {})).status, Status::bad_nonce) << "byte " << i;
  }
  EXPECT_TRUE(verify(authorization(original, {})).ok());
}

TEST_F(AuthTest, ExpiredNonceWithTheRightResponseIsStale) {
  server();
  const auto c = challenge_for("SHA-256");
  clock_.advance(5min);
  const auto v = verify(authorization(c, {}));
  EXPECT_EQ(v.status, Status::stale_nonce);
  EXPECT_EQ(v.action(), Action::challenge_stale);
  // With a wrong password it is not stale (RFC 7616 §3.3): the password is wrong.
  EXPECT_EQ(verify(authorization(c, {.password = "guess"})).status, Status::wrong_response);
  // The fresh challenge then works.
  EXPECT_TRUE(verify(authorization(challenge_for("SHA-256", true), {})).ok());
}

TEST_F(AuthTest, NonceIsValidUntilItsLifetimeEnds) {
  Settings s = default_settings();
  s.nonce_lifetime = 30s;
  server(s);
  clock_.advance(1h);
  const auto c = challenge_for("MD5");
  clock_.advance(29'999ms);
  EXPECT_TRUE(verify(authorization(c, {})).ok());
  clock_.advance(1ms);
  EXPECT_EQ(verify(authorization(c, {.nc = 2})).status, Status::stale_nonce);
}

TEST_F(AuthTest, DigestUriIsCheckedAgainstTheRequestUriWhenAsked) {
  server();
  const auto c = challenge_for("SHA-256");
  const auto value = authorization(c, {.uri = "sip:bob@example.com;transport=ws"});
  EXPECT_TRUE(
      server_->verify(value, {.method = "REGISTER", .request_uri = "sip:bob@example.com;transport=ws"}).ok());
  const auto v = server_->verify(authorization(c, {.uri = "sip:bob@example.com", .nc = 2}),
                                 {.method = "REGISTER", .request_uri = "sip:carol@example.com"});
  EXPECT_EQ(v.status, Status::uri_mismatch);
  EXPECT_EQ(v.action(), Action::bad_request);
  // An equal URI written differently (RFC 3261 §19.1.4: host case) is the same resource.
  EXPECT_TRUE(server_
                  ->verify(authorization(c, {.uri = "sip:bob@EXAMPLE.com", .nc = 3}),
                           {.method = "REGISTER", .request_uri = "sip:bob@example.com"})
                  .ok());
  // Without the option the uri is taken as the client gave it.
  EXPECT_TRUE(verify(authorization(c, {.uri = "sip:anything", .nc = 4})).ok());
}

TEST_F(AuthTest, OpaqueMustComeBackUnchanged) {
  Settings s = default_settings();
  s.opaque = "FQhe";
  server(s);
  auto c = challenge_for("SHA-256");
  EXPECT_TRUE(verify(authorization(c, {})).ok());
  c.opaque = "other";
  EXPECT_EQ(verify(authorization(c, {.nc = 2})).status, Status::bad_nonce);
  c.opaque = "";
  EXPECT_EQ(verify(authorization(c, {.nc = 3})).status, Status::bad_nonce);
}

TEST_F(AuthTest, NoCredentialsOrAnotherSchemeMeansChallenge) {
  server();
  for (std::string value : {"", "   ", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", "Bearer abc"}) {
    const auto v = verify(value);
    EXPECT_EQ(v.status, Status::missing_credentials) << value;
    EXPECT_EQ(v.action(), Action::challenge);
  }
}

TEST_F(AuthTest, SchemeAndParameterNamesAreCaseInsensitive) {
  server();
  std::string value = authorization(challenge_for("SHA-256"), {});
  value.replace(0, 6, "DIGEST");
  value.replace(value.find("username="), 8, "UserName");
  EXPECT_TRUE(verify(value).ok()) << value;
}

}  // namespace
}  // namespace rtcsip::sip::auth::test
