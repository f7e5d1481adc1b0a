#pragma once
// Typed views of the SDP attributes rtcsipd works with, read from and written
// to the attribute lists of the model. Readers return nothing for absent or
// malformed attributes; writers replace or remove lines in place, keeping the
// order of the others.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rtcsip/sdp/session_description.hpp"

namespace rtcsip::sdp {

// ---- generic access
const Attribute* find_attribute(const std::vector<Attribute>& attrs, std::string_view name);
std::vector<const Attribute*> find_attributes(const std::vector<Attribute>& attrs, std::string_view name);
bool has_attribute(const std::vector<Attribute>& attrs, std::string_view name);
// For both, an empty value writes a flag attribute ("a=rtcp-mux", never "a=rtcp-mux:").
void set_attribute(std::vector<Attribute>& attrs, std::string_view name,
                   std::string value);  // replace first or append
void add_attribute(std::vector<Attribute>& attrs, std::string_view name, std::string value = {},
                   bool has_value = true);
std::size_t remove_attributes(std::vector<Attribute>& attrs, std::string_view name);

// ---- media direction (RFC 3264 §5.1, §8.4)
enum class Direction : std::uint8_t { sendrecv, sendonly, recvonly, inactive };
std::string_view to_string(Direction d);
// The m= section's own direction attribute, else the session's, else sendrecv.
Direction direction(const SessionDescription& sdp, const MediaDescription& m);
void set_direction(MediaDescription& m, Direction d);  // replaces any direction attribute of the section
Direction reverse(Direction d);                        // sendonly <-> recvonly
// RFC 3264 §8.4 legacy hold: c= address 0.0.0.0 (or :: for IP6).
bool is_legacy_hold(const SessionDescription& sdp, const MediaDescription& m);
// The c= that applies to a section: its own, else the session's.
std::optional<Connection> connection_of(const SessionDescription& sdp, const MediaDescription& m);

// ---- RTP payload formats
struct RtpMap {
  std::uint8_t payload_type = 0;
  std::string encoding;  // as written: "opus", "PCMU", "telephone-event"
  std::uint32_t clock_rate = 0;
  std::uint32_t channels = 0;  // 0 when not given
  friend bool operator==(const RtpMap&, const RtpMap&) = default;
};
std::optional<RtpMap> parse_rtpmap(std::string_view value);  // "111 opus/48000/2"
std::string format_rtpmap(const RtpMap& r);
// The rtpmap of a payload type, or the static one of RFC 3551 (0 PCMU, 8 PCMA,
// 9 G722/8000, 18 G729, 3 GSM, 4 G723, 13 CN ...) when the section has none.
std::optional<RtpMap> rtpmap_of(const MediaDescription& m, std::uint8_t pt);
// The fmtp parameters of a payload type ("minptime=10;useinbandfec=1"), or empty.
std::string fmtp_of(const MediaDescription& m, std::uint8_t pt);
// fmtp "a=b;c=d" parameters as name/value pairs (names lower-cased).
std::vector<std::pair<std::string, std::string>> parse_fmtp_params(std::string_view params);
std::vector<std::uint8_t> payload_types(const MediaDescription& m);  // the numeric formats of m=
std::optional<std::uint32_t> ptime(const MediaDescription& m);
std::optional<std::uint32_t> maxptime(const MediaDescription& m);

// ---- WebRTC transport (RFC 8839 ICE, RFC 8122 fingerprint, RFC 4145 setup, RFC 8843 BUNDLE, RFC 5761)
struct Candidate {
  std::string foundation;
  std::uint32_t component = 1;
  std::string transport;  // "udp", "tcp"
  std::uint32_t priority = 0;
  std::string address;
  std::uint16_t port = 0;
  std::string type;  // "host", "srflx", "prflx", "relay"
  std::string related_address;
  std::uint16_t related_port = 0;
  std::vector<std::pair<std::string, std::string>> extensions;  // "generation 0", "tcptype passive", ...
  friend bool operator==(const Candidate&, const Candidate&) = default;
};
std::optional<Candidate> parse_candidate(std::string_view value);  // the a=candidate value
std::string format_candidate(const Candidate& c);
std::vector<Candidate> candidates(const MediaDescription& m);

struct IceCredentials {
  std::string ufrag;
  std::string pwd;
};
// The section's ice-ufrag/ice-pwd, else the session's.
std::optional<IceCredentials> ice_credentials(const SessionDescription& sdp, const MediaDescription& m);
bool ice_lite(const SessionDescription& sdp);
std::vector<std::string> ice_options(const SessionDescription& sdp, const MediaDescription& m);

struct Fingerprint {
  std::string hash;   // "sha-256" (lower case)
  std::string value;  // "AB:CD:..." (upper case)
};
std::optional<Fingerprint> fingerprint(const SessionDescription& sdp, const MediaDescription& m);

enum class Setup : std::uint8_t { actpass, active, passive, holdconn };
std::optional<Setup> setup(const SessionDescription& sdp, const MediaDescription& m);
std::string_view to_string(Setup s);

std::optional<std::string> mid(const MediaDescription& m);
// a=group:BUNDLE 0 1 -> {"0", "1"}; empty when there is no BUNDLE group.
std::vector<std::string> bundle_group(const SessionDescription& sdp);
bool rtcp_mux(const MediaDescription& m);
// a=rtcp:<port> [<nettype> <addrtype> <address>] (RFC 3605)
struct RtcpAttribute {
  std::uint16_t port = 0;
  std::optional<Connection> address;
};
std::optional<RtcpAttribute> rtcp_attribute(const MediaDescription& m);

// ---- SDES keys (RFC 4568)
struct CryptoKey {
  std::string method = "inline";
  std::string key_salt;  // base64
  std::string lifetime;  // "2^31" or decimal; empty when absent
  std::string mki;       // "1:4" (value:length); empty when absent
};
struct Crypto {
  std::uint32_t tag = 0;
  std::string suite;  // "AES_CM_128_HMAC_SHA1_80", "AEAD_AES_256_GCM", ...
  std::vector<CryptoKey> keys;
  std::vector<std::string> session_params;  // "UNENCRYPTED_SRTCP", "KDR=1", ...
};
std::optional<Crypto> parse_crypto(std::string_view value);
std::string format_crypto(const Crypto& c);
std::vector<Crypto> cryptos(const MediaDescription& m);

// ---- RTP extras kept across legs or dropped
struct RtcpFeedback {
  std::string payload_type;  // "111" or "*"
  std::string type;          // "nack", "nack pli", "transport-cc", "goog-remb", "ccm fir"
};
std::vector<RtcpFeedback> rtcp_feedback(const MediaDescription& m);
struct ExtMap {
  std::uint16_t id = 0;
  std::string direction;  // empty, or "sendonly" ...
  std::string uri;
  std::string attributes;
};
std::vector<ExtMap> extmaps(const MediaDescription& m);

}  // namespace rtcsip::sdp
