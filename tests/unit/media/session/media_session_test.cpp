// MediaSession end to end on 127.0.0.1: an in-process libnice browser (full
// ICE, DTLS, SRTP) <-> MediaSession <-> a plain UDP socket playing the legacy
// phone at the address the session was given as the legacy SDP address. The
// GMainContext and the io_context are driven alternately on this thread.
#include "rtcsip/media/session/media_session.hpp"

#include <gtest/gtest.h>

#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/udp.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "counting_allocator.hpp"

using rtcsip::test::allocations;
#include "nice_browser.hpp"
#include "rtcsip/core/asio_timer_service.hpp"
#include "rtcsip/media/dtls/dtls_context.hpp"
#include "rtcsip/media/rtp/demux.hpp"

namespace rtcsip::media::test {
namespace {

namespace asio = boost::asio;
using udp = asio::ip::udp;
using relay::Leg;
using namespace std::chrono_literals;

constexpr std::uint32_t kBrowserSsrc = 0xB0B0B0B0;
constexpr std::uint32_t kPhoneSsrc = 0xFEED0001;
constexpr std::size_t kHeader = 12;
constexpr std::size_t kPayload = 160;  // PCMU, 20 ms: 172-octet packets

std::shared_ptr<const dtls::DtlsContext> gateway_context() {
  static const auto context = dtls::DtlsContext::create_self_signed();
  return context;
}

std::shared_ptr<const dtls::DtlsContext> browser_context() {
  static const auto context = dtls::DtlsContext::create_self_signed();
  return context;
}

udp::endpoint loopback(std::uint16_t port = 0) { return {asio::ip::address_v4::loopback(), port}; }

relay::Endpoint relay_loopback(std::uint16_t port) { return relay::Endpoint::v4({127, 0, 0, 1}, port); }

void put32(Bytes& p, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) p.push_back(static_cast<std::uint8_t>(value >> shift));
}

// RTP (RFC 3550 §5.1) with a 160-octet payload that differs per packet.
Bytes rtp_packet(std::uint8_t payload_type, std::uint16_t seq, std::uint32_t ssrc, std::uint8_t seed) {
  Bytes p = {0x80, payload_type, static_cast<std::uint8_t>(seq >> 8), static_cast<std::uint8_t>(seq)};
  put32(p, std::uint32_t{seq} * 160);
  put32(p, ssrc);
  for (std::size_t i = 0; i < kPayload; ++i) p.push_back(static_cast<std::uint8_t>(seed * 31 + i));
  return p;
}

// RTCP sender report (RFC 3550 §6.4.1) with no report blocks: 28 octets.
Bytes rtcp_sender_report(std::uint32_t ssrc) {
  Bytes p = {0x80, 200, 0, 6};
  put32(p, ssrc);
  for (int i = 0; i < 20; ++i) p.push_back(static_cast<std::uint8_t>(i));
  return p;
}

// What a DTLS 1.2 ClientHello starts with (RFC 6347 §4.1, §4.2.2).
Bytes client_hello_lookalike() {
  Bytes p = {22, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 60, 1, 0, 0, 48, 0, 0, 0, 0, 0, 0, 0, 48, 0xfe, 0xfd};
  p.resize(13 + 60, 0x42);
  return p;
}

Bytes payload_of(const Bytes& rtp) { return {rtp.begin() + kHeader, rtp.end()}; }
std::uint8_t payload_type_of(const Bytes& rtp) { return rtp[1] & 0x7F; }

// A plain UDP socket: the legacy phone or a stranger.
struct Peer {
  explicit Peer(asio::io_context& io) : socket(io, loopback()) { socket.non_blocking(true); }
  void drain() {
    Bytes buffer(2048);
    boost::system::error_code ec;
    for (;;) {
      udp::endpoint from;
      const std::size_t n = socket.receive_from(asio::buffer(buffer), from, 0, ec);
      if (ec) return;
      Bytes datagram(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(n));
      (rtp::is_rtcp(datagram) ? rtcp : rtp).push_back(datagram);
      sources.push_back(from);
    }
  }
  void send(const Bytes& datagram, const udp::endpoint& to) { socket.send_to(asio::buffer(datagram), to); }
  [[nodiscard]] std::uint16_t port() const { return socket.local_endpoint().port(); }

  udp::socket socket;
  std::vector<Bytes> rtp;
  std::vector<Bytes> rtcp;
  std::vector<udp::endpoint> sources;
};

// How the WebRTC leg reaches the network.
enum class WebRtcPath { own_socket, shared_port, full_ice };

std::string path_name(WebRtcPath path) {
  switch (path) {
    case WebRtcPath::own_socket:
      return "OwnSocket";
    case WebRtcPath::shared_port:
      return "SharedPort";
    case WebRtcPath::full_ice:
      return "FullIce";
  }
  return "?";
}

struct Mode {
  WebRtcPath path;
  bool rtcp_mux;  // on the legacy leg
};

class MediaSessionTest : public ::testing::TestWithParam<Mode> {
 protected:
  void SetUp() override {
    if (GetParam().path == WebRtcPath::shared_port) {
      auto port = SharedUdpPort::create(io_, loopback());
      ASSERT_TRUE(port.ok()) << port.error().message();
      shared_port_ = std::move(*port);
      shared_port_->start();
    }
    make(30s);
  }

  void TearDown() override {
    session_.reset();
    browser_.reset();
    io_.restart();
    io_.poll();  // the aborted receives of the closed sockets
  }

  bool rtcp_mux() const { return GetParam().rtcp_mux; }
  bool full_ice() const { return GetParam().path == WebRtcPath::full_ice; }

  // DTLS from an address that passed no check: refused by the transport, or
  // on a shared port already by the port, which routes only checked sources.
  std::uint64_t unverified_dtls_dropped() const {
    return session_->webrtc().counters().dtls_unverified +
           (shared_port_ ? shared_port_->counters().unknown_source : 0);
  }

  void make(core::Duration rtp_timeout) {
    browser_ = std::make_unique<NiceBrowser>(dtls::Role::client, browser_context(),
                                             gateway_context()->fingerprint(), timers_);
    MediaSession::Config config;
    config.webrtc.bind = loopback();
    config.webrtc.shared_port = shared_port_.get();
    if (full_ice()) {
      ice::FullIceConfig full;
      full.local_addresses = {*ice::Endpoint::parse("127.0.0.1", 0)};
      config.webrtc.full_ice = full;
    }
    config.webrtc.ice.local = ice::IceCredentials::generate();
    config.webrtc.dtls_role = dtls::Role::server;
    config.webrtc.remote_fingerprints = {expected_browser_fingerprint_};
    config.relay.webrtc.ssrc = 0x5E550001;
    config.relay.legacy.ssrc = 0x5E550002;
    config.relay.webrtc.payload_types.add(0, 0);      // PCMU
    config.relay.webrtc.payload_types.add(126, 101);  // telephone-event
    config.relay.legacy.payload_types.add(0, 0);
    config.relay.legacy.payload_types.add(101, 126);
    config.relay.legacy_rtp = relay_loopback(phone_.port());
    config.relay.legacy_rtcp = relay_loopback(rtcp_mux() ? phone_.port() : phone_rtcp_.port());
    config.relay.rtp_timeout = rtp_timeout;
    config.legacy_bind = loopback();
    config.legacy_rtcp_mux = rtcp_mux();
    auto created =
        MediaSession::create(io_, timers_, gateway_context(), std::move(config),
                             [this](const MediaSession::Event& event) { events_.push_back(event); });
    ASSERT_TRUE(created.ok()) << created.error().message();
    session_ = std::move(*created);
  }

  // Full ICE gathers first: the candidates go into the SDP.
  void start() {
    session_->start();
    started_ = true;
    if (full_ice()) {
      ASSERT_TRUE(run_until([&] { return count(MediaSessionEvent::Kind::gathered) == 1; }));
      ASSERT_NE(session_->webrtc().local_endpoint().port(), 0);
    }
  }

  // The SDP exchange, then the browser's checks, DTLS and SRTP.
  void connect() {
    const auto candidate = browser_->local_candidate();
    ASSERT_TRUE(candidate.has_value());
    session_->webrtc().add_remote_candidate(*candidate, 0x7e7fffff);
    ASSERT_TRUE(session_->webrtc().set_remote_credentials(browser_->credentials()));
    if (!started_) {
      ASSERT_NO_FATAL_FAILURE(start());
    }
    browser_->connect(session_->webrtc().local_credentials(), session_->webrtc().local_endpoint().port());
    ASSERT_TRUE(run_until([&] {
      return count(MediaSessionEvent::Kind::connected) == 1 && browser_->srtp_ready();
    })) << "browser ICE ready "
        << browser_->ice_ready();
  }

  bool run_until(const std::function<bool()>& done, std::chrono::milliseconds limit = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      browser_->iterate();
      io_.restart();
      const std::size_t before = allocations();
      io_.run_for(1ms);
      session_allocations_ += allocations() - before;
      phone_.drain();
      phone_rtcp_.drain();
      stranger_.drain();
    }
    return true;
  }
  void run_for(std::chrono::milliseconds d) {
    run_until([] { return false; }, d);
  }

  [[nodiscard]] int count(MediaSessionEvent::Kind kind) const {
    int n = 0;
    for (const auto& event : events_) n += event.kind == kind ? 1 : 0;
    return n;
  }

  udp::endpoint legacy_rtp() const { return loopback(session_->legacy_rtp_endpoint().port()); }
  udp::endpoint legacy_rtcp() const { return loopback(session_->legacy_rtcp_endpoint().port()); }
  Peer& phone_rtcp_peer() { return rtcp_mux() ? phone_ : phone_rtcp_; }

  asio::io_context io_{1};
  core::AsioTimerService timers_{io_};
  std::unique_ptr<SharedUdpPort> shared_port_;
  Peer phone_{io_};
  Peer phone_rtcp_{io_};
  Peer stranger_{io_};
  std::unique_ptr<NiceBrowser> browser_;
  std::unique_ptr<MediaSession> session_;
  std::vector<MediaSession::Event> events_;
  bool started_ = false;
  dtls::Fingerprint expected_browser_fingerprint_ = browser_context()->fingerprint();
  std::size_t session_allocations_ = 0;  // while the io_context ran
};

TEST_P(MediaSessionTest, LegacyPortsFollowTheRtcpMode) {
  const auto rtp = session_->legacy_rtp_endpoint();
  const auto rtcp = session_->legacy_rtcp_endpoint();
  EXPECT_NE(rtp.port(), 0);
  if (rtcp_mux()) {
    EXPECT_EQ(rtcp.port(), rtp.port());
  } else {
    EXPECT_EQ(rtp.port() % 2, 0);  // RFC 3550 §11
    EXPECT_EQ(rtcp.port(), rtp.port() + 1);
  }
}

TEST_P(MediaSessionTest, RtpFromTheBrowserReachesThePhone) {
  ASSERT_NO_FATAL_FAILURE(connect());
  std::vector<Bytes> sent;
  for (std::uint16_t seq = 100; seq < 150; ++seq) {
    sent.push_back(rtp_packet(seq % 10 == 0 ? 126 : 0, seq, kBrowserSsrc, static_cast<std::uint8_t>(seq)));
    ASSERT_EQ(sent.back().size(), 172u);
    ASSERT_TRUE(browser_->send(browser_->protect_rtp(sent.back())));
  }
  ASSERT_TRUE(run_until([&] { return phone_.rtp.size() >= sent.size(); }));
  run_for(20ms);  // nothing more comes
  ASSERT_EQ(phone_.rtp.size(), sent.size());
  for (std::size_t i = 0; i < sent.size(); ++i) {
    EXPECT_EQ(payload_of(phone_.rtp[i]), payload_of(sent[i])) << i;
    EXPECT_EQ(payload_type_of(phone_.rtp[i]), payload_type_of(sent[i]) == 126 ? 101 : 0) << i;
  }
  EXPECT_EQ(phone_.sources.front(), legacy_rtp());
  EXPECT_EQ(session_->relay_counters(Leg::legacy).packets_sent, sent.size());
}

TEST_P(MediaSessionTest, RtpFromThePhoneReachesTheBrowser) {
  ASSERT_NO_FATAL_FAILURE(connect());
  std::vector<Bytes> sent;
  for (std::uint16_t seq = 7; seq < 57; ++seq) {
    sent.push_back(rtp_packet(seq % 10 == 0 ? 101 : 0, seq, kPhoneSsrc, static_cast<std::uint8_t>(seq * 3)));
    phone_.send(sent.back(), legacy_rtp());
  }
  ASSERT_TRUE(run_until([&] { return browser_->rtp_received.size() >= sent.size(); }));
  run_for(20ms);
  ASSERT_EQ(browser_->rtp_received.size(), sent.size());
  for (std::size_t i = 0; i < sent.size(); ++i) {
    EXPECT_EQ(payload_of(browser_->rtp_received[i]), payload_of(sent[i])) << i;
    EXPECT_EQ(payload_type_of(browser_->rtp_received[i]), payload_type_of(sent[i]) == 101 ? 126 : 0) << i;
  }
  EXPECT_EQ(browser_->unprotect_failures, 0);
  EXPECT_EQ(session_->counters().webrtc_send_failed, 0u);
  EXPECT_EQ(count(MediaSessionEvent::Kind::latched), 1);
}

TEST_P(MediaSessionTest, RtcpPassesBothWays) {
  ASSERT_NO_FATAL_FAILURE(connect());
  // Media first, so each side has a stream the reports are about.
  ASSERT_TRUE(browser_->send(browser_->protect_rtp(rtp_packet(0, 1, kBrowserSsrc, 1))));
  phone_.send(rtp_packet(0, 1, kPhoneSsrc, 2), legacy_rtp());
  ASSERT_TRUE(run_until([&] { return !phone_.rtp.empty() && !browser_->rtp_received.empty(); }));

  ASSERT_TRUE(browser_->send(browser_->protect_rtcp(rtcp_sender_report(kBrowserSsrc))));
  phone_rtcp_peer().send(rtcp_sender_report(kPhoneSsrc), legacy_rtcp());
  ASSERT_TRUE(run_until([&] { return !phone_rtcp_peer().rtcp.empty() && !browser_->rtcp_received.empty(); }));
  run_for(20ms);
  ASSERT_EQ(phone_rtcp_peer().rtcp.size(), 1u);
  ASSERT_EQ(browser_->rtcp_received.size(), 1u);
  EXPECT_EQ(phone_rtcp_peer().rtcp[0][1], 200);
  EXPECT_EQ(browser_->rtcp_received[0][1], 200);
  EXPECT_EQ(phone_rtcp_peer().sources.back(), legacy_rtcp());
  EXPECT_EQ(phone_.rtp.size(), 1u);
  EXPECT_EQ(browser_->rtp_received.size(), 1u);
}

TEST_P(MediaSessionTest, AStrangerToTheLegacyPortIsNotForwarded) {
  ASSERT_NO_FATAL_FAILURE(connect());
  phone_.send(rtp_packet(0, 1, kPhoneSsrc, 1), legacy_rtp());
  ASSERT_TRUE(run_until([&] { return browser_->rtp_received.size() == 1; }));
  for (std::uint16_t seq = 1; seq <= 10; ++seq)
    stranger_.send(rtp_packet(0, seq, 0xBAD00BAD, 0xEE), legacy_rtp());
  ASSERT_TRUE(run_until(
      [&] { return session_->relay_counters(Leg::legacy).drops(relay::DropReason::stranger) == 10; }));
  run_for(20ms);
  EXPECT_EQ(browser_->rtp_received.size(), 1u);

  phone_.send(rtp_packet(0, 2, kPhoneSsrc, 2), legacy_rtp());
  ASSERT_TRUE(run_until([&] { return browser_->rtp_received.size() == 2; }));
  EXPECT_EQ(payload_of(browser_->rtp_received[1]), payload_of(rtp_packet(0, 2, kPhoneSsrc, 2)));
  EXPECT_TRUE(stranger_.rtp.empty());
}

TEST_P(MediaSessionTest, DtlsFromAnUncheckedAddressIsIgnored) {
  ASSERT_NO_FATAL_FAILURE(start());
  stranger_.send(client_hello_lookalike(), loopback(session_->webrtc().local_endpoint().port()));
  if (full_ice()) {
    // libnice drops what comes from no candidate it validated, uncounted.
    run_for(50ms);
  } else {
    ASSERT_TRUE(run_until([&] { return unverified_dtls_dropped() == 1; }));
  }
  EXPECT_EQ(session_->webrtc().dtls_stats().datagrams_received, 0u);
  EXPECT_TRUE(stranger_.rtp.empty() && stranger_.rtcp.empty() && stranger_.sources.empty());

  // The real browser still gets through.
  ASSERT_NO_FATAL_FAILURE(connect());
  EXPECT_EQ(session_->webrtc().state(), WebRtcState::connected);
}

TEST_P(MediaSessionTest, SilenceFromThePhoneIsReported) {
  TearDown();
  make(200ms);
  ASSERT_NO_FATAL_FAILURE(connect());
  const auto timed_out = [&](Leg leg) {
    for (const auto& event : events_)
      if (event.kind == MediaSessionEvent::Kind::rtp_timeout && event.leg == leg) return true;
    return false;
  };
  // The browser keeps talking; the phone says nothing.
  std::uint16_t seq = 1;
  ASSERT_TRUE(run_until(
      [&] {
        if (!timed_out(Leg::legacy))
          browser_->send(browser_->protect_rtp(rtp_packet(0, seq++, kBrowserSsrc, 0)));
        return timed_out(Leg::legacy);
      },
      3s));
  EXPECT_FALSE(timed_out(Leg::webrtc));

  phone_.send(rtp_packet(0, 1, kPhoneSsrc, 1), legacy_rtp());
  ASSERT_TRUE(run_until([&] { return count(MediaSessionEvent::Kind::media_resumed) == 1; }));
  for (const auto& event : events_)
    if (event.kind == MediaSessionEvent::Kind::media_resumed) {
      EXPECT_EQ(event.leg, Leg::legacy);
    }
}

// CONVENTIONS: no heap allocation per packet in steady state. Only the
// io_context's runs are counted: the test's browser and phone allocate.
TEST_P(MediaSessionTest, RelayingDoesNotAllocate) {
  const std::size_t probe = allocations();
  ::operator delete(::operator new(16));
  ASSERT_GT(allocations(), probe) << "the counting allocator is not in use";

  ASSERT_NO_FATAL_FAILURE(connect());
  const auto exchange = [&](std::uint16_t first, std::uint16_t count) {
    std::vector<Bytes> from_browser;
    for (std::uint16_t seq = first; seq < first + count; ++seq)
      from_browser.push_back(browser_->protect_rtp(rtp_packet(0, seq, kBrowserSsrc, 1)));
    from_browser.push_back(browser_->protect_rtcp(rtcp_sender_report(kBrowserSsrc)));
    const std::size_t phone_had = phone_.rtp.size();
    const std::size_t browser_had = browser_->rtp_received.size();
    for (const Bytes& datagram : from_browser) browser_->send(datagram);
    for (std::uint16_t seq = first; seq < first + count; ++seq)
      phone_.send(rtp_packet(0, seq, kPhoneSsrc, 2), legacy_rtp());
    phone_rtcp_peer().send(rtcp_sender_report(kPhoneSsrc), legacy_rtcp());
    return run_until([&] {
      return phone_.rtp.size() == phone_had + count && browser_->rtp_received.size() == browser_had + count;
    });
  };
  ASSERT_TRUE(exchange(1, 20));  // warm-up: latching, Asio's handler memory, SRTP streams
  run_for(20ms);
  session_allocations_ = 0;
  ASSERT_TRUE(exchange(21, 100));
  run_for(20ms);
  EXPECT_EQ(session_allocations_, 0u);
  EXPECT_EQ(phone_rtcp_peer().rtcp.size(), 2u);
  EXPECT_EQ(browser_->rtcp_received.size(), 2u);
}

TEST_P(MediaSessionTest, AFailedWebRtcLegIsReported) {
  TearDown();
  expected_browser_fingerprint_ = gateway_context()->fingerprint();  // not the browser's certificate
  make(30s);
  const auto candidate = browser_->local_candidate();
  ASSERT_TRUE(candidate.has_value());
  session_->webrtc().add_remote_candidate(*candidate, 0x7e7fffff);
  ASSERT_TRUE(session_->webrtc().set_remote_credentials(browser_->credentials()));
  ASSERT_NO_FATAL_FAILURE(start());
  browser_->connect(session_->webrtc().local_credentials(), session_->webrtc().local_endpoint().port());
  ASSERT_TRUE(run_until([&] { return count(MediaSessionEvent::Kind::failed) == 1; }));
  const auto& failed = events_.back();
  EXPECT_EQ(failed.kind, MediaSessionEvent::Kind::failed);
  EXPECT_EQ(failed.failure, WebRtcFailure::dtls_failed);
  EXPECT_FALSE(failed.reason.empty());
  EXPECT_EQ(count(MediaSessionEvent::Kind::connected), 0);

  // The phone's media has nowhere to go: dropped (counted on the leg it came from).
  phone_.send(rtp_packet(0, 1, kPhoneSsrc, 1), legacy_rtp());
  ASSERT_TRUE(run_until(
      [&] { return session_->relay_counters(Leg::legacy).drops(relay::DropReason::no_destination) == 1; }));
}

// Two calls whose WebRTC legs share one port of the worker: each browser's
// media reaches only its own phone and back; checks for a ufrag that no leg
// has are dropped by the port.
class SharedPortTest : public ::testing::Test {
 protected:
  struct Call {
    std::unique_ptr<Peer> phone;
    std::unique_ptr<NiceBrowser> browser;
    std::unique_ptr<MediaSession> session;
    int connected = 0;
  };

  void SetUp() override {
    auto port = SharedUdpPort::create(io_, loopback());
    ASSERT_TRUE(port.ok()) << port.error().message();
    port_ = std::move(*port);
    port_->start();
  }

  void TearDown() override {
    calls_.clear();
    io_.restart();
    io_.poll();
  }

  void add_call(std::uint32_t legacy_ssrc) {
    auto call = std::make_unique<Call>();
    call->phone = std::make_unique<Peer>(io_);
    call->browser = std::make_unique<NiceBrowser>(dtls::Role::client, browser_context(),
                                                  gateway_context()->fingerprint(), timers_);
    MediaSession::Config config;
    config.webrtc.shared_port = port_.get();
    config.webrtc.ice.local = ice::IceCredentials::generate();
    config.webrtc.remote_fingerprints = {browser_context()->fingerprint()};
    config.relay.webrtc.ssrc = legacy_ssrc + 1;
    config.relay.legacy.ssrc = legacy_ssrc;
    config.relay.webrtc.payload_types.add(0, 0);
    config.relay.legacy.payload_types.add(0, 0);
    config.relay.legacy_rtp = config.relay.legacy_rtcp = relay_loopback(call->phone->port());
    config.legacy_bind = loopback();
    config.legacy_rtcp_mux = true;
    Call& c = *call;
    auto created = MediaSession::create(io_, timers_, gateway_context(), std::move(config),
                                        [&c](const MediaSession::Event& event) {
                                          if (event.kind == MediaSessionEvent::Kind::connected) ++c.connected;
                                        });
    ASSERT_TRUE(created.ok()) << created.error().message();
    c.session = std::move(*created);
    c.session->start();
    c.session->webrtc().add_remote_candidate(*c.browser->local_candidate(), 0x7e7fffff);
    c.browser->connect(c.session->webrtc().local_credentials(), port_->local_endpoint().port());
    calls_.push_back(std::move(call));
  }

  bool run_until(const std::function<bool()>& done, std::chrono::milliseconds limit = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      for (auto& call : calls_) call->browser->iterate();
      io_.restart();
      io_.run_for(1ms);
      for (auto& call : calls_) call->phone->drain();
    }
    return true;
  }

  udp::endpoint legacy_of(const Call& call) const {
    return loopback(call.session->legacy_rtp_endpoint().port());
  }

  asio::io_context io_{1};
  core::AsioTimerService timers_{io_};
  std::unique_ptr<SharedUdpPort> port_;
  std::vector<std::unique_ptr<Call>> calls_;
};

TEST_F(SharedPortTest, TwoCallsOnOnePortAreKeptApart) {
  ASSERT_NO_FATAL_FAILURE(add_call(0xA0000000));
  ASSERT_NO_FATAL_FAILURE(add_call(0xB0000000));
  Call& a = *calls_[0];
  Call& b = *calls_[1];
  ASSERT_EQ(a.session->webrtc().local_endpoint(), b.session->webrtc().local_endpoint());
  ASSERT_TRUE(run_until([&] {
    return a.connected == 1 && b.connected == 1 && a.browser->srtp_ready() && b.browser->srtp_ready();
  }));
  EXPECT_EQ(port_->attached(), 2u);
  EXPECT_EQ(port_->claimed_addresses(), 2u);
  EXPECT_NE(a.session->webrtc().selected(), b.session->webrtc().selected());

  // Each side of each call marks its payload with its own seed.
  for (std::uint16_t seq = 1; seq <= 30; ++seq) {
    ASSERT_TRUE(a.browser->send(a.browser->protect_rtp(rtp_packet(0, seq, kBrowserSsrc, 0x11))));
    ASSERT_TRUE(b.browser->send(b.browser->protect_rtp(rtp_packet(0, seq, kBrowserSsrc, 0x22))));
    a.phone->send(rtp_packet(0, seq, kPhoneSsrc, 0x33), legacy_of(a));
    b.phone->send(rtp_packet(0, seq, kPhoneSsrc, 0x44), legacy_of(b));
  }
  ASSERT_TRUE(run_until([&] {
    return a.phone->rtp.size() == 30 && b.phone->rtp.size() == 30 && a.browser->rtp_received.size() == 30 &&
           b.browser->rtp_received.size() == 30;
  }));
  for (std::size_t i = 0; i < 30; ++i) {
    const auto seq = static_cast<std::uint16_t>(i + 1);
    EXPECT_EQ(payload_of(a.phone->rtp[i]), payload_of(rtp_packet(0, seq, 0, 0x11))) << i;
    EXPECT_EQ(payload_of(b.phone->rtp[i]), payload_of(rtp_packet(0, seq, 0, 0x22))) << i;
    EXPECT_EQ(payload_of(a.browser->rtp_received[i]), payload_of(rtp_packet(0, seq, 0, 0x33))) << i;
    EXPECT_EQ(payload_of(b.browser->rtp_received[i]), payload_of(rtp_packet(0, seq, 0, 0x44))) << i;
  }
  EXPECT_EQ(a.browser->unprotect_failures + b.browser->unprotect_failures, 0);
  EXPECT_GE(port_->counters().routed_by_address, 60u);  // DTLS and 60 SRTP packets at least
  EXPECT_GE(port_->counters().routed_by_ufrag, 2u);
  EXPECT_EQ(port_->counters().unknown_source, 0u);

  // The first call ends: its ufrag and address are forgotten, the second goes on.
  calls_.erase(calls_.begin());
  EXPECT_EQ(port_->attached(), 1u);
  EXPECT_EQ(port_->claimed_addresses(), 1u);
  ASSERT_TRUE(b.browser->send(b.browser->protect_rtp(rtp_packet(0, 31, kBrowserSsrc, 0x22))));
  b.phone->send(rtp_packet(0, 31, kPhoneSsrc, 0x44), legacy_of(b));
  ASSERT_TRUE(run_until([&] { return b.phone->rtp.size() == 31 && b.browser->rtp_received.size() == 31; }));
}

TEST_F(SharedPortTest, ChecksForAnUnknownUfragAreDropped) {
  ASSERT_NO_FATAL_FAILURE(add_call(0xA0000000));
  // A browser told credentials no leg on this port has.
  NiceBrowser lost(dtls::Role::client, browser_context(), gateway_context()->fingerprint(), timers_);
  lost.connect(ice::IceCredentials{"NoSuchUf", "NoSuchPasswordOf24Chars!"}, port_->local_endpoint().port());
  ASSERT_TRUE(run_until([&] {
    lost.iterate();
    return port_->counters().unknown_ufrag >= 2 && calls_[0]->connected == 1;
  }));
  EXPECT_FALSE(lost.ice_ready());
  // Never offered to the leg that is there (it would have answered 401).
  EXPECT_EQ(calls_[0]->session->webrtc().ice_counters().unknown_username, 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Modes, MediaSessionTest,
    ::testing::Values(Mode{WebRtcPath::own_socket, false}, Mode{WebRtcPath::own_socket, true},
                      Mode{WebRtcPath::shared_port, false}, Mode{WebRtcPath::shared_port, true},
                      Mode{WebRtcPath::full_ice, false}, Mode{WebRtcPath::full_ice, true}),
    [](const ::testing::TestParamInfo<Mode>& info) {
      std::string name = path_name(info.param.path);
      return name + (info.param.rtcp_mux ? "RtcpMux" : "RtcpOnPortPlusOne");
    });

}  // namespace
}  // namespace rtcsip::media::test
