// Ill-formed Authorization values are refused with a reason, never crash.
#include <gtest/gtest.h>

#include <string>

#include "auth_fixture.hpp"

namespace rtcsip::sip::auth::test {
namespace {

class MalformedTest : public AuthTest {
 protected:
  void SetUp() override {
    server();
    c_ = challenge_for("SHA-256");
    good_ = authorization(c_, {});
  }
  // The good value with `from` replaced by `to`.
  std::string edited(const std::string& from, const std::string& to) {
    std::string v = good_;
    const auto at = v.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) v.replace(at, from.size(), to);
    return v;
  }
  std::string without(const std::string& name) {
    const auto start = good_.find(", " + name + "=");
    const auto end = good_.find(", ", start + 2);
    std::string v = good_;
    v.erase(start, end == std::string::npos ? std::string::npos : end - start);
    return v;
  }
  std::string response_field() { return "response=\"" + reference_response(c_, {}) + "\""; }

  Challenge c_;
  std::string good_;
};

TEST_F(MalformedTest, EachRequiredParameterMissing) {
  for (const char* name : {"realm", "nonce", "uri", "response"}) {
    const auto v = verify(without(name));
    EXPECT_EQ(v.status, Status::malformed_credentials) << name;
    EXPECT_EQ(v.action(), Action::bad_request);
    EXPECT_NE(v.detail.find(name), std::string_view::npos) << v.detail;
  }
  EXPECT_EQ(verify(edited("Digest username=\"alice\", ", "Digest ")).status, Status::malformed_credentials);
  EXPECT_EQ(verify("Digest").status, Status::malformed_credentials);
  EXPECT_EQ(verify("Digest username=\"\", realm=\"example.com\"").status, Status::malformed_credentials);
}

TEST_F(MalformedTest, QuotingMistakesAreRefused) {
  const std::string values[] = {
      edited("username=\"alice\"", "username=\"alice"),          // unterminated
      edited("username=\"alice\"", "username=al\"ice\""),        // quote inside a token
      edited("uri=\"sip:example.com\"", "uri=sip:example.com"),  // not a token unquoted
      edited("\", response=", "\" response="),                   // missing comma
      edited("nc=00000001", "nc=0000 0001"),
      good_ + ", =x",
      "Digest ,,,",
      "Digest username",
      "Digest username=",
  };
  for (const auto& value : values) {
    const auto v = verify(value);
    EXPECT_EQ(v.status, Status::malformed_credentials) << value;
    EXPECT_FALSE(v.detail.empty());
  }
}

TEST_F(MalformedTest, BadParameterValuesAreRefused) {
  const std::string values[] = {
      edited("nc=00000001", "nc=1"),
      edited("nc=00000001", "nc=0000000g"),
      edited("nc=00000001", "nc=000000001"),
      edited("nc=00000001", "nc=00000000"),
      without("nc"),
      without("cnonce"),
      edited("cnonce=\"0a4f113b\"", "cnonce=\"\""),
      edited("qop=auth", "qop=auth-int"),
      edited("qop=auth", "qop=\"auth,auth-int\""),
      edited(response_field(), "response=\"abc\""),
      edited(response_field(), "response=\"" + std::string(64, 'z') + "\""),
      edited(response_field(), "response=\"" + std::string(32, '0') + "\""),  // MD5-sized for SHA-256
      good_ + ", userhash=true",
      good_ + ", response=\"" + std::string(64, '0') + "\"",  // repeated
      good_ + ", NONCE=\"" + c_.nonce + "\"",                 // repeated, names are case-insensitive
  };
  for (const auto& value : values) EXPECT_EQ(verify(value).status, Status::malformed_credentials) << value;
}

TEST_F(MalformedTest, SessionAlgorithmNeedsQop) {
  Settings s = default_settings();
  s.algorithms = {Algorithm::md5_sess};
  server(s);
  EXPECT_EQ(verify(authorization(challenge_for("MD5-sess"), {.with_qop = false})).status,
            Status::malformed_credentials);
}

TEST_F(MalformedTest, LenientWhereNoHarmIsDone) {
  // Token-valued parameters quoted, as some clients send them; unknown
  // parameters ignored (RFC 7616 §3.4); extra whitespace.
  std::string v = edited("qop=auth, nc=00000001", "qop=\"auth\", nc=\"00000001\"");
  v += " ,  extension=\"x\"  ";
  EXPECT_TRUE(verify(v).ok()) << v;
}

TEST_F(MalformedTest, EscapedQuotesInAUsernameAreResolved) {
  passwords_["al\"ice"] = "secret";
  server();
  // The response hashes the unquoted name (RFC 7616 §3.4.1 unq(username)),
  // which the header carries as a quoted-pair.
  std::string value = authorization(challenge_for("MD5"), {.username = "al\"ice"});
  value.replace(value.find("al\"ice"), 6, "al\\\"ice");
  const auto v = verify(value);
  EXPECT_TRUE(v.ok()) << value << ": " << v.detail;
  EXPECT_EQ(v.username, "al\"ice");
}

TEST_F(MalformedTest, GarbageNeverCrashes) {
  std::string junk;
  for (int i = 0; i < 2000; ++i) {
    junk.push_back(static_cast<char>((i * 131 + 7) % 256));
    (void)verify("Digest " + junk);
    (void)verify(good_.substr(0, static_cast<std::size_t>(i) % good_.size()));
  }
  EXPECT_EQ(verify(std::string(100'000, 'a')).status, Status::missing_credentials);
  EXPECT_EQ(verify("Digest username=\"" + std::string(100'000, 'a') + "\"").status,
            Status::malformed_credentials);
  EXPECT_TRUE(verify(good_).ok());
}

}  // namespace
}  // namespace rtcsip::sip::auth::test
