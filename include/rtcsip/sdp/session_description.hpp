#pragma once
// The SDP model (RFC 8866, formerly RFC 4566): a session description as
// parsed, with every line kept in order so that serialize(parse(x)) gives x
// back for well-formed input. Attributes are kept as written; typed views of
// the ones rtcsipd works with are in attributes.hpp. SDP is on the control
// path: the model owns its strings.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rtcsip::sdp {

// a=name or a=name:value
struct Attribute {
  std::string name;
  std::string value;
  bool has_value = false;
  friend bool operator==(const Attribute&, const Attribute&) = default;
};

// c=<nettype> <addrtype> <connection-address>  (TTL and count stay in `address`)
struct Connection {
  std::string net_type = "IN";
  std::string addr_type = "IP4";  // "IP4" or "IP6"
  std::string address;
  friend bool operator==(const Connection&, const Connection&) = default;
};

// o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>
struct Origin {
  std::string username = "-";
  std::string session_id = "0";  // digits, kept as text (may exceed 64 bits)
  std::string session_version = "0";
  std::string net_type = "IN";
  std::string addr_type = "IP4";
  std::string address = "0.0.0.0";
  friend bool operator==(const Origin&, const Origin&) = default;
};

// b=<bwtype>:<bandwidth>
struct Bandwidth {
  std::string type;  // "AS", "CT", "TIAS", ...
  std::uint64_t value = 0;
  friend bool operator==(const Bandwidth&, const Bandwidth&) = default;
};

// One m= section with the lines that belong to it, in the RFC's order.
struct MediaDescription {
  std::string media;  // "audio", "video", "application", ...
  std::uint16_t port = 0;
  std::optional<std::uint16_t> port_count;  // m=audio 49170/2 ...
  std::string proto;                        // "RTP/AVP", "UDP/TLS/RTP/SAVPF", "UDP/DTLS/SCTP", ...
  std::vector<std::string> formats;         // payload types (RTP) or other fmt tokens, as written
  std::string title;                        // i=
  std::vector<Connection> connections;      // c= (more than one only for multicast layers)
  std::vector<Bandwidth> bandwidths;        // b=
  std::string key;                          // k= (obsolete, kept)
  std::vector<Attribute> attributes;        // a=, in order
  friend bool operator==(const MediaDescription&, const MediaDescription&) = default;
};

// t=<start> <stop> with its r= lines.
struct Timing {
  std::string start_stop = "0 0";
  std::vector<std::string> repeats;  // r= values
  friend bool operator==(const Timing&, const Timing&) = default;
};

struct SessionDescription {
  int version = 0;                       // v=
  Origin origin;                         // o=
  std::string session_name = "-";        // s=
  std::string information;               // i=
  std::string uri;                       // u=
  std::vector<std::string> emails;       // e=
  std::vector<std::string> phones;       // p=
  std::optional<Connection> connection;  // c= at session level
  std::vector<Bandwidth> bandwidths;     // b=
  std::vector<Timing> timings;           // t= (and r=); at least one
  std::string zone;                      // z=
  std::string key;                       // k=
  std::vector<Attribute> attributes;     // session-level a=, in order
  std::vector<MediaDescription> media;   // m= sections, in order
  friend bool operator==(const SessionDescription&, const SessionDescription&) = default;
};

}  // namespace rtcsip::sdp
