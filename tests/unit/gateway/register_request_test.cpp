// Turning parsed Contact values and Expires headers into what the location
// service keeps.
#include <gtest/gtest.h>

#include "rtcsip/gateway/register_request.hpp"
#include "rtcsip/sip/headers.hpp"

using rtcsip::gateway::contact_request;
using rtcsip::gateway::ContactRequest;
using rtcsip::gateway::parse_expires;

namespace {

ContactRequest from(std::string_view value) {
  const auto parsed = rtcsip::sip::parse_contact(value);
  EXPECT_TRUE(parsed.ok()) << value;
  return contact_request(*parsed);
}

}  // namespace

TEST(ParseExpires, Values) {
  EXPECT_EQ(parse_expires("0"), 0u);
  EXPECT_EQ(parse_expires(" 600 "), 600u);
  // RFC 3261 §20.19: the range is 0 to 2^32-1; beyond it, the maximum.
  EXPECT_EQ(parse_expires("4294967295"), 4294967295u);
  EXPECT_EQ(parse_expires("99999999999999999999"), 4294967295u);
  // §20.19, §20.10: malformed values count as 3600.
  EXPECT_EQ(parse_expires(""), 3600u);
  EXPECT_EQ(parse_expires("-1"), 3600u);
  EXPECT_EQ(parse_expires("10s"), 3600u);
}

TEST(ContactRequest, JsSipContact) {
  const auto c = from(
      "<sip:k2v5p7ro@vc0d3bn8s7ug.invalid;transport=ws>;+sip.ice;reg-id=1;"
      "+sip.instance=\"<urn:uuid:0e2a1c7f-3ad8-4f07-9c32-5e5a7b0f2b11>\";expires=600");
  EXPECT_EQ(c.uri, "sip:k2v5p7ro@vc0d3bn8s7ug.invalid;transport=ws");
  EXPECT_EQ(c.params, ";+sip.ice;reg-id=1;+sip.instance=\"<urn:uuid:0e2a1c7f-3ad8-4f07-9c32-5e5a7b0f2b11>\"");
  EXPECT_EQ(c.expires, 600u);
  EXPECT_EQ(c.instance, "<urn:uuid:0e2a1c7f-3ad8-4f07-9c32-5e5a7b0f2b11>");
  EXPECT_EQ(c.reg_id, 1u);
}

TEST(ContactRequest, ExpiresAnywhereAndInAnyCaseIsDropped) {
  const auto c = from("<sip:a@192.0.2.1>;EXPIRES=30;q=0.5;x=\"a;expires=9\"");
  EXPECT_EQ(c.params, ";q=0.5;x=\"a;expires=9\"");
  EXPECT_EQ(c.expires, 30u);
}

TEST(ContactRequest, PlainContact) {
  const auto c = from("sip:bob@192.0.2.4:5062");
  EXPECT_EQ(c.uri, "sip:bob@192.0.2.4:5062");
  EXPECT_TRUE(c.params.empty());
  EXPECT_FALSE(c.expires.has_value());
  EXPECT_TRUE(c.instance.empty());
  EXPECT_FALSE(c.reg_id.has_value());
}

TEST(ContactRequest, RegIdOutOfRangeIsIgnored) {
  // RFC 5626 §4.2: reg-id is 1 to 2^31-1.
  EXPECT_FALSE(from("<sip:a@192.0.2.1>;reg-id=0").reg_id.has_value());
  EXPECT_FALSE(from("<sip:a@192.0.2.1>;reg-id=2147483648").reg_id.has_value());
  EXPECT_FALSE(from("<sip:a@192.0.2.1>;reg-id=x").reg_id.has_value());
  EXPECT_EQ(from("<sip:a@192.0.2.1>;reg-id=2147483647").reg_id, 2147483647u);
}
