// Malformed SDP: each shape is rejected with a reason fit for a 488 reason
// phrase and the 1-based number of the offending line (0 for the whole text).
#include <gtest/gtest.h>

#include <string>

#include "rtcsip/sdp/parser.hpp"
#include "sdp_test_support.hpp"

namespace rtcsip::sdp {
namespace {

constexpr std::string_view kHead =
    "v=0\r\n"
    "o=- 1 1 IN IP4 192.0.2.1\r\n"
    "s=-\r\n"
    "t=0 0\r\n";

struct Case {
  std::string name;
  std::string text;
  std::string reason;
  std::size_t line;
};

std::ostream& operator<<(std::ostream& os, const Case& c) { return os << c.name; }

std::string head_plus(std::string_view rest) { return std::string(kHead) + std::string(rest); }

class ParserErrorTest : public ::testing::TestWithParam<Case> {};

TEST_P(ParserErrorTest, ReasonAndLine) {
  const auto& c = GetParam();
  const auto r = parse(c.text);
  ASSERT_FALSE(r.ok()) << "parsed:\n" << c.text;
  EXPECT_EQ(r.error().reason, c.reason);
  EXPECT_EQ(r.error().line, c.line);
}

const Case kCases[] = {
    // Whole-description problems.
    {"empty", "", "Empty SDP", 0},
    {"only_line_endings", "\r\n\r\n", "Empty SDP", 0},
    {"truncated_after_v", "v=0\r\n", "Missing o= line", 0},
    {"truncated_after_o", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n", "Missing s= line", 0},
    {"no_t_at_all", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\n", "Missing t= line", 0},
    // The required lines.
    {"missing_v", "o=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n", "Missing v= line", 1},
    {"attribute_first", "a=sendrecv\r\n", "Missing v= line", 1},
    {"repeat_first", "r=7d 1h 0\r\n", "Missing v= line", 1},
    {"version_1", "v=1\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n", "Unsupported SDP version", 1},
    {"version_text", "v=zero\r\n", "Malformed v= line", 1},
    {"missing_o", "v=0\r\ns=-\r\nt=0 0\r\n", "Missing o= line", 2},
    {"o_five_fields", "v=0\r\no=- 1 1 IN IP4\r\ns=-\r\nt=0 0\r\n", "Malformed o= line", 2},
    {"o_seven_fields", "v=0\r\no=- 1 1 IN IP4 192.0.2.1 x\r\ns=-\r\nt=0 0\r\n", "Malformed o= line", 2},
    {"o_session_id_not_digits", "v=0\r\no=- abc 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n", "Malformed o= line",
     2},
    {"o_version_negative", "v=0\r\no=- 1 -1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n", "Malformed o= line", 2},
    {"missing_s", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\nt=0 0\r\n", "Missing s= line", 3},
    {"empty_s", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=\r\nt=0 0\r\n", "Empty s= line", 3},
    {"missing_t_before_m", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nm=audio 9 RTP/AVP 0\r\n",
     "Missing t= line", 4},
    {"missing_t_before_a", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\na=sendrecv\r\n", "Missing t= line", 4},
    // m= lines.
    {"m_port_too_big", head_plus("m=audio 70000 RTP/AVP 0\r\n"), "Malformed m= line", 5},
    {"m_port_not_digits", head_plus("m=audio port RTP/AVP 0\r\n"), "Malformed m= line", 5},
    {"m_port_negative", head_plus("m=audio -1 RTP/AVP 0\r\n"), "Malformed m= line", 5},
    {"m_port_count_zero", head_plus("m=audio 49170/0 RTP/AVP 0\r\n"), "Malformed m= line", 5},
    {"m_port_count_empty", head_plus("m=audio 49170/ RTP/AVP 0\r\n"), "Malformed m= line", 5},
    {"m_no_format", head_plus("m=audio 49170 RTP/AVP\r\n"), "Malformed m= line", 5},
    {"m_proto_empty_part", head_plus("m=audio 49170 RTP//AVP 0\r\n"), "Malformed m= line", 5},
    {"m_bad_format_token", head_plus("m=audio 49170 RTP/AVP 0 <8>\r\n"), "Malformed m= line", 5},
    // Other structured lines.
    {"c_two_fields", head_plus("m=audio 9 RTP/AVP 0\r\nc=IN IP4\r\n"), "Malformed c= line", 6},
    {"c_four_fields", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1 x\r\nt=0 0\r\n",
     "Malformed c= line", 4},
    {"b_without_colon", head_plus("m=audio 9 RTP/AVP 0\r\nb=AS64\r\n"), "Malformed b= line", 6},
    {"b_not_a_number", head_plus("m=audio 9 RTP/AVP 0\r\nb=AS:lots\r\n"), "Malformed b= line", 6},
    {"b_overflow", head_plus("m=audio 9 RTP/AVP 0\r\nb=AS:99999999999999999999\r\n"), "Malformed b= line", 6},
    {"t_one_field", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0\r\n", "Malformed t= line", 4},
    {"r_too_short", head_plus("r=7d 1h\r\n"), "Malformed r= line", 5},
    {"z_odd_fields", head_plus("z=3730922900\r\n"), "Malformed z= line", 5},
    {"attribute_name_with_space", head_plus("a=rtp map:0 PCMU/8000\r\n"), "Malformed a= line", 5},
    {"attribute_empty_name", head_plus("a=:value\r\n"), "Malformed a= line", 5},
    {"attribute_empty", head_plus("a=\r\n"), "Malformed a= line", 5},
    {"empty_information", head_plus("m=audio 9 RTP/AVP 0\r\ni=\r\n"), "Empty i= line", 6},
    // RFC 8866 §5: no whitespace on either side of '='.
    {"space_before_equals", head_plus("a =sendrecv\r\n"), "Malformed SDP line", 5},
    {"space_after_equals", head_plus("a= sendrecv\r\n"), "Malformed a= line", 5},
    {"space_after_equals_c", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc= IN IP4 192.0.2.1\r\nt=0 0\r\n",
     "Malformed c= line", 4},
    {"space_after_equals_o", "v=0\r\no= - 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n", "Malformed o= line", 2},
    // Line shapes.
    {"line_without_equals", head_plus("a=sendrecv\r\nhello\r\n"), "Malformed SDP line", 6},
    {"two_letter_type", head_plus("ab=c\r\n"), "Malformed SDP line", 5},
    {"type_only", head_plus("a\r\n"), "Malformed SDP line", 5},
    {"digit_type", head_plus("1=x\r\n"), "Malformed SDP line", 5},
    {"unknown_type", head_plus("x=foo\r\n"), "Unknown line type x=", 5},
    {"unknown_type_in_media", head_plus("m=audio 9 RTP/AVP 0\r\ny=1\r\n"), "Unknown line type y=", 6},
    {"upper_case_type", "V=0\r\n", "Unknown line type V=", 1},
    {"empty_line_inside", head_plus("\r\nm=audio 9 RTP/AVP 0\r\n"), "Empty line", 5},
    {"bare_cr_inside_line", head_plus("a=tool:x\ry\r\n"), "Invalid character in line", 5},
    {"nul_in_value", head_plus(std::string("a=tool:x\0y\r\n", 12)), "Invalid character in line", 5},
    {"binary_garbage", std::string("\x00\x01\x02\xff\xfe\r\n\x89PNG", 10), "Invalid character in line", 1},
    {"binary_garbage_without_nul", "\xff\xfe\x80\x7f\r\n\x01\x02", "Malformed SDP line", 1},
    {"sip_message_instead", "INVITE sip:bob@example.com SIP/2.0\r\n", "Malformed SDP line", 1},
    // RFC 8866 §5 order.
    {"c_after_t", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nc=IN IP4 192.0.2.1\r\n",
     "c= line out of order", 5},
    {"i_after_u", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nu=http://example.com/\r\ni=x\r\nt=0 0\r\n",
     "i= line out of order", 5},
    {"b_after_a_in_media", head_plus("m=audio 9 RTP/AVP 0\r\na=sendrecv\r\nb=AS:64\r\n"),
     "b= line out of order", 7},
    {"c_after_b_in_media", head_plus("m=audio 9 RTP/AVP 0\r\nb=AS:64\r\nc=IN IP4 192.0.2.1\r\n"),
     "c= line out of order", 7},
    {"t_in_media", head_plus("m=audio 9 RTP/AVP 0\r\nt=0 0\r\n"), "t= line out of order", 6},
    {"s_in_media", head_plus("m=audio 9 RTP/AVP 0\r\ns=x\r\n"), "s= line out of order", 6},
    {"v_in_media", head_plus("m=audio 9 RTP/AVP 0\r\nv=0\r\n"), "v= line out of order", 6},
    {"r_without_t", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nr=7d 1h 0\r\nt=0 0\r\n",
     "r= line out of order", 4},
    {"r_after_attribute", head_plus("a=recvonly\r\nr=7d 1h 0\r\n"), "r= line out of order", 6},
    {"t_after_z", head_plus("z=3730922900 -1h\r\nt=0 0\r\n"), "t= line out of order", 6},
    {"duplicate_v", "v=0\r\nv=0\r\n", "Duplicate v= line", 2},
    {"duplicate_s", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\ns=-\r\nt=0 0\r\n", "Duplicate s= line", 4},
    {"duplicate_session_c",
     "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nc=IN IP4 192.0.2.2\r\nt=0 0\r\n",
     "Duplicate c= line", 5},
    {"duplicate_media_i", head_plus("m=audio 9 RTP/AVP 0\r\ni=a\r\ni=b\r\n"), "Duplicate i= line", 7},
};

INSTANTIATE_TEST_SUITE_P(Sdp, ParserErrorTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return info.param.name; });

// ---- limits

std::string with_attributes(std::size_t n, std::string_view name = "x-test") {
  std::string text = head_plus("m=audio 9 RTP/AVP 0\r\n");
  for (std::size_t i = 0; i < n; ++i) text += "a=" + std::string(name) + ":" + std::to_string(i) + "\r\n";
  return text;
}

TEST(ParserLimits, TooLarge) {
  const std::string text = head_plus("a=tool:" + std::string(200, 'x') + "\r\n");
  const auto r = parse(text, Limits{.max_bytes = 100});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), (Error{"SDP too large", 0}));
  EXPECT_TRUE(parse(text, Limits{.max_bytes = text.size()}).ok());
}

TEST(ParserLimits, DefaultRejectsMoreThan64KiB) {
  const auto r = parse(head_plus("a=tool:" + std::string(70000, 'x') + "\r\n"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().reason, "SDP too large");
}

TEST(ParserLimits, TooManyLines) {
  const auto text = with_attributes(10);  // 15 lines
  const auto r = parse(text, Limits{.max_lines = 12});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), (Error{"Too many lines", 13}));
  EXPECT_TRUE(parse(text, Limits{.max_lines = 15}).ok());
  EXPECT_TRUE(parse(text + "\r\n\r\n", Limits{.max_lines = 15}).ok());  // trailing blank lines are not lines
}

TEST(ParserLimits, TooManyMediaSections) {
  std::string text(kHead);
  for (int i = 0; i < 4; ++i)
    text += "m=audio " + std::to_string(5000 + 2 * i) + " RTP/AVP 0\r\na=sendrecv\r\n";
  const auto r = parse(text, Limits{.max_media = 3});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), (Error{"Too many m= lines", 11}));
  EXPECT_TRUE(parse(text, Limits{.max_media = 4}).ok());
}

TEST(ParserLimits, TooManyAttributesInASection) {
  const auto r = parse(with_attributes(6), Limits{.max_attributes = 5});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), (Error{"Too many attributes", 11}));
  EXPECT_TRUE(parse(with_attributes(5), Limits{.max_attributes = 5}).ok());
}

TEST(ParserLimits, AttributeLimitIsPerSection) {
  std::string text(kHead);
  text += "a=s1\r\na=s2\r\na=s3\r\n";
  text += "m=audio 9 RTP/AVP 0\r\na=m1\r\na=m2\r\na=m3\r\n";
  text += "m=audio 11 RTP/AVP 0\r\na=m1\r\na=m2\r\na=m3\r\n";
  EXPECT_TRUE(parse(text, Limits{.max_attributes = 3}).ok());
  text += "a=m4\r\n";
  const auto r = parse(text, Limits{.max_attributes = 3});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), (Error{"Too many attributes", 16}));
}

TEST(ParserLimits, TooManyCandidates) {
  const std::string candidate = "candidate";
  const auto r = parse(with_attributes(4, candidate), Limits{.max_candidates = 3});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), (Error{"Too many candidates", 9}));
  EXPECT_TRUE(parse(with_attributes(3, candidate), Limits{.max_candidates = 3}).ok());
}

TEST(ParserLimits, CandidateLimitIsPerSection) {
  std::string text(kHead);
  for (int m = 0; m < 3; ++m) {
    text += "m=audio 9 RTP/AVP 0\r\n";
    for (int i = 0; i < 2; ++i) text += "a=candidate:1 1 udp 1 192.0.2.1 9 typ host\r\n";
  }
  EXPECT_TRUE(parse(text, Limits{.max_candidates = 2}).ok());
}

TEST(ParserLimits, DefaultsAreDocumented) {
  const Limits l;
  EXPECT_EQ(l.max_bytes, 64U * 1024U);
  EXPECT_EQ(l.max_lines, 4096U);
  EXPECT_EQ(l.max_media, 32U);
  EXPECT_EQ(l.max_attributes, 1024U);
  EXPECT_EQ(l.max_candidates, 64U);
}

}  // namespace
}  // namespace rtcsip::sdp
