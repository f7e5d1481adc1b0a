// The relay's data path on one media worker, over real loopback sockets:
// N calls of PCMU (172-octet RTP every 20 ms in both directions), each with
//   browser --SRTP--> [WebRTC leg: unprotect -> RelayStream -> legacy socket] --RTP--> phone
//   phone   --RTP-->  [legacy socket: RelayStream -> protect -> WebRTC leg] --SRTP--> browser
// The gateway's half of every call is the product's: a MediaSession
// (WebRtcTransport with ICE-lite and DTLS-SRTP, a legacy socket with
// rtcp-mux, a RelayStream), all read through the worker's UdpPoller. Each
// WebRTC leg has a socket of its own, or every leg of the worker is on one
// SharedUdpPort; each mode has its rows. The sessions run on one worker
// thread, whose CPU time is read from its thread CPU clock.
// Before a run (not measured) the browser of each call does what a browser
// does: a nominating ICE check, then a DTLS client handshake that keys the
// gateway's SRTP and its own with the profile the row measures.
// The browsers of all calls share one socket, and so do the phones; they run
// on the main thread, paced in 1 ms ticks, and send and receive in batches
// (sendmmsg, recvmmsg), so that the load generator costs a few system calls
// per tick, not two per packet, and keeps its pace at thousands of calls.
// Each browser sends from an address of its own in 127.0.0.0/8 (the shared
// port tells calls apart by their source address), all through the one
// socket with IP_PKTINFO.
// For each call count: the set-up time, the worker's CPU share and time
// waiting for a CPU, the loss, the worker's CPU µs per packet and per
// call-second, the same work without sockets (SRTP + relay, to tell the
// kernel's share from ours), and the calls one core would carry at that
// cost; then the largest count carried without loss and without saturating
// the worker, and where the worker's time went at that count. A run where
// the generator fell behind or the machine's other load kept the threads
// from a CPU says so instead of giving a capacity figure. Counts above one
// that lost more than 10 % are skipped, and up to two more runs narrow the
// gap around the capacity.
//   bench_relay [--seconds=S] [calls ...]      (defaults: 2 s; 500 1000 1500 2000)
#include <linux/perf_event.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stun/stunagent.h>
#include <stun/usages/ice.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/post.hpp>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "rtcsip/core/asio_timer_service.hpp"
#include "rtcsip/media/dtls/dtls_context.hpp"
#include "rtcsip/media/dtls/dtls_transport.hpp"
#include "rtcsip/media/ice/ice_credentials.hpp"
#include "rtcsip/media/net/udp_poller.hpp"
#include "rtcsip/media/relay/relay_stream.hpp"
#include "rtcsip/media/rtp/demux.hpp"
#include "rtcsip/media/session/media_session.hpp"
#include "rtcsip/media/srtp/dtls_srtp_keys.hpp"
#include "rtcsip/media/srtp/library.hpp"
#include "rtcsip/media/srtp/profile.hpp"
#include "rtcsip/media/srtp/session_pair.hpp"
#include "rtcsip/media/webrtc/shared_udp_port.hpp"

namespace {

namespace asio = boost::asio;
using udp = asio::ip::udp;
using namespace rtcsip::media;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kRtpLength = 172;
constexpr std::size_t kBuffer = 1500;
// Room for one SRTP packet of the bench in arrays of them.
constexpr std::size_t kSrtpStride = (kRtpLength + srtp::kMaxRtpOverhead + 15) / 16 * 16;
constexpr int kTicksPerFrame = 20;  // 1 ms ticks, one 20 ms frame per call per 20 ticks

constexpr std::uint32_t kBrowserSsrc = 0xB0B0B0B0;
constexpr std::uint32_t kPhoneSsrc = 0xFEED0001;
constexpr std::uint32_t kGatewayWebrtcSsrc = 0x5E550001;  // the gateway's SSRC toward the browser
constexpr std::uint32_t kGatewayLegacySsrc = 0x5E550002;  // and toward the phone
// Call i's browser sends from 127.1.0.1 + i: every address of 127.0.0.0/8
// is this host's, and 127.0.0.1 stays the gateway's and the phone's.
constexpr std::uint32_t kFirstBrowserAddress = 0x7F010001;

// A run is a capacity figure only when the generator kept its pace (wall
// time within this much of the plan, nothing dropped at its sockets); the
// worker carried it when it lost less than kMaxLoss and was running or
// waiting to run less than kMaxWorkerCpu of the time.
constexpr double kMaxGeneratorLag = 0.03;
constexpr double kMaxLoss = 0.001;
constexpr double kMaxWorkerCpu = 0.95;
// Nor when another load on the machine took more than this share of a CPU
// and either thread waited for a CPU longer than this share of the time.
constexpr double kMaxOtherLoad = 0.10;
constexpr double kMaxRunQueueWait = 0.05;
// Past a run that lost more than this, larger call counts are skipped; then
// up to kRefinements runs halve the gap between the largest count carried
// and the next one measured, while it is wider than kRefineGap of the latter.
constexpr double kGiveUpLoss = 0.10;
constexpr int kRefinements = 2;
constexpr double kRefineGap = 0.15;

// How the WebRTC legs of the worker reach the network.
enum class Mode : std::uint8_t { own_socket, shared_port };
std::string_view to_string(Mode mode) { return mode == Mode::own_socket ? "own socket" : "shared port"; }

std::string label(srtp::Profile profile, Mode mode) {
  return std::string(srtp::to_string(profile)) + ' ' + std::string(to_string(mode));
}

[[noreturn]] void fail(const char* what) {
  std::perror(what);
  std::exit(1);
}
[[noreturn]] void fail(const std::string& what, std::string_view why) {
  (void)std::fprintf(stderr, "%s: %.*s\n", what.c_str(), static_cast<int>(why.size()), why.data());
  std::exit(1);
}

udp::endpoint loopback(std::uint16_t port = 0) { return {asio::ip::address_v4::loopback(), port}; }
relay::Endpoint relay_endpoint(const udp::endpoint& e) {
  return relay::Endpoint::v4({127, 0, 0, 1}, e.port());
}

srtp::MasterKey key(srtp::Profile p, std::uint32_t seed) {
  std::array<std::uint8_t, srtp::kMaxKeySaltLength> material{};
  std::uint32_t x = seed * 0x9E3779B9u + 1;
  for (auto& octet : material) {
    x = x * 1664525u + 1013904223u;
    octet = static_cast<std::uint8_t>(x >> 24);
  }
  return *srtp::MasterKey::from_key_salt(
      p, std::span(material).first(srtp::master_key_length(p) + srtp::master_salt_length(p)));
}

// Keys of its own for every call of the no-sockets measurement, as DTLS
// gives every call of a run.
enum class Side : std::uint8_t { gateway, browser };
srtp::KeyPair call_keys(srtp::Profile p, std::size_t call, Side side) {
  auto to_browser = key(p, static_cast<std::uint32_t>(2 * call));
  auto to_gateway = key(p, static_cast<std::uint32_t>(2 * call + 1));
  if (side == Side::gateway) return {to_browser, to_gateway};
  return {to_gateway, to_browser};
}

void put32(std::span<std::uint8_t> b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
}
std::uint32_t get32(std::span<const std::uint8_t> b, std::size_t at) {
  return std::uint32_t{b[at]} << 24 | std::uint32_t{b[at + 1]} << 16 | std::uint32_t{b[at + 2]} << 8 |
         b[at + 3];
}

// The payload starts with the call's number, which the relay leaves alone:
// the receiver tells from it whether the packet belongs to the call it
// arrived for.
void fill_rtp(std::span<std::uint8_t> b, std::uint16_t seq, std::uint32_t ssrc, std::uint32_t call) {
  b[0] = 0x80;
  b[1] = 0;
  b[2] = static_cast<std::uint8_t>(seq >> 8);
  b[3] = static_cast<std::uint8_t>(seq);
  put32(b, 4, std::uint32_t{seq} * 160);
  put32(b, 8, ssrc);
  put32(b, 12, call);
  for (std::size_t i = 16; i < kRtpLength; ++i) b[i] = static_cast<std::uint8_t>(i * 13 + seq);
}

// The gateway's certificate, one per process as in the daemon; it offers
// both profiles and takes the one the browser offers.
const std::shared_ptr<const dtls::DtlsContext>& gateway_context() {
  static const auto context = dtls::DtlsContext::create_self_signed();
  return context;
}

// The browsers' certificate, offering only the profile under test.
std::shared_ptr<const dtls::DtlsContext> browser_context(srtp::Profile profile) {
  const auto id = srtp::dtls_id(profile);
  if (!id) fail(std::string(srtp::to_string(profile)), "no DTLS-SRTP profile id");
  return dtls::DtlsContext::create_self_signed(
      dtls::DtlsContextOptions{.srtp_profiles = {static_cast<dtls::SrtpProfileId>(*id)}});
}

// A browser's connectivity check with USE-CANDIDATE (RFC 8445 §7.1.2) for
// the agent with the `local` credentials; its length in `out`.
std::size_t nominating_check(std::span<std::uint8_t> out, const ice::IceCredentials& local) {
  static StunAgent agent = [] {
    StunAgent a{};
    stun_agent_init(&a, STUN_ALL_KNOWN_ATTRIBUTES, STUN_COMPATIBILITY_RFC5389,
                    static_cast<StunAgentUsageFlags>(STUN_AGENT_USAGE_SHORT_TERM_CREDENTIALS |
                                                     STUN_AGENT_USAGE_USE_FINGERPRINT));
    return a;
  }();
  const std::string username = local.ufrag + ":BrwS";
  StunMessage message{};
  const std::size_t length = stun_usage_ice_conncheck_create(
      &agent, &message, out.data(), out.size(), reinterpret_cast<const std::uint8_t*>(username.data()),
      username.size(), reinterpret_cast<const std::uint8_t*>(local.pwd.data()), local.pwd.size(), true, true,
      0x6e7f1eff, 0x0123456789abcdefULL, nullptr, STUN_USAGE_ICE_COMPATIBILITY_RFC5245);
  if (length == 0) fail("ICE check", "libnice could not build one");
  StunTransactionId id;
  stun_message_id(&message, id);
  stun_agent_forget_transaction(&agent, id);  // the answer is matched by its transaction ID here
  return length;
}

// The gateway's half of every call: a MediaSession each on a media worker's
// io_context, configured as the media engine configures them (ICE-lite,
// DTLS server, the legacy leg with rtcp-mux), run on one thread. Members
// are destroyed in reverse order: the sessions before the shared port and
// the timers, all before the io_context.
class Gateway {
 public:
  Gateway(Mode mode, std::size_t calls, const udp::endpoint& phone, const dtls::Fingerprint& browser)
      : timers_(io_) {
    if (mode == Mode::shared_port) {
      auto port = SharedUdpPort::create(io_, loopback());
      if (!port.ok()) fail("shared port", port.error().message());
      shared_ = std::move(*port);
      shared_->start();
    }
    sessions_.reserve(calls);
    for (std::size_t i = 0; i < calls; ++i) {
      auto created = MediaSession::create(io_, timers_, gateway_context(), config(phone, browser),
                                          [this](const MediaSession::Event& e) { on_event(e); });
      if (!created.ok()) fail("media session", created.error().message());
      (*created)->start();
      sessions_.push_back(std::move(*created));
    }
  }

  // On the worker thread, until stop().
  void run() {
    tid_ = ::gettid();
    pthread_setname_np(pthread_self(), "relay-worker");  // for perf and top
    io_.run();
  }
  void stop() {
    work_.reset();
    io_.stop();
  }

  // Every session reported `connected`.
  [[nodiscard]] bool ready() const {
    if (failed_ > 0) fail("gateway", "a WebRTC leg failed (see above)");
    return connected_ == sessions_.size();
  }
  [[nodiscard]] pid_t tid() const { return tid_; }
  // The worker's poller rounds so far, read on the worker thread.
  std::uint64_t poller_rounds() {
    std::promise<std::uint64_t> rounds;
    asio::post(io_, [&] { rounds.set_value(net::UdpPoller::of(io_).rounds()); });
    return rounds.get_future().get();
  }

  // Before run() or after stop() only.
  [[nodiscard]] udp::endpoint webrtc_endpoint(std::size_t call) const {
    return sessions_[call]->webrtc().local_endpoint();
  }
  [[nodiscard]] udp::endpoint legacy_endpoint(std::size_t call) const {
    return sessions_[call]->legacy_rtp_endpoint();
  }
  [[nodiscard]] const ice::IceCredentials& credentials(std::size_t call) const {
    return sessions_[call]->webrtc().local_credentials();
  }
  // Media the gateway refused: not authentic (another call's keys), not
  // from the call's browser, before the keys, or for no call on the port.
  [[nodiscard]] std::uint64_t refused() const {
    std::uint64_t n = shared_ ? shared_->counters().unknown_source + shared_->counters().unknown_ufrag : 0;
    for (const auto& s : sessions_) {
      const auto& c = s->webrtc().counters();
      n += c.rtp_unprotect_failed + c.rtcp_unprotect_failed + c.media_unselected + c.media_before_keys;
    }
    return n;
  }

 private:
  MediaSession::Config config(const udp::endpoint& phone, const dtls::Fingerprint& browser) {
    MediaSession::Config config;
    config.webrtc.bind = loopback();
    config.webrtc.shared_port = shared_.get();
    config.webrtc.ice.local = ice::IceCredentials::generate();
    // The browsers send no consent checks (RFC 7675 §5.1: one in about 5 s
    // per call, beside 100 packets a second); a long set-up must not
    // outlive the consent of the first calls.
    config.webrtc.ice.consent_timeout = std::chrono::minutes(10);
    config.webrtc.dtls_role = dtls::Role::server;
    config.webrtc.remote_fingerprints = {browser};
    config.relay.webrtc.ssrc = kGatewayWebrtcSsrc;
    config.relay.legacy.ssrc = kGatewayLegacySsrc;
    config.relay.webrtc.payload_types.add(0, 0);
    config.relay.legacy.payload_types.add(0, 0);
    config.relay.legacy_rtp = config.relay.legacy_rtcp = relay_endpoint(phone);
    config.legacy_bind = loopback();
    config.legacy_rtcp_mux = true;
    return config;
  }
  void on_event(const MediaSession::Event& event) {
    if (event.kind == MediaSession::Event::Kind::connected) ++connected_;
    if (event.kind != MediaSession::Event::Kind::failed) return;
    (void)std::fprintf(stderr, "gateway: WebRTC leg failed: %s: %s\n",
                       std::string(to_string(event.failure)).c_str(), event.reason.c_str());
    ++failed_;
  }

  asio::io_context io_{1};
  asio::executor_work_guard<asio::io_context::executor_type> work_ = asio::make_work_guard(io_);
  rtcsip::core::AsioTimerService timers_;
  std::unique_ptr<SharedUdpPort> shared_;
  std::vector<std::unique_ptr<MediaSession>> sessions_;
  std::atomic<std::size_t> connected_{0};
  std::atomic<std::size_t> failed_{0};
  std::atomic<pid_t> tid_{0};
};

// The browsers and the phones of every call, on the main thread: one
// socket for all browsers and one for all phones, each call addressed by its
// gateway address in msg_name, and each browser sending from its own
// address (IP_PKTINFO) and told apart by it when the gateway answers.
// Each call's browser SRTP is computed before the measured period, with a
// session of its own that is gone by the run, so that the generator's work
// per tick stays a few system calls; the browser authenticates its sample of
// the calls after the run.
class Peers {
 public:
  struct Counts {
    std::uint64_t offered = 0;      // datagrams sent, both directions
    std::uint64_t send_failed = 0;  // sendmmsg refused them
    std::uint64_t received = 0;     // media at the browser and at the phone
    std::uint64_t wrong = 0;        // misrouted, wrong SSRC, call or length, not authentic
    std::uint64_t decrypted = 0;    // unprotected by the browser (its sample of the calls)
    std::uint64_t dropped = 0;      // by the kernel at the browser or phone socket
  };

  // `frames`: how many 20 ms frames each call will send.
  Peers(srtp::Profile profile, std::size_t calls, std::size_t frames)
      : profile_(profile),
        frames_(frames),
        browser_(open(INADDR_ANY)),
        phone_(open(INADDR_LOOPBACK)),
        browser_frames_(calls * frames * kSrtpStride) {
    // Browser datagrams name the call they are for by their destination.
    const int on = 1;
    if (::setsockopt(browser_.fd, IPPROTO_IP, IP_PKTINFO, &on, sizeof on) != 0) fail("IP_PKTINFO");
    calls_.reserve(calls);
    const std::size_t per_tick = (calls + kTicksPerFrame - 1) / kTicksPerFrame;
    for (auto* o : {&browser_out_, &phone_out_}) {
      o->headers.resize(per_tick);
      o->iovecs.resize(per_tick);
    }
    phone_packets_.resize(per_tick);
    samples_.reserve((calls + kVerifyEvery - 1) / kVerifyEvery * frames);
  }
  Peers(const Peers&) = delete;
  Peers& operator=(const Peers&) = delete;
  ~Peers() {
    ::close(browser_.fd);
    ::close(phone_.fd);
  }

  [[nodiscard]] udp::endpoint phone_endpoint() const { return loopback(phone_.port); }

  // The next call: its gateway addresses and the gateway's ICE credentials.
  void add_call(const udp::endpoint& gateway_webrtc, const udp::endpoint& gateway_legacy,
                ice::IceCredentials gateway) {
    const auto index = static_cast<std::int32_t>(calls_.size());
    auto& call = calls_.emplace_back();
    call.webrtc = address(gateway_webrtc);
    call.legacy = address(gateway_legacy);
    call.gateway = std::move(gateway);
    auto* c = reinterpret_cast<cmsghdr*>(call.source.data());
    c->cmsg_level = IPPROTO_IP;
    c->cmsg_type = IP_PKTINFO;
    c->cmsg_len = CMSG_LEN(sizeof(in_pktinfo));
    in_pktinfo info{};
    info.ipi_spec_dst.s_addr = htonl(kFirstBrowserAddress + static_cast<std::uint32_t>(index));
    std::memcpy(CMSG_DATA(c), &info, sizeof info);
    call_of_legacy_port_[gateway_legacy.port()] = index;
  }

  // ICE and DTLS for every call, as a browser does them: a nominating check
  // from the call's address, and once it is answered a DTLS client
  // handshake with `context`, expecting the gateway's certificate to match
  // `gateway`. At most kHandshakesInFlight calls at a time, so that every
  // flight fits in the gateway's socket buffer (one for all calls on a
  // shared port). Returns once every handshake is done here and
  // `gateway_ready` says the same of the gateway's side.
  void connect(std::shared_ptr<const dtls::DtlsContext> context, const dtls::Fingerprint& gateway,
               const std::function<bool()>& gateway_ready) {
    asio::io_context io(1);
    rtcsip::core::AsioTimerService timers(io);
    Setup setup{std::move(context), gateway, timers, std::vector<Handshake>(calls_.size())};
    setup_ = &setup;
    keys_.assign(calls_.size(), std::nullopt);
    const auto deadline = Clock::now() + kSetupTimeout;
    std::size_t next = 0;    // the next call to check
    std::size_t oldest = 0;  // no call before it is in flight
    while (setup.finished < calls_.size() || !gateway_ready()) {
      while (next < calls_.size() && next - setup.finished < kHandshakesInFlight) send_check(next++);
      while (oldest < next && setup.handshakes[oldest].done) ++oldest;
      const auto now = Clock::now();
      if (now > deadline) fail("set-up", "ICE and DTLS not done in time");
      for (std::size_t i = oldest; i < next; ++i) {
        const auto& h = setup.handshakes[i];
        if (!h.dtls && now - h.checked > kCheckRetransmit) send_check(i);  // RFC 8445 §14.3
      }
      ::pollfd readable{browser_.fd, POLLIN, 0};
      ::poll(&readable, 1, 1);
      drain(browser_, true);
      io.restart();
      io.poll();  // DTLS retransmissions
    }
    setup_ = nullptr;
  }

  // Each call's browser SRTP, from the keys its handshake gave.
  void protect_frames() {
    for (std::size_t i = 0; i < calls_.size(); ++i) {
      auto srtp = std::move(*srtp::SessionPair::create(*keys_[i]));
      for (std::size_t f = 0; f < frames_; ++f) {
        const std::span<std::uint8_t> slot(browser_frames_.data() + (i * frames_ + f) * kSrtpStride,
                                           kSrtpStride);
        fill_rtp(slot, sequence(f), kBrowserSsrc, static_cast<std::uint32_t>(i));
        const auto n = srtp.protect_rtp(slot, kRtpLength);
        if (!n.ok()) fail("SRTP protect", srtp::to_string(n.error()));
        srtp_length_ = *n;
      }
    }
  }

  // One browser SRTP packet and one phone RTP packet for each call whose
  // frame falls in this 1 ms tick.
  void send_tick(std::uint64_t tick) {
    const std::size_t frame = tick / kTicksPerFrame;
    if (frame >= frames_) return;
    std::size_t n = 0;
    for (std::size_t i = tick % kTicksPerFrame; i < calls_.size(); i += kTicksPerFrame, ++n) {
      browser_out_.set(n, calls_[i].webrtc, browser_frames_.data() + (i * frames_ + frame) * kSrtpStride,
                       srtp_length_, &calls_[i].source);
      auto& rtp = phone_packets_[n];
      fill_rtp(rtp, sequence(frame), kPhoneSsrc, static_cast<std::uint32_t>(i));
      phone_out_.set(n, calls_[i].legacy, rtp.data(), kRtpLength);
    }
    send(browser_.fd, browser_out_, n);
    send(phone_.fd, phone_out_, n);
  }

  // Reads whatever arrived at both sockets, without waiting.
  void drain() {
    drain(browser_, true);
    drain(phone_, false);
  }

  // Unprotects the browser's sample with each call's own keys; to be run
  // once the gateway's SRTP sessions are gone.
  void verify() {
    std::vector<std::optional<srtp::SessionPair>> sessions(calls_.size());
    for (auto& s : samples_) {
      auto& session = sessions[s.call];
      if (!session) session.emplace(std::move(*srtp::SessionPair::create(*keys_[s.call])));
      const std::span<std::uint8_t> packet(s.data.data(), s.length);
      const auto plain = session->unprotect_rtp(packet);
      ++counts_.decrypted;
      if (!plain.ok() || *plain != kRtpLength || get32(packet, 12) != s.call) ++counts_.wrong;
    }
    samples_.clear();
  }

  [[nodiscard]] Counts counts() const {
    Counts c = counts_;
    c.dropped = browser_.drops + phone_.drops;
    return c;
  }

 private:
  // The browser authenticates the packets of one call in kVerifyEvery:
  // enough to catch packets crossing calls. The checks in the clear (source
  // and destination, SSRC, length; and the call's tag at the phone) cover
  // every packet.
  static constexpr std::size_t kVerifyEvery = 8;
  static constexpr std::size_t kBatch = 256;            // datagrams per recvmmsg
  static constexpr std::size_t kMaxBatch = 1024;        // UIO_MAXIOV, datagrams per sendmmsg
  static constexpr std::size_t kReceiveRoom = kBuffer;  // DTLS flights fill up to 1200 octets
  static constexpr std::size_t kHandshakesInFlight = 32;
  static constexpr auto kCheckRetransmit = std::chrono::milliseconds(200);
  static constexpr auto kSetupTimeout = std::chrono::seconds(120);

  struct Socket {
    int fd = -1;
    std::uint16_t port = 0;
    std::uint64_t drops = 0;  // the kernel's count for this socket (SO_RXQ_OVFL)
  };
  // An IP_PKTINFO control message: send from this address.
  using Source = std::array<std::uint8_t, CMSG_SPACE(sizeof(in_pktinfo))>;
  struct Call {
    sockaddr_in webrtc{};  // the gateway's address of this call's WebRTC leg (its socket or the shared port)
    sockaddr_in legacy{};  // and of its legacy socket
    ice::IceCredentials gateway;
    alignas(cmsghdr) Source source{};  // the browser's address
  };
  struct Outgoing {
    std::vector<mmsghdr> headers;
    std::vector<iovec> iovecs;
    void set(std::size_t i, const sockaddr_in& to, std::uint8_t* data, std::size_t length,
             Source* source = nullptr) {
      iovecs[i] = {data, length};
      headers[i] = {};
      headers[i].msg_hdr.msg_name = const_cast<sockaddr_in*>(&to);
      headers[i].msg_hdr.msg_namelen = sizeof(sockaddr_in);
      headers[i].msg_hdr.msg_iov = &iovecs[i];
      headers[i].msg_hdr.msg_iovlen = 1;
      if (source != nullptr) {
        headers[i].msg_hdr.msg_control = source->data();
        headers[i].msg_hdr.msg_controllen = source->size();
      }
    }
  };
  struct Incoming {
    std::array<std::uint8_t, kReceiveRoom> data{};
    sockaddr_in from{};
    alignas(cmsghdr)
        std::array<char, CMSG_SPACE(sizeof(std::uint32_t)) + CMSG_SPACE(sizeof(in_pktinfo))> control{};
  };
  struct Sample {  // an SRTP packet for the browser to authenticate after the run
    std::uint32_t call;
    std::uint16_t length;
    std::array<std::uint8_t, kSrtpStride> data;
  };
  struct Handshake {
    std::array<std::uint8_t, 16> check{};  // magic cookie and transaction ID of the last check
    Clock::time_point checked{};
    std::unique_ptr<dtls::DtlsTransport> dtls;  // once the check was answered
    bool done = false;
  };
  // What connect() keeps while it runs. The handshakes go before the timers
  // they run on.
  struct Setup {
    std::shared_ptr<const dtls::DtlsContext> context;
    dtls::Fingerprint gateway;
    rtcsip::core::TimerService& timers;
    std::vector<Handshake> handshakes;
    std::size_t finished = 0;
  };

  static std::uint16_t sequence(std::size_t frame) { return static_cast<std::uint16_t>(frame + 1); }

  static sockaddr_in address(const udp::endpoint& e) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(e.port());
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
  }
  static Socket open(std::uint32_t host) {
    Socket s;
    s.fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (s.fd < 0) fail("socket");
    // Every call's packets queue at this one socket between two ticks (and
    // longer when the main thread is preempted): room for tens of ms at
    // thousands of calls, as far as net.core.rmem_max allows.
    const int buffer = 4 << 20;
    ::setsockopt(s.fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
    const int on = 1;
    ::setsockopt(s.fd, SOL_SOCKET, SO_RXQ_OVFL, &on, sizeof on);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(host);
    socklen_t length = sizeof a;
    if (::bind(s.fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(s.fd, reinterpret_cast<sockaddr*>(&a), &length) != 0)
      fail("bind");
    s.port = ntohs(a.sin_port);
    return s;
  }

  // The call a datagram at the browser socket was for, by its destination; -1 for none.
  [[nodiscard]] std::int32_t call_of_destination(msghdr& h) const {
    for (auto* c = CMSG_FIRSTHDR(&h); c != nullptr; c = CMSG_NXTHDR(&h, c)) {
      if (c->cmsg_level != IPPROTO_IP || c->cmsg_type != IP_PKTINFO) continue;
      in_pktinfo info{};
      std::memcpy(&info, CMSG_DATA(c), sizeof info);
      const std::uint32_t index = ntohl(info.ipi_addr.s_addr) - kFirstBrowserAddress;
      return index < calls_.size() ? static_cast<std::int32_t>(index) : -1;
    }
    return -1;
  }

  // One datagram of the set-up: from the call's browser address to its gateway address.
  void send_from(std::size_t call, std::span<const std::uint8_t> datagram) {
    iovec iov{const_cast<std::uint8_t*>(datagram.data()), datagram.size()};
    msghdr h{};
    h.msg_name = &calls_[call].webrtc;
    h.msg_namelen = sizeof(sockaddr_in);
    h.msg_iov = &iov;
    h.msg_iovlen = 1;
    h.msg_control = calls_[call].source.data();
    h.msg_controllen = calls_[call].source.size();
    if (::sendmsg(browser_.fd, &h, 0) < 0) fail("set-up sendmsg");
  }

  void send_check(std::size_t call) {
    std::array<std::uint8_t, 512> check{};
    const auto length = nominating_check(check, calls_[call].gateway);
    auto& h = setup_->handshakes[call];
    std::copy_n(check.begin() + 4, h.check.size(), h.check.begin());
    h.checked = Clock::now();
    send_from(call, std::span(check).first(length));
  }

  // A STUN answer or a DTLS record for `call` during connect().
  void at_setup(std::span<const std::uint8_t> datagram, std::size_t call) {
    auto& h = setup_->handshakes[call];
    const auto kind = rtp::classify_datagram(datagram);
    if (kind == rtp::DatagramKind::stun) {
      // A Binding success response (RFC 8489 §5) to the call's last check.
      const bool answer = datagram.size() >= 20 && datagram[0] == 0x01 && datagram[1] == 0x01 &&
                          std::equal(h.check.begin(), h.check.end(), datagram.begin() + 4);
      if (answer && !h.dtls) start_dtls(call);
    } else if (kind == rtp::DatagramKind::dtls && h.dtls) {
      h.dtls->receive(datagram);
    }
  }

  // RFC 5763 §5: the browser (a=setup:active) is the DTLS client.
  void start_dtls(std::size_t call) {
    dtls::DtlsTransport::Callbacks callbacks{
        .send = [this, call](std::span<const std::uint8_t> datagram) { send_from(call, datagram); },
        .connected = [this, call](const dtls::SrtpKeyingMaterial& keys) { on_keys(call, keys); },
        .failed = [](dtls::DtlsError,
                     std::string_view reason) { fail("browser DTLS handshake failed", reason); },
    };
    auto created = dtls::DtlsTransport::create(setup_->context, setup_->timers, dtls::Role::client,
                                               std::move(callbacks));
    if (!created.ok()) fail("browser DTLS", "transport not created");
    auto& h = setup_->handshakes[call];
    h.dtls = std::move(*created);
    h.dtls->set_remote_fingerprints({setup_->gateway});
    h.dtls->start();
  }

  // RFC 5764 §4.2: the browser protects with the client write key.
  void on_keys(std::size_t call, const dtls::SrtpKeyingMaterial& keys) {
    if (keys.profile_id() != srtp::dtls_id(profile_))
      fail("browser DTLS", "the handshake chose another SRTP profile");
    auto pair = srtp::split_dtls_keying_material(profile_, srtp::DtlsRole::client, keys.material());
    if (!pair.ok()) fail("browser SRTP keys", srtp::to_string(pair.error()));
    keys_[call] = *pair;
    setup_->handshakes[call].done = true;
    ++setup_->finished;
  }

  void send(int fd, Outgoing& out, std::size_t count) {
    for (std::size_t done = 0; done < count;) {
      const auto n = std::min(count - done, kMaxBatch);
      const int sent = ::sendmmsg(fd, out.headers.data() + done, static_cast<unsigned>(n), 0);
      if (sent > 0) {
        done += static_cast<std::size_t>(sent);
        counts_.offered += static_cast<std::uint64_t>(sent);
      } else if (sent < 0 && errno != EINTR) {
        ++done;  // the datagram that failed is skipped, the rest are tried again
        ++counts_.send_failed;
      }
    }
  }

  void drain(Socket& socket, bool browser) {
    for (;;) {
      for (std::size_t i = 0; i < kBatch; ++i) {
        auto& h = rx_headers_[i].msg_hdr;
        rx_iovecs_[i] = {rx_[i].data.data(), kReceiveRoom};
        h.msg_name = &rx_[i].from;
        h.msg_namelen = sizeof(sockaddr_in);
        h.msg_iov = &rx_iovecs_[i];
        h.msg_iovlen = 1;
        h.msg_control = rx_[i].control.data();
        h.msg_controllen = rx_[i].control.size();
        h.msg_flags = 0;
      }
      const int n = ::recvmmsg(socket.fd, rx_headers_.data(), kBatch, MSG_DONTWAIT, nullptr);
      if (n <= 0) return;
      for (std::size_t i = 0; i < static_cast<std::size_t>(n); ++i) {
        auto& h = rx_headers_[i].msg_hdr;
        // The socket's drop count so far rides on the datagrams queued after a drop.
        for (auto* c = CMSG_FIRSTHDR(&h); c != nullptr; c = CMSG_NXTHDR(&h, c)) {
          if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SO_RXQ_OVFL) continue;
          std::uint32_t drops = 0;
          std::memcpy(&drops, CMSG_DATA(c), sizeof drops);
          socket.drops = std::max<std::uint64_t>(socket.drops, drops);
        }
        const std::span<const std::uint8_t> packet(rx_[i].data.data(), rx_headers_[i].msg_len);
        if ((h.msg_flags & MSG_TRUNC) != 0) {
          ++counts_.wrong;
          continue;
        }
        if (browser)
          at_browser(packet, rx_[i].from, call_of_destination(h));
        else
          at_phone(packet, call_of_legacy_port_[ntohs(rx_[i].from.sin_port)]);
      }
      if (static_cast<std::size_t>(n) < kBatch) return;
    }
  }

  // From the call's gateway address to the call's browser address: STUN and
  // DTLS during set-up; otherwise SRTP with the gateway's SSRC, the sampled
  // calls' packets kept for verify().
  void at_browser(std::span<const std::uint8_t> packet, const sockaddr_in& from, std::int32_t call) {
    if (call < 0 || from.sin_port != calls_[static_cast<std::size_t>(call)].webrtc.sin_port) {
      ++counts_.wrong;
      return;
    }
    if (rtp::classify_datagram(packet) != rtp::DatagramKind::rtp_or_rtcp) {
      if (setup_ != nullptr) at_setup(packet, static_cast<std::size_t>(call));
      return;
    }
    ++counts_.received;
    if (packet.size() != srtp_length_ || get32(packet, 8) != kGatewayWebrtcSsrc) {
      ++counts_.wrong;
      return;
    }
    if (static_cast<std::size_t>(call) % kVerifyEvery == 0) {
      auto& s = samples_.emplace_back();
      s.call = static_cast<std::uint32_t>(call);
      s.length = static_cast<std::uint16_t>(packet.size());
      std::memcpy(s.data.data(), packet.data(), packet.size());
    }
  }
  // RTP from the call's gateway socket with the gateway's SSRC and the call's tag.
  void at_phone(std::span<const std::uint8_t> packet, std::int32_t call) {
    ++counts_.received;
    if (call < 0 || packet.size() != kRtpLength || get32(packet, 8) != kGatewayLegacySsrc ||
        get32(packet, 12) != static_cast<std::uint32_t>(call))
      ++counts_.wrong;
  }

  srtp::Profile profile_;
  std::size_t frames_;
  Socket browser_, phone_;
  std::vector<std::uint8_t> browser_frames_;  // frames_ SRTP packets of each call, kSrtpStride apart
  std::size_t srtp_length_ = 0;
  std::vector<Call> calls_;
  std::vector<std::optional<srtp::KeyPair>> keys_;  // each browser's, from its handshake
  Setup* setup_ = nullptr;                          // during connect()
  std::vector<std::int32_t> call_of_legacy_port_ = std::vector<std::int32_t>(65536, -1);
  Outgoing browser_out_, phone_out_;
  std::vector<std::array<std::uint8_t, kRtpLength>> phone_packets_;
  std::vector<Sample> samples_;
  std::vector<Incoming> rx_ = std::vector<Incoming>(kBatch);
  std::vector<mmsghdr> rx_headers_ = std::vector<mmsghdr>(kBatch);
  std::vector<iovec> rx_iovecs_ = std::vector<iovec>(kBatch);
  Counts counts_;
};

double cpu_seconds(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// The worker's work without sockets: SRTP unprotect + RelayStream toward
// the legacy leg, and RelayStream + SRTP protect toward the browser, for
// `calls` calls in turn, `rounds` packets each way per call. With as many
// calls as a run, NSS holds as many sessions and the per-call state is as
// cold in the caches as on the worker. Returns µs per packet, or a negative
// value if a packet was not relayed.
double srtp_and_relay(srtp::Profile profile, std::size_t calls, std::size_t rounds) {
  asio::io_context io(1);
  rtcsip::core::AsioTimerService timers(io);
  const auto phone = relay::Endpoint::v4({127, 0, 0, 1}, 40000);
  std::array<std::uint8_t, kBuffer> tx{}, rx{};
  std::uint64_t sent = 0;
  struct Call {
    srtp::SessionPair srtp;
    std::optional<relay::RelayStream> stream;
  };
  std::vector<std::unique_ptr<Call>> gateway;
  // Round 0 warms up (each SSRC's first packet sets up its SRTP stream).
  std::vector<std::uint8_t> srtp_in(calls * (rounds + 1) * kSrtpStride);
  std::vector<std::array<std::uint8_t, kRtpLength>> rtp_in(rounds + 1);
  std::size_t srtp_length = 0;
  for (std::size_t r = 0; r <= rounds; ++r)
    fill_rtp(rtp_in[r], static_cast<std::uint16_t>(r + 1), kPhoneSsrc, 0);
  for (std::size_t c = 0; c < calls; ++c) {
    auto browser = std::move(*srtp::SessionPair::create(call_keys(profile, c, Side::browser)));
    for (std::size_t r = 0; r <= rounds; ++r) {
      const std::span<std::uint8_t> slot(srtp_in.data() + (c * (rounds + 1) + r) * kSrtpStride, kSrtpStride);
      fill_rtp(slot, static_cast<std::uint16_t>(r + 1), kBrowserSsrc, static_cast<std::uint32_t>(c));
      srtp_length = *browser.protect_rtp(slot, kRtpLength);
    }
  }
  for (std::size_t c = 0; c < calls; ++c) {
    auto& call = *gateway.emplace_back(
        std::make_unique<Call>(std::move(*srtp::SessionPair::create(call_keys(profile, c, Side::gateway)))));
    relay::RelayConfig config;
    config.webrtc.payload_types.add(0, 0);
    config.legacy.payload_types.add(0, 0);
    config.legacy_rtp = config.legacy_rtcp = phone;
    call.stream.emplace(
        timers, config,
        [&tx, &sent, &srtp = call.srtp](relay::Leg to, const relay::Endpoint&,
                                        std::span<const std::uint8_t> d) {
          if (to == relay::Leg::webrtc) {
            std::memcpy(tx.data(), d.data(), d.size());
            if (srtp.protect_rtp(tx, d.size()).ok()) ++sent;
          } else {
            ++sent;
          }
        },
        [](const relay::RelayEvent&) {});
    call.stream->set_webrtc_remote(relay::Endpoint::v4({127, 0, 0, 1}, 40002));
  }
  double start = 0;  // this thread's CPU time: another load on the machine does not count
  for (std::size_t r = 0; r <= rounds; ++r) {
    if (r == 1) {
      sent = 0;
      start = cpu_seconds(CLOCK_THREAD_CPUTIME_ID);
    }
    for (std::size_t c = 0; c < calls; ++c) {
      auto& call = *gateway[c];
      std::memcpy(rx.data(), srtp_in.data() + (c * (rounds + 1) + r) * kSrtpStride, srtp_length);
      const std::span<std::uint8_t> packet(rx.data(), srtp_length);
      if (auto plain = call.srtp.unprotect_rtp(packet); plain.ok())
        call.stream->receive(relay::Leg::webrtc, {}, packet.first(*plain));
      std::memcpy(rx.data(), rtp_in[r].data(), kRtpLength);
      call.stream->receive(relay::Leg::legacy, phone, std::span(rx.data(), kRtpLength));
    }
  }
  const double us = (cpu_seconds(CLOCK_THREAD_CPUTIME_ID) - start) * 1e6;
  const std::size_t packets = 2 * calls * rounds;
  return sent == packets ? us / static_cast<double>(packets) : -1.0;
}

// Seconds a thread of this process has waited on a run queue for a CPU
// (schedstat).
double run_queue_wait_seconds(pid_t tid) {
  const auto path = "/proc/self/task/" + std::to_string(tid) + "/schedstat";
  unsigned long long running = 0, waiting = 0;
  FILE* f = std::fopen(path.c_str(), "r");
  if (f == nullptr) return 0;
  const int n = std::fscanf(f, "%llu %llu", &running, &waiting);
  std::fclose(f);
  return n == 2 ? static_cast<double>(waiting) * 1e-9 : 0;
}

// The share of the worker's CPU time spent in user mode, from the kernel's
// perf events on its thread: a sample every kSamplePeriodNs of its CPU time
// (task-clock, a software clock: virtual machines often have no PMU), each
// marked user or kernel. Where perf_event_open is refused (not root with
// perf_event_paranoid > 1) there is no split. One sample interrupt per
// kSamplePeriodNs costs the worker well under 1 % of its time. (The
// scheduler's own user/system split is no use here: it samples at its tick,
// and the worker, paced by the peers' 1 ms ticks, runs at the same phase
// of it every time.)
class WorkerProfile {
 public:
  explicit WorkerProfile(pid_t tid) {
    perf_event_attr clock{};
    clock.size = sizeof clock;
    clock.type = PERF_TYPE_SOFTWARE;
    clock.config = PERF_COUNT_SW_TASK_CLOCK;
    clock.sample_period = kSamplePeriodNs;
    clock.sample_type = PERF_SAMPLE_IP;  // the record's header tells user from kernel
    clock.disabled = 1;
    clock.exclude_hv = 1;
    fd_ = static_cast<int>(::syscall(SYS_perf_event_open, &clock, tid, -1, -1, PERF_FLAG_FD_CLOEXEC));
    if (fd_ < 0) return;
    ring_ = ::mmap(nullptr, (1 + kRingPages) * page(), PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
    if (ring_ == MAP_FAILED) ring_ = nullptr;
  }
  WorkerProfile(const WorkerProfile&) = delete;
  WorkerProfile& operator=(const WorkerProfile&) = delete;
  ~WorkerProfile() {
    if (ring_ != nullptr) ::munmap(ring_, (1 + kRingPages) * page());
    if (fd_ >= 0) ::close(fd_);
  }

  void start() const {
    if (ring_ == nullptr) return;
    ::ioctl(fd_, PERF_EVENT_IOC_RESET, 0);
    ::ioctl(fd_, PERF_EVENT_IOC_ENABLE, 0);
  }
  void stop() const {
    if (ring_ != nullptr) ::ioctl(fd_, PERF_EVENT_IOC_DISABLE, 0);
  }

  // Nothing without samples. A full ring keeps the first samples: the
  // share holds all the same.
  [[nodiscard]] std::optional<double> user_share() const {
    if (ring_ == nullptr) return std::nullopt;
    const auto* meta = static_cast<const perf_event_mmap_page*>(ring_);
    const std::uint64_t head = __atomic_load_n(&meta->data_head, __ATOMIC_ACQUIRE);
    const auto* data = static_cast<const std::uint8_t*>(ring_) + page();
    const std::size_t size = kRingPages * page();
    std::uint64_t user = 0, kernel = 0;
    // Records are 8-octet aligned in a ring of whole pages: a header never wraps.
    for (std::uint64_t at = meta->data_tail; at < head;) {
      perf_event_header h{};
      std::memcpy(&h, data + at % size, sizeof h);
      if (h.size == 0) break;
      if (h.type == PERF_RECORD_SAMPLE) {
        const auto mode = h.misc & PERF_RECORD_MISC_CPUMODE_MASK;
        if (mode == PERF_RECORD_MISC_USER) ++user;
        if (mode == PERF_RECORD_MISC_KERNEL) ++kernel;
      }
      at += h.size;
    }
    if (user + kernel == 0) return std::nullopt;
    return static_cast<double>(user) / static_cast<double>(user + kernel);
  }

 private:
  static constexpr std::uint64_t kSamplePeriodNs = 500'000;
  static constexpr std::size_t kRingPages = 256;  // 1 MiB: 16-octet samples for 30 s of worker time

  static std::size_t page() { return static_cast<std::size_t>(sysconf(_SC_PAGESIZE)); }

  int fd_ = -1;
  void* ring_ = nullptr;
};

// CPU seconds all CPUs have been idle (/proc/stat; with a tickless kernel
// idle time is measured, where busy time is only sampled at each tick, which
// a load paced in milliseconds can fool).
double machine_idle_seconds() {
  unsigned long long user = 0, nice = 0, system = 0, idle = 0, iowait = 0;
  FILE* f = std::fopen("/proc/stat", "r");
  if (f == nullptr) return 0;
  const int n = std::fscanf(f, "cpu %llu %llu %llu %llu %llu", &user, &nice, &system, &idle, &iowait);
  std::fclose(f);
  return n == 5 ? static_cast<double>(idle + iowait) / static_cast<double>(sysconf(_SC_CLK_TCK)) : 0;
}

// Two CPUs of this thread's affinity, one for the worker and one for the
// peers, so that the scheduler does not stack them on one CPU (which it does
// at light load, the worker then waiting for the peers); none when there are
// fewer than two.
std::optional<std::pair<int, int>> two_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) != 0 || CPU_COUNT(&set) < 2) return std::nullopt;
  std::vector<int> cpus;
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
    if (CPU_ISSET(cpu, &set)) cpus.push_back(cpu);
  return std::pair{cpus[cpus.size() - 2], cpus[cpus.size() - 1]};
}
void pin(pthread_t thread, int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  pthread_setaffinity_np(thread, sizeof set, &set);
}

struct RunResult {
  std::size_t calls = 0;
  double setup = 0;              // s, every call's ICE check and DTLS handshake
  double planned = 0, wall = 0;  // s, of the measured period
  double span = 0;               // s, the measured period and the settling after it: CPU times are over this
  double worker_cpu = 0;         // s, the worker thread's
  double worker_wait = 0;        // s, the worker waited for a CPU
  std::optional<double> worker_user;  // the share of the worker's CPU time in user mode
  std::uint64_t poller_rounds = 0;    // the worker's
  double generator_cpu = 0;           // s, the main thread's
  double generator_wait = 0;          // s, the main thread waited for a CPU
  double other_load = 0;              // CPUs the rest of the machine kept busy, on average
  Peers::Counts window;               // over the measured period
  std::uint64_t wrong = 0;            // whole run: at the peers, and media the gateway refused
  std::uint64_t authenticated = 0;    // whole run, by the browser
  double srtp_and_relay_us = 0;       // per packet, without sockets, as many calls

  [[nodiscard]] double lag() const { return wall / planned - 1.0; }
  [[nodiscard]] bool generator_behind() const {
    return lag() > kMaxGeneratorLag || window.dropped > 0 || window.send_failed > 0;
  }
  // Another load took CPU time, and one of the threads waited for a CPU
  // (they also wait for each other when the scheduler puts both on one CPU:
  // that alone is the bench's own doing).
  [[nodiscard]] bool contended() const {
    return other_load > kMaxOtherLoad &&
           (worker_wait / span > kMaxRunQueueWait || generator_wait / span > kMaxRunQueueWait);
  }
  [[nodiscard]] double loss() const {
    const auto offered = static_cast<double>(window.offered);
    return offered > 0 ? 1.0 - static_cast<double>(window.received) / offered : 1.0;
  }
  [[nodiscard]] double worker_share() const { return worker_cpu / span; }
  // Running or waiting to run: the worker always had work.
  [[nodiscard]] bool saturated() const { return (worker_cpu + worker_wait) / span >= kMaxWorkerCpu; }
  [[nodiscard]] double us_per_packet() const {
    return worker_cpu * 1e6 / static_cast<double>(std::max<std::uint64_t>(window.received, 1));
  }
  // A PCMU call-second is 100 packets relayed (50 each way).
  [[nodiscard]] double us_per_call_second() const { return us_per_packet() * 100.0; }
  // The run tells something of the worker's capacity: the generator kept
  // its pace, and no other load kept the threads from a CPU.
  [[nodiscard]] bool measured() const { return !generator_behind() && !contended(); }
  [[nodiscard]] bool carried() const { return measured() && wrong == 0 && loss() < kMaxLoss && !saturated(); }
};

RunResult run(srtp::Profile profile, Mode mode, std::size_t calls, double seconds) {
  constexpr std::uint64_t kWarmUpTicks = 500;  // latching, handler memory, SRTP streams
  const auto ticks = static_cast<std::uint64_t>(seconds * 1000.0 + 0.5);
  Peers peers(profile, calls, (kWarmUpTicks + ticks + kTicksPerFrame - 1) / kTicksPerFrame);
  const auto browser = browser_context(profile);
  auto gateway = std::make_unique<Gateway>(mode, calls, peers.phone_endpoint(), browser->fingerprint());
  for (std::size_t i = 0; i < calls; ++i)
    peers.add_call(gateway->webrtc_endpoint(i), gateway->legacy_endpoint(i), gateway->credentials(i));
  std::thread worker([&] { gateway->run(); });
  clockid_t worker_clock{};
  pthread_getcpuclockid(worker.native_handle(), &worker_clock);
  const pid_t main_tid = ::gettid();
  cpu_set_t main_affinity;
  pthread_getaffinity_np(pthread_self(), sizeof main_affinity, &main_affinity);
  if (const auto cpus = two_cpus()) {
    pin(worker.native_handle(), cpus->first);
    pin(pthread_self(), cpus->second);
  }

  RunResult r;
  r.calls = calls;
  const auto setup_start = Clock::now();
  peers.connect(browser, gateway_context()->fingerprint(), [&] { return gateway->ready(); });
  r.setup = std::chrono::duration<double>(Clock::now() - setup_start).count();
  peers.protect_frames();
  const pid_t worker_tid = gateway->tid();  // it ran the handshakes

  // Wall time from the first tick until the last tick's packets are sent,
  // at least the planned duration: more means the generator fell behind.
  std::uint64_t tick = 0;
  const auto send_for = [&](std::uint64_t count) {
    const auto start = Clock::now();
    for (std::uint64_t t = 0; t < count; ++t) {
      std::this_thread::sleep_until(start + std::chrono::milliseconds(t));
      peers.drain();
      peers.send_tick(tick++);
    }
    std::this_thread::sleep_until(start + std::chrono::milliseconds(count));
    return std::chrono::duration<double>(Clock::now() - start).count();
  };
  // Lets what is in flight arrive, so that the counts of a period hold
  // exactly the packets sent in it: a saturated worker still has a backlog
  // in its socket buffers when the generator stops, so wait until nothing
  // has come for 50 ms (at most 3 s).
  const auto settle = [&] {
    for (int quiet_checks = 0; quiet_checks < 60; ++quiet_checks) {
      const auto had = peers.counts().received;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      peers.drain();
      if (peers.counts().received == had) return;
    }
  };

  send_for(kWarmUpTicks);
  settle();
  const auto before = peers.counts();
  const auto rounds_before = gateway->poller_rounds();
  const WorkerProfile profile_of_worker(worker_tid);
  profile_of_worker.start();
  const double worker_before = cpu_seconds(worker_clock);
  const double generator_before = cpu_seconds(CLOCK_THREAD_CPUTIME_ID);
  const double worker_wait_before = run_queue_wait_seconds(worker_tid);
  const double generator_wait_before = run_queue_wait_seconds(main_tid);
  const double idle_before = machine_idle_seconds();
  const auto machine_before = Clock::now();
  r.planned = static_cast<double>(ticks) / 1000.0;
  r.wall = send_for(ticks);
  settle();
  r.worker_cpu = cpu_seconds(worker_clock) - worker_before;
  r.generator_cpu = cpu_seconds(CLOCK_THREAD_CPUTIME_ID) - generator_before;
  r.worker_wait = run_queue_wait_seconds(worker_tid) - worker_wait_before;
  r.generator_wait = run_queue_wait_seconds(main_tid) - generator_wait_before;
  r.span = std::chrono::duration<double>(Clock::now() - machine_before).count();
  const double busy =
      static_cast<double>(sysconf(_SC_NPROCESSORS_ONLN)) * r.span - (machine_idle_seconds() - idle_before);
  profile_of_worker.stop();
  r.poller_rounds = gateway->poller_rounds() - rounds_before;
  r.worker_user = profile_of_worker.user_share();
  r.other_load = std::max(0.0, busy - r.worker_cpu - r.generator_cpu) / r.span;
  const auto after = peers.counts();
  r.window.offered = after.offered - before.offered;
  r.window.send_failed = after.send_failed - before.send_failed;
  r.window.received = after.received - before.received;
  r.window.dropped = after.dropped - before.dropped;
  gateway->stop();
  worker.join();
  pthread_setaffinity_np(pthread_self(), sizeof main_affinity, &main_affinity);

  r.wrong += gateway->refused();
  gateway.reset();
  r.srtp_and_relay_us = srtp_and_relay(profile, calls, std::max<std::size_t>(2, 10000 / calls));
  peers.verify();
  r.wrong += peers.counts().wrong;
  r.authenticated = peers.counts().decrypted;
  return r;
}

constexpr int kLabel = 35;  // "AES_CM_128_HMAC_SHA1_80 shared port"

void print_header() {
  std::printf("%-*s %5s %6s %11s %6s %6s %6s %6s %8s %8s %6s %7s %7s %9s %6s  %s\n", kLabel, "", "calls",
              "set-up", "wall/plan s", "worker", "worker", "peers", "others", "offered", "relayed", "loss",
              "worker", "no-sock", "worker", "calls/", "verdict; checks");
  std::printf("%-*s %5s %6s %11s %6s %6s %6s %6s %8s %8s %6s %7s %7s %9s %6s\n", kLabel, "", "", "s", "",
              "CPU %", "wait %", "CPU %", "CPU %", "", "", "%", "us/pkt", "us/pkt", "us/call-s", "core");
}

void print(const std::string& name, const RunResult& r) {
  std::printf("%-*s %5zu %6.1f %5.2f/%5.2f %6.1f %6.1f %6.1f %6.1f %8llu %8llu %6.3f %7.2f %7.2f %9.1f",
              kLabel, name.c_str(), r.calls, r.setup, r.wall, r.planned, 100.0 * r.worker_share(),
              100.0 * r.worker_wait / r.span, 100.0 * r.generator_cpu / r.span, 100.0 * r.other_load,
              static_cast<unsigned long long>(r.window.offered),
              static_cast<unsigned long long>(r.window.received), 100.0 * r.loss(), r.us_per_packet(),
              r.srtp_and_relay_us, r.us_per_call_second());
  if (r.measured())
    std::printf(" %6.0f  ", 1e6 / r.us_per_call_second());
  else
    std::printf(" %6s  ", "-");
  if (r.generator_behind())
    std::printf("generator fell behind (wall %+.1f %% of plan, %llu dropped at its sockets, %llu not sent)",
                100.0 * r.lag(), static_cast<unsigned long long>(r.window.dropped),
                static_cast<unsigned long long>(r.window.send_failed));
  else if (r.contended())
    std::printf("machine busy (worker waited %.0f %%, peers %.0f %% of the time for a CPU)",
                100.0 * r.worker_wait / r.span, 100.0 * r.generator_wait / r.span);
  else if (r.saturated())
    std::printf("worker saturated");
  else if (r.loss() >= kMaxLoss)
    std::printf("loss");
  else
    std::printf("carried");
  if (r.wrong == 0)
    std::printf("; ok (%llu authenticated)\n", static_cast<unsigned long long>(r.authenticated));
  else
    std::printf("; %llu WRONG (%llu authenticated)\n", static_cast<unsigned long long>(r.wrong),
                static_cast<unsigned long long>(r.authenticated));
  std::fflush(stdout);
}

// The largest count carried, and the smallest above it that was measured
// and not carried (0 when none).
std::pair<const RunResult*, std::size_t> bounds(const std::vector<RunResult>& runs) {
  const RunResult* best = nullptr;
  for (const auto& r : runs)
    if (r.carried() && (best == nullptr || r.calls > best->calls)) best = &r;
  std::size_t failed = 0;
  for (const auto& r : runs)
    if (r.measured() && !r.carried() && (best == nullptr || r.calls > best->calls) &&
        (failed == 0 || r.calls < failed))
      failed = r.calls;
  return {best, failed};
}

void print_capacity(const std::string& name, const std::vector<RunResult>& runs) {
  const auto [best, failed] = bounds(runs);
  bool unmeasured_above = false;
  for (const auto& r : runs)
    if (!r.measured() && (best == nullptr || r.calls > best->calls)) unmeasured_above = true;
  if (best == nullptr) {
    std::printf("%-*s capacity: no call count ran with < %.1f %% loss and the worker below %.0f %% busy%s\n",
                kLabel, name.c_str(), 100.0 * kMaxLoss, 100.0 * kMaxWorkerCpu,
                unmeasured_above ? " (some runs could not tell: see above)" : "");
    return;
  }
  std::printf("%-*s capacity: %zu calls carried (loss %.3f %%, worker %.0f %% CPU, %.1f us per call-second)",
              kLabel, name.c_str(), best->calls, 100.0 * best->loss(), 100.0 * best->worker_share(),
              best->us_per_call_second());
  if (failed != 0) std::printf(", %zu not", failed);
  std::printf("; ~%.0f calls per core if the cost per call-second stayed so",
              1e6 / best->us_per_call_second());
  if (unmeasured_above) std::printf(" (larger counts could not tell: see above)");
  std::printf("\n");
}

// Where the worker's time went, at the largest count carried (or the first
// run when none was), per packet relayed (the worker receives and sends
// each once): in the kernel and in user mode, SRTP + relay alone (the rest
// of user mode is the session's own path: poller, demultiplexing, ICE and
// DTLS state, endpoints), and how many datagrams one poller round found.
void print_split(const std::string& name, const std::vector<RunResult>& runs) {
  const auto [best, failed] = bounds(runs);
  const RunResult& r = best != nullptr ? *best : runs.front();
  const double total = r.us_per_packet();
  std::printf("%-*s worker time at %zu calls: %.2f us/pkt", kLabel, name.c_str(), r.calls, total);
  if (r.worker_user)
    std::printf(" = kernel %.2f + user %.2f", total * (1.0 - *r.worker_user), total * *r.worker_user);
  std::printf("; SRTP + relay alone %.2f; %.1f datagrams per poller round\n", r.srtp_and_relay_us,
              static_cast<double>(r.window.offered) /
                  static_cast<double>(std::max<std::uint64_t>(r.poller_rounds, 1)));
}

void sweep(srtp::Profile profile, Mode mode, const std::vector<std::size_t>& counts, double seconds) {
  const auto name = label(profile, mode);
  print_header();
  std::vector<RunResult> runs;
  for (const auto calls : counts) {
    // Past a run that lost this much, larger counts only lose more, and
    // take long to set up: the bench stays short.
    if (!runs.empty() && runs.back().loss() > kGiveUpLoss) {
      std::printf("%-*s %5zu  skipped: %zu calls lost %.0f %%\n", kLabel, name.c_str(), calls,
                  runs.back().calls, 100.0 * runs.back().loss());
      continue;
    }
    runs.push_back(run(profile, mode, calls, seconds));
    print(name, runs.back());
  }
  // Halves the gap between the largest count carried and the next one
  // measured above it, while it is wide.
  for (int refine = 0; refine < kRefinements; ++refine) {
    const auto [best, failed] = bounds(runs);
    const std::size_t low = best != nullptr ? best->calls : 0;
    if (failed == 0 || static_cast<double>(failed - low) <= static_cast<double>(failed) * kRefineGap) break;
    const std::size_t middle = (low + failed) / 2 / 50 * 50;
    const bool tried =
        std::any_of(runs.begin(), runs.end(), [&](const auto& r) { return r.calls == middle; });
    if (middle <= low || tried) break;
    runs.push_back(run(profile, mode, middle, seconds));
    print(name, runs.back());
  }
  print_capacity(name, runs);
  print_split(name, runs);
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 2.0;
  std::vector<std::size_t> counts;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("--seconds=")) {
      seconds = std::strtod(argv[i] + 10, nullptr);
    } else if (const auto calls = std::strtoul(argv[i], nullptr, 10); calls > 0) {
      counts.push_back(calls);
    } else {
      std::fprintf(stderr, "usage: %s [--seconds=S] [calls ...]\n", argv[0]);
      return 2;
    }
  }
  seconds = std::max(seconds, 0.1);
  if (counts.empty()) counts = {500, 1000, 1500, 2000};
  std::sort(counts.begin(), counts.end());
  if (srtp::initialize()) {
    std::fprintf(stderr, "libsrtp initialization failed\n");
    return 1;
  }
  const auto started = Clock::now();
  std::printf(
      "relay data path, one worker thread, PCMU 20 ms both directions over loopback UDP, %.1f s per run\n",
      seconds);
  std::printf(
      "peers: one browser and one phone socket for all calls, sendmmsg/recvmmsg in 1 ms ticks; each browser\n"
      "  checks (ICE) and keys (DTLS client) its call before the run: set-up s\n");
  std::printf("worker: a MediaSession per call (ICE-lite, DTLS server, legacy rtcp-mux); ");
  if (const auto cpus = two_cpus())
    std::printf("worker on CPU %d, peers on CPU %d\n", cpus->first, cpus->second);
  else
    std::printf("worker and peers share one CPU\n");
  std::printf(
      "  own socket: each WebRTC leg on a socket of its own; shared port: every WebRTC leg on one port\n");
  std::printf(
      "worker wait: runnable but not running; others: the rest of the machine's load, %% of one CPU\n");
  std::printf("no-sock: SRTP + relay per packet without sockets, as many calls in turn\n");
  std::printf("worker time: kernel and user mode from perf samples of the worker thread, when allowed\n");
  for (const auto profile : {srtp::Profile::aead_aes_128_gcm, srtp::Profile::aes_cm_128_hmac_sha1_80}) {
    const auto name = std::string(srtp::to_string(profile));
    if (!srtp::is_supported(profile)) {
      std::printf("%s: not supported by %s\n", name.c_str(), std::string(srtp::library_version()).c_str());
      continue;
    }
    std::printf("%-*s no sockets: %6.3f us/packet (SRTP + relay, one call)\n", kLabel, name.c_str(),
                srtp_and_relay(profile, 1, 50000));
    for (const auto mode : {Mode::own_socket, Mode::shared_port}) sweep(profile, mode, counts, seconds);
  }
  std::printf("whole bench: %.0f s\n", std::chrono::duration<double>(Clock::now() - started).count());
  return 0;
}
