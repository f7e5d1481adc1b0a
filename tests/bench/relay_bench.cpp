// The relay's data path on one media worker, over real loopback sockets:
// N calls of PCMU (172-octet RTP every 20 ms in both directions), each with
//   browser --SRTP--> [webrtc socket: unprotect -> RelayStream -> legacy socket] --RTP--> phone
//   phone   --RTP-->  [legacy socket: RelayStream -> protect -> webrtc socket] --SRTP--> browser
// SRTP keys are set directly (no ICE or DTLS: their cost is per call, not per
// packet). The worker runs on its own thread and its CPU time is read from
// its thread CPU clock; the peers run on the main thread, paced in real time.
// Prints CPU µs per call-second and the calls one core would carry, and
// the same path without sockets, to tell the kernel's share from ours.
//   bench_relay [calls=200] [seconds=3]
#include <pthread.h>
#include <time.h>

#include <array>
#include <atomic>
#include <boost/asio/buffer.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/udp.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <thread>
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
constexpr int kTicksPerFrame = 20;  // 1 ms ticks, one 20 ms frame per call per 20 ticks

udp::endpoint loopback(std::uint16_t port = 0) { return {asio::ip::address_v4::loopback(), port}; }
relay::Endpoint relay_endpoint(const udp::endpoint& e) {
  return relay::Endpoint::v4({127, 0, 0, 1}, e.port());
}

srtp::MasterKey key(srtp::Profile p, std::uint8_t seed) {
  std::array<std::uint8_t, srtp::kMaxKeySaltLength> material{};
  for (std::size_t i = 0; i < material.size(); ++i) material[i] = static_cast<std::uint8_t>(seed * 31 + i);
  return *srtp::MasterKey::from_key_salt(
      p, std::span(material).first(srtp::master_key_length(p) + srtp::master_salt_length(p)));
}

void fill_rtp(std::span<std::uint8_t> b, std::uint16_t seq, std::uint32_t ssrc) {
  b[0] = 0x80;
  b[1] = 0;
  b[2] = static_cast<std::uint8_t>(seq >> 8);
  b[3] = static_cast<std::uint8_t>(seq);
  const std::uint32_t ts = std::uint32_t{seq} * 160;
  for (int i = 0; i < 4; ++i) b[4 + i] = static_cast<std::uint8_t>(ts >> (24 - 8 * i));
  for (int i = 0; i < 4; ++i) b[8 + i] = static_cast<std::uint8_t>(ssrc >> (24 - 8 * i));
  for (std::size_t i = 12; i < kRtpLength; ++i) b[i] = static_cast<std::uint8_t>(i * 13 + seq);
}

// The gateway's half of one call, on the worker thread.
class GatewayCall {
 public:
  GatewayCall(asio::io_context& io, rtcsip::core::TimerService& timers, srtp::Profile profile)
      : webrtc_(io, loopback()),
        legacy_(io, loopback()),
        srtp_(std::move(*srtp::SessionPair::create({key(profile, 1), key(profile, 2)}))) {
    webrtc_.non_blocking(true);
    legacy_.non_blocking(true);
    config_.webrtc.ssrc = 0x5E550001;
    config_.legacy.ssrc = 0x5E550002;
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

// The browser and the phone of one call, on the main thread.
struct Peers {
  Peers(asio::io_context& io, srtp::Profile profile)
      : browser(io, loopback()),
        phone(io, loopback()),
        srtp(std::move(*srtp::SessionPair::create({key(profile, 2), key(profile, 1)}))) {
    browser.non_blocking(true);
    phone.non_blocking(true);
  }
  void send_frame(const udp::endpoint& gateway_webrtc, const udp::endpoint& gateway_legacy) {
    std::array<std::uint8_t, kBuffer> b{};
    fill_rtp(b, seq, 0xB0B0B0B0);
    if (auto n = srtp.protect_rtp(b, kRtpLength); n.ok())
      browser.send_to(asio::buffer(b.data(), *n), gateway_webrtc);
    fill_rtp(b, seq, 0xFEED0001);
    phone.send_to(asio::buffer(b.data(), kRtpLength), gateway_legacy);
    ++seq;
  }
  void drain() {
    std::array<std::uint8_t, kBuffer> b{};
    boost::system::error_code ec;
    while (browser.receive(asio::buffer(b), 0, ec) > 0 && !ec) ++browser_received;
    while (phone.receive(asio::buffer(b), 0, ec) > 0 && !ec) ++phone_received;
  }
  udp::socket browser;
  udp::socket phone;
  srtp::SessionPair srtp;
  std::uint16_t seq = 1;
  std::uint64_t browser_received = 0;
  std::uint64_t phone_received = 0;
};

double thread_cpu_seconds(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

void run(srtp::Profile profile, std::size_t calls, double seconds) {
  asio::io_context worker_io(1);
  rtcsip::core::AsioTimerService timers(worker_io);
  asio::io_context peer_io(1);
  std::vector<std::unique_ptr<GatewayCall>> gateway;
  std::vector<std::unique_ptr<Peers>> peers;
  for (std::size_t i = 0; i < calls; ++i) {
    gateway.push_back(std::make_unique<GatewayCall>(worker_io, timers, profile));
    peers.push_back(std::make_unique<Peers>(peer_io, profile));
    gateway.back()->connect(peers.back()->browser.local_endpoint(), peers.back()->phone.local_endpoint());
    gateway.back()->start();
  }
  auto work = asio::make_work_guard(worker_io);
  std::thread worker([&] { worker_io.run(); });
  clockid_t worker_clock{};
  pthread_getcpuclockid(worker.native_handle(), &worker_clock);

  const auto send_for = [&](double duration) {
    const auto start = Clock::now();
    for (std::uint64_t tick = 0;; ++tick) {
      const auto due = start + std::chrono::microseconds(tick * 1000);
      if (due - start > std::chrono::duration<double>(duration)) break;
      std::this_thread::sleep_until(due);
      for (std::size_t i = tick % kTicksPerFrame; i < calls; i += kTicksPerFrame) {
        peers[i]->drain();
        peers[i]->send_frame(gateway[i]->webrtc_endpoint(), gateway[i]->legacy_endpoint());
      }
    }
  };
  send_for(0.5);  // warm-up: latching, handler memory, SRTP streams
  std::uint64_t received_before = 0;
  for (auto& p : peers) {
    p->drain();
    received_before += p->browser_received + p->phone_received;
  }
  const double cpu_before = thread_cpu_seconds(worker_clock);
  const auto wall_before = Clock::now();
  send_for(seconds);
  const double cpu = thread_cpu_seconds(worker_clock) - cpu_before;
  const double wall = std::chrono::duration<double>(Clock::now() - wall_before).count();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::uint64_t received = 0, failed = 0;
  for (std::size_t i = 0; i < calls; ++i) {
    peers[i]->drain();
    received += peers[i]->browser_received + peers[i]->phone_received;
  }
  work.reset();
  worker_io.stop();
  worker.join();
  for (auto& g : gateway) failed += g->unprotect_failed;

  // A PCMU call-second is 100 packets relayed (50 each way); counting the
  // packets delivered keeps the figure honest when the peers fall behind.
  const double packets = static_cast<double>(received - received_before);
  const double us_per_packet = cpu * 1e6 / packets;
  const double us_per_call_second = us_per_packet * 100.0;
  const double offered = static_cast<double>(calls) * wall * 100.0;
  std::printf(
      "%-24s calls %5zu  wall %5.2f s  worker CPU %6.3f s (%5.1f%%)  relayed %9.0f of %9.0f"
      "  %6.2f us/packet  %7.1f us per call-second  ~%6.0f calls per core  (unprotect failures %llu)\n",
      std::string(srtp::to_string(profile)).c_str(), calls, wall, cpu, 100.0 * cpu / wall, packets, offered,
      us_per_packet, us_per_call_second, 1e6 / us_per_call_second, static_cast<unsigned long long>(failed));
}

// The same work without sockets: SRTP unprotect + RelayStream toward the
// legacy leg, and RelayStream + SRTP protect toward the browser, per packet.
void run_without_sockets(srtp::Profile profile, std::size_t packets) {
  asio::io_context io(1);
  rtcsip::core::AsioTimerService timers(io);
  auto gateway = std::move(*srtp::SessionPair::create({key(profile, 1), key(profile, 2)}));
  auto browser = std::move(*srtp::SessionPair::create({key(profile, 2), key(profile, 1)}));
  relay::RelayConfig config;
  config.webrtc.payload_types.add(0, 0);
  config.legacy.payload_types.add(0, 0);
  const auto phone = relay::Endpoint::v4({127, 0, 0, 1}, 40000);
  config.legacy_rtp = config.legacy_rtcp = phone;
  std::array<std::uint8_t, kBuffer> tx{};
  std::uint64_t sent = 0;
  relay::RelayStream stream(
      timers, config,
      [&](relay::Leg to, const relay::Endpoint&, std::span<const std::uint8_t> d) {
        if (to == relay::Leg::webrtc) {
          std::memcpy(tx.data(), d.data(), d.size());
          if (gateway.protect_rtp(tx, d.size()).ok()) ++sent;
        } else {
          ++sent;
        }
      },
      [](const relay::RelayEvent&) {});
  stream.set_webrtc_remote(relay::Endpoint::v4({127, 0, 0, 1}, 40002));
  std::vector<std::array<std::uint8_t, kBuffer>> srtp_in(packets), rtp_in(packets);
  std::vector<std::size_t> srtp_length(packets);
  for (std::size_t i = 0; i < packets; ++i) {
    fill_rtp(srtp_in[i], static_cast<std::uint16_t>(i + 1), 0xB0B0B0B0);
    srtp_length[i] = *browser.protect_rtp(srtp_in[i], kRtpLength);
    fill_rtp(rtp_in[i], static_cast<std::uint16_t>(i + 1), 0xFEED0001);
  }
  std::array<std::uint8_t, kBuffer> rx{};
  const auto start = Clock::now();
  for (std::size_t i = 0; i < packets; ++i) {
    std::memcpy(rx.data(), srtp_in[i].data(), srtp_length[i]);
    std::span<std::uint8_t> packet(rx.data(), srtp_length[i]);
    if (auto plain = gateway.unprotect_rtp(packet); plain.ok())
      stream.receive(relay::Leg::webrtc, {}, packet.first(*plain));
    stream.receive(relay::Leg::legacy, phone, std::span(rtp_in[i].data(), kRtpLength));
  }
  const double us = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
  std::printf("%-24s no sockets: %6.3f us/packet (SRTP + relay, %llu of %zu relayed)\n",
              std::string(srtp::to_string(profile)).c_str(), us / static_cast<double>(2 * packets),
              static_cast<unsigned long long>(sent), 2 * packets);
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t calls = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 200;
  const double seconds = argc > 2 ? std::strtod(argv[2], nullptr) : 3.0;
  if (srtp::initialize()) {
    std::fprintf(stderr, "libsrtp initialization failed\n");
    return 1;
  }
  std::printf("relay data path, one worker thread, PCMU 20 ms both directions over loopback UDP\n");
  for (const auto profile : {srtp::Profile::aead_aes_128_gcm, srtp::Profile::aes_cm_128_hmac_sha1_80}) {
    if (!srtp::is_supported(profile)) {
      std::printf("%s: not supported by %s\n", std::string(srtp::to_string(profile)).c_str(),
                  std::string(srtp::library_version()).c_str());
      continue;
    }
    run_without_sockets(profile, 50000);
    run(profile, calls, seconds);
  }
  return 0;
}
