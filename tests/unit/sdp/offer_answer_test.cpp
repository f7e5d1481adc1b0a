// Offer/answer (RFC 3264): golden answers under tests/data/sdp/oa/ and the
// rules behind them (codec identity, directions, versions, SDES, PT maps).
#include "rtcsip/sdp/offer_answer.hpp"

#include <gtest/gtest.h>

#include "golden.hpp"

namespace rtcsip::sdp {
namespace {

Codec audio(std::string name, std::uint32_t rate, std::uint32_t channels = 0, std::string fmtp = {}) {
  return Codec{"audio", std::move(name), rate, channels, std::move(fmtp), std::nullopt};
}

Codec video(std::string name, std::string fmtp = {}) {
  return Codec{"video", std::move(name), 90000, 0, std::move(fmtp), std::nullopt};
}

Crypto key(std::uint32_t tag, std::string suite, std::string key_salt) {
  return Crypto{tag, std::move(suite), {CryptoKey{"inline", std::move(key_salt), {}, {}}}, {}};
}

// A desk phone's worth of audio, answering from 198.51.100.10:40000.
AnswerOptions phone() {
  AnswerOptions o;
  o.origin = Origin{"rtcsipd", "5001", "1", "IN", "IP4", "198.51.100.10"};
  o.session_name = "rtcsipd";
  o.connection = Connection{"IN", "IP4", "198.51.100.10"};
  o.codecs = {audio("PCMA", 8000), audio("PCMU", 8000), audio("telephone-event", 8000, 0, "0-15")};
  o.streams = {LocalStream{40000, 40001, Direction::sendrecv}};
  o.ptime = 20;
  return o;
}

SessionDescription answer_case(const std::string& name, const AnswerOptions& options,
                               const std::string& previous_file = {}) {
  const auto offer = golden::load("oa", name + ".in.sdp");
  std::optional<SessionDescription> previous;
  if (!previous_file.empty()) previous = golden::load("oa", previous_file);
  auto answer = create_answer(offer, options, previous ? &*previous : nullptr);
  EXPECT_TRUE(answer.ok()) << name << ": " << (answer.ok() ? "" : answer.error().reason);
  return answer.ok() ? *answer : SessionDescription{};
}

void expect_answer(const std::string& name, const AnswerOptions& options, const std::string& previous = {}) {
  golden::expect_matches("oa", name, answer_case(name, options, previous));
}

// ---- golden answers

TEST(OfferAnswerGolden, AudioIntersectionInOurOrderWithTelephoneEventRangesIntersected) {
  expect_answer("audio_basic", phone());
}

TEST(OfferAnswerGolden, DynamicPayloadTypesAreTheOfferers) {
  auto o = phone();
  o.ptime.reset();
  o.codecs = {audio("opus", 48000, 2, "minptime=10;useinbandfec=1"), audio("PCMU", 8000),
              audio("telephone-event", 48000, 0, "0-15"), audio("telephone-event", 8000, 0, "0-16")};
  o.codecs[0].payload_type = 111;  // our own numbers do not matter in an answer
  o.codecs[2].payload_type = 110;
  o.codecs[3].payload_type = 101;
  expect_answer("dynamic_pt", o);
}

TEST(OfferAnswerGolden, TelephoneEventAt8000And48000MatchedByClockRate) {
  auto o = phone();
  o.ptime.reset();
  o.codecs = {audio("PCMU", 8000), audio("opus", 48000, 2), audio("telephone-event", 8000, 0, "0-15,66"),
              audio("telephone-event", 48000, 0, "0-16")};
  expect_answer("telephone_event_rates", o);
}

TEST(OfferAnswerGolden, VideoWithoutCommonCodecIsRejectedKeepingItsMLine) {
  auto o = phone();
  o.streams.push_back(LocalStream{40002, std::nullopt, Direction::sendrecv});
  expect_answer("rejected_video", o);
}

TEST(OfferAnswerGolden, BundleOfAudioAndVideoSharesTheTaggedPort) {
  auto o = phone();
  o.ptime.reset();
  o.codecs = {audio("PCMU", 8000), video("H264", "profile-level-id=42e01f;packetization-mode=1"),
              video("VP8"), video("rtx")};
  o.streams = {LocalStream{40000, 40001, Direction::sendrecv},
               LocalStream{40002, 40003, Direction::sendrecv}};
  o.rtcp_mux = true;
  o.bundle = true;
  expect_answer("bundle_av", o);
}

TEST(OfferAnswerGolden, SdesAnswersTheFirstOfferedSuiteWeHaveWithItsTagAndOurKey) {
  auto o = phone();
  o.srtp = SrtpMode::sdes;
  o.sdes_keys = {key(1, "AES_CM_128_HMAC_SHA1_80", "cnRjc2lwZC1sZWdhY3kta2V5LTAxMjM0NTY3ODlh"),
                 key(2, "AES_CM_128_HMAC_SHA1_32", "cnRjc2lwZC1zZWNvbmQta2V5LUFFUzEyOC0zMiEh")};
  expect_answer("sdes_crypto", o);
}

TEST(OfferAnswerGolden, RtcpOnItsOwnPortIsAnnouncedWithARtcp) {
  auto o = phone();
  o.streams[0].rtcp_port = 40011;
  expect_answer("separate_rtcp", o);
}

TEST(OfferAnswerGolden, HoldWithSendonlyIsAnsweredRecvonlyKeepingPortAndOrigin) {
  auto o = phone();
  o.streams[0].port = 40100;  // the established port wins (RFC 3264 §8)
  o.origin.session_id = "999";
  expect_answer("hold_sendonly", o, "audio_basic.expected.sdp");
}

TEST(OfferAnswerGolden, HoldWithZeroConnectionAddressIsAnsweredRecvonly) {
  expect_answer("hold_legacy", phone(), "audio_basic.expected.sdp");
}

TEST(OfferAnswerGolden, ResumeIsAnsweredSendrecvWithTheNextVersion) {
  expect_answer("resume", phone(), "hold_sendonly.expected.sdp");
}

TEST(OfferAnswerGolden, GoldenFilesRoundTripThroughTheParser) {
  for (const auto& entry : std::filesystem::directory_iterator(golden::data_dir("oa"))) {
    const auto text = golden::read_text(entry.path());
    const auto parsed = parse(text);
    ASSERT_TRUE(parsed.ok()) << entry.path();
    EXPECT_EQ(golden::without_cr(serialize(*parsed)), text) << entry.path();
  }
}

// ---- re-answers and versions (RFC 3264 §8)

TEST(OfferAnswer, UnchangedReanswerKeepsTheVersion) {
  const auto previous = golden::load("oa", "audio_basic.expected.sdp");
  auto answer = create_answer(golden::load("oa", "audio_basic.in.sdp"), phone(), &previous);
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ(*answer, previous);
}

TEST(OfferAnswer, IncrementVersionCarriesBeyond64Bits) {
  EXPECT_EQ(increment_version("1"), "2");
  EXPECT_EQ(increment_version("1999"), "2000");
  EXPECT_EQ(increment_version("18446744073709551615"), "18446744073709551616");
  EXPECT_EQ(increment_version("x1"), "1");
}

TEST(OfferAnswer, ContinueSessionNeverDropsMLines) {
  OfferOptions options;
  options.origin = Origin{"rtcsipd", "42", "7", "IN", "IP4", "192.0.2.1"};
  options.streams = {OfferStream{}, OfferStream{}};
  options.streams[0].local.port = 30000;
  options.streams[0].formats = {PayloadFormat{0, audio("PCMU", 8000)}};
  options.streams[1].media = "video";
  options.streams[1].local.port = 30002;
  options.streams[1].formats = {PayloadFormat{96, video("VP8")}};
  const auto previous = create_offer(options);

  options.streams.pop_back();
  options.streams[0].local.port = 31000;
  options.origin.session_id = "43";
  const auto next = create_offer(options, &previous);
  ASSERT_EQ(next.media.size(), 2U);
  EXPECT_EQ(next.media[0].port, 30000);
  EXPECT_EQ(next.media[1].port, 0);
  EXPECT_EQ(next.media[1].formats, std::vector<std::string>{"96"});
  EXPECT_EQ(next.origin.session_id, "42");
  EXPECT_EQ(next.origin.session_version, "8");
}

TEST(OfferAnswer, OfferWritesFormatsTransportAndDirection) {
  OfferOptions options;
  options.origin = Origin{"rtcsipd", "42", "1", "IN", "IP4", "192.0.2.1"};
  options.session_name = "rtcsipd";
  options.connection = Connection{"IN", "IP4", "192.0.2.1"};
  OfferStream s;
  s.proto = "RTP/SAVP";
  s.local = LocalStream{30000, 30005, Direction::sendonly};
  s.formats = {PayloadFormat{0, audio("PCMU", 8000)},
               PayloadFormat{101, audio("telephone-event", 8000, 0, "0-16")}};
  s.ptime = 20;
  s.crypto = {key(1, "AES_CM_128_HMAC_SHA1_80", "cnRjc2lwZC1sZWdhY3kta2V5LTAxMjM0NTY3ODlh")};
  options.streams = {s};
  EXPECT_EQ(
      golden::without_cr(serialize(create_offer(options))),
      "v=0\no=rtcsipd 42 1 IN IP4 192.0.2.1\ns=rtcsipd\nc=IN IP4 192.0.2.1\nt=0 0\n"
      "m=audio 30000 RTP/SAVP 0 101\na=rtpmap:0 PCMU/8000\na=rtpmap:101 telephone-event/8000\n"
      "a=fmtp:101 0-16\na=ptime:20\na=rtcp:30005\n"
      "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:cnRjc2lwZC1sZWdhY3kta2V5LTAxMjM0NTY3ODlh\na=sendonly\n");
}

// ---- errors, fit for a 488 reason phrase

std::string answer_error(const std::string& offer_text, const AnswerOptions& options) {
  const auto offer = parse(offer_text);
  EXPECT_TRUE(offer.ok());
  if (!offer.ok()) return "unparsable";
  const auto answer = create_answer(*offer, options);
  return answer.ok() ? "no error" : answer.error().reason;
}

constexpr const char* kHead = "v=0\r\no=- 1 1 IN IP4 192.0.2.5\r\ns=-\r\nc=IN IP4 192.0.2.5\r\nt=0 0\r\n";

TEST(OfferAnswerErrors, NoCommonCodec) {
  EXPECT_EQ(answer_error(
                std::string(kHead) + "m=audio 5004 RTP/AVP 18 101\r\na=rtpmap:101 telephone-event/8000\r\n",
                phone()),
            "No common codec");
}

TEST(OfferAnswerErrors, SrtpOfferedButNotAllowed) {
  EXPECT_EQ(answer_error(std::string(kHead) + "m=audio 5004 RTP/SAVP 0\r\n"
                                              "a=crypto:1 AES_CM_128_HMAC_SHA1_80 "
                                              "inline:UEJYLW9mZmVyLWtleS1mb3ItQUVTMTI4LTgwISEh\r\n",
                         phone()),
            "SRTP not supported");
}

TEST(OfferAnswerErrors, PlainRtpWhenSrtpIsRequired) {
  auto o = phone();
  o.srtp = SrtpMode::sdes;
  o.sdes_keys = {key(1, "AES_CM_128_HMAC_SHA1_80", "cnRjc2lwZC1sZWdhY3kta2V5LTAxMjM0NTY3ODlh")};
  EXPECT_EQ(answer_error(std::string(kHead) + "m=audio 5004 RTP/AVP 0\r\n", o), "SRTP required");
}

TEST(OfferAnswerErrors, OptionalSrtpTakesPlainRtpAndBestEffortKeys) {
  auto o = phone();
  o.srtp = SrtpMode::optional;
  o.sdes_keys = {key(1, "AES_CM_128_HMAC_SHA1_80", "cnRjc2lwZC1sZWdhY3kta2V5LTAxMjM0NTY3ODlh")};
  auto plain = parse(std::string(kHead) + "m=audio 5004 RTP/AVP 0\r\n");
  ASSERT_TRUE(plain.ok());
  auto answer = create_answer(*plain, o);
  ASSERT_TRUE(answer.ok());
  EXPECT_TRUE(cryptos(answer->media[0]).empty());
  auto best_effort = parse(std::string(kHead) +
                           "m=audio 5004 RTP/AVP 0\r\na=crypto:7 AES_CM_128_HMAC_SHA1_80 "
                           "inline:UEJYLW9mZmVyLWtleS1mb3ItQUVTMTI4LTgwISEh\r\n");
  ASSERT_TRUE(best_effort.ok());
  answer = create_answer(*best_effort, o);
  ASSERT_TRUE(answer.ok());
  ASSERT_EQ(cryptos(answer->media[0]).size(), 1U);
  EXPECT_EQ(cryptos(answer->media[0])[0].tag, 7U);
  EXPECT_EQ(answer->media[0].proto, "RTP/AVP");
}

TEST(OfferAnswerErrors, MalformedPayloadType) {
  EXPECT_EQ(answer_error(std::string(kHead) + "m=audio 5004 RTP/AVP 0 pcmu\r\n", phone()),
            "Malformed payload type");
}

TEST(OfferAnswerErrors, MissingConnectionAddress) {
  EXPECT_EQ(
      answer_error("v=0\r\no=- 1 1 IN IP4 192.0.2.5\r\ns=-\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\n", phone()),
      "Missing connection address");
}

TEST(OfferAnswerErrors, DisabledStreamsOnlyIsAnAnswerNotAnError) {
  const auto offer = parse(std::string(kHead) + "m=audio 0 RTP/AVP 0\r\n");
  ASSERT_TRUE(offer.ok());
  const auto answer = create_answer(*offer, phone());
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ(answer->media.at(0).port, 0);
}

TEST(OfferAnswer, BundleOnlyStreamIsAcceptedOnTheBundlePort) {
  // RFC 8843 §6: port 0 with a=bundle-only in the group is bundled, not disabled.
  const auto offer = parse(std::string(kHead) +
                           "a=group:BUNDLE a v\r\n"
                           "m=audio 10000 RTP/AVPF 0\r\na=mid:a\r\na=rtcp-mux\r\n"
                           "m=video 0 RTP/AVPF 96\r\na=mid:v\r\na=bundle-only\r\na=rtcp-mux\r\n"
                           "a=rtpmap:96 VP8/90000\r\n");
  ASSERT_TRUE(offer.ok());
  auto o = phone();
  o.codecs.push_back(video("VP8"));
  o.streams.push_back(LocalStream{40002, std::nullopt, Direction::sendrecv});
  o.rtcp_mux = true;
  o.bundle = true;
  const auto answer = create_answer(*offer, o);
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ(answer->media[1].port, 40000);
  EXPECT_EQ(answer->media[1].formats, std::vector<std::string>{"96"});
  EXPECT_EQ(bundle_group(*answer), (std::vector<std::string>{"a", "v"}));
  o.bundle = false;  // without BUNDLE it stays a disabled stream
  EXPECT_EQ(create_answer(*offer, o)->media[1].port, 0);
}

// ---- directions (RFC 3264 §6.1, §8.4)

TEST(Directions, AnswerDirectionFollowsTheOfferAndOurWish) {
  using D = Direction;
  EXPECT_EQ(answer_direction(D::sendrecv, D::sendrecv), D::sendrecv);
  EXPECT_EQ(answer_direction(D::sendrecv, D::recvonly), D::recvonly);
  EXPECT_EQ(answer_direction(D::sendonly, D::sendrecv), D::recvonly);
  EXPECT_EQ(answer_direction(D::sendonly, D::sendonly), D::inactive);
  EXPECT_EQ(answer_direction(D::recvonly, D::sendrecv), D::sendonly);
  EXPECT_EQ(answer_direction(D::recvonly, D::recvonly), D::inactive);
  EXPECT_EQ(answer_direction(D::inactive, D::sendrecv), D::inactive);
}

TEST(Directions, HoldAndResume) {
  using D = Direction;
  EXPECT_EQ(hold_direction(D::sendrecv), D::sendonly);
  EXPECT_EQ(hold_direction(D::recvonly), D::inactive);
  EXPECT_EQ(resume_direction(D::sendonly), D::sendrecv);
  EXPECT_EQ(resume_direction(D::inactive), D::recvonly);
}

TEST(Directions, ZeroAddressIsHoldExceptUnderIce) {
  auto held = parse(std::string("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n") +
                    "m=audio 5004 RTP/AVP 0\r\na=recvonly\r\n");
  ASSERT_TRUE(held.ok());
  EXPECT_EQ(effective_direction(*held, held->media[0]), Direction::inactive);
  // JSEP: port 9 and c=0.0.0.0 before candidates are known; ICE decides where media goes.
  auto ice = parse(std::string("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n") +
                   "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\nc=IN IP4 0.0.0.0\r\na=ice-ufrag:abcd\r\n"
                   "a=ice-pwd:0123456789012345678901\r\n");
  ASSERT_TRUE(ice.ok());
  EXPECT_EQ(effective_direction(*ice, ice->media[0]), Direction::sendrecv);
}

// ---- codecs

TEST(Codecs, TelephoneEventRangesIntersect) {
  EXPECT_EQ(intersect_events("0-16", ""), "0-15");
  EXPECT_EQ(intersect_events("0-15,66,70", "0-16,70"), "0-15,70");
  EXPECT_EQ(intersect_events("0-11,12-15", "0-15"), "0-15");
  EXPECT_EQ(intersect_events("32", "0-15"), "");
  EXPECT_EQ(intersect_events("0-255", "255,1"), "1,255");
}

TEST(Codecs, H264ProfileAndPacketizationModeMustMatchLevelNeedNot) {
  const auto h264 = [](const std::string& fmtp) { return video("H264", fmtp); };
  EXPECT_TRUE(same_codec(h264("profile-level-id=42e01f;packetization-mode=1"),
                         h264("packetization-mode=1;profile-level-id=42C034")));
  EXPECT_TRUE(same_codec(h264("profile-level-id=42e01f;packetization-mode=1"),
                         h264("profile-level-id=4de01f;packetization-mode=1")));  // constrained baseline
  EXPECT_FALSE(same_codec(h264("profile-level-id=42e01f;packetization-mode=1"),
                          h264("profile-level-id=42001f;packetization-mode=1")));
  EXPECT_FALSE(
      same_codec(h264("profile-level-id=42e01f;packetization-mode=1"), h264("profile-level-id=42e01f")));
  EXPECT_FALSE(same_codec(h264("profile-level-id=640c1f;packetization-mode=1"),
                          h264("profile-level-id=64001f;packetization-mode=1")));
  EXPECT_TRUE(same_codec(h264(""), h264("profile-level-id=42000d")));
}

TEST(Codecs, NameCaseClockRateAndChannels) {
  EXPECT_TRUE(same_codec(audio("pcmu", 8000), audio("PCMU", 8000, 1)));
  EXPECT_FALSE(same_codec(audio("opus", 48000, 2), audio("opus", 48000)));
  EXPECT_FALSE(same_codec(audio("telephone-event", 8000), audio("telephone-event", 48000)));
  EXPECT_EQ(static_payload_type(audio("G722", 8000)), 9);
  EXPECT_EQ(static_payload_type(audio("G722", 16000)), std::nullopt);
}

// ---- SDES and payload-type maps

TEST(Sdes, OfferedLinesWithSessionParametersAreNotTaken) {
  auto offer =
      parse(std::string(kHead) +
            "m=audio 5004 RTP/SAVP 0\r\n"
            "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:UEJYLW9mZmVyLWtleS1mb3ItQUVTMTI4LTgwISEh "
            "UNENCRYPTED_SRTCP\r\n"
            "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:UEJYLWtleS1mb3ItQUVTMTI4LUhNQUMtMzJiaXRz\r\n");
  ASSERT_TRUE(offer.ok());
  const auto chosen = answer_crypto(
      offer->media[0], {key(9, "AES_CM_128_HMAC_SHA1_80", "cnRjc2lwZC1sZWdhY3kta2V5LTAxMjM0NTY3ODlh")});
  ASSERT_TRUE(chosen.has_value());
  EXPECT_EQ(chosen->tag, 2U);
  EXPECT_EQ(chosen->keys.at(0).key_salt, "cnRjc2lwZC1sZWdhY3kta2V5LTAxMjM0NTY3ODlh");
}

TEST(PayloadMaps, SameCodecAcrossLegsWhateverTheNumbers) {
  const auto legacy =
      parse(std::string(kHead) + "m=audio 5004 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n");
  const auto webrtc = parse(std::string(kHead) +
                            "m=audio 9 UDP/TLS/RTP/SAVPF 111 0 110 126\r\na=rtpmap:111 opus/48000/2\r\n"
                            "a=rtpmap:110 telephone-event/48000\r\na=rtpmap:126 telephone-event/8000\r\n");
  ASSERT_TRUE(legacy.ok() && webrtc.ok());
  const auto to_webrtc = map_payload_types(legacy->media[0], webrtc->media[0]);
  EXPECT_EQ(to_webrtc.lookup(0), 0);
  EXPECT_EQ(to_webrtc.lookup(101), 126);
  EXPECT_EQ(to_webrtc.lookup(8), std::nullopt);
  EXPECT_EQ(to_webrtc.size(), 2U);
  const auto to_legacy = map_payload_types(webrtc->media[0], legacy->media[0]);
  EXPECT_EQ(to_legacy.lookup(126), 101);
  EXPECT_EQ(to_legacy.lookup(110), std::nullopt);
  EXPECT_EQ(to_legacy.lookup(111), std::nullopt);
  EXPECT_EQ(to_legacy.lookup(200), std::nullopt);
}

}  // namespace
}  // namespace rtcsip::sdp
