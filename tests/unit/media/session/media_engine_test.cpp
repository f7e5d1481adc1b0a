// MediaEngine with real worker threads: sessions placed on the least loaded
// worker, ports from each worker's share of the range, results and events
// posted back to the signalling io_context (this test's thread), and a call
// relayed between an in-process libnice browser and a UDP phone.
#include "rtcsip/media/session/media_engine.hpp"

#include <gtest/gtest.h>

#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/udp.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include "nice_browser.hpp"
#include "rtcsip/core/asio_timer_service.hpp"
#include "rtcsip/media/worker_pool.hpp"

namespace rtcsip::media::test {
namespace {

namespace asio = boost::asio;
using udp = asio::ip::udp;
using namespace std::chrono_literals;

std::shared_ptr<const dtls::DtlsContext> context() {
  static const auto c = dtls::DtlsContext::create_self_signed();
  return c;
}
std::shared_ptr<const dtls::DtlsContext> browser_context() {
  static const auto c = dtls::DtlsContext::create_self_signed();
  return c;
}

udp::endpoint loopback(std::uint16_t port = 0) { return {asio::ip::address_v4::loopback(), port}; }

// The first of `count` consecutive free ports, starting on an even port, at the time of asking.
std::uint16_t free_ports(int count) {
  asio::io_context io;
  for (int attempt = 0; attempt < 100; ++attempt) {
    udp::socket probe(io, loopback());
    const auto first = static_cast<std::uint16_t>(probe.local_endpoint().port() & ~1u);
    if (first >= 65000) continue;
    probe.close();
    bool free = true;
    for (int i = 0; i < count && free; ++i) {
      boost::system::error_code ec;
      udp::socket next(io);
      next.open(udp::v4());
      next.bind(loopback(static_cast<std::uint16_t>(first + i)), ec);
      free = !ec;
    }
    if (free) return first;
  }
  return 0;
}

MediaEngineConfig engine_config(std::uint16_t port_min, std::uint16_t port_max,
                                std::uint16_t shared_port = 0) {
  MediaEngineConfig config;
  config.port_min = port_min;
  config.port_max = port_max;
  config.shared_port = shared_port;
  return config;
}

MediaSessionConfig session_config(std::uint16_t phone_port, bool rtcp_mux) {
  MediaSessionConfig config;
  config.webrtc.ice.local = ice::IceCredentials::generate();
  config.webrtc.remote_fingerprints = {browser_context()->fingerprint()};
  config.relay.webrtc.ssrc = 0x5E550001;
  config.relay.legacy.ssrc = 0x5E550002;
  config.relay.webrtc.payload_types.add(0, 0);
  config.relay.legacy.payload_types.add(0, 0);
  config.relay.legacy_rtp = config.relay.legacy_rtcp = relay::Endpoint::v4({127, 0, 0, 1}, phone_port);
  config.legacy_rtcp_mux = rtcp_mux;
  return config;
}

class MediaEngineTest : public ::testing::Test {
 protected:
  void SetUp() override { workers_.start(); }
  void TearDown() override {
    engine_.reset();
    workers_.stop();
  }

  void make(MediaEngineConfig config, bool wildcard = false) {
    if (!wildcard) config.bind_address = asio::ip::address_v4::loopback();
    engine_ = std::make_unique<MediaEngine>(workers_, io_, context(), config,
                                            [this](MediaSessionId id, const MediaSessionEvent& event) {
                                              event_threads_.insert(std::this_thread::get_id());
                                              events_[id].push_back(event.kind);
                                            });
  }

  // Creates a session and runs the signalling context until the answer.
  core::Result<MediaSessionInfo, std::error_code> create(MediaSessionConfig config) {
    std::optional<core::Result<MediaSessionInfo, std::error_code>> result;
    engine_->create(std::move(config), [&](core::Result<MediaSessionInfo, std::error_code> r) {
      EXPECT_EQ(std::this_thread::get_id(), main_thread_);
      result.emplace(std::move(r));
    });
    run_until([&] { return result.has_value(); });
    if (!result) return std::make_error_code(std::errc::timed_out);
    return std::move(*result);
  }

  bool run_until(const std::function<bool()>& done, std::chrono::milliseconds limit = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      if (browser_) browser_->iterate();
      io_.restart();
      io_.run_for(1ms);
    }
    return true;
  }

  // PCMU from the browser, 172 octets, payload all `fill`.
  static Bytes rtp_packet(std::uint8_t seq, std::uint8_t fill) {
    Bytes rtp = {0x80, 0, 0, seq, 0, 0, 0, 160, 0xB0, 0xB0, 0xB0, 0xB0};
    rtp.resize(172, fill);
    return rtp;
  }

  // The browser sends `rtp`; the phone receives it with the payload intact.
  void expect_relayed(const Bytes& rtp, udp::socket& phone) {
    ASSERT_TRUE(browser_->send(browser_->protect_rtp(rtp)));
    Bytes received(2048);
    std::size_t length = 0;
    ASSERT_TRUE(run_until([&] {
      boost::system::error_code ec;
      length = phone.receive(asio::buffer(received), 0, ec);
      return !ec;
    }));
    EXPECT_EQ(length, 172u);
    EXPECT_EQ(Bytes(received.begin() + 12, received.begin() + 172), Bytes(rtp.begin() + 12, rtp.end()));
  }

  asio::io_context io_{1};  // the signalling thread's
  core::AsioTimerService timers_{io_};
  WorkerPool workers_{2};
  std::unique_ptr<MediaEngine> engine_;
  std::unique_ptr<NiceBrowser> browser_;
  std::map<MediaSessionId, std::vector<MediaSessionEvent::Kind>> events_;
  std::set<std::thread::id> event_threads_;
  std::thread::id main_thread_ = std::this_thread::get_id();
};

TEST_F(MediaEngineTest, SessionsGoToTheLeastLoadedWorkerWithPortsFromItsShare) {
  make(engine_config(31000, 31099));
  std::set<std::uint16_t> ports;
  std::vector<std::size_t> placed;
  for (int i = 0; i < 4; ++i) {
    auto created = create(session_config(9, false));
    ASSERT_TRUE(created.ok()) << created.error().message();
    const auto& info = *created;
    placed.push_back(info.worker);
    EXPECT_EQ(info.legacy_rtp.port() % 2, 0);  // RFC 3550 §11
    EXPECT_EQ(info.legacy_rtcp.port(), info.legacy_rtp.port() + 1);
    for (const auto port : {info.webrtc.port(), info.legacy_rtp.port(), info.legacy_rtcp.port()}) {
      EXPECT_GE(port, 31000);
      EXPECT_LE(port, 31099);
      EXPECT_TRUE(ports.insert(port).second) << port << " given twice";
      // Worker 0 has 31000..31049, worker 1 the rest.
      EXPECT_EQ(port >= 31050 ? 1u : 0u, info.worker);
    }
    EXPECT_EQ(info.ice.ufrag.size(), 8u);
    EXPECT_EQ(info.sdp_address, asio::ip::make_address("127.0.0.1"));
    ASSERT_EQ(info.candidates.size(), 1u);
    EXPECT_EQ(info.candidates[0].address.to_string(), "127.0.0.1:" + std::to_string(info.webrtc.port()));
  }
  EXPECT_EQ(placed, (std::vector<std::size_t>{0, 1, 0, 1}));
  EXPECT_EQ(engine_->sessions(), 4u);
  EXPECT_EQ(engine_->load(), (std::vector<std::size_t>{2, 2}));
}

TEST_F(MediaEngineTest, APortTakenByAnotherProcessIsSkipped) {
  const std::uint16_t base = free_ports(8);
  ASSERT_NE(base, 0);
  // Worker 0 has base..base+3; another process holds its first port.
  udp::socket squatter(io_, loopback(base));
  make(engine_config(base, static_cast<std::uint16_t>(base + 7)));
  auto created = create(session_config(9, true));
  ASSERT_TRUE(created.ok()) << created.error().message();
  EXPECT_EQ(created->worker, 0u);
  EXPECT_EQ(created->legacy_rtp.port(), base + 2);
}

TEST_F(MediaEngineTest, AClosedSessionGivesItsPortsBack) {
  make(engine_config(32000, 32007));  // 4 ports per worker: one session each
  auto a = create(session_config(9, false));
  auto b = create(session_config(9, false));
  ASSERT_TRUE(a.ok() && b.ok());
  auto c = create(session_config(9, false));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error(), std::errc::no_buffer_space);
  EXPECT_EQ(engine_->sessions(), 2u);  // the failed one is forgotten
  engine_->close(a->id);
  auto d = create(session_config(9, false));
  ASSERT_TRUE(d.ok()) << d.error().message();
  EXPECT_EQ(d->worker, a->worker);
  EXPECT_EQ(d->legacy_rtp, a->legacy_rtp);
}

TEST_F(MediaEngineTest, ACallIsRelayedAndItsEventsReachTheSignallingThread) {
  make(engine_config(33000, 33099));
  udp::socket phone(io_, loopback());
  phone.non_blocking(true);
  auto created = create(session_config(phone.local_endpoint().port(), true));
  ASSERT_TRUE(created.ok()) << created.error().message();
  const MediaSessionInfo info = *created;

  browser_ =
      std::make_unique<NiceBrowser>(dtls::Role::client, browser_context(), context()->fingerprint(), timers_);
  engine_->add_remote_candidate(info.id, *browser_->local_candidate(), 0x7e7fffff);
  browser_->connect(info.ice, info.webrtc.port());
  ASSERT_TRUE(run_until([&] {
    return !events_[info.id].empty() && events_[info.id].front() == MediaSessionEvent::Kind::connected &&
           browser_->srtp_ready();
  }));
  Bytes rtp = rtp_packet(1, 0x5A);
  ASSERT_NO_FATAL_FAILURE(expect_relayed(rtp, phone));
  EXPECT_EQ(event_threads_, std::set<std::thread::id>{main_thread_});

  // The counters, read on the worker.
  std::optional<MediaSessionStats> stats;
  bool answered = false;
  engine_->stats(info.id, [&](std::optional<MediaSessionStats> s) {
    stats = s;
    answered = true;
  });
  ASSERT_TRUE(run_until([&] { return answered; }));
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->webrtc.rtp_packets_received, 1u);
  EXPECT_EQ(stats->legacy.packets_sent, 1u);
  EXPECT_EQ(stats->transport.rtp_received, 1u);
  EXPECT_EQ(stats->srtp_profile, srtp::Profile::aead_aes_128_gcm);
  EXPECT_EQ(stats->state, WebRtcState::connected);

  // After close, nothing comes back for the session.
  engine_->close(info.id);
  EXPECT_EQ(engine_->sessions(), 0u);
  run_until([] { return false; }, 50ms);
  const auto seen = events_[info.id].size();
  ASSERT_TRUE(browser_->send(browser_->protect_rtp(rtp_packet(2, 0x5A))));
  run_until([] { return false; }, 50ms);
  EXPECT_EQ(events_[info.id].size(), seen);
}

// Full ICE: the answer waits for libnice's candidates, which go into the SDP.
TEST_F(MediaEngineTest, FullIceAnswersWithGatheredCandidatesAndRelays) {
  auto config = engine_config(36000, 36099);
  config.full_ice.emplace();
  make(config);
  udp::socket phone(io_, loopback());
  phone.non_blocking(true);
  auto created = create(session_config(phone.local_endpoint().port(), true));
  ASSERT_TRUE(created.ok()) << created.error().message();
  const MediaSessionInfo info = *created;
  ASSERT_FALSE(info.candidates.empty());
  const auto& host = info.candidates.front();
  EXPECT_EQ(host.type, ice::CandidateType::host);
  EXPECT_EQ(host.address.to_string().rfind("127.0.0.1:", 0), 0u) << host.address.to_string();
  EXPECT_GE(host.address.port(), info.worker == 0 ? 36000 : 36050);
  EXPECT_LE(host.address.port(), info.worker == 0 ? 36049 : 36099);
  EXPECT_EQ(info.webrtc.port(), host.address.port());

  browser_ =
      std::make_unique<NiceBrowser>(dtls::Role::client, browser_context(), context()->fingerprint(), timers_);
  engine_->set_remote_credentials(info.id, browser_->credentials());
  engine_->add_remote_candidate(info.id, ice::RemoteCandidate{.foundation = "1",
                                                              .priority = 0x7e7fffff,
                                                              .type = ice::CandidateType::host,
                                                              .address = *browser_->local_candidate()});
  browser_->connect(info.ice, host.address.port());
  ASSERT_TRUE(run_until([&] {
    return !events_[info.id].empty() && events_[info.id].back() == MediaSessionEvent::Kind::connected &&
           browser_->srtp_ready();
  }));
  ASSERT_NO_FATAL_FAILURE(expect_relayed(rtp_packet(1, 0x77), phone));
}

// Behind NAT the SDP carries the advertised address; a wildcard bind
// without one offers an interface's address, never 0.0.0.0.
TEST_F(MediaEngineTest, TheSdpAddressIsTheAdvertisedOne) {
  auto config = engine_config(37000, 37099);
  config.advertised_address = asio::ip::make_address("203.0.113.7");
  make(config);
  auto created = create(session_config(9, true));
  ASSERT_TRUE(created.ok()) << created.error().message();
  EXPECT_EQ(created->sdp_address, asio::ip::make_address("203.0.113.7"));
  ASSERT_EQ(created->candidates.size(), 1u);
  EXPECT_EQ(created->candidates[0].address.to_string(),
            "203.0.113.7:" + std::to_string(created->webrtc.port()));
  engine_.reset();

  make(engine_config(37000, 37099), true);
  EXPECT_FALSE(engine_->sdp_address().is_unspecified());
  bool answered = false;
  engine_->stats(12345, [&](std::optional<MediaSessionStats> s) {
    EXPECT_FALSE(s.has_value());
    answered = true;
  });
  ASSERT_TRUE(run_until([&] { return answered; }));
}

TEST_F(MediaEngineTest, EachWorkerHasItsSharedPort) {
  const std::uint16_t base = free_ports(2);
  ASSERT_NE(base, 0);
  make(engine_config(34000, 34099, base));
  ASSERT_FALSE(engine_->start());
  auto a = create(session_config(9, true));
  auto b = create(session_config(9, true));
  auto c = create(session_config(9, true));
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->webrtc.port(), base + a->worker);
  EXPECT_EQ(b->webrtc.port(), base + b->worker);
  EXPECT_EQ(c->webrtc, a->webrtc);  // same worker, same port
  EXPECT_NE(a->ice.ufrag, c->ice.ufrag);
}

TEST_F(MediaEngineTest, ASharedPortThatCannotBeBoundFailsTheStart) {
  udp::socket squatter(io_, loopback());
  make(engine_config(20000, 40000, squatter.local_endpoint().port()));
  EXPECT_EQ(engine_->start(), std::errc::address_in_use);
}

TEST_F(MediaEngineTest, StopClosesEverySession) {
  make(engine_config(35000, 35099));
  ASSERT_TRUE(create(session_config(9, true)).ok());
  ASSERT_TRUE(create(session_config(9, true)).ok());
  engine_->stop();
  EXPECT_EQ(engine_->sessions(), 0u);
  // The ports are free again: another socket can have them.
  udp::socket reuse(io_);
  reuse.open(udp::v4());
  boost::system::error_code ec;
  reuse.bind(loopback(35000), ec);
  EXPECT_FALSE(ec) << ec.message();
  auto after = create(session_config(9, true));
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error(), std::errc::operation_canceled);
}

}  // namespace
}  // namespace rtcsip::media::test
