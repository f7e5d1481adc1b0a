// Generic attribute access, media direction (RFC 3264 §5.1, §8.4) and the
// connection that applies to a section.
#include <gtest/gtest.h>

#include "rtcsip/sdp/attributes.hpp"
#include "rtcsip/sdp/parser.hpp"
#include "sdp_test_support.hpp"

namespace rtcsip::sdp {
namespace {

std::vector<Attribute> sample() {
  return {{"rtpmap", "0 PCMU/8000", true},
          {"sendrecv", "", false},
          {"rtpmap", "8 PCMA/8000", true},
          {"ptime", "20", true}};
}

TEST(GenericAttributes, FindFirstAndAll) {
  const auto attrs = sample();
  ASSERT_NE(find_attribute(attrs, "rtpmap"), nullptr);
  EXPECT_EQ(find_attribute(attrs, "rtpmap")->value, "0 PCMU/8000");
  EXPECT_EQ(find_attribute(attrs, "fmtp"), nullptr);
  EXPECT_EQ(find_attribute(attrs, "RTPMAP"), nullptr);  // names compare exactly
  const auto all = find_attributes(attrs, "rtpmap");
  ASSERT_EQ(all.size(), 2U);
  EXPECT_EQ(all[1]->value, "8 PCMA/8000");
  EXPECT_TRUE(find_attributes(attrs, "fmtp").empty());
  EXPECT_TRUE(has_attribute(attrs, "sendrecv"));
  EXPECT_FALSE(has_attribute(attrs, "rtcp-mux"));
  EXPECT_FALSE(has_attribute({}, "rtcp-mux"));
}

TEST(GenericAttributes, SetReplacesTheFirstOrAppends) {
  auto attrs = sample();
  set_attribute(attrs, "rtpmap", "9 G722/8000");
  EXPECT_EQ(attrs[0], (Attribute{"rtpmap", "9 G722/8000", true}));
  EXPECT_EQ(attrs[2].value, "8 PCMA/8000");
  set_attribute(attrs, "maxptime", "150");
  EXPECT_EQ(attrs.back(), (Attribute{"maxptime", "150", true}));
  set_attribute(attrs, "rtcp-mux", "");
  EXPECT_EQ(attrs.back(), (Attribute{"rtcp-mux", "", false}));
  EXPECT_EQ(attrs.size(), 6U);
}

TEST(GenericAttributes, AddAppendsValuesAndFlags) {
  std::vector<Attribute> attrs;
  add_attribute(attrs, "mid", "0");
  add_attribute(attrs, "rtcp-mux");
  add_attribute(attrs, "x-flag", "ignored", false);
  add_attribute(attrs, "mid", "1");
  ASSERT_EQ(attrs.size(), 4U);
  EXPECT_EQ(attrs[0], (Attribute{"mid", "0", true}));
  EXPECT_EQ(attrs[1], (Attribute{"rtcp-mux", "", false}));  // never "a=rtcp-mux:"
  EXPECT_EQ(attrs[2], (Attribute{"x-flag", "", false}));
  EXPECT_EQ(attrs[3], (Attribute{"mid", "1", true}));
}

TEST(GenericAttributes, RemoveAllOfAName) {
  auto attrs = sample();
  EXPECT_EQ(remove_attributes(attrs, "rtpmap"), 2U);
  ASSERT_EQ(attrs.size(), 2U);
  EXPECT_EQ(attrs[0].name, "sendrecv");
  EXPECT_EQ(attrs[1].name, "ptime");
  EXPECT_EQ(remove_attributes(attrs, "rtpmap"), 0U);
}

SessionDescription parse_ok(std::string_view text) {
  auto r = parse(text);
  EXPECT_TRUE(r.ok());
  return r.ok() ? *r : SessionDescription{};
}

TEST(Direction, Names) {
  EXPECT_EQ(to_string(Direction::sendrecv), "sendrecv");
  EXPECT_EQ(to_string(Direction::sendonly), "sendonly");
  EXPECT_EQ(to_string(Direction::recvonly), "recvonly");
  EXPECT_EQ(to_string(Direction::inactive), "inactive");
}

TEST(Direction, MediaOverridesSessionAndDefaultIsSendrecv) {
  const auto sdp = parse_ok(
      "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\na=recvonly\r\n"
      "m=audio 9 RTP/AVP 0\r\na=inactive\r\nm=audio 11 RTP/AVP 0\r\n");
  EXPECT_EQ(direction(sdp, sdp.media[0]), Direction::inactive);
  EXPECT_EQ(direction(sdp, sdp.media[1]), Direction::recvonly);
  const auto plain = parse_ok("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n");
  EXPECT_EQ(direction(plain, plain.media[0]), Direction::sendrecv);
}

TEST(Direction, FromGoldenFiles) {
  const auto hold = parse_ok(test::golden("yealink_hold_sendonly"));
  EXPECT_EQ(direction(hold, hold.media[0]), Direction::sendonly);
  const auto polycom = parse_ok(test::golden("polycom_offer"));  // a=sendrecv at session level
  EXPECT_TRUE(find_attribute(polycom.media[0].attributes, "sendrecv") == nullptr);
  EXPECT_EQ(direction(polycom, polycom.media[0]), Direction::sendrecv);
}

TEST(Direction, SetKeepsThePositionAndRemovesOthers) {
  MediaDescription m;
  m.attributes = {{"rtpmap", "0 PCMU/8000", true},
                  {"sendrecv", "", false},
                  {"ptime", "20", true},
                  {"recvonly", "", false}};
  set_direction(m, Direction::sendonly);
  ASSERT_EQ(m.attributes.size(), 3U);
  EXPECT_EQ(m.attributes[1], (Attribute{"sendonly", "", false}));
  EXPECT_EQ(m.attributes[2].name, "ptime");
  MediaDescription none;
  none.attributes = {{"rtpmap", "0 PCMU/8000", true}};
  set_direction(none, Direction::inactive);
  EXPECT_EQ(none.attributes.back(), (Attribute{"inactive", "", false}));
}

TEST(Direction, Reverse) {
  EXPECT_EQ(reverse(Direction::sendonly), Direction::recvonly);
  EXPECT_EQ(reverse(Direction::recvonly), Direction::sendonly);
  EXPECT_EQ(reverse(Direction::sendrecv), Direction::sendrecv);
  EXPECT_EQ(reverse(Direction::inactive), Direction::inactive);
}

TEST(Connection, SectionElseSession) {
  const auto sdp = parse_ok(test::golden("rfc8866_all_fields"));
  EXPECT_EQ(connection_of(sdp, sdp.media[0])->address, "233.252.0.1/127");
  EXPECT_EQ(connection_of(sdp, sdp.media[2]), (Connection{"IN", "IP6", "2001:db8::2"}));
  const auto chrome = parse_ok(test::golden("chrome_answer"));
  EXPECT_EQ(connection_of(chrome, chrome.media[0])->address, "0.0.0.0");
  const auto none = parse_ok("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n");
  EXPECT_FALSE(connection_of(none, none.media[0]).has_value());
}

TEST(LegacyHold, ZeroAddressOnlyOnPlainSections) {
  const auto cisco = parse_ok(test::golden("cisco_ios_legacy_hold"));
  EXPECT_TRUE(is_legacy_hold(cisco, cisco.media[0]));
  const auto yealink = parse_ok(test::golden("yealink_hold_sendonly"));
  EXPECT_FALSE(is_legacy_hold(yealink, yealink.media[0]));
  const auto v6 = parse_ok(
      "v=0\r\no=- 1 1 IN IP6 2001:db8::1\r\ns=-\r\nc=IN IP6 ::\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n"
      "m=audio 11 RTP/AVP 0\r\nc=IN IP6 2001:db8::1\r\n");
  EXPECT_TRUE(is_legacy_hold(v6, v6.media[0]));
  EXPECT_FALSE(is_legacy_hold(v6, v6.media[1]));
  const auto none = parse_ok("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n");
  EXPECT_FALSE(is_legacy_hold(none, none.media[0]));
}

}  // namespace
}  // namespace rtcsip::sdp
