// libFuzzer target: hostile datagrams where a call's media arrives, i.e. what
// a WebRTC leg and the relay do with them. The first octet of an input picks
// the path, the rest is one datagram:
//   bits 0-1  0: WebRtcTransport::receive() (RFC 7983 demux to ICE-lite,
//                DTLS and SRTP), from the browser's address (bit 2 clear:
//                verified by ICE and selected) or from another one (set);
//             1: the gateway's SRTP session unprotects the datagram as the
//                browser sent it, then the relay's WebRTC leg;
//             2: the browser's SRTP session protects the datagram first (a
//                fuzzed packet almost never passes SRTP authentication, so
//                this is how the relay sees arbitrary plain packets that came
//                through SRTP), the gateway's unprotects it, then the relay;
//             3: the relay's legacy leg, from the source bits 2-3 pick (the
//                SDP RTP address, the SDP RTCP address, a NAT'd address, a
//                stranger).
//   bit 4     the SRTP profile: AES_CM_128_HMAC_SHA1_80 or AEAD_AES_128_GCM.
//   bit 5     the DTLS role of the transport, when this input creates it.
// What the relay forwards toward the browser is protected as the product
// does, into a buffer with srtp::kMaxRtpOverhead (kMaxRtcpOverhead) of room.
//
// Checked on the way: the transport counts every datagram and never delivers
// media (no DTLS handshake can complete: the fuzzer has no key for the
// fingerprint it expects); the relay forwards exactly when it says so, once,
// to the other leg, to an address it was given, rewritten in place; SRTP
// gives back the packet that was protected.
//
// The transport, the relay and the SRTP sessions live across inputs, so
// that DTLS handshakes, ICE nominations, latching, timeouts and replay
// windows can be reached over several of them; they are made anew every
// kInputsPerGeneration inputs (libsrtp keeps a stream per SSRC it sees), the
// transport also when it has failed. The transport is bound to 127.0.0.1 on an
// io_context that never runs, and every source address is a socket of this
// process on 127.0.0.1: its STUN answers and DTLS records reach no one else.
//
// libnice and libsrtp are not instrumented, so ASan cannot see them read
// past a datagram: each is placed to end where an inaccessible page begins.
//
// Seeds: tests/fuzz/seeds/media_receive, written by this target with
//   RTCSIP_WRITE_MEDIA_RECEIVE_SEEDS=tests/fuzz/seeds/media_receive fuzz_media_receive
#include <stun/stunagent.h>
#include <stun/usages/ice.h>
#include <sys/mman.h>
#include <unistd.h>

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/udp.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "rtcsip/core/log.hpp"
#include "rtcsip/core/manual_timer_service.hpp"
#include "rtcsip/media/dtls/dtls_context.hpp"
#include "rtcsip/media/dtls/dtls_transport.hpp"
#include "rtcsip/media/ice/endpoint.hpp"
#include "rtcsip/media/relay/relay_stream.hpp"
#include "rtcsip/media/rtp/demux.hpp"
#include "rtcsip/media/srtp/library.hpp"
#include "rtcsip/media/srtp/session_pair.hpp"
#include "rtcsip/media/webrtc/webrtc_transport.hpp"

namespace {

using namespace rtcsip;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using media::WebRtcTransport;
using media::relay::Leg;
using media::srtp::Profile;
using media::srtp::SrtpError;

// fuzz_stun's credentials: its seeds are checks this transport answers too.
constexpr const char* kUfrag = "LiteUfrg";
constexpr const char* kPwd = "LitePasswordOf24Chars+/";
constexpr const char* kRemoteUfrag = "BrwS";

constexpr std::size_t kInputsPerGeneration = 2000;
constexpr std::size_t kMaxDatagram = 4096;
constexpr core::Duration kRelayTick = 20ms;  // one packet time per relay input

constexpr std::array<Profile, 2> kProfiles = {Profile::aes_cm_128_hmac_sha1_80, Profile::aead_aes_128_gcm};

// The relay does no I/O: its addresses are values only.
constexpr auto kBrowser = media::relay::Endpoint::v4({198, 51, 100, 7}, 50000);
constexpr auto kPbxSdp = media::relay::Endpoint::v4({192, 0, 2, 10}, 4000);
constexpr auto kPbxSdpRtcp = media::relay::Endpoint::v4({192, 0, 2, 10}, 4001);
constexpr std::array<media::relay::Endpoint, 4> kLegacySources = {
    kPbxSdp, kPbxSdpRtcp, media::relay::Endpoint::v4({203, 0, 113, 5}, 61000),
    media::relay::Endpoint::v4({203, 0, 113, 66}, 4000)};

void check(bool condition, const char* what) {
  if (condition) return;
  (void)std::fprintf(stderr, "fuzz_media_receive: %s\n", what);
  std::abort();
}

// Writable memory whose last byte is followed by a PROT_NONE page; tail(n)
// is the n octets that end there.
class GuardedBuffer {
 public:
  static constexpr std::size_t kSize = 2 * kMaxDatagram;

  GuardedBuffer() {
    const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    const std::size_t readable = (kSize + page - 1) / page * page;
    void* p = mmap(nullptr, readable + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check(p != MAP_FAILED, "mmap failed");
    end_ = static_cast<std::uint8_t*>(p) + readable;
    check(mprotect(end_, page, PROT_NONE) == 0, "mprotect failed");
  }

  std::span<std::uint8_t> tail(std::size_t n) const { return {end_ - n, n}; }
  std::span<std::uint8_t> copy(std::span<const std::uint8_t> bytes) const {
    const auto out = tail(bytes.size());
    if (!bytes.empty()) std::memcpy(out.data(), bytes.data(), bytes.size());
    return out;
  }

 private:
  std::uint8_t* end_ = nullptr;
};

GuardedBuffer& received_buffer() {
  static GuardedBuffer buffer;
  return buffer;
}

GuardedBuffer& sent_buffer() {
  static GuardedBuffer buffer;
  return buffer;
}

const std::shared_ptr<const media::dtls::DtlsContext>& gateway_context() {
  static const auto context = media::dtls::DtlsContext::create_self_signed();
  return context;
}

const std::shared_ptr<const media::dtls::DtlsContext>& browser_context() {
  static const auto context = media::dtls::DtlsContext::create_self_signed();
  return context;
}

// Fixed keys, one for each direction, as tests/bench/relay_bench.cpp makes them.
media::srtp::MasterKey key(Profile p, std::uint32_t seed) {
  std::array<std::uint8_t, media::srtp::kMaxKeySaltLength> material{};
  std::uint32_t x = seed * 0x9E3779B9u + 1;
  for (auto& octet : material) {
    x = x * 1664525u + 1013904223u;
    octet = static_cast<std::uint8_t>(x >> 24);
  }
  return *media::srtp::MasterKey::from_key_salt(
      p, std::span(material).first(media::srtp::master_key_length(p) + media::srtp::master_salt_length(p)));
}

enum class Side : std::uint8_t { gateway, browser };

media::srtp::SessionPair session_pair(Profile p, Side side) {
  const auto to_browser = key(p, 0);
  const auto to_gateway = key(p, 1);
  auto pair =
      media::srtp::SessionPair::create(side == Side::gateway ? media::srtp::KeyPair{to_browser, to_gateway}
                                                             : media::srtp::KeyPair{to_gateway, to_browser});
  check(pair.ok(), "an SRTP session could not be made");
  return std::move(*pair);
}

// A browser's connectivity check with USE-CANDIDATE (RFC 8445 §7.1.2) for
// an agent with the `local` credentials; its length in `out`.
std::size_t nominating_check(std::span<std::uint8_t> out, const media::ice::IceCredentials& local) {
  static StunAgent agent = [] {
    StunAgent a{};
    stun_agent_init(&a, STUN_ALL_KNOWN_ATTRIBUTES, STUN_COMPATIBILITY_RFC5389,
                    static_cast<StunAgentUsageFlags>(STUN_AGENT_USAGE_SHORT_TERM_CREDENTIALS |
                                                     STUN_AGENT_USAGE_USE_FINGERPRINT));
    return a;
  }();
  const std::string username = local.ufrag + ':' + kRemoteUfrag;
  StunMessage message{};
  const std::size_t length = stun_usage_ice_conncheck_create(
      &agent, &message, out.data(), out.size(), reinterpret_cast<const std::uint8_t*>(username.data()),
      username.size(), reinterpret_cast<const std::uint8_t*>(local.pwd.data()), local.pwd.size(), true, true,
      0x6e7f1eff, 0x0123456789abcdefULL, nullptr, STUN_USAGE_ICE_COMPATIBILITY_RFC5245);
  check(length > 0, "libnice could not build a check");
  StunTransactionId id;
  stun_message_id(&message, id);
  stun_agent_forget_transaction(&agent, id);  // no answer is ever read
  return length;
}

// A bound UDP socket of ours that nothing reads: where the transport's
// answers to a source address go.
struct Sink {
  explicit Sink(asio::io_context& io)
      : socket(io, asio::ip::udp::endpoint(asio::ip::address_v4::loopback(), 0)),
        endpoint(media::ice::Endpoint::from_v4({127, 0, 0, 1}, socket.local_endpoint().port())) {}
  asio::ip::udp::socket socket;
  media::ice::Endpoint endpoint;
};

// The SRTP sessions of one profile: the gateway's and the browser's.
struct Sessions {
  explicit Sessions(Profile p)
      : gateway(session_pair(p, Side::gateway)), browser(session_pair(p, Side::browser)) {}
  media::srtp::SessionPair gateway;
  media::srtp::SessionPair browser;
};

media::relay::RelayConfig relay_config() {
  media::relay::RelayConfig c;
  c.webrtc.ssrc = 0xAAAA0001;
  c.webrtc.payload_types.add(0, 0);      // PCMU
  c.webrtc.payload_types.add(8, 8);      // PCMA
  c.webrtc.payload_types.add(126, 101);  // telephone-event
  c.legacy.ssrc = 0xBBBB0002;
  c.legacy.payload_types.add(0, 0);
  c.legacy.payload_types.add(8, 8);
  c.legacy.payload_types.add(101, 126);
  c.legacy_rtp = kPbxSdp;
  c.legacy_rtcp = kPbxSdpRtcp;
  c.rtp_timeout = 1s;  // reached within a RelayPath's life at kRelayTick per input
  return c;
}

bool is_legacy_source(const media::relay::Endpoint& e) {
  for (const auto& s : kLegacySources)
    if (e == s) return true;
  return false;
}

// The WebRTC leg under test: a transport whose browser address is verified
// and selected. Members are destroyed in reverse order: the timers after
// what schedules on them.
class WebRtcLeg {
 public:
  WebRtcLeg(asio::io_context& io, const media::ice::Endpoint& browser, media::dtls::Role role) {
    WebRtcTransport::Config config;
    config.bind = asio::ip::udp::endpoint(asio::ip::address_v4::loopback(), 0);
    config.ice.local = {kUfrag, kPwd};
    config.dtls_role = role;
    config.remote_fingerprints = {browser_context()->fingerprint()};
    WebRtcTransport::Events events{
        .rtp = [this](std::span<const std::uint8_t>) { ++media_delivered_; },
        .rtcp = [this](std::span<const std::uint8_t>) { ++media_delivered_; },
    };
    auto created =
        WebRtcTransport::create(io, timers_, gateway_context(), std::move(config), std::move(events));
    check(created.ok(), "the transport could not be made");
    transport_ = std::move(*created);
    transport_->start();
    nominate(browser);
  }

  // DTLS failed (a fuzzed alert, a message out of order): nothing more to reach.
  [[nodiscard]] bool failed() const { return transport_->state() != media::WebRtcState::new_; }

  void receive(const media::ice::Endpoint& from, std::span<const std::uint8_t> input) {
    const auto counted = transport_->counters().datagrams_received;
    transport_->receive(from, received_buffer().copy(input));
    check(transport_->counters().datagrams_received == counted + 1, "a datagram not counted");
    check(media_delivered_ == 0 && transport_->state() != media::WebRtcState::connected,
          "media or a connection without DTLS keys");
  }

 private:
  // What a browser does first; DTLS from it is accepted from then on.
  void nominate(const media::ice::Endpoint& browser) {
    std::array<std::uint8_t, 512> buffer{};
    const auto length = nominating_check(buffer, transport_->local_credentials());
    transport_->receive(browser, received_buffer().copy(std::span(buffer).first(length)));
    check(transport_->selected() == browser, "the browser's check did not select its address");
  }

  core::ManualTimerService timers_;  // never advanced: handshakes and consent stay open
  std::unique_ptr<WebRtcTransport> transport_;
  std::size_t media_delivered_ = 0;
};

// SRTP on the WebRTC leg and the relay between the two legs.
class RelayPath {
 public:
  RelayPath()
      : relay_(
            timers_, relay_config(),
            [this](Leg to, const media::relay::Endpoint& destination, std::span<const std::uint8_t> d) {
              on_send(to, destination, d);
            },
            [](const media::relay::RelayEvent& e) {
              check(e.kind != media::relay::RelayEvent::Kind::latched ||
                        (e.leg == Leg::legacy && is_legacy_source(e.endpoint)),
                    "latched to an address no packet came from");
            }) {
    relay_.set_webrtc_remote(kBrowser);
  }

  // As the gateway's WebRTC leg does once keyed: unprotect in place, relay.
  void srtp_from_browser(Profile p, std::span<const std::uint8_t> input) {
    if (media::rtp::classify_datagram(input) != media::rtp::DatagramKind::rtp_or_rtcp) return;
    const auto packet = received_buffer().copy(input);
    auto& gateway = sessions(p).gateway;
    const auto plain =
        media::rtp::is_rtcp(packet) ? gateway.unprotect_rtcp(packet) : gateway.unprotect_rtp(packet);
    if (!plain) return;
    check(*plain <= packet.size(), "unprotect grew the packet");
    relay(Leg::webrtc, kBrowser, packet.first(*plain), p);
  }

  void plain_from_browser(Profile p, std::span<const std::uint8_t> input) {
    const bool rtcp = media::rtp::is_rtcp(input);
    const std::size_t room = rtcp ? media::srtp::kMaxRtcpOverhead : media::srtp::kMaxRtpOverhead;
    const auto buffer = received_buffer().tail(input.size() + room);
    if (!input.empty()) std::memcpy(buffer.data(), input.data(), input.size());
    auto& s = sessions(p);
    const auto sent =
        rtcp ? s.browser.protect_rtcp(buffer, input.size()) : s.browser.protect_rtp(buffer, input.size());
    if (!sent) {
      check(sent.error() != SrtpError::buffer_too_small, "no room for the tag in a buffer made with room");
      return;
    }
    check(*sent >= input.size() && *sent <= buffer.size(), "protect gave a length out of bounds");
    const auto packet = buffer.first(*sent);
    const auto plain = rtcp ? s.gateway.unprotect_rtcp(packet) : s.gateway.unprotect_rtp(packet);
    if (!plain) return;  // replay: an index this session saw in an earlier input
    check(*plain == input.size() && std::memcmp(packet.data(), input.data(), input.size()) == 0,
          "unprotect did not give back what was protected");
    relay(Leg::webrtc, kBrowser, packet.first(*plain), p);
  }

  void from_legacy(const media::relay::Endpoint& from, Profile p, std::span<const std::uint8_t> input) {
    relay(Leg::legacy, from, received_buffer().copy(input), p);
  }

 private:
  Sessions& sessions(Profile p) { return p == Profile::aead_aes_128_gcm ? gcm_ : cm_; }

  void relay(Leg leg, const media::relay::Endpoint& from, std::span<std::uint8_t> packet, Profile p) {
    received_ = packet;
    received_on_ = leg;
    profile_ = p;
    const std::size_t before = sent_;
    const auto dropped = relay_.receive(leg, from, packet);
    check(sent_ - before == (dropped ? 0u : 1u), "forwarded other than it said, or twice");
    timers_.advance(kRelayTick);
  }

  void on_send(Leg to, const media::relay::Endpoint& destination, std::span<const std::uint8_t> d) {
    ++sent_;
    check(to != received_on_, "sent back to the leg it came from");
    check(!d.empty() && d.data() >= received_.data() &&
              d.data() + d.size() <= received_.data() + received_.size(),
          "forwarded other than the received packet, rewritten in place");
    check(to == Leg::webrtc ? destination == kBrowser : is_legacy_source(destination),
          "sent to an address it was not given");
    if (to == Leg::webrtc) protect_toward_browser(d);
  }

  // As the WebRTC leg's send_rtp()/send_rtcp() do with what the relay gives them.
  void protect_toward_browser(std::span<const std::uint8_t> d) {
    const bool rtcp = media::rtp::is_rtcp(d);
    const std::size_t room = rtcp ? media::srtp::kMaxRtcpOverhead : media::srtp::kMaxRtpOverhead;
    const auto buffer = sent_buffer().tail(d.size() + room);
    std::memcpy(buffer.data(), d.data(), d.size());
    auto& gateway = sessions(profile_).gateway;
    const auto out = rtcp ? gateway.protect_rtcp(buffer, d.size()) : gateway.protect_rtp(buffer, d.size());
    if (!out) {
      check(out.error() != SrtpError::buffer_too_small, "no room for the tag in a buffer made with room");
      return;  // replay: the relay rewrote to an index sent in an earlier input
    }
    check(*out > d.size() && *out <= buffer.size(), "protect gave a length out of bounds");
  }

  core::ManualTimerService timers_;
  Sessions cm_{Profile::aes_cm_128_hmac_sha1_80};
  Sessions gcm_{Profile::aead_aes_128_gcm};
  media::relay::RelayStream relay_;
  std::size_t sent_ = 0;
  std::span<std::uint8_t> received_;
  Leg received_on_ = Leg::webrtc;
  Profile profile_ = Profile::aes_cm_128_hmac_sha1_80;
};

// What lives across inputs, made anew every kInputsPerGeneration inputs;
// the WebRTC leg also when it has failed.
struct Harness {
  asio::io_context io{1};
  Sink browser{io};
  Sink stranger{io};
  std::unique_ptr<WebRtcLeg> leg;
  std::unique_ptr<RelayPath> relay;
  std::size_t inputs = 0;

  void next_input(media::dtls::Role role) {
    const bool renew = inputs++ % kInputsPerGeneration == 0;
    if (leg && (renew || leg->failed())) {
      leg.reset();
      io.restart();
      io.poll();  // the aborted receive of the closed socket
    }
    if (!leg) leg = std::make_unique<WebRtcLeg>(io, browser.endpoint, role);
    if (!relay || renew) relay = std::make_unique<RelayPath>();
  }
};

Harness& harness() {
  static Harness h;
  return h;
}

void write_file(const std::filesystem::path& file, std::uint8_t selector,
                std::span<const std::uint8_t> bytes) {
  std::vector<std::uint8_t> out{selector};
  out.insert(out.end(), bytes.begin(), bytes.end());
  std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(out.data()), std::ssize(out));
  check(std::filesystem::file_size(file) == out.size(), "a seed could not be written");
}

// The first datagrams of a DTLS handshake between two DtlsTransports.
std::pair<std::vector<std::uint8_t>, std::vector<std::uint8_t>> hello_and_answer() {
  core::ManualTimerService timers;
  std::vector<std::vector<std::uint8_t>> from_client, from_server;
  const auto make = [&](media::dtls::Role role, std::vector<std::vector<std::uint8_t>>& sent,
                        const std::shared_ptr<const media::dtls::DtlsContext>& context) {
    media::dtls::DtlsTransport::Callbacks callbacks;
    callbacks.send = [&sent](std::span<const std::uint8_t> d) { sent.emplace_back(d.begin(), d.end()); };
    auto t = media::dtls::DtlsTransport::create(context, timers, role, std::move(callbacks));
    check(t.ok(), "a DTLS transport could not be made");
    return std::move(*t);
  };
  auto client = make(media::dtls::Role::client, from_client, browser_context());
  auto server = make(media::dtls::Role::server, from_server, gateway_context());
  client->start();
  check(!from_client.empty(), "the client sent no ClientHello");
  server->receive(from_client.front());
  check(!from_server.empty(), "the server did not answer the ClientHello");
  return {from_client.front(), from_server.front()};
}

void put(std::vector<std::uint8_t>& p, std::uint32_t value, int octets) {
  for (int shift = 8 * (octets - 1); shift >= 0; shift -= 8)
    p.push_back(static_cast<std::uint8_t>(value >> shift));
}

// RFC 3550 §5.1: 20 ms of PCMU (or a telephone-event payload type).
std::vector<std::uint8_t> rtp_packet(std::uint8_t payload_type, std::uint16_t sequence, std::uint32_t ssrc) {
  std::vector<std::uint8_t> p = {0x80, payload_type};
  put(p, sequence, 2);
  put(p, 123456, 4);  // timestamp
  put(p, ssrc, 4);
  for (int i = 0; i < 160; ++i) p.push_back(static_cast<std::uint8_t>(0xff - i % 7));
  return p;
}

// RFC 3550 §6.4.1: a sender report with one report block.
std::vector<std::uint8_t> rtcp_sender_report(std::uint32_t ssrc) {
  std::vector<std::uint8_t> p = {0x81, 200};
  put(p, 12, 2);  // length in 32-bit words, minus one
  put(p, ssrc, 4);
  for (int i = 0; i < 20; ++i) p.push_back(static_cast<std::uint8_t>(0x10 + i));  // NTP, RTP time, counts
  put(p, 0xAAAA0001, 4);  // the block: the gateway's SSRC toward the browser
  put(p, 2, 4);           // fraction and cumulative lost
  put(p, 0x1234, 4);      // extended highest sequence number
  put(p, 9, 4);           // jitter
  put(p, 0, 4);           // LSR
  put(p, 0, 4);           // DLSR
  return p;
}

std::vector<std::uint8_t> protected_by_browser(Profile p, std::vector<std::uint8_t> plain) {
  auto browser = session_pair(p, Side::browser);
  const std::size_t length = plain.size();
  const bool rtcp = media::rtp::is_rtcp(plain);
  plain.resize(length + (rtcp ? media::srtp::kMaxRtcpOverhead : media::srtp::kMaxRtpOverhead));
  const auto out = rtcp ? browser.protect_rtcp(plain, length) : browser.protect_rtp(plain, length);
  check(out.ok(), "a seed could not be protected");
  plain.resize(*out);
  return plain;
}

void write_seeds(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  std::array<std::uint8_t, 512> check_bytes{};
  const auto stun_check = std::span(check_bytes).first(nominating_check(check_bytes, {kUfrag, kPwd}));
  const auto [client_hello, server_answer] = hello_and_answer();
  const auto browser_rtp = rtp_packet(0, 0x1234, 0x11111111);
  const auto browser_dtmf = rtp_packet(126, 0x1235, 0x11111111);
  const auto browser_sr = rtcp_sender_report(0x11111111);
  // Another SSRC for what is protected here, so that no seed replays another's SRTP index.
  const auto browser_srtp = rtp_packet(0, 0x0100, 0x33333333);
  const auto browser_srtcp = rtcp_sender_report(0x33333333);
  const auto pbx_rtp = rtp_packet(0, 0x4321, 0x22222222);
  const auto pbx_sr = rtcp_sender_report(0x22222222);
  write_file(dir / "stun_check_from_browser", 0x00, stun_check);
  write_file(dir / "stun_check_from_stranger", 0x04, stun_check);
  write_file(dir / "dtls_client_hello", 0x00, client_hello);
  write_file(dir / "dtls_client_hello_from_stranger", 0x04, client_hello);
  write_file(dir / "dtls_server_answer_to_client", 0x20, server_answer);
  write_file(dir / "srtp_before_keys", 0x00, protected_by_browser(kProfiles[0], browser_srtp));
  for (std::size_t i = 0; i < kProfiles.size(); ++i) {
    const auto bit = static_cast<std::uint8_t>(i << 4);
    const std::string suffix = i == 0 ? "_aes_cm" : "_aes_gcm";
    write_file(dir / ("srtp_rtp" + suffix), 0x01 | bit, protected_by_browser(kProfiles[i], browser_srtp));
    write_file(dir / ("srtcp_sr" + suffix), 0x01 | bit, protected_by_browser(kProfiles[i], browser_srtcp));
    write_file(dir / ("plain_rtp" + suffix), 0x02 | bit, browser_rtp);
    write_file(dir / ("plain_dtmf" + suffix), 0x02 | bit, browser_dtmf);
    write_file(dir / ("plain_sr" + suffix), 0x02 | bit, browser_sr);
  }
  write_file(dir / "legacy_rtp_from_sdp_address", 0x03, pbx_rtp);
  write_file(dir / "legacy_sr_from_sdp_rtcp_address", 0x07, pbx_sr);
  write_file(dir / "legacy_rtp_from_nat", 0x0b, pbx_rtp);
  write_file(dir / "legacy_rtp_from_stranger", 0x1f, pbx_rtp);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  rtcsip::core::log::Settings quiet;  // the transport logs its first odd datagrams
  quiet.level = spdlog::level::off;
  rtcsip::core::log::configure(quiet);
  check(!media::srtp::initialize(), "libsrtp could not be initialised");
  for (const Profile p : kProfiles) check(media::srtp::is_supported(p), "libsrtp lacks a profile");
  if (const char* dir = std::getenv("RTCSIP_WRITE_MEDIA_RECEIVE_SEEDS")) {
    write_seeds(dir);
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0 || size - 1 > kMaxDatagram) return 0;
  const std::uint8_t selector = data[0];
  const std::span<const std::uint8_t> datagram(data + 1, size - 1);
  Harness& h = harness();
  h.next_input((selector & 0x20) != 0 ? media::dtls::Role::client : media::dtls::Role::server);
  const Profile profile = kProfiles[(selector >> 4) & 1];
  switch (selector & 3) {
    case 0:
      h.leg->receive((selector & 4) != 0 ? h.stranger.endpoint : h.browser.endpoint, datagram);
      break;
    case 1:
      h.relay->srtp_from_browser(profile, datagram);
      break;
    case 2:
      h.relay->plain_from_browser(profile, datagram);
      break;
    default:
      h.relay->from_legacy(kLegacySources[(selector >> 2) & 3], profile, datagram);
      break;
  }
  return 0;
}
