// The registrar on a manual clock: REGISTER requests parsed from text,
// challenges answered by the sip_auth tests' client, which hashes with
// OpenSSL directly rather than with the module under test.
#include "rtcsip/gateway/registrar.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "../sip/auth/digest_client.hpp"
#include "rtcsip/core/manual_timer_service.hpp"

using rtcsip::core::ManualTimerService;
using rtcsip::gateway::LocationService;
using rtcsip::gateway::Registrar;
using rtcsip::sip::HeaderId;
using rtcsip::sip::Message;
using rtcsip::sip::Peer;
using rtcsip::sip::TransportKind;
namespace test = rtcsip::sip::auth::test;
namespace config = rtcsip::config;

namespace {

constexpr const char* kContact = "<sip:a8b2@df7jal23ls0d.invalid;transport=ws>";

config::Config make_config() {
  config::Config c;
  c.sip.domain = "example.com";
  config::User alice;
  alice.username = "alice";
  alice.password = "secret";
  c.users.push_back(alice);
  // bob has only a stored MD5 HA1, no password.
  config::User bob;
  bob.username = "bob";
  bob.ha1_md5 = test::reference_hash("MD5", "bob:example.com:hunter2");
  c.users.push_back(bob);
  return c;
}

struct Reg {
  std::string to = "alice";
  std::string contact = std::string(kContact) + ";expires=600";
  std::string authorization;
  std::string extra;
  std::uint32_t cseq = 1;
  std::string method = "REGISTER";
};

Message parse(const Reg& r) {
  std::string text =
      r.method + " sip:example.com SIP/2.0\r\n" + "Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK" +
      std::to_string(r.cseq) + "\r\n" + "Max-Forwards: 70\r\nFrom: <sip:" + r.to +
      "@example.com>;tag=x1\r\n" + "To: <sip:" + r.to +
      "@example.com>\r\nCall-ID: reg-1\r\nCSeq: " + std::to_string(r.cseq) + " " + r.method + "\r\n";
  if (!r.contact.empty()) text += "Contact: " + r.contact + "\r\n";
  if (!r.authorization.empty()) text += "Authorization: " + r.authorization + "\r\n";
  text += r.extra + "Content-Length: 0\r\n\r\n";
  auto m = Message::parse(std::move(text));
  EXPECT_TRUE(m.ok()) << m.error().reason;
  return *m;
}

class RegistrarTest : public ::testing::Test {
 protected:
  Message send(const Reg& r) { return registrar_.handle(parse(r), peer_); }

  // A fresh challenge for `algorithm` from a REGISTER without credentials.
  test::Challenge challenge(std::string_view algorithm = "SHA-256") {
    const auto r = send({});
    EXPECT_EQ(r.status(), 401);
    for (auto v : r.values(HeaderId::www_authenticate)) {
      auto c = test::parse_challenge(v);
      if (c.algorithm == algorithm) return c;
    }
    ADD_FAILURE() << "no challenge for " << algorithm;
    return {};
  }

  // A REGISTER answering a fresh challenge.
  Reg authorized(const test::Answer& a = {}, std::string_view algorithm = "SHA-256") {
    Reg r;
    r.to = a.username;
    r.authorization = test::authorization(challenge(algorithm), a);
    return r;
  }

  ManualTimerService clock_;
  config::Config config_ = make_config();
  LocationService locations_{clock_};
  Registrar registrar_{clock_, config_, locations_};
  Peer peer_{TransportKind::wss, {"198.51.100.7", 50123}, 7};
};

TEST_F(RegistrarTest, WithoutCredentialsChallengesSha256ThenMd5) {
  const auto r = send({});
  EXPECT_EQ(r.status(), 401);
  const auto values = r.values(HeaderId::www_authenticate);
  ASSERT_EQ(values.size(), 2u);
  const auto first = test::parse_challenge(values[0]);
  const auto second = test::parse_challenge(values[1]);
  EXPECT_EQ(first.algorithm, "SHA-256");
  EXPECT_EQ(second.algorithm, "MD5");
  EXPECT_EQ(first.realm, "example.com");
  EXPECT_EQ(first.nonce, second.nonce);
  EXPECT_NE(r.header(HeaderId::to).find(";tag="), std::string_view::npos);
  EXPECT_EQ(locations_.size(), 0u);
}

TEST_F(RegistrarTest, AnsweredChallengeRegistersTheContact) {
  const auto r = send(authorized());
  ASSERT_EQ(r.status(), 200);
  const auto contacts = r.values(HeaderId::contact);
  ASSERT_EQ(contacts.size(), 1u);
  EXPECT_EQ(contacts[0], std::string(kContact) + ";expires=600");
  const auto bindings = locations_.lookup("alice");
  ASSERT_EQ(bindings.size(), 1u);
  EXPECT_TRUE(bindings[0].ends_with_flow);
  EXPECT_EQ(bindings[0].source.flow, 7u);
}

TEST_F(RegistrarTest, StoredMd5Ha1Authenticates) {
  const auto r = send(authorized({.username = "bob", .password = "hunter2"}, "MD5"));
  EXPECT_EQ(r.status(), 200);
  EXPECT_EQ(locations_.lookup("bob").size(), 1u);
}

TEST_F(RegistrarTest, UdpBindingOutlivesTheFlow) {
  peer_ = {TransportKind::udp, {"198.51.100.7", 5060}, rtcsip::sip::kNoFlow};
  ASSERT_EQ(send(authorized()).status(), 200);
  ASSERT_EQ(locations_.lookup("alice").size(), 1u);
  EXPECT_FALSE(locations_.lookup("alice")[0].ends_with_flow);
}

TEST_F(RegistrarTest, WrongPasswordIsForbidden) {
  EXPECT_EQ(send(authorized({.password = "guess"})).status(), 403);
  EXPECT_EQ(locations_.size(), 0u);
}

TEST_F(RegistrarTest, AnotherUsersAorIsForbidden) {
  auto r = authorized();
  r.to = "bob";
  EXPECT_EQ(send(r).status(), 403);
  EXPECT_EQ(locations_.size(), 0u);
}

// An unknown user name in the credentials gets the same 403 as a wrong
// password, so the answer does not tell which names exist.
TEST_F(RegistrarTest, UnknownUserIsForbidden) {
  EXPECT_EQ(send(authorized({.username = "mallory"})).status(), 403);
}

// An authenticated user asking for an AOR that is not configured: 404
// (RFC 3261 §10.3 step 5); only authenticated users see it.
TEST_F(RegistrarTest, UnconfiguredAorIsNotFound) {
  auto r = authorized();
  r.to = "carol";
  EXPECT_EQ(send(r).status(), 404);
  r.authorization.clear();
  EXPECT_EQ(send(r).status(), 401);
}

TEST_F(RegistrarTest, ExpiresZeroRemovesTheContact) {
  const auto c = challenge();
  Reg r;
  r.authorization = test::authorization(c, {});
  ASSERT_EQ(send(r).status(), 200);
  r.cseq = 2;
  r.contact = std::string(kContact) + ";expires=0";
  r.authorization = test::authorization(c, {.nc = 2});
  const auto response = send(r);
  EXPECT_EQ(response.status(), 200);
  EXPECT_EQ(response.count(HeaderId::contact), 0u);
  EXPECT_EQ(locations_.size(), 0u);
}

TEST_F(RegistrarTest, TooBriefIntervalGets423WithMinExpires) {
  auto r = authorized();
  r.contact = std::string(kContact) + ";expires=10";
  const auto response = send(r);
  EXPECT_EQ(response.status(), 423);
  EXPECT_EQ(response.header(HeaderId::min_expires), "60");
  EXPECT_EQ(locations_.size(), 0u);
}

TEST_F(RegistrarTest, ExpiresHeaderApplies) {
  auto r = authorized();
  r.contact = kContact;
  r.extra = "Expires: 120\r\n";
  const auto response = send(r);
  ASSERT_EQ(response.status(), 200);
  EXPECT_EQ(response.header(HeaderId::contact), std::string(kContact) + ";expires=120");
}

// The auth module answers a reused nonce-count as stale (RFC 7616 §3.3): the
// client retries with a fresh nonce without asking its user again.
TEST_F(RegistrarTest, ReplayedAuthorizationIsChallengedStale) {
  const auto r = authorized();
  ASSERT_EQ(send(r).status(), 200);
  const auto replay = send(r);
  EXPECT_EQ(replay.status(), 401);
  const auto values = replay.values(HeaderId::www_authenticate);
  ASSERT_FALSE(values.empty());
  EXPECT_EQ(test::parse_challenge(values[0]).stale, "true");
}

TEST_F(RegistrarTest, MalformedContactIsBadRequest) {
  auto r = authorized();
  r.contact = "<sip:a8b2@df7jal23ls0d.invalid";
  EXPECT_EQ(send(r).status(), 400);
  EXPECT_EQ(locations_.size(), 0u);
}

TEST_F(RegistrarTest, MalformedCredentialsAreBadRequest) {
  Reg r;
  r.authorization = "Digest username=\"alice\", realm=\"example.com\"";
  EXPECT_EQ(send(r).status(), 400);
}

TEST_F(RegistrarTest, OtherMethodsAreNotAllowed) {
  Reg r;
  r.method = "OPTIONS";
  const auto response = send(r);
  EXPECT_EQ(response.status(), 405);
  EXPECT_EQ(response.header(HeaderId::allow), "REGISTER");
}

TEST(RegistrarConfig, UnknownAlgorithmThrows) {
  ManualTimerService clock;
  LocationService locations(clock);
  auto c = make_config();
  c.auth.algorithms = {"SHA-512"};
  EXPECT_THROW(Registrar(clock, c, locations), std::invalid_argument);
}

}  // namespace
