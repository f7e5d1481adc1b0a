#pragma once
// The typed, validated configuration of rtcsipd. Every field has a default
// except where noted; config/rtcsipd.yaml documents each key.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rtcsip::config {

using Milliseconds = std::chrono::milliseconds;

// Where a value came from, for messages that point at the file.
struct Location {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based
};

enum class Transport { udp, tcp, tls, ws, wss };
std::string_view to_string(Transport t);
// The port a transport listens on when none is given.
std::uint16_t default_port(Transport t);
// True for the transports that run over TCP (and so share the TCP port space).
bool is_stream(Transport t);
bool is_secure(Transport t);

struct Listener {
  Transport transport = Transport::udp;
  std::string address = "0.0.0.0";
  std::uint16_t port = 0;
  // TLS and WSS: PEM files; when both are empty a self-signed certificate is
  // generated in the state directory.
  std::filesystem::path certificate;
  std::filesystem::path private_key;
  std::filesystem::path ca_file;             // TLS: CAs to check client certificates against
  bool verify_client = false;                // TLS: require a client certificate
  std::vector<std::string> allowed_origins;  // WS/WSS: empty allows any Origin
  Location location;                         // of this listener's entry
  Location certificate_location;             // of its certificate key, when given
};

struct SipSettings {
  std::string domain;      // the gateway's SIP domain (and digest realm); default: host name
  std::string user_agent;  // default: "rtcsipd/<version>"
  Milliseconds t1{500};
  Milliseconds t2{4000};
  Milliseconds t4{5000};
  Milliseconds session_expires{1800'000};
  Milliseconds min_se{90'000};
};

enum class IceMode { lite, full };
enum class SrtpMode { none, sdes, optional };
enum class Codec { opus, g722, pcmu, pcma };
std::string_view to_string(IceMode m);
std::string_view to_string(SrtpMode m);
std::string_view to_string(Codec c);

struct OpusSettings {
  int complexity = 5;   // 0..10
  int bitrate = 32000;  // bit/s, 6000..510000
  bool fec = true;
};

struct MediaSettings {
  std::string bind_address = "0.0.0.0";
  std::string advertised_address;  // empty: the bind address (or the first interface address)
  std::uint16_t port_min = 20000;
  std::uint16_t port_max = 40000;
  unsigned workers = 0;  // 0: one per core
  IceMode ice = IceMode::lite;
  // ICE-lite only: worker i puts all its WebRTC legs on UDP port shared_port + i
  // (a container publishes one port per worker); 0: a port per leg from the range.
  std::uint16_t shared_port = 0;
  std::string stun_server;    // full ICE only, host:port
  std::string turn_server;    // full ICE only, host:port (TURN over UDP)
  std::string turn_username;  // with turn_server
  std::string turn_password;
  std::vector<Codec> codecs{Codec::opus, Codec::g722, Codec::pcmu, Codec::pcma};
  SrtpMode srtp = SrtpMode::none;  // toward legacy peers, unless a trunk says otherwise
  OpusSettings opus;
};

struct User {
  std::string username;
  std::string password;
  std::string ha1_md5;     // hex MD5(username:realm:password), instead of password
  std::string ha1_sha256;  // hex SHA-256(username:realm:password)
  std::string display_name;
  Location location;
};

struct AuthSettings {
  std::vector<std::string> algorithms{"SHA-256", "MD5"};  // offered, in order
  Milliseconds nonce_lifetime{300'000};
};

struct Trunk {
  std::string name;
  std::string host;                   // host name, IPv4 or IPv6 address
  std::optional<std::uint16_t> port;  // none: per RFC 3263 (SRV, or the transport's default)
  Transport transport = Transport::udp;
  std::vector<Codec> codecs;     // empty: media.codecs
  std::optional<SrtpMode> srtp;  // none: media.srtp
  std::string username;
  std::string password;
  std::string realm;  // empty: answer the realm the trunk names
  bool register_ = false;
  Milliseconds register_expires{3600'000};
  Milliseconds options_interval{0};            // 0: no OPTIONS keepalive
  std::vector<std::string> allowed_addresses;  // IPs or CIDRs calls may come from; empty: host's
  Location location;
};

enum class RouteSource { webrtc, trunk };

struct Route {
  std::string name;
  RouteSource from = RouteSource::webrtc;
  std::string from_trunk;  // with from: trunk, optionally one trunk only
  std::string prefix;      // match: dialled user part starts with this
  std::string pattern;     // or: ECMAScript regular expression on the user part
  unsigned strip = 0;      // digits removed from the front
  std::string prepend;     // added in front after stripping
  std::string rewrite;     // with pattern: replacement ($1 ...), instead of strip/prepend
  std::string to_trunk;
  std::string to_user;
  Location location;
};

struct Limits {
  std::uint32_t max_message_size = 65535;
  std::uint32_t max_connections = 10000;
  std::uint32_t max_connections_per_address = 100;
  std::uint32_t max_calls = 2000;
  Milliseconds handshake_timeout{10'000};
  Milliseconds idle_timeout{600'000};
};

struct LoggingSettings {
  std::string level = "info";
  std::string file;                            // empty: console only
  std::map<std::string, std::string> modules;  // module -> level
};

struct MetricsSettings {
  bool enabled = true;
  std::string path = "/metrics";  // served on the WSS listener
};

struct Config {
  std::filesystem::path source;     // the file this came from
  std::filesystem::path state_dir;  // empty: chosen at start-up
  std::vector<Listener> listeners;
  SipSettings sip;
  MediaSettings media;
  AuthSettings auth;
  std::vector<User> users;
  std::vector<Trunk> trunks;
  std::vector<Route> routes;
  Limits limits;
  LoggingSettings logging;
  MetricsSettings metrics;
};

// One problem found in a configuration file.
struct Diagnostic {
  Location location;
  std::string key_path;  // "listeners[1].port"; empty for syntax errors
  std::string message;
  // "file:line:column: key.path: message"
  [[nodiscard]] std::string to_string() const;
};

struct LoadResult {
  std::optional<Config> config;    // set when there are no errors
  std::vector<Diagnostic> errors;  // every problem found
};

// Reads and validates a YAML configuration file. Relative paths inside it
// are taken relative to the file's directory.
LoadResult load_file(const std::filesystem::path& file);
// The same for YAML text; `name` stands for the file in messages and
// `base_dir` resolves relative paths.
LoadResult load_string(std::string_view yaml, const std::string& name,
                       const std::filesystem::path& base_dir = {});

}  // namespace rtcsip::config
