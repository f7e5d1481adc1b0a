#pragma once
// SDP translation between the two legs of a call: the WebRTC leg toward a
// browser (ICE-lite, DTLS-SRTP, UDP/TLS/RTP/SAVPF, rtcp-mux, BUNDLE) and the
// legacy leg toward a PBX or phone (RTP/AVP or RTP/SAVP with SDES, RTCP on
// its own port, no ICE).
//
// Each leg gets only what it can take: no ICE, fingerprint, mid or BUNDLE
// toward a plain RTP peer; always ICE-lite, DTLS and rtcp-mux toward a browser.
// One stream of each kind is carried: the first audio stream, and the first
// video stream when the legacy side has a port for video; other streams are
// left out of the SDP sent to the other leg and rejected in answers.
//
// Codecs are relayed, not transcoded: a codec is carried only when both legs
// have it and the policy allows it (bridge_codecs() is where that choice is
// made). With no such codec the translation fails with a 488 reason.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rtcsip/sdp/attributes.hpp"
#include "rtcsip/sdp/codec.hpp"
#include "rtcsip/sdp/offer_answer.hpp"
#include "rtcsip/sdp/parser.hpp"
#include "rtcsip/sdp/session_description.hpp"

namespace rtcsip::sdp {

struct MediaPorts {
  std::uint16_t rtp = 0;              // 0: this kind of media is not carried to the legacy side
  std::optional<std::uint16_t> rtcp;  // a=rtcp when it is not rtp + 1 (RFC 3605)
};

// Our side toward the PBX or phone.
struct LegacyLeg {
  std::string address;           // c= and o= address
  std::string session_id = "1";  // o= session id of the SDP we send on this leg
  MediaPorts audio;
  MediaPorts video;
  SrtpMode srtp = SrtpMode::none;
  std::vector<Crypto> sdes_keys;  // our keys: all offered in this order, one per suite
  std::optional<std::uint32_t> ptime = 20;
};

struct HostCandidate {
  std::string address;
  std::uint16_t port = 0;
};

// Our side toward the browser: one ICE-lite transport, RTCP muxed, streams bundled.
struct WebRtcLeg {
  std::string session_id = "1";
  IceCredentials ice;
  std::vector<HostCandidate> candidates;  // the first gives c= and the m= port
  Fingerprint fingerprint;                // of our DTLS certificate
  Setup answer_setup = Setup::active;     // our DTLS role when answering an actpass offer
};

struct TranslationPolicy {
  std::vector<Codec> codecs;  // what the relay may carry, in order of preference
  LegacyLeg legacy;
  WebRtcLeg webrtc;
  std::string origin_username = "rtcsipd";
  std::string session_name = "rtcsipd";
};

// Each function takes, as `previous`, the last SDP we sent on the leg it
// builds for, when there is one: the result then continues that session
// (RFC 3264 §8: same origin and ports, m= lines kept in place, version + 1).

// The browser calls out: its offer becomes our offer to the legacy side ...
Result<SessionDescription> legacy_offer_from_webrtc(const SessionDescription& webrtc_offer,
                                                    const TranslationPolicy& policy,
                                                    const SessionDescription* previous = nullptr);
// ... and the legacy answer becomes our answer to the browser.
Result<SessionDescription> webrtc_answer_from_legacy(const SessionDescription& webrtc_offer,
                                                     const SessionDescription& legacy_answer,
                                                     const TranslationPolicy& policy,
                                                     const SessionDescription* previous = nullptr);

// The legacy side calls in (or re-INVITEs): its offer becomes our offer to the browser ...
Result<SessionDescription> webrtc_offer_from_legacy(const SessionDescription& legacy_offer,
                                                    const TranslationPolicy& policy,
                                                    const SessionDescription* previous = nullptr);
// ... and the browser's answer becomes our answer to the legacy side.
Result<SessionDescription> legacy_answer_from_webrtc(const SessionDescription& legacy_offer,
                                                     const SessionDescription& webrtc_answer,
                                                     const TranslationPolicy& policy,
                                                     const SessionDescription* previous = nullptr);

// The codec choice, in one place: the codecs of `source` that may be carried
// to the other leg, with the source's payload types and parameters
// (telephone-event ranges narrowed to the policy's), in the policy's order of
// preference, or in the source's order when `source_order` is set (answers
// follow what the answering side preferred). Empty when no real codec (only
// DTMF or comfort noise) is left. Relay only for now: transcoding will add
// codecs that only one leg has here.
std::vector<Codec> bridge_codecs(const MediaDescription& source, const std::vector<Codec>& allowed,
                                 bool source_order = false);

}  // namespace rtcsip::sdp
