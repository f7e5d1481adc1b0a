// Picking the credentials for our realm among a request's headers (RFC 3261 §22.3).
#include <gtest/gtest.h>

#include "auth_fixture.hpp"
#include "rtcsip/sip/message.hpp"

namespace rtcsip::sip::auth::test {
namespace {

Message request_with(std::initializer_list<std::string> authorizations) {
  Message m = Message::request(Method::register_, "REGISTER", "sip:example.com");
  for (const auto& a : authorizations) m.add_header(HeaderId::authorization, a);
  return m;
}

TEST(FindCredentials, PicksTheValueForOurRealm) {
  const auto m = request_with({"Basic abc", "Digest username=\"a\", realm=\"other.org\", nonce=\"1\"",
                               "Digest username=\"a\", realm=\"example.com\", nonce=\"2\""});
  const auto found = find_credentials(m, HeaderId::authorization, "example.com");
  ASSERT_TRUE(found.has_value());
  EXPECT_NE(found->find("nonce=\"2\""), std::string_view::npos);
}

TEST(FindCredentials, FallsBackToTheFirstDigestValue) {
  const auto m = request_with({"Digest username=\"a\", realm=\"other.org\", nonce=\"1\""});
  const auto found = find_credentials(m, HeaderId::authorization, "example.com");
  ASSERT_TRUE(found.has_value());
  EXPECT_NE(found->find("other.org"), std::string_view::npos);
}

TEST(FindCredentials, NothingWithoutDigest) {
  EXPECT_FALSE(find_credentials(request_with({}), HeaderId::authorization, "example.com").has_value());
  EXPECT_FALSE(
      find_credentials(request_with({"Basic abc"}), HeaderId::authorization, "example.com").has_value());
  const auto m = request_with({"Digest username=\"a\", realm=\"example.com\""});
  EXPECT_FALSE(find_credentials(m, HeaderId::proxy_authorization, "example.com").has_value());
}

TEST_F(AuthTest, ParsedRequestRoundTrip) {
  server();
  const auto c = challenge_for("SHA-256");
  const std::string text =
      "REGISTER sip:example.com SIP/2.0\r\n"
      "Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKnashds7\r\n"
      "Max-Forwards: 70\r\nTo: <sip:alice@example.com>\r\n"
      "From: <sip:alice@example.com>;tag=456248\r\nCall-ID: 843817637684230@998sdasdh09\r\n"
      "CSeq: 1827 REGISTER\r\nContact: <sip:alice@df7jal23ls0d.invalid;transport=ws>\r\n"
      "Authorization: " +
      authorization(c, {}) + "\r\nContent-Length: 0\r\n\r\n";
  const auto m = Message::parse(text);
  ASSERT_TRUE(m.ok()) << m.error().reason;
  const auto creds = find_credentials(*m, HeaderId::authorization, "example.com");
  ASSERT_TRUE(creds.has_value());
  const auto v = server_->verify(*creds, {.method = m->method_text(), .request_uri = m->request_uri()});
  EXPECT_TRUE(v.ok()) << v.detail;
}

}  // namespace
}  // namespace rtcsip::sip::auth::test
