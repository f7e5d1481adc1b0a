#pragma once
// Pieces shared by the offer, answer and translator code of this module.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rtcsip/sdp/offer_answer.hpp"

namespace rtcsip::sdp::oa {

bool is_rtp(const MediaDescription& m);       // an RTP profile: RTP/AVP, RTP/SAVPF, UDP/TLS/RTP/SAVPF ...
bool is_dtls(std::string_view proto);         // keyed by DTLS-SRTP (RFC 5764): UDP/TLS/RTP/SAVP(F)
bool is_sdes_secure(std::string_view proto);  // RTP/SAVP or RTP/SAVPF, keyed by a=crypto

// What create_answer() and the translator refuse in SDP from a peer, as a
// 488 reason: an m= line without formats, RTP formats that are not payload
// type numbers, a stream with a port but no c= for it.
std::optional<Error> check_description(const SessionDescription& sdp);

// A stream in use: a port, or port 0 with a=bundle-only inside the BUNDLE
// group (RFC 8843 §6: bundled, not disabled).
bool is_enabled(const SessionDescription& sdp, const MediaDescription& m);

// "IP6" for an address with a colon, else "IP4".
std::string address_type(std::string_view address);

// The m= line of `m` disabled (RFC 3264 §6, §8.2): port 0, the first format,
// and its mid so that the peer can still match it.
MediaDescription disabled_copy(const MediaDescription& m);

// The formats of an m= line with their a=rtpmap and a=fmtp lines.
void add_formats(MediaDescription& m, const std::vector<PayloadFormat>& formats);

void add_flag(std::vector<Attribute>& attrs, std::string_view name);

// a=rtcp (RFC 3605) when RTCP does not use the next port and is not muxed.
void add_rtcp_port(MediaDescription& m, const LocalStream& local, bool muxed);

}  // namespace rtcsip::sdp::oa
