// Selected fields of the golden SDPs, read through the model and the typed
// attribute readers: what the offer/answer and translator code relies on.
#include <gtest/gtest.h>

#include "rtcsip/sdp/attributes.hpp"
#include "rtcsip/sdp/parser.hpp"
#include "sdp_test_support.hpp"

namespace rtcsip::sdp {
namespace {

SessionDescription load(const std::string& name) {
  auto r = parse(test::golden(name));
  EXPECT_TRUE(r.ok()) << name;
  return r.ok() ? *r : SessionDescription{};
}

std::vector<std::string> encodings(const MediaDescription& m) {
  std::vector<std::string> out;
  for (auto pt : payload_types(m)) {
    const auto r = rtpmap_of(m, pt);
    out.push_back(r ? r->encoding + "/" + std::to_string(r->clock_rate) : "?");
  }
  return out;
}

TEST(GoldenFields, ChromeAudioVideoBundleOffer) {
  const auto sdp = load("chrome_av_bundle_offer");
  EXPECT_EQ(sdp.origin.address, "127.0.0.1");
  EXPECT_EQ(bundle_group(sdp), (std::vector<std::string>{"0", "1"}));
  EXPECT_TRUE(find_attribute(sdp.attributes, "msid-semantic")->value.starts_with(" WMS "));
  ASSERT_EQ(sdp.media.size(), 2U);
  const auto& audio = sdp.media[0];
  const auto& video = sdp.media[1];
  EXPECT_EQ(audio.proto, "UDP/TLS/RTP/SAVPF");
  EXPECT_EQ(audio.port, 9);
  EXPECT_EQ(encodings(audio)[0], "opus/48000");
  EXPECT_EQ(rtpmap_of(audio, 111)->channels, 2U);
  EXPECT_EQ(fmtp_of(audio, 111), "minptime=10;useinbandfec=1");
  EXPECT_EQ(rtpmap_of(audio, 63)->encoding, "red");
  EXPECT_EQ(rtpmap_of(audio, 126)->encoding, "telephone-event");
  const auto ice = ice_credentials(sdp, video);
  ASSERT_TRUE(ice.has_value());
  EXPECT_EQ(ice->ufrag.size(), 4U);
  EXPECT_EQ(ice->pwd.size(), 24U);
  EXPECT_EQ(ice_options(sdp, audio), (std::vector<std::string>{"trickle"}));
  EXPECT_EQ(fingerprint(sdp, audio)->hash, "sha-256");
  EXPECT_EQ(fingerprint(sdp, audio)->value.size(), 32U * 3U - 1U);
  EXPECT_EQ(setup(sdp, video), Setup::actpass);
  EXPECT_EQ(rtcp_attribute(audio)->port, 9);
  EXPECT_TRUE(rtcp_mux(video));
  EXPECT_TRUE(has_attribute(video.attributes, "rtcp-rsize"));
  EXPECT_EQ(extmaps(audio).size(), 4U);
  EXPECT_EQ(extmaps(video).size(), 11U);
  EXPECT_EQ(extmaps(video)[0].uri, "urn:ietf:params:rtp-hdrext:toffset");
  std::size_t vp8_feedback = 0;
  for (const auto& fb : rtcp_feedback(video)) vp8_feedback += fb.payload_type == "96" ? 1 : 0;
  EXPECT_EQ(vp8_feedback, 5U);
  EXPECT_EQ(rtpmap_of(video, 97)->encoding, "rtx");
  EXPECT_EQ(fmtp_of(video, 97), "apt=96");
  EXPECT_EQ(rtpmap_of(video, 116)->encoding, "red");
  EXPECT_EQ(rtpmap_of(video, 118)->encoding, "ulpfec");
  EXPECT_TRUE(find_attribute(video.attributes, "ssrc-group")->value.starts_with("FID "));
  EXPECT_EQ(find_attributes(video.attributes, "ssrc").size(), 4U);
  EXPECT_EQ(direction(sdp, video), Direction::sendrecv);
}

TEST(GoldenFields, ChromeAnswer) {
  const auto sdp = load("chrome_answer");
  EXPECT_EQ(setup(sdp, sdp.media[0]), Setup::active);
  EXPECT_EQ(payload_types(sdp.media[0]), (std::vector<std::uint8_t>{111, 126}));
}

TEST(GoldenFields, FirefoxOffer) {
  const auto sdp = load("firefox_offer");
  EXPECT_TRUE(sdp.origin.username.starts_with("mozilla...THIS_IS_SDPARTA-"));
  const auto& m = sdp.media[0];
  EXPECT_FALSE(has_attribute(m.attributes, "fingerprint"));  // Firefox puts it at session level
  EXPECT_EQ(fingerprint(sdp, m)->hash, "sha-256");
  EXPECT_TRUE(has_attribute(m.attributes, "end-of-candidates"));
  const auto cs = candidates(m);
  ASSERT_EQ(cs.size(), 3U);
  EXPECT_EQ(cs[0].transport, "UDP");
  EXPECT_EQ(cs[2].related_address, "192.0.2.45");
  EXPECT_EQ(connection_of(sdp, m)->address, "203.0.113.45");
  EXPECT_EQ(m.port, cs[0].port);
  const auto ext = extmaps(m);
  ASSERT_EQ(ext.size(), 3U);
  EXPECT_EQ(ext[1].direction, "recvonly");
  EXPECT_TRUE(find_attribute(m.attributes, "msid")->value.starts_with("{"));
  EXPECT_EQ(rtpmap_of(m, 9), (RtpMap{9, "G722", 8000, 1}));
  EXPECT_EQ(fmtp_of(m, 101), "0-15");
  EXPECT_EQ(ice_credentials(sdp, m)->ufrag.size(), 8U);
}

TEST(GoldenFields, FirefoxAnswer) {
  const auto sdp = load("firefox_answer");
  EXPECT_EQ(setup(sdp, sdp.media[0]), Setup::active);
  EXPECT_EQ(candidates(sdp.media[0]).size(), 2U);
}

TEST(GoldenFields, JsSipChromeCandidates) {
  const auto sdp = load("jssip_chrome_candidates_offer");
  const auto& m = sdp.media[0];
  EXPECT_EQ(m.port, 54312);
  EXPECT_EQ(connection_of(sdp, m)->address, "203.0.113.77");
  EXPECT_EQ(rtcp_attribute(m)->address->address, "0.0.0.0");
}

TEST(GoldenFields, SafariPrefersH264) {
  const auto sdp = load("safari_offer");
  const auto& video = sdp.media[1];
  EXPECT_EQ(rtpmap_of(video, payload_types(video)[0])->encoding, "H264");
  const auto params = parse_fmtp_params(fmtp_of(video, 96));
  EXPECT_EQ(params[2], (std::pair<std::string, std::string>{"profile-level-id", "640c1f"}));
}

TEST(GoldenFields, AsteriskOfferAndAnswer) {
  const auto offer = load("asterisk_offer");
  const auto& m = offer.media[0];
  EXPECT_EQ(offer.session_name, "Asterisk");
  EXPECT_EQ(m.proto, "RTP/AVP");
  EXPECT_EQ(encodings(m), (std::vector<std::string>{"PCMU/8000", "PCMA/8000", "telephone-event/8000"}));
  EXPECT_EQ(fmtp_of(m, 101), "0-16");
  EXPECT_EQ(ptime(m), 20U);
  EXPECT_EQ(maxptime(m), 150U);
  EXPECT_EQ(direction(offer, m), Direction::sendrecv);
  EXPECT_FALSE(ice_credentials(offer, m).has_value());
  EXPECT_FALSE(fingerprint(offer, m).has_value());
  const auto answer = load("asterisk_answer");
  EXPECT_EQ(answer.origin.username, "root");
  EXPECT_EQ(payload_types(answer.media[0]), (std::vector<std::uint8_t>{8, 101}));
}

TEST(GoldenFields, AsteriskSrtp) {
  const auto sdp = load("asterisk_srtp_offer");
  EXPECT_EQ(sdp.media[0].proto, "RTP/SAVP");
  const auto cs = cryptos(sdp.media[0]);
  ASSERT_EQ(cs.size(), 1U);
  EXPECT_EQ(cs[0].suite, "AES_CM_128_HMAC_SHA1_80");
}

TEST(GoldenFields, RejectedVideo) {
  const auto sdp = load("asterisk_rejected_video_answer");
  ASSERT_EQ(sdp.media.size(), 2U);
  EXPECT_EQ(sdp.media[1].media, "video");
  EXPECT_EQ(sdp.media[1].port, 0);
  EXPECT_EQ(sdp.media[1].formats, (std::vector<std::string>{"96"}));
}

TEST(GoldenFields, CiscoCucm) {
  const auto sdp = load("cisco_cucm_offer");
  EXPECT_EQ(sdp.session_name, "SIP Call");
  EXPECT_EQ(sdp.bandwidths, (std::vector<Bandwidth>{{"TIAS", 64000}, {"AS", 64}}));
  EXPECT_EQ(sdp.media[0].bandwidths, (std::vector<Bandwidth>{{"TIAS", 64000}}));
  EXPECT_EQ(find_attribute(sdp.media[0].attributes, "trafficclass")->value,
            "conversational.audio.aq:admitted");
  EXPECT_EQ(connection_of(sdp, sdp.media[0])->address, "198.51.100.40");
}

TEST(GoldenFields, HoldShapes) {
  const auto yealink = load("yealink_hold_sendonly");
  EXPECT_EQ(direction(yealink, yealink.media[0]), Direction::sendonly);
  EXPECT_EQ(yealink.origin.session_version, "20083");
  const auto cisco = load("cisco_ios_legacy_hold");
  EXPECT_TRUE(is_legacy_hold(cisco, cisco.media[0]));
  EXPECT_EQ(direction(cisco, cisco.media[0]), Direction::sendrecv);
}

TEST(GoldenFields, DeskPhones) {
  const auto polycom = load("polycom_offer");
  EXPECT_EQ(rtpmap_of(polycom.media[0], 102), (RtpMap{102, "G7221", 16000, 0}));
  EXPECT_EQ(parse_fmtp_params(fmtp_of(polycom.media[0], 18)),
            (std::vector<std::pair<std::string, std::string>>{{"annexb", "no"}}));
  const auto yealink = load("yealink_offer");
  EXPECT_EQ(encodings(yealink.media[0])[2], "G729/8000");
}

TEST(GoldenFields, SeparateRtcpPortAndBaresipG722) {
  const auto pj = load("pjsua_rtcp_port_offer");
  EXPECT_EQ(rtcp_attribute(pj.media[0])->port, 4001);
  EXPECT_EQ(rtcp_attribute(pj.media[0])->address->address, "192.0.2.90");
  EXPECT_EQ(pj.bandwidths[0], (Bandwidth{"AS", 84}));
  const auto baresip = load("baresip_offer");
  EXPECT_EQ(rtpmap_of(baresip.media[0], 9)->clock_rate, 16000U);  // RFC 3551 says 8000
  EXPECT_EQ(ptime(baresip.media[0]), 20U);
}

TEST(GoldenFields, IPv6AndDataChannel) {
  const auto v6 = load("snom_ipv6_offer");
  EXPECT_EQ(v6.origin.addr_type, "IP6");
  EXPECT_EQ(connection_of(v6, v6.media[0]), (Connection{"IN", "IP6", "2001:db8::1:20"}));
  const auto dc = load("chrome_datachannel_offer");
  const auto& app = dc.media[1];
  EXPECT_EQ(app.media, "application");
  EXPECT_EQ(app.proto, "UDP/DTLS/SCTP");
  EXPECT_EQ(app.formats, (std::vector<std::string>{"webrtc-datachannel"}));
  EXPECT_TRUE(payload_types(app).empty());
  EXPECT_EQ(find_attribute(app.attributes, "sctp-port")->value, "5000");
  EXPECT_EQ(mid(app), "1");
}

TEST(GoldenFields, BlankSessionName) { EXPECT_EQ(load("blank_session_name").session_name, " "); }

}  // namespace
}  // namespace rtcsip::sdp
