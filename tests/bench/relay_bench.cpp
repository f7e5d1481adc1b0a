// The relay's data path on one media worker, over real loopback sockets:
// N calls of PCMU (172-octet RTP every 20 ms in both directions), each with
//   browser --SRTP--> [webrtc socket: unprotect -> RelayStream -> legacy socket] --RTP--> phone
//   phone   --RTP-->  [legacy socket: RelayStream -> protect -> webrtc socket] --SRTP--> browser
// SRTP keys are set directly (no ICE or DTLS: their cost is per call, not per
// packet). The gateway's half of every call (two sockets each) runs on one
// worker thread, whose CPU time is read from its thread CPU clock.
// The browsers of all calls share one socket, and so do the phones; they run
// on the main thread, paced in 1 ms ticks, and send and receive in batches
// (sendmmsg, recvmmsg), so that the load generator costs a few system calls
// per tick, not two per packet, and keeps its pace at thousands of calls.
// Each call has its own keys, and its browser its own SRTP session.
// For each call count: the worker's CPU share and time waiting for a CPU,
// the loss, the worker's CPU µs per packet and per call-second, the same
// work without sockets (SRTP + relay, to tell the kernel's share from ours),
// and the calls one core would carry at that cost; then the largest count
// carried without loss and without saturating the worker. A run where the
// generator fell behind or the machine's other load kept the threads from a
// CPU says so instead of giving a capacity figure. Counts above one that
// lost more than 10 % are skipped, and up to two more runs narrow the gap
// around the capacity, so the bench stays within a minute.
//   bench_relay [--seconds=S] [calls ...]      (defaults: 3 s; 500 1000 2000 3000 4000)
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/buffer.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/udp.hpp>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "rtcsip/core/asio_timer_service.hpp"
#include "rtcsip/media/relay/relay_stream.hpp"
#include "rtcsip/media/rtp/demux.hpp"
#include "rtcsip/media/srtp/library.hpp"
#include "rtcsip/media/srtp/session_pair.hpp"

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

// Keys of its own for every call, so that a packet delivered to another call
// than its own fails authentication instead of passing unnoticed.
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

// The gateway's half of one call, on the worker thread.
class GatewayCall {
 public:
  GatewayCall(asio::io_context& io, rtcsip::core::TimerService& timers, const srtp::KeyPair& keys)
      : webrtc_(io, loopback()), legacy_(io, loopback()), srtp_(std::move(*srtp::SessionPair::create(keys))) {
    webrtc_.non_blocking(true);
    legacy_.non_blocking(true);
    config_.webrtc.ssrc = kGatewayWebrtcSsrc;
    config_.legacy.ssrc = kGatewayLegacySsrc;
    config_.webrtc.payload_types.add(0, 0);
    config_.legacy.payload_types.add(0, 0);
    relay_.emplace(
        timers, config_,
        [this](relay::Leg to, const relay::Endpoint&, std::span<const std::uint8_t> d) { send(to, d); },
        [](const relay::RelayEvent&) {});
  }
  void connect(const udp::endpoint& browser, const udp::endpoint& phone) {
    browser_ = browser;
    phone_ = phone;
    relay_->set_webrtc_remote(relay_endpoint(browser));
    relay_->set_legacy_address(relay_endpoint(phone), relay_endpoint(phone));
  }
  void start() {
    receive_webrtc();
    receive_legacy();
  }
  [[nodiscard]] udp::endpoint webrtc_endpoint() const { return webrtc_.local_endpoint(); }
  [[nodiscard]] udp::endpoint legacy_endpoint() const { return legacy_.local_endpoint(); }
  std::uint64_t unprotect_failed = 0;

 private:
  void receive_webrtc() {
    webrtc_.async_receive_from(asio::buffer(webrtc_rx_), webrtc_from_, [this](auto ec, std::size_t n) {
      if (ec) return;
      std::span<std::uint8_t> packet(webrtc_rx_.data(), n);
      const bool rtcp = rtp::is_rtcp(packet);
      auto plain = rtcp ? srtp_.unprotect_rtcp(packet) : srtp_.unprotect_rtp(packet);
      if (plain.ok())
        relay_->receive(relay::Leg::webrtc, {}, packet.first(*plain));
      else
        ++unprotect_failed;
      receive_webrtc();
    });
  }
  void receive_legacy() {
    legacy_.async_receive_from(asio::buffer(legacy_rx_), legacy_from_, [this](auto ec, std::size_t n) {
      if (ec) return;
      relay_->receive(relay::Leg::legacy, relay_endpoint(legacy_from_), std::span(legacy_rx_.data(), n));
      receive_legacy();
    });
  }
  void send(relay::Leg to, std::span<const std::uint8_t> d) {
    boost::system::error_code ec;
    if (to == relay::Leg::legacy) {
      legacy_.send_to(asio::buffer(d.data(), d.size()), phone_, 0, ec);
      return;
    }
    std::memcpy(tx_.data(), d.data(), d.size());
    const bool rtcp = rtp::is_rtcp(d);
    auto out = rtcp ? srtp_.protect_rtcp(tx_, d.size()) : srtp_.protect_rtp(tx_, d.size());
    if (out.ok()) webrtc_.send_to(asio::buffer(tx_.data(), *out), browser_, 0, ec);
  }

  udp::socket webrtc_;
  udp::socket legacy_;
  srtp::SessionPair srtp_;
  relay::RelayConfig config_;
  std::optional<relay::RelayStream> relay_;
  udp::endpoint browser_, phone_, webrtc_from_, legacy_from_;
  std::array<std::uint8_t, kBuffer> webrtc_rx_{}, legacy_rx_{}, tx_{};
};

// The browsers and the phones of every call, on the main thread: one
// socket for all browsers and one for all phones, each call addressed by its
// gateway socket in msg_name.
// libsrtp on NSS (Debian's build) gets slower per packet with every SRTP
// session alive in the process: NSS_NoDB_Init sizes NSS's session and key
// hash tables for space, and each packet walks their chains (measured:
// AES-GCM protect + unprotect 0.6 us with 2 sessions, 15 us with 8000).
// Live browser sessions would slow the worker down as much as the gateway's
// own, and the generator with it. So
// each call's browser SRTP is computed before the gateway's sessions exist,
// with a session of its own that is gone by the run, and the browser checks
// its sample of calls after the run, once the gateway's sessions are gone.
class Peers {
 public:
  struct Counts {
    std::uint64_t offered = 0;      // datagrams sent, both directions
    std::uint64_t send_failed = 0;  // sendmmsg refused them
    std::uint64_t received = 0;     // at the browser and at the phone
    std::uint64_t wrong = 0;        // from no call's socket, wrong SSRC, call or length, not authentic
    std::uint64_t decrypted = 0;    // unprotected by the browser (its sample of the calls)
    std::uint64_t dropped = 0;      // by the kernel at the browser or phone socket
  };

  // `frames`: how many 20 ms frames each call will send.
  Peers(srtp::Profile profile, std::size_t calls, std::size_t frames)
      : profile_(profile),
        frames_(frames),
        browser_(open()),
        phone_(open()),
        browser_frames_(calls * frames * kSrtpStride) {
    for (std::size_t i = 0; i < calls; ++i) {
      auto srtp = std::move(*srtp::SessionPair::create(call_keys(profile, i, Side::browser)));
      for (std::size_t f = 0; f < frames; ++f) {
        const std::span<std::uint8_t> slot(browser_frames_.data() + (i * frames + f) * kSrtpStride,
                                           kSrtpStride);
        fill_rtp(slot, sequence(f), kBrowserSsrc, static_cast<std::uint32_t>(i));
        const auto n = srtp.protect_rtp(slot, kRtpLength);
        if (!n.ok()) fail("SRTP protect");
        srtp_length_ = *n;
      }
    }
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

  [[nodiscard]] udp::endpoint browser_endpoint() const { return loopback(browser_.port); }
  [[nodiscard]] udp::endpoint phone_endpoint() const { return loopback(phone_.port); }

  // The gateway's sockets of the next call.
  void add_call(const udp::endpoint& gateway_webrtc, const udp::endpoint& gateway_legacy) {
    const auto index = static_cast<std::int32_t>(calls_.size());
    calls_.push_back({address(gateway_webrtc), address(gateway_legacy)});
    call_of_webrtc_port_[gateway_webrtc.port()] = index;
    call_of_legacy_port_[gateway_legacy.port()] = index;
  }

  // One browser SRTP packet and one phone RTP packet for each call whose
  // frame falls in this 1 ms tick.
  void send_tick(std::uint64_t tick) {
    const std::size_t frame = tick / kTicksPerFrame;
    if (frame >= frames_) return;
    std::size_t n = 0;
    for (std::size_t i = tick % kTicksPerFrame; i < calls_.size(); i += kTicksPerFrame, ++n) {
      browser_out_.set(n, calls_[i].webrtc, browser_frames_.data() + (i * frames_ + frame) * kSrtpStride,
                       srtp_length_);
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
      if (!session)
        session.emplace(std::move(*srtp::SessionPair::create(call_keys(profile_, s.call, Side::browser))));
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
  // socket, SSRC, length; and the call's tag at the phone) cover every packet.
  static constexpr std::size_t kVerifyEvery = 8;
  static constexpr std::size_t kBatch = 256;        // datagrams per recvmmsg
  static constexpr std::size_t kMaxBatch = 1024;    // UIO_MAXIOV, datagrams per sendmmsg
  static constexpr std::size_t kReceiveRoom = 512;  // anything longer is not ours (MSG_TRUNC)

  struct Socket {
    int fd = -1;
    std::uint16_t port = 0;
    std::uint64_t drops = 0;  // the kernel's count for this socket (SO_RXQ_OVFL)
  };
  struct Call {
    sockaddr_in webrtc;  // the gateway's sockets of this call
    sockaddr_in legacy;
  };
  struct Outgoing {
    std::vector<mmsghdr> headers;
    std::vector<iovec> iovecs;
    void set(std::size_t i, const sockaddr_in& to, std::uint8_t* data, std::size_t length) {
      iovecs[i] = {data, length};
      headers[i] = {};
      headers[i].msg_hdr.msg_name = const_cast<sockaddr_in*>(&to);
      headers[i].msg_hdr.msg_namelen = sizeof(sockaddr_in);
      headers[i].msg_hdr.msg_iov = &iovecs[i];
      headers[i].msg_hdr.msg_iovlen = 1;
    }
  };
  struct Incoming {
    std::array<std::uint8_t, kReceiveRoom> data{};
    sockaddr_in from{};
    alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(std::uint32_t))> control{};
  };
  struct Sample {  // an SRTP packet for the browser to authenticate after the run
    std::uint32_t call;
    std::uint16_t length;
    std::array<std::uint8_t, kSrtpStride> data;
  };

  static std::uint16_t sequence(std::size_t frame) { return static_cast<std::uint16_t>(frame + 1); }

  [[noreturn]] static void fail(const char* what) {
    std::perror(what);
    std::exit(1);
  }
  static sockaddr_in address(const udp::endpoint& e) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(e.port());
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
  }
  static Socket open() {
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
    sockaddr_in a = address(loopback());
    socklen_t length = sizeof a;
    if (::bind(s.fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(s.fd, reinterpret_cast<sockaddr*>(&a), &length) != 0)
      fail("bind");
    s.port = ntohs(a.sin_port);
    return s;
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
        ++counts_.received;
        const std::span<const std::uint8_t> packet(rx_[i].data.data(), rx_headers_[i].msg_len);
        const auto port = ntohs(rx_[i].from.sin_port);
        const bool ok =
            (h.msg_flags & MSG_TRUNC) == 0 && (browser ? at_browser(packet, call_of_webrtc_port_[port])
                                                       : at_phone(packet, call_of_legacy_port_[port]));
        if (!ok) ++counts_.wrong;
      }
      if (static_cast<std::size_t>(n) < kBatch) return;
    }
  }

  // SRTP from the call's gateway socket with the gateway's SSRC; the
  // sampled calls' packets are kept for verify().
  bool at_browser(std::span<const std::uint8_t> packet, std::int32_t call) {
    if (call < 0 || packet.size() != srtp_length_ || get32(packet, 8) != kGatewayWebrtcSsrc) return false;
    if (static_cast<std::size_t>(call) % kVerifyEvery == 0) {
      auto& s = samples_.emplace_back();
      s.call = static_cast<std::uint32_t>(call);
      s.length = static_cast<std::uint16_t>(packet.size());
      std::memcpy(s.data.data(), packet.data(), packet.size());
    }
    return true;
  }
  // RTP from the call's gateway socket with the gateway's SSRC and the call's tag.
  static bool at_phone(std::span<const std::uint8_t> packet, std::int32_t call) {
    return call >= 0 && packet.size() == kRtpLength && get32(packet, 8) == kGatewayLegacySsrc &&
           get32(packet, 12) == static_cast<std::uint32_t>(call);
  }

  srtp::Profile profile_;
  std::size_t frames_;
  Socket browser_, phone_;
  std::vector<std::uint8_t> browser_frames_;  // frames_ SRTP packets of each call, kSrtpStride apart
  std::size_t srtp_length_ = 0;
  std::vector<Call> calls_;
  std::vector<std::int32_t> call_of_webrtc_port_ = std::vector<std::int32_t>(65536, -1);
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
  double planned = 0, wall = 0;  // s, of the measured period
  double span = 0;               // s, the measured period and the settling after it: CPU times are over this
  double worker_cpu = 0;         // s, the worker thread's
  double worker_wait = 0;        // s, the worker waited for a CPU
  double generator_cpu = 0;      // s, the main thread's
  double generator_wait = 0;     // s, the main thread waited for a CPU
  double other_load = 0;         // CPUs the rest of the machine kept busy, on average
  Peers::Counts window;          // over the measured period
  std::uint64_t wrong = 0;       // whole run: at the peers, and unprotect failures at the gateway
  std::uint64_t authenticated = 0;  // whole run, by the browser
  double srtp_and_relay_us = 0;     // per packet, without sockets, as many calls

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

RunResult run(srtp::Profile profile, std::size_t calls, double seconds) {
  constexpr std::uint64_t kWarmUpTicks = 500;  // latching, handler memory, SRTP streams
  const auto ticks = static_cast<std::uint64_t>(seconds * 1000.0 + 0.5);
  Peers peers(profile, calls, (kWarmUpTicks + ticks + kTicksPerFrame - 1) / kTicksPerFrame);

  asio::io_context worker_io(1);
  rtcsip::core::AsioTimerService timers(worker_io);
  std::vector<std::unique_ptr<GatewayCall>> gateway;
  for (std::size_t i = 0; i < calls; ++i) {
    auto& call = *gateway.emplace_back(
        std::make_unique<GatewayCall>(worker_io, timers, call_keys(profile, i, Side::gateway)));
    call.connect(peers.browser_endpoint(), peers.phone_endpoint());
    call.start();
    peers.add_call(call.webrtc_endpoint(), call.legacy_endpoint());
  }
  auto work = asio::make_work_guard(worker_io);
  std::atomic<pid_t> worker_tid{0};
  std::thread worker([&] {
    worker_tid = ::gettid();
    pthread_setname_np(pthread_self(), "relay-worker");  // for perf and top
    worker_io.run();
  });
  clockid_t worker_clock{};
  pthread_getcpuclockid(worker.native_handle(), &worker_clock);
  const pid_t main_tid = ::gettid();
  cpu_set_t main_affinity;
  pthread_getaffinity_np(pthread_self(), sizeof main_affinity, &main_affinity);
  if (const auto cpus = two_cpus()) {
    pin(worker.native_handle(), cpus->first);
    pin(pthread_self(), cpus->second);
  }

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
  // exactly the packets sent in it.
  const auto settle = [&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    peers.drain();
  };

  send_for(kWarmUpTicks);
  settle();
  const auto before = peers.counts();
  const double worker_before = cpu_seconds(worker_clock);
  const double generator_before = cpu_seconds(CLOCK_THREAD_CPUTIME_ID);
  const double worker_wait_before = run_queue_wait_seconds(worker_tid);
  const double generator_wait_before = run_queue_wait_seconds(main_tid);
  const double idle_before = machine_idle_seconds();
  const auto machine_before = Clock::now();
  RunResult r;
  r.calls = calls;
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
  r.other_load = std::max(0.0, busy - r.worker_cpu - r.generator_cpu) / r.span;
  const auto after = peers.counts();
  r.window.offered = after.offered - before.offered;
  r.window.send_failed = after.send_failed - before.send_failed;
  r.window.received = after.received - before.received;
  r.window.dropped = after.dropped - before.dropped;
  work.reset();
  worker_io.stop();
  worker.join();
  pthread_setaffinity_np(pthread_self(), sizeof main_affinity, &main_affinity);

  for (const auto& g : gateway) r.wrong += g->unprotect_failed;
  gateway.clear();
  r.srtp_and_relay_us = srtp_and_relay(profile, calls, std::max<std::size_t>(2, 10000 / calls));
  peers.verify();
  r.wrong += peers.counts().wrong;
  r.authenticated = peers.counts().decrypted;
  return r;
}

void print_header() {
  std::printf("%-24s %5s %11s %6s %6s %6s %6s %8s %8s %6s %7s %7s %9s %6s  %s\n", "", "calls", "wall/plan s",
              "worker", "worker", "peers", "others", "offered", "relayed", "loss", "worker", "no-sock",
              "worker", "calls/", "verdict; checks");
  std::printf("%-24s %5s %11s %6s %6s %6s %6s %8s %8s %6s %7s %7s %9s %6s\n", "", "", "", "CPU %", "wait %",
              "CPU %", "CPU %", "", "", "%", "us/pkt", "us/pkt", "us/call-s", "core");
}

void print(srtp::Profile profile, const RunResult& r) {
  std::printf("%-24s %5zu %5.2f/%5.2f %6.1f %6.1f %6.1f %6.1f %8llu %8llu %6.3f %7.2f %7.2f %9.1f",
              std::string(srtp::to_string(profile)).c_str(), r.calls, r.wall, r.planned,
              100.0 * r.worker_share(), 100.0 * r.worker_wait / r.span, 100.0 * r.generator_cpu / r.span,
              100.0 * r.other_load, static_cast<unsigned long long>(r.window.offered),
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

void print_capacity(srtp::Profile profile, const std::vector<RunResult>& runs) {
  const auto [best, failed] = bounds(runs);
  bool unmeasured_above = false;
  for (const auto& r : runs)
    if (!r.measured() && (best == nullptr || r.calls > best->calls)) unmeasured_above = true;
  const auto name = std::string(srtp::to_string(profile));
  if (best == nullptr) {
    std::printf("%-24s capacity: no call count ran with < %.1f %% loss and the worker below %.0f %% busy%s\n",
                name.c_str(), 100.0 * kMaxLoss, 100.0 * kMaxWorkerCpu,
                unmeasured_above ? " (some runs could not tell: see above)" : "");
    return;
  }
  std::printf("%-24s capacity: %zu calls carried (loss %.3f %%, worker %.0f %% CPU, %.1f us per call-second)",
              name.c_str(), best->calls, 100.0 * best->loss(), 100.0 * best->worker_share(),
              best->us_per_call_second());
  if (failed != 0) std::printf(", %zu not", failed);
  std::printf("; ~%.0f calls per core if the cost per call-second stayed so",
              1e6 / best->us_per_call_second());
  if (unmeasured_above) std::printf(" (larger counts could not tell: see above)");
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 3.0;
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
  if (counts.empty()) counts = {500, 1000, 2000, 3000, 4000};
  std::sort(counts.begin(), counts.end());
  if (srtp::initialize()) {
    std::fprintf(stderr, "libsrtp initialization failed\n");
    return 1;
  }
  std::printf(
      "relay data path, one worker thread, PCMU 20 ms both directions over loopback UDP, %.1f s per run\n",
      seconds);
  std::printf("peers: one browser and one phone socket for all calls, sendmmsg/recvmmsg in 1 ms ticks\n");
  std::printf("worker: two sockets per call; ");
  if (const auto cpus = two_cpus())
    std::printf("worker on CPU %d, peers on CPU %d\n", cpus->first, cpus->second);
  else
    std::printf("worker and peers share one CPU\n");
  std::printf(
      "worker wait: runnable but not running; others: the rest of the machine's load, %% of one CPU\n");
  std::printf("no-sock: SRTP + relay per packet without sockets, as many calls in turn\n");
  for (const auto profile : {srtp::Profile::aead_aes_128_gcm, srtp::Profile::aes_cm_128_hmac_sha1_80}) {
    const auto name = std::string(srtp::to_string(profile));
    if (!srtp::is_supported(profile)) {
      std::printf("%s: not supported by %s\n", name.c_str(), std::string(srtp::library_version()).c_str());
      continue;
    }
    std::printf("%-24s no sockets: %6.3f us/packet (SRTP + relay, one call)\n", name.c_str(),
                srtp_and_relay(profile, 1, 50000));
    print_header();
    std::vector<RunResult> runs;
    for (const auto calls : counts) {
      // Past a run that lost this much, larger counts only lose more, and
      // take long to set up: the bench stays short.
      if (!runs.empty() && runs.back().loss() > kGiveUpLoss) {
        std::printf("%-24s %5zu  skipped: %zu calls lost %.0f %%\n", name.c_str(), calls, runs.back().calls,
                    100.0 * runs.back().loss());
        continue;
      }
      runs.push_back(run(profile, calls, seconds));
      print(profile, runs.back());
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
      runs.push_back(run(profile, middle, seconds));
      print(profile, runs.back());
    }
    print_capacity(profile, runs);
  }
  return 0;
}
