// rtpmap (with the RFC 3551 static table), fmtp, ptime, rtcp-fb, extmap.
#include <gtest/gtest.h>

#include "rtcsip/sdp/attributes.hpp"
#include "rtcsip/sdp/parser.hpp"
#include "sdp_test_support.hpp"

namespace rtcsip::sdp {
namespace {

MediaDescription media_with(std::vector<Attribute> attrs, std::vector<std::string> formats = {}) {
  MediaDescription m;
  m.media = "audio";
  m.proto = "RTP/AVP";
  m.formats = std::move(formats);
  m.attributes = std::move(attrs);
  return m;
}

TEST(RtpMap, Parse) {
  EXPECT_EQ(parse_rtpmap("111 opus/48000/2"), (RtpMap{111, "opus", 48000, 2}));
  EXPECT_EQ(parse_rtpmap("0 PCMU/8000"), (RtpMap{0, "PCMU", 8000, 0}));
  EXPECT_EQ(parse_rtpmap("101 telephone-event/8000"), (RtpMap{101, "telephone-event", 8000, 0}));
  EXPECT_EQ(parse_rtpmap("9 G722/8000/1"), (RtpMap{9, "G722", 8000, 1}));
  EXPECT_EQ(parse_rtpmap("99 h263-1998/90000 "), (RtpMap{99, "h263-1998", 90000, 0}));
}

TEST(RtpMap, Malformed) {
  for (const char* bad : {"", "111", "111 opus", "111 opus/", "111 opus/abc", "128 opus/48000",
                          "x opus/48000", "111 /48000", "111 opus/0", "111 opus/48000/", "111 opus/48000/0",
                          "111 opus/48000/2/1", "-1 PCMU/8000", "111 op us/48000"}) {
    EXPECT_FALSE(parse_rtpmap(bad).has_value()) << bad;
  }
}

TEST(RtpMap, FormatRoundTrips) {
  for (const char* v : {"111 opus/48000/2", "0 PCMU/8000", "126 telephone-event/8000", "9 G722/8000/1"}) {
    EXPECT_EQ(format_rtpmap(*parse_rtpmap(v)), v);
  }
}

TEST(RtpMap, OfPayloadTypeWithStaticFallback) {
  const auto m = media_with({{"rtpmap", "96 opus/48000/2", true}, {"rtpmap", "9 G722/16000", true}});
  EXPECT_EQ(rtpmap_of(m, 96), (RtpMap{96, "opus", 48000, 2}));
  EXPECT_EQ(rtpmap_of(m, 9), (RtpMap{9, "G722", 16000, 0}));  // as written wins over the table
  EXPECT_FALSE(rtpmap_of(m, 97).has_value());                 // dynamic without rtpmap
  EXPECT_FALSE(rtpmap_of(m, 35).has_value());                 // unassigned
  // RFC 3551 §6 tables 4 and 5.
  const MediaDescription empty;
  EXPECT_EQ(rtpmap_of(empty, 0), (RtpMap{0, "PCMU", 8000, 0}));
  EXPECT_EQ(rtpmap_of(empty, 3), (RtpMap{3, "GSM", 8000, 0}));
  EXPECT_EQ(rtpmap_of(empty, 4), (RtpMap{4, "G723", 8000, 0}));
  EXPECT_EQ(rtpmap_of(empty, 8), (RtpMap{8, "PCMA", 8000, 0}));
  EXPECT_EQ(rtpmap_of(empty, 9), (RtpMap{9, "G722", 8000, 0}));
  EXPECT_EQ(rtpmap_of(empty, 10), (RtpMap{10, "L16", 44100, 2}));
  EXPECT_EQ(rtpmap_of(empty, 13), (RtpMap{13, "CN", 8000, 0}));
  EXPECT_EQ(rtpmap_of(empty, 18), (RtpMap{18, "G729", 8000, 0}));
  EXPECT_EQ(rtpmap_of(empty, 26), (RtpMap{26, "JPEG", 90000, 0}));
  EXPECT_EQ(rtpmap_of(empty, 31), (RtpMap{31, "H261", 90000, 0}));
  EXPECT_EQ(rtpmap_of(empty, 34), (RtpMap{34, "H263", 90000, 0}));
  EXPECT_FALSE(rtpmap_of(empty, 1).has_value());
  EXPECT_FALSE(rtpmap_of(empty, 19).has_value());
}

TEST(RtpMap, MalformedLineFallsBackToTheTable) {
  const auto m = media_with({{"rtpmap", "0 PCMU", true}});
  EXPECT_EQ(rtpmap_of(m, 0), (RtpMap{0, "PCMU", 8000, 0}));
}

TEST(Fmtp, OfPayloadType) {
  const auto m = media_with({{"fmtp", "111 minptime=10;useinbandfec=1", true},
                             {"fmtp", "101 0-15", true},
                             {"fmtp", "1011 x=1", true},
                             {"fmtp", "102", true}});
  EXPECT_EQ(fmtp_of(m, 111), "minptime=10;useinbandfec=1");
  EXPECT_EQ(fmtp_of(m, 101), "0-15");
  EXPECT_EQ(fmtp_of(m, 102), "");
  EXPECT_EQ(fmtp_of(m, 0), "");
}

TEST(Fmtp, Params) {
  using Params = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(parse_fmtp_params("minptime=10;useinbandfec=1"),
            (Params{{"minptime", "10"}, {"useinbandfec", "1"}}));
  EXPECT_EQ(parse_fmtp_params("Profile-Level-Id=42e01f; packetization-mode=1;"),
            (Params{{"profile-level-id", "42e01f"}, {"packetization-mode", "1"}}));
  EXPECT_EQ(parse_fmtp_params("0-15"), (Params{{"0-15", ""}}));
  EXPECT_EQ(parse_fmtp_params("annexb=no"), (Params{{"annexb", "no"}}));
  EXPECT_EQ(parse_fmtp_params("apt=96"), (Params{{"apt", "96"}}));
  EXPECT_EQ(parse_fmtp_params("config=a=b"), (Params{{"config", "a=b"}}));
  EXPECT_TRUE(parse_fmtp_params("").empty());
  EXPECT_TRUE(parse_fmtp_params(" ; ;").empty());
}

TEST(PayloadTypes, NumericFormatsOnly) {
  const auto m = media_with({}, {"111", "0", "127", "128", "webrtc-datachannel", "*", "8"});
  EXPECT_EQ(payload_types(m), (std::vector<std::uint8_t>{111, 0, 127, 8}));
}

TEST(PacketTime, PtimeAndMaxptime) {
  const auto m = media_with({{"ptime", "20", true}, {"maxptime", "150", true}});
  EXPECT_EQ(ptime(m), 20U);
  EXPECT_EQ(maxptime(m), 150U);
  EXPECT_EQ(ptime(media_with({{"ptime", "20.5", true}})), 20U);  // RFC 8866 §6.4 allows fractions
  EXPECT_FALSE(ptime(media_with({})).has_value());
  EXPECT_FALSE(ptime(media_with({{"ptime", "0", true}})).has_value());
  EXPECT_FALSE(ptime(media_with({{"ptime", "twenty", true}})).has_value());
  EXPECT_FALSE(maxptime(media_with({{"maxptime", "", true}})).has_value());
}

TEST(RtcpFeedback, TypesWithParameters) {
  const auto m = media_with({{"rtcp-fb", "96 nack", true},
                             {"rtcp-fb", "96 nack pli", true},
                             {"rtcp-fb", "* ccm tmmbr", true},
                             {"rtcp-fb", "111 transport-cc", true},
                             {"rtcp-fb", "96", true},
                             {"rtcp-fb", "x nack", true}});
  const auto fb = rtcp_feedback(m);
  ASSERT_EQ(fb.size(), 4U);
  EXPECT_EQ(fb[0].payload_type, "96");
  EXPECT_EQ(fb[0].type, "nack");
  EXPECT_EQ(fb[1].type, "nack pli");
  EXPECT_EQ(fb[2].payload_type, "*");
  EXPECT_EQ(fb[2].type, "ccm tmmbr");
  EXPECT_EQ(fb[3].type, "transport-cc");
}

TEST(ExtMap, IdDirectionUriAttributes) {
  const auto m = media_with({{"extmap", "1 urn:ietf:params:rtp-hdrext:ssrc-audio-level", true},
                             {"extmap", "2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level", true},
                             {"extmap", "3 urn:ietf:params:rtp-hdrext:ssrc-audio-level vad=on", true},
                             {"extmap", "4/sideways urn:x", true},
                             {"extmap", "0 urn:x", true},
                             {"extmap", "5", true}});
  const auto e = extmaps(m);
  ASSERT_EQ(e.size(), 3U);
  EXPECT_EQ(e[0].id, 1);
  EXPECT_EQ(e[0].direction, "");
  EXPECT_EQ(e[0].uri, "urn:ietf:params:rtp-hdrext:ssrc-audio-level");
  EXPECT_EQ(e[1].id, 2);
  EXPECT_EQ(e[1].direction, "recvonly");
  EXPECT_EQ(e[1].uri, "urn:ietf:params:rtp-hdrext:csrc-audio-level");
  EXPECT_EQ(e[2].attributes, "vad=on");
}

}  // namespace
}  // namespace rtcsip::sdp
