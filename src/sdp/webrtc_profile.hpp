#pragma once
// What makes an SDP one a browser takes (RFC 8829 JSEP): ICE-lite
// credentials and host candidates (RFC 8839), the DTLS fingerprint and role
// (RFC 8122, RFC 8842) and rtcp-mux (RFC 5761, required by browsers).
#include "rtcsip/sdp/translator.hpp"

namespace rtcsip::sdp::webrtc {

// Our c= toward the browser: the address of the first host candidate.
Connection connection(const WebRtcLeg& leg);
std::uint16_t port(const WebRtcLeg& leg);

// The DTLS role we answer an offer with (RFC 8842 §5.3): the opposite of an
// active or passive offerer, our configured role for actpass; never actpass.
Setup answer_role(const SessionDescription& offer, const WebRtcLeg& leg);

// The role we offer: actpass in an initial offer (RFC 8842 §5.2); in a
// re-offer the role already in use, when `previous` shows one, so that the
// browser keeps the DTLS association instead of starting a new one.
Setup offer_role(const SessionDescription* previous);

// Adds a=ice-lite, and to every enabled m= section ice-ufrag/pwd,
// fingerprint, setup, rtcp-mux and our candidates with end-of-candidates.
void add_transport(SessionDescription& sdp, const WebRtcLeg& leg, Setup role);

}  // namespace rtcsip::sdp::webrtc
