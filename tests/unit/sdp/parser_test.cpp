// The parser's model and what it tolerates: bare LF, a missing final line
// ending, trailing blank lines and spaces, "s= ".
#include <gtest/gtest.h>

#include <string>

#include "rtcsip/sdp/parser.hpp"
#include "sdp_test_support.hpp"

namespace rtcsip::sdp {
namespace {

constexpr std::string_view kOffer =
    "v=0\r\n"
    "o=alice 2890844526 2890844527 IN IP4 192.0.2.10\r\n"
    "s=-\r\n"
    "c=IN IP4 192.0.2.10\r\n"
    "t=0 0\r\n"
    "a=sendrecv\r\n"
    "m=audio 49170 RTP/AVP 0 8 101\r\n"
    "a=rtpmap:101 telephone-event/8000\r\n"
    "a=fmtp:101 0-15\r\n"
    "m=video 0 RTP/AVP 31\r\n";

SessionDescription must_parse(std::string_view text) {
  auto r = parse(text);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().reason + " at line " + std::to_string(r.error().line));
  return r.ok() ? *r : SessionDescription{};
}

TEST(Parser, FillsTheModel) {
  const auto sdp = must_parse(kOffer);
  EXPECT_EQ(sdp.version, 0);
  EXPECT_EQ(sdp.origin, (Origin{"alice", "2890844526", "2890844527", "IN", "IP4", "192.0.2.10"}));
  EXPECT_EQ(sdp.session_name, "-");
  ASSERT_TRUE(sdp.connection.has_value());
  EXPECT_EQ(*sdp.connection, (Connection{"IN", "IP4", "192.0.2.10"}));
  ASSERT_EQ(sdp.timings.size(), 1U);
  EXPECT_EQ(sdp.timings[0].start_stop, "0 0");
  ASSERT_EQ(sdp.attributes.size(), 1U);
  EXPECT_EQ(sdp.attributes[0], (Attribute{"sendrecv", "", false}));
  ASSERT_EQ(sdp.media.size(), 2U);
  const auto& audio = sdp.media[0];
  EXPECT_EQ(audio.media, "audio");
  EXPECT_EQ(audio.port, 49170);
  EXPECT_FALSE(audio.port_count.has_value());
  EXPECT_EQ(audio.proto, "RTP/AVP");
  EXPECT_EQ(audio.formats, (std::vector<std::string>{"0", "8", "101"}));
  ASSERT_EQ(audio.attributes.size(), 2U);
  EXPECT_EQ(audio.attributes[0], (Attribute{"rtpmap", "101 telephone-event/8000", true}));
  EXPECT_EQ(sdp.media[1].port, 0);
  EXPECT_TRUE(sdp.media[1].attributes.empty());
}

TEST(Parser, BareLineFeedsAndMixedEndings) {
  std::string lf(kOffer);
  std::erase(lf, '\r');
  EXPECT_EQ(must_parse(lf), must_parse(kOffer));
  std::string mixed(kOffer);
  mixed.erase(mixed.find("\r\ns=-"), 1);
  EXPECT_EQ(must_parse(mixed), must_parse(kOffer));
}

TEST(Parser, LastLineWithoutLineEnding) {
  std::string text(kOffer);
  text.resize(text.size() - 2);
  EXPECT_EQ(must_parse(text), must_parse(kOffer));
}

TEST(Parser, TrailingBlankLinesAreIgnored) {
  EXPECT_EQ(must_parse(std::string(kOffer) + "\r\n\r\n"), must_parse(kOffer));
  EXPECT_EQ(must_parse(std::string(kOffer) + "\n"), must_parse(kOffer));
}

TEST(Parser, SingleSpaceSessionNameIsKept) {
  // RFC 4566 §5.3 recommended "s= " for a session without a name; RFC 8866
  // §5.3 also allows "s=-". Both come from real agents.
  const std::string text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns= \r\nt=0 0\r\n";
  const auto sdp = must_parse(text);
  EXPECT_EQ(sdp.session_name, " ");
  EXPECT_EQ(serialize(sdp), text);
}

TEST(Parser, TrailingSpacesAfterStructuredFieldsAreDropped) {
  const auto sdp = must_parse(
      "v=0 \r\no=- 1 1 IN IP4 192.0.2.1 \r\ns=-\r\nt=0 0 \r\nm=audio 9 RTP/AVP 0 8 \r\nc=IN IP4 "
      "192.0.2.1\t\r\n"
      "a=sendrecv \r\na=ptime:20 \r\n");
  EXPECT_EQ(sdp.origin.address, "192.0.2.1");
  EXPECT_EQ(sdp.timings[0].start_stop, "0 0");
  EXPECT_EQ(sdp.media[0].formats, (std::vector<std::string>{"0", "8"}));
  EXPECT_EQ(sdp.media[0].connections[0].address, "192.0.2.1");
  EXPECT_EQ(sdp.media[0].attributes[0], (Attribute{"sendrecv", "", false}));
  // An attribute value is a byte-string: kept as written.
  EXPECT_EQ(sdp.media[0].attributes[1], (Attribute{"ptime", "20 ", true}));
}

TEST(Parser, RunsOfSpacesBetweenFieldsAreNormalised) {
  const auto sdp =
      must_parse("v=0\r\no=-  1 1 IN  IP4 192.0.2.1\r\ns=-\r\nt=0  0\r\nm=audio  9 RTP/AVP  0\r\n");
  EXPECT_EQ(sdp.origin.addr_type, "IP4");
  EXPECT_EQ(sdp.timings[0].start_stop, "0 0");
  EXPECT_EQ(serialize(sdp), "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n");
}

TEST(Parser, AttributeValueMayContainColonsAndBeEmpty) {
  const auto sdp = must_parse(
      "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\na=msid-semantic: WMS *\r\na=x-empty:\r\n"
      "a=trafficclass:conversational.audio.aq:admitted\r\n");
  EXPECT_EQ(sdp.attributes[0], (Attribute{"msid-semantic", " WMS *", true}));
  EXPECT_EQ(sdp.attributes[1], (Attribute{"x-empty", "", true}));
  EXPECT_EQ(sdp.attributes[2], (Attribute{"trafficclass", "conversational.audio.aq:admitted", true}));
  EXPECT_EQ(serialize(sdp),
            "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\na=msid-semantic: WMS *\r\n"
            "a=x-empty:\r\na=trafficclass:conversational.audio.aq:admitted\r\n");
}

TEST(Parser, PortCountRepeatsAndZones) {
  const auto sdp = must_parse(test::golden("rfc8866_all_fields"));
  ASSERT_EQ(sdp.timings.size(), 2U);
  EXPECT_EQ(sdp.timings[0].start_stop, "3724394400 3724398000");
  EXPECT_EQ(sdp.timings[0].repeats, (std::vector<std::string>{"7d 1h 0 25h"}));
  EXPECT_TRUE(sdp.timings[1].repeats.empty());
  EXPECT_EQ(sdp.zone, "3730922900 -1h 3749679300 0");
  EXPECT_EQ(sdp.key, "prompt");
  EXPECT_EQ(sdp.information, "Audio and video of the weekly call");
  EXPECT_EQ(sdp.uri, "https://www.example.com/weekly.html");
  EXPECT_EQ(sdp.emails, (std::vector<std::string>{"Jane Doe <jane@example.com>"}));
  EXPECT_EQ(sdp.phones, (std::vector<std::string>{"+1 617 555-6011"}));
  EXPECT_EQ(sdp.connection->address, "233.252.0.1/127");
  EXPECT_EQ(sdp.bandwidths, (std::vector<Bandwidth>{{"CT", 1024}}));
  ASSERT_EQ(sdp.media.size(), 3U);
  EXPECT_EQ(sdp.media[0].title, "Main audio");
  EXPECT_EQ(sdp.media[0].key, "prompt");
  EXPECT_EQ(sdp.media[0].bandwidths, (std::vector<Bandwidth>{{"AS", 64}}));
  EXPECT_EQ(sdp.media[1].port, 49172);
  EXPECT_EQ(sdp.media[1].port_count, std::optional<std::uint16_t>(2));
  EXPECT_EQ(sdp.media[2].connections, (std::vector<Connection>{{"IN", "IP6", "2001:db8::2"}}));
}

TEST(Parser, LargeNumbersStayText) {
  const auto sdp = must_parse(
      "v=0\r\no=- 123456789012345678901234567890 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n"
      "m=audio 65535 RTP/AVP 0\r\nb=AS:18446744073709551615\r\n");
  EXPECT_EQ(sdp.origin.session_id, "123456789012345678901234567890");
  EXPECT_EQ(sdp.media[0].port, 65535);
  EXPECT_EQ(sdp.media[0].bandwidths[0].value, 18446744073709551615ULL);
}

TEST(Parser, UnknownAttributesAndMediaAreKept) {
  const std::string text =
      "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=message 7394 TCP/MSRP *\r\n"
      "a=accept-types:text/plain\r\na=path:msrp://192.0.2.1:7394/s111271;tcp\r\n";
  const auto sdp = must_parse(text);
  EXPECT_EQ(sdp.media[0].formats, (std::vector<std::string>{"*"}));
  EXPECT_EQ(serialize(sdp), text);
}

TEST(Parser, NonAsciiTextIsKept) {
  const std::string text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=Réunion d'équipe\r\nt=0 0\r\n";
  EXPECT_EQ(serialize(must_parse(text)), text);
}

TEST(Serializer, WritesTheRfcOrderWhateverTheModel) {
  SessionDescription sdp;
  sdp.origin = Origin{"-", "42", "1", "IN", "IP4", "192.0.2.5"};
  sdp.timings.push_back(Timing{});
  sdp.attributes.push_back(Attribute{"ice-lite", "", false});
  MediaDescription m;
  m.media = "audio";
  m.port = 20000;
  m.proto = "RTP/AVP";
  m.formats = {"0"};
  m.attributes.push_back(Attribute{"sendrecv", "", false});
  m.connections.push_back(Connection{"IN", "IP4", "192.0.2.5"});
  m.title = "voice";
  sdp.media.push_back(m);
  sdp.connection = Connection{"IN", "IP4", "192.0.2.5"};
  sdp.bandwidths.push_back(Bandwidth{"AS", 80});
  EXPECT_EQ(
      serialize(sdp),
      "v=0\r\no=- 42 1 IN IP4 192.0.2.5\r\ns=-\r\nc=IN IP4 192.0.2.5\r\nb=AS:80\r\nt=0 0\r\na=ice-lite\r\n"
      "m=audio 20000 RTP/AVP 0\r\ni=voice\r\nc=IN IP4 192.0.2.5\r\na=sendrecv\r\n");
  EXPECT_EQ(must_parse(serialize(sdp)), sdp);
}

}  // namespace
}  // namespace rtcsip::sdp
