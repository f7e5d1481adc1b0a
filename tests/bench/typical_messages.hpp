#pragma once
// Messages of the size and shape the gateway sees most, for benchmarks.
#include <string>

namespace rtcsip::bench {

// A browser's INVITE over WSS (JsSIP style) with an audio-only WebRTC offer.
inline std::string webrtc_invite() {
  const std::string sdp =
      "v=0\r\n"
      "o=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n"
      "s=-\r\n"
      "t=0 0\r\n"
      "a=group:BUNDLE 0\r\n"
      "a=extmap-allow-mixed\r\n"
      "a=msid-semantic: WMS 5d3c0f6e\r\n"
      "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126\r\n"
      "c=IN IP4 0.0.0.0\r\n"
      "a=rtcp:9 IN IP4 0.0.0.0\r\n"
      "a=candidate:1 1 udp 2122260223 192.0.2.10 52339 typ host generation 0\r\n"
      "a=ice-ufrag:Xk4t\r\n"
      "a=ice-pwd:wIcI3cnTbqw0fYX3MlJg7bqU\r\n"
      "a=ice-options:trickle\r\n"
      "a=fingerprint:sha-256 "
      "6B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08\r\n"
      "a=setup:actpass\r\n"
      "a=mid:0\r\n"
      "a=sendrecv\r\n"
      "a=msid:5d3c0f6e 2a1b\r\n"
      "a=rtcp-mux\r\n"
      "a=rtpmap:111 opus/48000/2\r\n"
      "a=fmtp:111 minptime=10;useinbandfec=1\r\n"
      "a=rtpmap:0 PCMU/8000\r\n"
      "a=rtpmap:8 PCMA/8000\r\n"
      "a=rtpmap:126 telephone-event/8000\r\n"
      "a=ssrc:3470000131 cname:UVGn6Ol2R6N4xJ5W\r\n";
  return "INVITE sip:1002@gw.example.com SIP/2.0\r\n"
         "Via: SIP/2.0/WSS 5d1b8ln1kd4o.invalid;branch=z9hG4bK4436871\r\n"
         "Max-Forwards: 69\r\n"
         "To: <sip:1002@gw.example.com>\r\n"
         "From: \"Alice\" <sip:alice@gw.example.com>;tag=9e8uk4nkoj\r\n"
         "Call-ID: 1fqjpcgbrh1dtsdr4b8p\r\n"
         "CSeq: 5216 INVITE\r\n"
         "Contact: <sip:k3h2v9rl@5d1b8ln1kd4o.invalid;transport=ws;ob>\r\n"
         "Content-Type: application/sdp\r\n"
         "Session-Expires: 90\r\n"
         "Allow: INVITE,ACK,CANCEL,BYE,UPDATE,MESSAGE,OPTIONS,REFER,INFO,NOTIFY\r\n"
         "Supported: timer,ice,replaces,outbound\r\n"
         "User-Agent: JsSIP 3.10.1\r\n"
         "Content-Length: " +
         std::to_string(sdp.size()) + "\r\n\r\n" + sdp;
}

// A PBX's 200 OK with a plain RTP answer.
inline std::string pbx_200_ok() {
  const std::string sdp =
      "v=0\r\n"
      "o=- 1692003346 1692003347 IN IP4 198.51.100.20\r\n"
      "s=Asterisk\r\n"
      "c=IN IP4 198.51.100.20\r\n"
      "t=0 0\r\n"
      "m=audio 13650 RTP/AVP 0 8 101\r\n"
      "a=rtpmap:0 PCMU/8000\r\n"
      "a=rtpmap:8 PCMA/8000\r\n"
      "a=rtpmap:101 telephone-event/8000\r\n"
      "a=fmtp:101 0-16\r\n"
      "a=ptime:20\r\n"
      "a=maxptime:150\r\n"
      "a=sendrecv\r\n";
  return "SIP/2.0 200 OK\r\n"
         "Via: SIP/2.0/UDP 203.0.113.5:5060;rport=5060;received=203.0.113.5;branch=z9hG4bKPj8c1d2\r\n"
         "Call-ID: 6b8f2c1e-0d9a-4b2e-9c3f-1a2b3c4d5e6f\r\n"
         "From: <sip:alice@gw.example.com>;tag=b1c2d3e4\r\n"
         "To: <sip:1002@pbx.example.com>;tag=as5c7d9e1f\r\n"
         "CSeq: 27781 INVITE\r\n"
         "Server: Asterisk PBX 20.5.0\r\n"
         "Allow: OPTIONS, REGISTER, SUBSCRIBE, NOTIFY, PUBLISH, INVITE, ACK, BYE, CANCEL, UPDATE, PRACK, "
         "MESSAGE, REFER\r\n"
         "Contact: <sip:198.51.100.20:5060>\r\n"
         "Supported: 100rel, timer, replaces, norefersub\r\n"
         "Session-Expires: 1800;refresher=uac\r\n"
         "Require: timer\r\n"
         "P-Asserted-Identity: \"Bob\" <sip:1002@pbx.example.com>\r\n"
         "Content-Type: application/sdp\r\n"
         "Content-Length: " +
         std::to_string(sdp.size()) + "\r\n\r\n" + sdp;
}

// A browser's REGISTER with digest credentials.
inline std::string webrtc_register() {
  return "REGISTER sip:gw.example.com SIP/2.0\r\n"
         "Via: SIP/2.0/WSS 5d1b8ln1kd4o.invalid;branch=z9hG4bK2345113\r\n"
         "Max-Forwards: 69\r\n"
         "To: <sip:alice@gw.example.com>\r\n"
         "From: <sip:alice@gw.example.com>;tag=lq83l3tjqa\r\n"
         "Call-ID: 0otd4sk0gmsdh8cu8hgc5b\r\n"
         "CSeq: 2 REGISTER\r\n"
         "Authorization: Digest algorithm=SHA-256, username=\"alice\", realm=\"gw.example.com\", "
         "nonce=\"Y2a1b2c3d4e5f60718293a4b5c6d7e8f\", uri=\"sip:gw.example.com\", "
         "response=\"5f1e4b2a9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f\", qop=auth, "
         "cnonce=\"ak2g8slnm5ro\", nc=00000001\r\n"
         "Contact: <sip:k3h2v9rl@5d1b8ln1kd4o.invalid;transport=ws>;+sip.ice;reg-id=1;"
         "+sip.instance=\"<urn:uuid:1f6b3a4e-5c2d-4e8f-9a1b-2c3d4e5f6a7b>\";expires=600\r\n"
         "Expires: 600\r\n"
         "Allow: INVITE,ACK,CANCEL,BYE,UPDATE,MESSAGE,OPTIONS,REFER,INFO,NOTIFY\r\n"
         "Supported: path,gruu,outbound\r\n"
         "User-Agent: JsSIP 3.10.1\r\n"
         "Content-Length: 0\r\n\r\n";
}

}  // namespace rtcsip::bench
