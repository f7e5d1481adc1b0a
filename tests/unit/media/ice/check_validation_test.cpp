// What the ICE-lite agent answers to each kind of request (RFC 8489 §6.3,
// §9.1.3; RFC 8445 §7.3), with requests built by libnice as a browser would.
#include <gtest/gtest.h>

#include <string>

#include "agent_fixture.hpp"

namespace rtcsip::media::ice::test {
namespace {

class CheckValidation : public AgentTest {};

TEST_F(CheckValidation, ValidCheckGetsASignedSuccessWithTheSourceAsXorMappedAddress) {
  EXPECT_EQ(deliver(browser.check(), peer), StunOutcome::answered);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].to, peer);
  const ParsedAnswer answer = last_answer();
  // Validated by the browser with the password it signed the request with.
  ASSERT_EQ(answer.status, STUN_VALIDATION_SUCCESS);
  EXPECT_EQ(answer.message_class, STUN_RESPONSE);
  EXPECT_TRUE(answer.has_integrity);
  EXPECT_TRUE(answer.has_fingerprint);
  ASSERT_TRUE(answer.mapped.has_value());
  EXPECT_EQ(*answer.mapped, peer);
  EXPECT_EQ(agent->counters().checks_answered, 1u);
  EXPECT_EQ(agent->counters().received, 1u);
}

TEST_F(CheckValidation, Ipv6SourceIsMappedToo) {
  const Endpoint v6 = endpoint("2001:db8::42", 40000);
  EXPECT_EQ(deliver(browser.check(), v6), StunOutcome::answered);
  const ParsedAnswer answer = last_answer();
  ASSERT_TRUE(answer.mapped.has_value());
  EXPECT_EQ(*answer.mapped, v6);
}

TEST_F(CheckValidation, TamperedResponseDoesNotValidate) {
  deliver(browser.check(), peer);
  ASSERT_EQ(sent.size(), 1u);
  std::vector<std::uint8_t> bytes = sent[0].bytes;  // byte 26: the X-Port of XOR-MAPPED-ADDRESS
  bytes[26] ^= 0x01;
  EXPECT_NE(browser.parse(bytes).status, STUN_VALIDATION_SUCCESS);
}

TEST_F(CheckValidation, WrongUfragGets401WithoutIntegrity) {
  CheckOptions o;
  o.username = std::string("SomeoneElse:") + kBrowserUfrag;
  EXPECT_EQ(deliver(browser.check(o), peer), StunOutcome::rejected_unauthorized);
  const ParsedAnswer answer = last_answer();
  ASSERT_EQ(answer.status, STUN_VALIDATION_SUCCESS);
  EXPECT_EQ(answer.error_code, 401);
  EXPECT_FALSE(answer.has_integrity);  // RFC 8489 §9.1.3
  EXPECT_TRUE(answer.has_fingerprint);
  EXPECT_EQ(agent->counters().unknown_username, 1u);
}

TEST_F(CheckValidation, UfragThatOnlyStartsLikeOursGets401) {
  for (const std::string& username :
       {std::string(kLiteUfrag) + "X:" + kBrowserUfrag, std::string(kLiteUfrag) + ":",
        std::string(kLiteUfrag), std::string("Lite:") + kBrowserUfrag}) {
    CheckOptions o;
    o.username = username;
    EXPECT_EQ(deliver(browser.check(o), peer), StunOutcome::rejected_unauthorized) << username;
  }
  EXPECT_EQ(agent->counters().unknown_username, 4u);
}

TEST_F(CheckValidation, RemoteUfragIsNotEnforced) {
  // RFC 8445 §7.3: checks may come before the peer's ufrag is known.
  CheckOptions o;
  o.username = std::string(kLiteUfrag) + ":AnyOtherFrag";
  EXPECT_EQ(deliver(browser.check(o), peer), StunOutcome::answered);
}

TEST_F(CheckValidation, OverlongUsernameGets401) {
  CheckOptions o;
  o.username = std::string(kLiteUfrag) + ":" + std::string(600, 'x');  // RFC 8489 §14.3: < 513 bytes
  EXPECT_EQ(deliver(browser.check(o), peer), StunOutcome::rejected_unauthorized);
}

TEST_F(CheckValidation, WrongPasswordGets401WithoutIntegrity) {
  CheckOptions o;
  o.password = "NotTheRightPasswordAtAll";
  EXPECT_EQ(deliver(browser.check(o), peer), StunOutcome::rejected_unauthorized);
  const ParsedAnswer answer = last_answer();
  ASSERT_EQ(answer.status, STUN_VALIDATION_SUCCESS);
  EXPECT_EQ(answer.error_code, 401);
  EXPECT_FALSE(answer.has_integrity);
  EXPECT_EQ(agent->counters().bad_integrity, 1u);
  EXPECT_FALSE(agent->is_verified(peer));
}

TEST_F(CheckValidation, MissingUsernameGets400) {
  CheckOptions o;
  o.username = "";  // libnice then leaves USERNAME out but still signs
  EXPECT_EQ(deliver(browser.check(o), peer), StunOutcome::rejected_bad_request);
  const ParsedAnswer answer = last_answer();
  ASSERT_EQ(answer.status, STUN_VALIDATION_SUCCESS);
  EXPECT_EQ(answer.error_code, 400);
  EXPECT_FALSE(answer.has_integrity);
  EXPECT_EQ(agent->counters().bad_requests, 1u);
}

TEST_F(CheckValidation, FlippedFingerprintIsDroppedSilently) {
  auto check = browser.check();
  check.back() ^= 0x01;
  EXPECT_EQ(deliver(check, peer), StunOutcome::dropped);
  EXPECT_TRUE(sent.empty());
  EXPECT_EQ(agent->counters().bad_fingerprint, 1u);
}

TEST_F(CheckValidation, MissingFingerprintIsDroppedSilently) {
  auto check = browser.check();
  check.resize(check.size() - 8);  // FINGERPRINT is last (RFC 8489 §14.7)
  check[3] = static_cast<std::uint8_t>(check[3] - 8);
  EXPECT_EQ(deliver(check, peer), StunOutcome::dropped);
  EXPECT_TRUE(sent.empty());
  EXPECT_EQ(agent->counters().bad_fingerprint, 1u);
}

TEST_F(CheckValidation, EveryTruncationIsDroppedSilently) {
  const auto check = browser.check();
  for (std::size_t n = 0; n < check.size(); ++n) {
    EXPECT_EQ(deliver({check.begin(), check.begin() + static_cast<std::ptrdiff_t>(n)}, peer),
              StunOutcome::dropped)
        << n;
  }
  EXPECT_TRUE(sent.empty());
  EXPECT_GT(agent->counters().truncated, 0u);
  EXPECT_EQ(agent->counters().truncated + agent->counters().not_stun, check.size());
}

TEST_F(CheckValidation, TrailingBytesAreNotStun) {
  auto check = browser.check();
  check.push_back(0);
  EXPECT_EQ(deliver(check, peer), StunOutcome::dropped);
  EXPECT_EQ(agent->counters().not_stun, 1u);
}

TEST_F(CheckValidation, NonStunBytesAreDropped) {
  const std::vector<std::vector<std::uint8_t>> others = {
      {},
      {0x80, 0x6f, 0x12, 0x34, 0, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef},  // RTP
      {0x16, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10},           // DTLS handshake
      std::vector<std::uint8_t>(200, 0x41),                          // text
  };
  for (const auto& d : others) EXPECT_EQ(deliver(d, peer), StunOutcome::dropped);
  EXPECT_TRUE(sent.empty());
  EXPECT_EQ(agent->counters().not_stun + agent->counters().truncated, others.size());
}

TEST_F(CheckValidation, MissingMagicCookieIsDropped) {
  auto check = browser.check();
  check[4] ^= 0xff;  // RFC 8445 §7.3: no RFC 3489 compatibility
  EXPECT_EQ(deliver(check, peer), StunOutcome::dropped);
  EXPECT_TRUE(sent.empty());
  EXPECT_EQ(agent->counters().malformed, 1u);
}

TEST_F(CheckValidation, ShortMessageIntegrityIsDroppedBeforeLibniceReadsPastIt) {
  // libnice 0.1.21 would HMAC and compare 20 bytes from an empty
  // MESSAGE-INTEGRITY, past the end of this exact-size datagram.
  EXPECT_EQ(deliver(browser.short_integrity_request(), peer), StunOutcome::dropped);
  EXPECT_TRUE(sent.empty());
  EXPECT_EQ(agent->counters().malformed, 1u);
}

TEST_F(CheckValidation, ControlledPeerGetsSigned487AndNominatesNothing) {
  CheckOptions o;
  o.controlling = false;
  o.use_candidate = true;
  EXPECT_EQ(deliver(browser.check(o), peer), StunOutcome::rejected_role_conflict);
  const ParsedAnswer answer = last_answer();
  ASSERT_EQ(answer.status, STUN_VALIDATION_SUCCESS);
  EXPECT_EQ(answer.error_code, 487);
  EXPECT_TRUE(answer.has_integrity);
  EXPECT_EQ(agent->counters().role_conflicts, 1u);
  EXPECT_TRUE(selections.empty());
  EXPECT_FALSE(agent->is_verified(peer));
}

TEST_F(CheckValidation, RoleConflictWhateverTheTiebreaker) {
  // A lite agent never becomes controlling (RFC 8445 §6.1.1), even when
  // §7.3.1.1 would make a full agent with a larger tiebreaker switch.
  for (std::uint64_t tiebreaker : {std::uint64_t{0}, std::uint64_t{1}, ~std::uint64_t{0}}) {
    CheckOptions o;
    o.controlling = false;
    o.tiebreaker = tiebreaker;
    EXPECT_EQ(deliver(browser.check(o), peer), StunOutcome::rejected_role_conflict);
  }
}

TEST_F(CheckValidation, CheckWithoutRoleOrPriorityGets400) {
  EXPECT_EQ(deliver(browser.bare_request({.controlling = false}), peer), StunOutcome::rejected_bad_request);
  const ParsedAnswer answer = last_answer();  // parse once: it consumes the browser's transaction
  EXPECT_EQ(answer.error_code, 400);
  EXPECT_TRUE(answer.has_integrity);  // authenticated, so signed
  EXPECT_EQ(deliver(browser.bare_request({.priority = false}), peer), StunOutcome::rejected_bad_request);
  EXPECT_EQ(deliver(browser.bare_request({}), peer), StunOutcome::answered);
  EXPECT_EQ(agent->counters().bad_requests, 2u);
}

TEST_F(CheckValidation, UnknownComprehensionRequiredAttributeGets420) {
  EXPECT_EQ(deliver(browser.bare_request({.extra_attribute = 0x0030}), peer),
            StunOutcome::rejected_unknown_attribute);
  const ParsedAnswer answer = last_answer();
  ASSERT_EQ(answer.status, STUN_VALIDATION_SUCCESS);
  EXPECT_EQ(answer.error_code, 420);
  EXPECT_EQ(agent->counters().unknown_attributes, 1u);
}

TEST_F(CheckValidation, UnknownOptionalAttributeIsIgnored) {
  // e.g. Chrome's GOOG-NETWORK-INFO (0xC057).
  EXPECT_EQ(deliver(browser.bare_request({.extra_attribute = 0xC057}), peer), StunOutcome::answered);
}

TEST_F(CheckValidation, OtherMethodsAreDroppedEvenWhenAuthenticated) {
  EXPECT_EQ(deliver(browser.bare_request({.method = STUN_ALLOCATE}), peer), StunOutcome::dropped);
  EXPECT_TRUE(sent.empty());
  EXPECT_EQ(agent->counters().unsupported, 1u);
}

TEST_F(CheckValidation, BindingIndicationIsIgnored) {
  EXPECT_EQ(deliver(browser.indication(), peer), StunOutcome::ignored);
  EXPECT_TRUE(sent.empty());
  EXPECT_EQ(agent->counters().indications, 1u);
  EXPECT_FALSE(agent->is_verified(peer));
}

TEST_F(CheckValidation, ResponsesAreDroppedSinceTheLiteAgentSendsNoRequests) {
  deliver(browser.check(), peer);
  ASSERT_EQ(sent.size(), 1u);
  const auto reflected = sent[0].bytes;
  EXPECT_EQ(deliver(reflected, peer), StunOutcome::dropped);
  EXPECT_EQ(sent.size(), 1u);
  EXPECT_EQ(agent->counters().unsupported, 1u);
}

}  // namespace
}  // namespace rtcsip::media::ice::test
