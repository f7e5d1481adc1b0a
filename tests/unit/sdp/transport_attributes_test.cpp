// ICE candidates and credentials (RFC 8839), fingerprint (RFC 8122), setup
// (RFC 4145), mid and BUNDLE (RFC 8843), rtcp-mux and a=rtcp (RFC 3605).
#include <gtest/gtest.h>

#include "rtcsip/sdp/attributes.hpp"
#include "rtcsip/sdp/parser.hpp"
#include "sdp_test_support.hpp"

namespace rtcsip::sdp {
namespace {

SessionDescription parse_ok(std::string_view text) {
  auto r = parse(text);
  EXPECT_TRUE(r.ok());
  return r.ok() ? *r : SessionDescription{};
}

TEST(Candidate, ChromeHostWithExtensions) {
  const auto c = parse_candidate(
      "1467250027 1 udp 2122260223 4dfc5bd8-1c3e-4b4e-9d4b-2b1f5d7a9c01.local 54312 typ host generation 0 "
      "network-id 1 network-cost 10");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->foundation, "1467250027");
  EXPECT_EQ(c->component, 1U);
  EXPECT_EQ(c->transport, "udp");
  EXPECT_EQ(c->priority, 2122260223U);
  EXPECT_EQ(c->address, "4dfc5bd8-1c3e-4b4e-9d4b-2b1f5d7a9c01.local");
  EXPECT_EQ(c->port, 54312);
  EXPECT_EQ(c->type, "host");
  EXPECT_TRUE(c->related_address.empty());
  EXPECT_EQ(c->related_port, 0);
  using Ext = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(c->extensions, (Ext{{"generation", "0"}, {"network-id", "1"}, {"network-cost", "10"}}));
}

TEST(Candidate, RelatedAddressAndTcpType) {
  const auto srflx =
      parse_candidate("1 1 UDP 1686052863 203.0.113.45 51680 typ srflx raddr 192.0.2.45 rport 51680");
  ASSERT_TRUE(srflx.has_value());
  EXPECT_EQ(srflx->transport, "UDP");  // Firefox writes upper case: kept as written
  EXPECT_EQ(srflx->type, "srflx");
  EXPECT_EQ(srflx->related_address, "192.0.2.45");
  EXPECT_EQ(srflx->related_port, 51680);
  const auto tcp = parse_candidate("2 1 TCP 2105524479 192.0.2.45 9 typ host tcptype active");
  ASSERT_TRUE(tcp.has_value());
  EXPECT_EQ(tcp->extensions, (std::vector<std::pair<std::string, std::string>>{{"tcptype", "active"}}));
  const auto v6 = parse_candidate("3 2 udp 2122262783 2001:db8::5 50000 typ host");
  ASSERT_TRUE(v6.has_value());
  EXPECT_EQ(v6->component, 2U);
  EXPECT_EQ(v6->address, "2001:db8::5");
}

TEST(Candidate, Malformed) {
  for (const char* bad : {
           "",
           "1 1 udp 2122260223 192.0.2.1 54312",                      // no typ
           "1 1 udp 2122260223 192.0.2.1 54312 type host",            // not "typ"
           "1 1 udp 2122260223 192.0.2.1 54312 typ",                  // no type
           "1 0 udp 2122260223 192.0.2.1 54312 typ host",             // component 0
           "1 257 udp 2122260223 192.0.2.1 54312 typ host",           // component > 256
           "1 1 udp 4294967296 192.0.2.1 54312 typ host",             // priority > 32 bits
           "1 1 udp 2122260223 192.0.2.1 65536 typ host",             // port
           "1 1 udp 2122260223 192.0.2.1 54312 typ host generation",  // extension without value
           "1 1 udp 1686052607 203.0.113.7 54312 typ srflx raddr 0.0.0.0 rport x",
           "f@o 1 udp 2122260223 192.0.2.1 54312 typ host",                   // foundation is ice-chars
           "123456789012345678901234567890123 1 udp 1 192.0.2.1 1 typ host",  // foundation > 32
       }) {
    EXPECT_FALSE(parse_candidate(bad).has_value()) << bad;
  }
}

TEST(Candidate, FormatRoundTrips) {
  for (const char* v : {
           "1467250027 1 udp 2122260223 192.0.2.10 54312 typ host generation 0 network-id 1 network-cost 10",
           "842163049 1 udp 1686052607 203.0.113.77 54312 typ srflx raddr 0.0.0.0 rport 0 generation 0",
           "3071416380 1 udp 41885439 198.51.100.200 61234 typ relay raddr 203.0.113.77 rport 54312",
           "0 1 UDP 2122252543 192.0.2.45 51680 typ host",
           "2 1 TCP 2105524479 192.0.2.45 9 typ host tcptype active",
       }) {
    const auto c = parse_candidate(v);
    ASSERT_TRUE(c.has_value()) << v;
    EXPECT_EQ(format_candidate(*c), v);
  }
}

TEST(Candidate, FormatFromFields) {
  Candidate c;
  c.foundation = "abc";
  c.transport = "udp";
  c.priority = 2130706431;
  c.address = "192.0.2.8";
  c.port = 40000;
  c.type = "host";
  EXPECT_EQ(format_candidate(c), "abc 1 udp 2130706431 192.0.2.8 40000 typ host");
  c.related_address = "192.0.2.9";
  c.related_port = 40002;
  c.extensions = {{"generation", "0"}};
  EXPECT_EQ(format_candidate(c),
            "abc 1 udp 2130706431 192.0.2.8 40000 typ host raddr 192.0.2.9 rport 40002 generation 0");
  EXPECT_EQ(parse_candidate(format_candidate(c)), c);
}

TEST(Candidate, AllOfASection) {
  const auto sdp = parse_ok(test::golden("jssip_chrome_candidates_offer"));
  const auto cs = candidates(sdp.media[0]);
  ASSERT_EQ(cs.size(), 4U);
  EXPECT_EQ(cs[0].type, "host");
  EXPECT_TRUE(cs[0].address.ends_with(".local"));
  EXPECT_EQ(cs[1].transport, "tcp");
  EXPECT_EQ(cs[2].type, "srflx");
  EXPECT_EQ(cs[2].related_address, "0.0.0.0");
  EXPECT_EQ(cs[3].type, "relay");
  EXPECT_EQ(cs[3].related_port, 54312);
  MediaDescription m;
  m.attributes = {{"candidate", "garbage", true}, {"candidate", "1 1 udp 1 192.0.2.1 9 typ host", true}};
  EXPECT_EQ(candidates(m).size(), 1U);
}

TEST(IceCredentials, SectionElseSession) {
  const auto sdp = parse_ok(
      "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 "
      "0\r\na=ice-ufrag:sess\r\na=ice-pwd:sessionpassword1234567\r\n"
      "a=ice-lite\r\na=ice-options:trickle\r\n"
      "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=ice-ufrag:F7gI\r\na=ice-pwd:x9cml/YzichV2+XlhiMu8g1k\r\n"
      "a=ice-options:trickle renomination\r\n"
      "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=ice-pwd:mediapassword12345678901\r\n"
      "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n");
  const auto own = ice_credentials(sdp, sdp.media[0]);
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(own->ufrag, "F7gI");
  EXPECT_EQ(own->pwd, "x9cml/YzichV2+XlhiMu8g1k");
  const auto mixed = ice_credentials(sdp, sdp.media[1]);
  EXPECT_EQ(mixed->ufrag, "sess");
  EXPECT_EQ(mixed->pwd, "mediapassword12345678901");
  EXPECT_EQ(ice_credentials(sdp, sdp.media[2])->pwd, "sessionpassword1234567");
  EXPECT_TRUE(ice_lite(sdp));
  EXPECT_EQ(ice_options(sdp, sdp.media[0]), (std::vector<std::string>{"trickle", "renomination"}));
  EXPECT_EQ(ice_options(sdp, sdp.media[1]), (std::vector<std::string>{"trickle"}));
}

TEST(IceCredentials, MissingOrEmpty) {
  const auto sdp = parse_ok(
      "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\na=ice-ufrag:abcd\r\n"
      "m=audio 9 RTP/AVP 0\r\na=ice-ufrag:abcd\r\na=ice-pwd:\r\n");
  EXPECT_FALSE(ice_credentials(sdp, sdp.media[0]).has_value());
  EXPECT_FALSE(ice_credentials(sdp, sdp.media[1]).has_value());
  EXPECT_FALSE(ice_lite(sdp));
  EXPECT_TRUE(ice_options(sdp, sdp.media[0]).empty());
}

TEST(Fingerprint, NormalisedAndSectionElseSession) {
  const auto sdp = parse_ok(
      "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\na=fingerprint:SHA-256 ab:cd:EF:01\r\n"
      "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
      "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=fingerprint:sha-1 "
      "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22:33\r\n"
      "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=fingerprint:sha-256 zz:00\r\n");
  const auto session = fingerprint(sdp, sdp.media[0]);
  ASSERT_TRUE(session.has_value());
  EXPECT_EQ(session->hash, "sha-256");
  EXPECT_EQ(session->value, "AB:CD:EF:01");
  const auto own = fingerprint(sdp, sdp.media[1]);
  EXPECT_EQ(own->hash, "sha-1");
  EXPECT_EQ(own->value, "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33");
  EXPECT_FALSE(fingerprint(sdp, sdp.media[2]).has_value());  // the section's own is malformed
}

TEST(Fingerprint, MalformedValues) {
  for (const char* bad : {"sha-256", "sha-256 ", "sha-256 A", "sha-256 ABC", "sha-256 AB:", "sha-256 AB::CD",
                          "sha-256 AB-CD", "sha 256 AB"}) {
    MediaDescription m;
    m.attributes = {{"fingerprint", bad, true}};
    EXPECT_FALSE(fingerprint(SessionDescription{}, m).has_value()) << bad;
  }
}

TEST(Setup, RolesAndNames) {
  const auto sdp = parse_ok(
      "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\na=setup:actpass\r\n"
      "m=audio 9 RTP/AVP 0\r\nm=audio 9 RTP/AVP 0\r\na=setup:active\r\n"
      "m=audio 9 RTP/AVP 0\r\na=setup:passive\r\nm=audio 9 RTP/AVP 0\r\na=setup:holdconn\r\n"
      "m=audio 9 RTP/AVP 0\r\na=setup:sideways\r\n");
  EXPECT_EQ(setup(sdp, sdp.media[0]), Setup::actpass);
  EXPECT_EQ(setup(sdp, sdp.media[1]), Setup::active);
  EXPECT_EQ(setup(sdp, sdp.media[2]), Setup::passive);
  EXPECT_EQ(setup(sdp, sdp.media[3]), Setup::holdconn);
  EXPECT_FALSE(setup(sdp, sdp.media[4]).has_value());
  EXPECT_FALSE(setup(SessionDescription{}, MediaDescription{}).has_value());
  EXPECT_EQ(to_string(Setup::actpass), "actpass");
  EXPECT_EQ(to_string(Setup::active), "active");
  EXPECT_EQ(to_string(Setup::passive), "passive");
  EXPECT_EQ(to_string(Setup::holdconn), "holdconn");
}

TEST(Bundle, MidAndGroup) {
  const auto sdp = parse_ok(test::golden("chrome_av_bundle_offer"));
  EXPECT_EQ(bundle_group(sdp), (std::vector<std::string>{"0", "1"}));
  EXPECT_EQ(mid(sdp.media[0]), "0");
  EXPECT_EQ(mid(sdp.media[1]), "1");
  EXPECT_TRUE(rtcp_mux(sdp.media[0]));
  MediaDescription m;
  EXPECT_FALSE(mid(m).has_value());
  m.attributes = {{"mid", "", true}};
  EXPECT_FALSE(mid(m).has_value());
  EXPECT_FALSE(rtcp_mux(m));
  const auto lipsync = parse_ok(
      "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\na=group:LS audio video\r\na=group:BUNDLE a v\r\n"
      "a=group:BUNDLE d\r\n");
  EXPECT_EQ(bundle_group(lipsync), (std::vector<std::string>{"a", "v"}));
  EXPECT_TRUE(bundle_group(parse_ok(test::golden("asterisk_offer"))).empty());
}

TEST(RtcpAttribute, PortAndAddress) {
  const auto fs = parse_ok(test::golden("freeswitch_srtp_offer"));
  const auto r = rtcp_attribute(fs.media[0]);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->port, 29447);
  EXPECT_EQ(r->address, (Connection{"IN", "IP4", "203.0.113.20"}));
  MediaDescription m;
  EXPECT_FALSE(rtcp_attribute(m).has_value());
  m.attributes = {{"rtcp", "53020", true}};
  EXPECT_EQ(rtcp_attribute(m)->port, 53020);
  EXPECT_FALSE(rtcp_attribute(m)->address.has_value());
  for (const char* bad : {"", "x", "70000", "53020 IN IP4", "53020 IN IP4 192.0.2.1 extra"}) {
    m.attributes = {{"rtcp", bad, true}};
    EXPECT_FALSE(rtcp_attribute(m).has_value()) << bad;
  }
}

}  // namespace
}  // namespace rtcsip::sdp
