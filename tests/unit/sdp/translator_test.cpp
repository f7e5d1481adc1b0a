// WebRTC <-> legacy translation: golden cases under tests/data/sdp/translate/
// in both call directions, with the policy of each case built here.
#include "rtcsip/sdp/translator.hpp"

#include <gtest/gtest.h>

#include "golden.hpp"

namespace rtcsip::sdp {
namespace {

Codec audio(std::string name, std::uint32_t rate, std::uint32_t channels = 0, std::string fmtp = {},
            std::optional<std::uint8_t> pt = std::nullopt) {
  return Codec{"audio", std::move(name), rate, channels, std::move(fmtp), pt};
}

Crypto key(std::uint32_t tag, std::string suite, std::string key_salt) {
  return Crypto{tag, std::move(suite), {CryptoKey{"inline", std::move(key_salt), {}, {}}}, {}};
}

// The gateway toward an Asterisk-like PBX: G.711 and G.722 relayed, DTMF as
// RFC 4733 at 8 kHz with PT 101, plain RTP on 198.51.100.10:30000, and one
// ICE-lite host candidate 203.0.113.5:40000 toward the browser.
TranslationPolicy asterisk() {
  TranslationPolicy p;
  p.codecs = {audio("PCMU", 8000), audio("PCMA", 8000), audio("G722", 8000),
              audio("telephone-event", 8000, 0, "0-16", 101)};
  p.legacy.address = "198.51.100.10";
  p.legacy.session_id = "4000";
  p.legacy.audio = MediaPorts{30000, std::nullopt};
  p.webrtc.session_id = "7000";
  p.webrtc.ice = IceCredentials{"rtcS", "Xk2pQ9vL7mN4rT8wY1zA5bC3"};
  p.webrtc.candidates = {HostCandidate{"203.0.113.5", 40000}};
  p.webrtc.fingerprint = Fingerprint{
      "sha-256",
      "89:92:E3:FC:3D:AD:B9:B3:19:4F:D3:E2:FF:EA:08:9E:97:B6:7D:19:74:57:94:EA:95:41:D4:EE:D4:77:EF:B5"};
  p.webrtc.answer_setup = Setup::active;
  return p;
}

TranslationPolicy asterisk_sdes() {
  auto p = asterisk();
  p.legacy.srtp = SrtpMode::sdes;
  p.legacy.sdes_keys = {key(1, "AES_CM_128_HMAC_SHA1_80", "cnRjc2lwZC1sZWdhY3kta2V5LTAxMjM0NTY3ODlh"),
                        key(2, "AES_CM_128_HMAC_SHA1_32", "cnRjc2lwZC1zZWNvbmQta2V5LUFFUzEyOC0zMiEh")};
  return p;
}

// Toward FreeSWITCH: Opus relayed too, RTCP announced on its own port.
TranslationPolicy freeswitch() {
  auto p = asterisk();
  p.codecs = {audio("opus", 48000, 2),
              audio("G722", 8000),
              audio("PCMU", 8000),
              audio("PCMA", 8000),
              audio("telephone-event", 8000, 0, "0-16", 101),
              audio("telephone-event", 48000, 0, "0-16", 110)};
  p.legacy.audio = MediaPorts{30000, 30003};
  return p;
}

SessionDescription load(const std::string& file) { return golden::load("translate", file); }

using Translate = Result<SessionDescription> (*)(const SessionDescription&, const TranslationPolicy&,
                                                 const SessionDescription*);
using TranslateAnswer = Result<SessionDescription> (*)(const SessionDescription&, const SessionDescription&,
                                                       const TranslationPolicy&, const SessionDescription*);

// <name>.in.sdp (an offer) through `fn`, against <name>.expected.sdp.
void expect_offer(const std::string& name, Translate fn, const TranslationPolicy& policy,
                  const std::string& previous_file = {}) {
  std::optional<SessionDescription> previous;
  if (!previous_file.empty()) previous = load(previous_file);
  auto out = fn(load(name + ".in.sdp"), policy, previous ? &*previous : nullptr);
  ASSERT_TRUE(out.ok()) << name << ": " << out.error().reason;
  golden::expect_matches("translate", name, *out);
}

// <name>.in.sdp (an answer to `offer_file`) through `fn`, against <name>.expected.sdp.
void expect_answer(const std::string& name, TranslateAnswer fn, const std::string& offer_file,
                   const TranslationPolicy& policy, const std::string& previous_file = {}) {
  std::optional<SessionDescription> previous;
  if (!previous_file.empty()) previous = load(previous_file);
  auto out = fn(load(offer_file), load(name + ".in.sdp"), policy, previous ? &*previous : nullptr);
  ASSERT_TRUE(out.ok()) << name << ": " << out.error().reason;
  golden::expect_matches("translate", name, *out);
}

// ---- the browser calls out

TEST(TranslateBrowserCallsOut, ChromeAudioOfferBecomesAsteriskStyleOffer) {
  expect_offer("chrome_audio_to_asterisk", legacy_offer_from_webrtc, asterisk());
}

TEST(TranslateBrowserCallsOut, AsteriskAnswerBecomesChromeAnswer) {
  expect_answer("asterisk_answer_to_chrome", webrtc_answer_from_legacy, "chrome_audio_to_asterisk.in.sdp",
                asterisk());
}

TEST(TranslateBrowserCallsOut, ChromeAudioVideoOfferBecomesLegacyAudioOnly) {
  expect_offer("chrome_av_to_legacy", legacy_offer_from_webrtc, asterisk());
}

TEST(TranslateBrowserCallsOut, LegacyAudioAnswerRejectsVideoTowardTheBrowser) {
  expect_answer("legacy_answer_to_chrome_av", webrtc_answer_from_legacy, "chrome_av_to_legacy.in.sdp",
                asterisk());
}

TEST(TranslateBrowserCallsOut, ChromeOfferBecomesSdesOffer) {
  expect_offer("chrome_to_legacy_sdes", legacy_offer_from_webrtc, asterisk_sdes());
}

TEST(TranslateBrowserCallsOut, SdesAnswerBecomesChromeAnswer) {
  expect_answer("sdes_answer_to_chrome", webrtc_answer_from_legacy, "chrome_to_legacy_sdes.in.sdp",
                asterisk_sdes());
}

TEST(TranslateBrowserCallsOut, ChromeHoldReofferBecomesSendonlyReoffer) {
  expect_offer("chrome_hold_to_asterisk", legacy_offer_from_webrtc, asterisk(),
               "chrome_audio_to_asterisk.expected.sdp");
}

TEST(TranslateBrowserCallsOut, PbxHoldWithSendonlyBecomesBrowserReoffer) {
  // Mid-call re-INVITE from the PBX: our previous SDP toward the browser was our answer.
  expect_offer("pbx_hold_sendonly", webrtc_offer_from_legacy, asterisk(),
               "asterisk_answer_to_chrome.expected.sdp");
}

TEST(TranslateBrowserCallsOut, PbxHoldWithZeroAddressBecomesSendonlyBrowserReoffer) {
  expect_offer("pbx_hold_zero_address", webrtc_offer_from_legacy, asterisk(),
               "asterisk_answer_to_chrome.expected.sdp");
}

TEST(TranslateBrowserCallsOut, BrowserAnswerToHoldBecomesRecvonlyAnswerToPbx) {
  expect_answer("browser_hold_answer_to_pbx", legacy_answer_from_webrtc, "pbx_hold_sendonly.in.sdp",
                asterisk(), "chrome_audio_to_asterisk.expected.sdp");
}

// ---- the legacy side calls in

TEST(TranslateLegacyCallsIn, FreeswitchOfferBecomesBrowserOffer) {
  expect_offer("freeswitch_offer_to_browser", webrtc_offer_from_legacy, freeswitch());
}

TEST(TranslateLegacyCallsIn, BrowserAnswerBecomesFreeswitchAnswer) {
  expect_answer("browser_answer_to_freeswitch", legacy_answer_from_webrtc,
                "freeswitch_offer_to_browser.in.sdp", freeswitch());
}

TEST(TranslateLegacyCallsIn, SdesOfferBecomesBrowserOffer) {
  expect_offer("legacy_sdes_offer_to_browser", webrtc_offer_from_legacy, asterisk_sdes());
}

TEST(TranslateLegacyCallsIn, BrowserAnswerBecomesSdesAnswerWithTheOfferedTag) {
  expect_answer("browser_answer_to_legacy_sdes", legacy_answer_from_webrtc,
                "legacy_sdes_offer_to_browser.in.sdp", asterisk_sdes());
}

TEST(TranslateGolden, FilesRoundTripThroughTheParser) {
  for (const auto& entry : std::filesystem::directory_iterator(golden::data_dir("translate"))) {
    const auto text = golden::read_text(entry.path());
    const auto parsed = parse(text);
    ASSERT_TRUE(parsed.ok()) << entry.path();
    EXPECT_EQ(golden::without_cr(serialize(*parsed)), text) << entry.path();
  }
}

// ---- what never crosses to the other leg

std::string text_of(const SessionDescription& sdp) { return golden::without_cr(serialize(sdp)); }

TEST(TranslateProfiles, NothingOfWebRtcReachesThePlainRtpLeg) {
  auto offer = legacy_offer_from_webrtc(load("chrome_av_to_legacy.in.sdp"), asterisk_sdes());
  ASSERT_TRUE(offer.ok());
  const auto text = text_of(*offer);
  for (const char* banned : {"a=ice-", "a=candidate", "a=fingerprint", "a=setup", "a=mid", "a=group",
                             "a=ssrc", "a=msid", "a=extmap", "a=rtcp-fb", "a=rtcp-mux", "SAVPF", "m=video"}) {
    EXPECT_EQ(text.find(banned), std::string::npos) << banned;
  }
}

TEST(TranslateProfiles, EveryBrowserSdpHasIceLiteDtlsAndRtcpMux) {
  for (const auto& policy : {asterisk(), asterisk_sdes(), freeswitch()}) {
    auto offer = webrtc_offer_from_legacy(load("freeswitch_offer_to_browser.in.sdp"), policy);
    ASSERT_TRUE(offer.ok());
    const auto text = text_of(*offer);
    for (const char* needed : {"a=ice-lite", "a=ice-ufrag:rtcS", "a=fingerprint:sha-256 ", "a=setup:actpass",
                               "a=rtcp-mux", "a=end-of-candidates", "UDP/TLS/RTP/SAVPF"}) {
      EXPECT_NE(text.find(needed), std::string::npos) << needed;
    }
    EXPECT_EQ(text.find("a=crypto"), std::string::npos);
    EXPECT_EQ(text.find("a=rtcp:"), std::string::npos);
  }
}

TEST(TranslateProfiles, AnswerSetupIsTheOppositeOfAnActiveOrPassiveOfferer) {
  auto offer = load("chrome_audio_to_asterisk.in.sdp");
  set_attribute(offer.media[0].attributes, "setup", "active");
  auto policy = asterisk();
  auto answer = webrtc_answer_from_legacy(offer, load("asterisk_answer_to_chrome.in.sdp"), policy);
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ(setup(*answer, answer->media[0]), Setup::passive);
  policy.webrtc.answer_setup = Setup::passive;
  set_attribute(offer.media[0].attributes, "setup", "actpass");
  answer = webrtc_answer_from_legacy(offer, load("asterisk_answer_to_chrome.in.sdp"), policy);
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ(setup(*answer, answer->media[0]), Setup::passive);
}

// ---- codec choice and payload types across legs

TEST(TranslateCodecs, NoCommonCodecIsA488) {
  auto legacy = load("freeswitch_offer_to_browser.in.sdp");
  auto policy = asterisk();
  policy.codecs = {audio("G729", 8000), audio("telephone-event", 8000, 0, "0-16")};
  const auto offer = webrtc_offer_from_legacy(legacy, policy);
  ASSERT_FALSE(offer.ok());
  EXPECT_EQ(offer.error().reason, "No common codec");

  policy.codecs = {audio("opus", 48000, 2)};
  auto chrome = load("chrome_audio_to_asterisk.in.sdp");
  EXPECT_TRUE(legacy_offer_from_webrtc(chrome, policy).ok());
  policy.codecs = {audio("G729", 8000)};
  EXPECT_EQ(legacy_offer_from_webrtc(chrome, policy).error().reason, "No common codec");
}

TEST(TranslateCodecs, OnlyDtmfInCommonIsNoCodec) {
  auto policy = asterisk();
  policy.codecs = {audio("G729", 8000), audio("telephone-event", 8000, 0, "0-16")};
  EXPECT_TRUE(bridge_codecs(load("chrome_audio_to_asterisk.in.sdp").media[0], policy.codecs).empty());
}

TEST(TranslateCodecs, BrowserAndLegacyPayloadTypesMapBothWays) {
  const auto chrome = load("chrome_audio_to_asterisk.in.sdp");
  auto legacy = legacy_offer_from_webrtc(chrome, asterisk());
  ASSERT_TRUE(legacy.ok());
  const auto to_legacy = map_payload_types(chrome.media[0], legacy->media[0]);
  EXPECT_EQ(to_legacy.lookup(0), 0);
  EXPECT_EQ(to_legacy.lookup(9), 9);
  EXPECT_EQ(to_legacy.lookup(126), 101);
  EXPECT_EQ(to_legacy.lookup(110), std::nullopt);
  EXPECT_EQ(to_legacy.lookup(111), std::nullopt);
  EXPECT_EQ(map_payload_types(legacy->media[0], chrome.media[0]).lookup(101), 126);
}

TEST(TranslateCodecs, VideoIsCarriedWhenTheLegacySideHasAPortForIt) {
  auto policy = asterisk();
  policy.codecs.push_back(
      Codec{"video", "H264", 90000, 0, "profile-level-id=42e01f;packetization-mode=1", {}});
  policy.legacy.video = MediaPorts{30010, std::nullopt};
  auto offer = legacy_offer_from_webrtc(load("chrome_av_to_legacy.in.sdp"), policy);
  ASSERT_TRUE(offer.ok());
  ASSERT_EQ(offer->media.size(), 2U);
  const auto& video = offer->media[1];
  EXPECT_EQ(video.port, 30010);
  EXPECT_EQ(video.proto, "RTP/AVP");
  EXPECT_EQ(video.formats, std::vector<std::string>{"104"});  // constrained baseline, packetization-mode 1
  EXPECT_EQ(fmtp_of(video, 104), "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f");
  EXPECT_FALSE(ptime(video).has_value());
}

TEST(TranslateCodecs, ReofferKeepsThePayloadTypesTheLegAlreadyUses) {
  // The browser knows DTMF as 126; a PBX re-INVITE naming it 101 must not renumber it.
  const auto previous = load("asterisk_answer_to_chrome.expected.sdp");
  auto reoffer = webrtc_offer_from_legacy(load("pbx_hold_sendonly.in.sdp"), asterisk(), &previous);
  ASSERT_TRUE(reoffer.ok());
  EXPECT_EQ(reoffer->media[0].formats, (std::vector<std::string>{"0", "126"}));
  // Without that history the legacy number is kept.
  auto fresh = webrtc_offer_from_legacy(load("pbx_hold_sendonly.in.sdp"), asterisk());
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(fresh->media[0].formats, (std::vector<std::string>{"0", "101"}));
}

TEST(TranslateReoffers, PbxReofferKeepsTheVideoLineTheBrowserOffered) {
  // The browser called with audio and video; video was rejected toward it.
  // RFC 3264 §8: our re-offer still has that m= line, disabled, with its mid.
  const auto previous = load("legacy_answer_to_chrome_av.expected.sdp");
  auto reoffer = webrtc_offer_from_legacy(load("pbx_hold_sendonly.in.sdp"), asterisk(), &previous);
  ASSERT_TRUE(reoffer.ok());
  ASSERT_EQ(reoffer->media.size(), 2U);
  EXPECT_EQ(reoffer->media[0].port, 40000);
  EXPECT_EQ(mid(reoffer->media[0]), "0");
  EXPECT_EQ(direction(*reoffer, reoffer->media[0]), Direction::sendonly);
  EXPECT_EQ(reoffer->media[1], previous.media[1]);
  EXPECT_EQ(bundle_group(*reoffer), std::vector<std::string>{"0"});
  EXPECT_EQ(reoffer->origin.session_version, "2");
}

TEST(TranslateReoffers, BrowserReofferAddingVideoAppendsItAfterTheKnownLines) {
  auto policy = asterisk();
  policy.codecs.push_back(Codec{"video", "VP8", 90000, 0, {}, {}});
  policy.legacy.video = MediaPorts{30010, std::nullopt};
  const auto previous = load("chrome_audio_to_asterisk.expected.sdp");
  auto reoffer = legacy_offer_from_webrtc(load("chrome_av_to_legacy.in.sdp"), policy, &previous);
  ASSERT_TRUE(reoffer.ok());
  ASSERT_EQ(reoffer->media.size(), 2U);
  EXPECT_EQ(reoffer->media[0].formats, previous.media[0].formats);
  EXPECT_EQ(reoffer->media[1].media, "video");
  EXPECT_EQ(reoffer->media[1].formats, std::vector<std::string>{"96"});
  EXPECT_EQ(reoffer->origin, (Origin{"rtcsipd", "4000", "2", "IN", "IP4", "198.51.100.10"}));
}

TEST(TranslateInput, MalformedSdpFromEitherLegIsA488) {
  auto bad = load("freeswitch_offer_to_browser.in.sdp");
  bad.media[0].formats.push_back("opus");
  EXPECT_EQ(webrtc_offer_from_legacy(bad, freeswitch()).error().reason, "Malformed payload type");
  EXPECT_EQ(
      legacy_answer_from_webrtc(load("freeswitch_offer_to_browser.in.sdp"), bad, freeswitch()).error().reason,
      "Malformed payload type");
  auto chrome = load("chrome_audio_to_asterisk.in.sdp");
  chrome.media[0].connections.clear();
  EXPECT_EQ(legacy_offer_from_webrtc(chrome, asterisk()).error().reason, "Missing connection address");
}

TEST(TranslateInput, OnlyADataChannelIsNoCommonMedia) {
  const auto offer = parse(
      "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
      "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n"
      "a=sctp-port:5000\r\n");
  ASSERT_TRUE(offer.ok());
  EXPECT_EQ(legacy_offer_from_webrtc(*offer, asterisk()).error().reason, "No common media");
}

// Every SDP of the test corpus, as offer and as answer in each direction:
// a translation either fails with a reason or gives SDP that parses again.
TEST(TranslateRobustness, CorpusTranslatesOrFailsWithAReason) {
  const auto check = [](const Result<SessionDescription>& out, const std::filesystem::path& file) {
    if (!out.ok()) {
      EXPECT_FALSE(out.error().reason.empty()) << file;
      return;
    }
    const auto again = parse(serialize(*out));
    EXPECT_TRUE(again.ok()) << file << ": " << (again.ok() ? "" : again.error().reason);
  };
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(golden::data_dir(""))) {
    if (entry.path().extension() != ".sdp") continue;
    const auto sdp = parse(golden::read_text(entry.path()));
    if (!sdp.ok()) continue;
    ++files;
    for (const auto& policy : {asterisk(), asterisk_sdes(), freeswitch()}) {
      check(legacy_offer_from_webrtc(*sdp, policy), entry.path());
      check(webrtc_offer_from_legacy(*sdp, policy), entry.path());
      check(webrtc_answer_from_legacy(*sdp, *sdp, policy, &*sdp), entry.path());
      check(legacy_answer_from_webrtc(*sdp, *sdp, policy, &*sdp), entry.path());
    }
  }
  EXPECT_GT(files, 40U);
}

}  // namespace
}  // namespace rtcsip::sdp
