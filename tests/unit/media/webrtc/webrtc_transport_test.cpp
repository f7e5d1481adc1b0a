// WebRtcTransport against an in-process browser: a real libnice agent (full,
// controlling ICE), DTLS on top of it and SRTP keyed by it, all on 127.0.0.1.
// The GMainContext and the io_context are driven alternately on this thread.
#include "rtcsip/media/webrtc/webrtc_transport.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/udp.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "nice_browser.hpp"
#include "rtcsip/core/asio_timer_service.hpp"
#include "rtcsip/media/dtls/dtls_context.hpp"
#include "rtcsip/media/srtp/profile.hpp"

namespace rtcsip::media::dtls {
// For readable parameter values in test failure messages.
void PrintTo(Role role, std::ostream* out) { *out << to_string(role); }
}  // namespace rtcsip::media::dtls

namespace rtcsip::media::test {
namespace {

namespace asio = boost::asio;
using udp = asio::ip::udp;
using namespace std::chrono_literals;

std::shared_ptr<const dtls::DtlsContext> gateway_context() {
  static const auto context = dtls::DtlsContext::create_self_signed();
  return context;
}

std::shared_ptr<const dtls::DtlsContext> browser_context() {
  static const auto context = dtls::DtlsContext::create_self_signed();
  return context;
}

udp::endpoint loopback(std::uint16_t port = 0) { return {asio::ip::address_v4::loopback(), port}; }

void put32(Bytes& p, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) p.push_back(static_cast<std::uint8_t>(value >> shift));
}

// RTP (RFC 3550 §5.1): V=2, PT 111, the given sequence number, SSRC, payload.
Bytes rtp_packet(std::uint16_t seq, std::uint32_t ssrc, std::size_t payload_length) {
  Bytes p = {0x80, 111, static_cast<std::uint8_t>(seq >> 8), static_cast<std::uint8_t>(seq)};
  put32(p, std::uint32_t{seq} * 960);  // timestamp
  put32(p, ssrc);
  for (std::size_t i = 0; i < payload_length; ++i)
    p.push_back(static_cast<std::uint8_t>(std::size_t{seq} * 7 + i));
  return p;
}

// RTCP sender report (RFC 3550 §6.4.1) with no report blocks: 28 octets.
Bytes rtcp_sender_report(std::uint32_t ssrc, std::uint8_t marker) {
  Bytes p = {0x80, 200, 0, 6};
  put32(p, ssrc);
  for (int i = 0; i < 20; ++i) p.push_back(static_cast<std::uint8_t>(marker + i));
  return p;
}

// What a DTLS 1.2 ClientHello starts with (RFC 6347 §4.1, §4.2.2): a
// handshake record, epoch 0, then a client_hello message header.
Bytes client_hello_lookalike() {
  Bytes p = {22, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 60, 1, 0, 0, 48, 0, 0, 0, 0, 0, 0, 0, 48, 0xfe, 0xfd};
  p.resize(13 + 60, 0x42);
  return p;
}

class WebRtcTransportTest : public ::testing::TestWithParam<dtls::Role> {
 protected:
  void SetUp() override { make(gateway_fingerprint_for_browser(), browser_context()->fingerprint()); }

  void TearDown() override {
    transport_.reset();
    browser_.reset();
    stranger_.close();
    io_.restart();
    io_.poll();  // the aborted receive of the closed socket
  }

  static dtls::Fingerprint gateway_fingerprint_for_browser() { return gateway_context()->fingerprint(); }

  void make(dtls::Fingerprint gateway_fingerprint, dtls::Fingerprint browser_fingerprint) {
    connected_ = 0;
    failure_.reset();
    const dtls::Role gateway_role = GetParam();
    const dtls::Role browser_role =
        gateway_role == dtls::Role::client ? dtls::Role::server : dtls::Role::client;
    browser_ = std::make_unique<NiceBrowser>(browser_role, browser_context(), std::move(gateway_fingerprint),
                                             timers_);
    WebRtcTransport::Config config;
    config.bind = loopback();
    config.ice.local = ice::IceCredentials::generate();
    config.ice.consent_timeout = consent_timeout_;
    config.dtls_role = gateway_role;
    config.remote_fingerprints = {std::move(browser_fingerprint)};
    WebRtcTransport::Events events{
        .connected = [this] { ++connected_; },
        .gathered = {},
        .failed =
            [this](WebRtcFailure failure, std::string_view reason) {
              failure_ = failure;
              reason_ = std::string(reason);
            },
        .rtp = [this](std::span<const std::uint8_t> p) { rtp_.emplace_back(p.begin(), p.end()); },
        .rtcp = [this](std::span<const std::uint8_t> p) { rtcp_.emplace_back(p.begin(), p.end()); },
    };
    auto created =
        WebRtcTransport::create(io_, timers_, gateway_context(), std::move(config), std::move(events));
    ASSERT_TRUE(created.ok()) << created.error().message();
    transport_ = std::move(*created);
    stranger_.open(udp::v4());
    stranger_.bind(loopback());
  }

  // The SDP exchange, then the browser starts its checks.
  void signal() {
    const auto candidate = browser_->local_candidate();
    ASSERT_TRUE(candidate.has_value());
    transport_->add_remote_candidate(*candidate, 0x7e7fffff);
    transport_->start();
    browser_->connect(transport_->local_credentials(), transport_->local_endpoint().port());
  }

  // Alternates the two loops until `done` (at most `limit` of wall-clock time).
  bool run_until(const std::function<bool()>& done, std::chrono::milliseconds limit = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      browser_->iterate();
      io_.restart();
      io_.run_for(1ms);
    }
    return true;
  }
  void run_for(std::chrono::milliseconds d) {
    run_until([] { return false; }, d);
  }

  void connect_both() {
    signal();
    ASSERT_TRUE(run_until([&] { return connected_ == 1 && browser_->srtp_ready(); }))
        << "browser ICE ready " << browser_->ice_ready() << ", transport DTLS "
        << dtls::to_string(transport_->dtls_state()) << ", failure " << reason_;
  }

  void send_from_stranger(const Bytes& datagram) {
    stranger_.send_to(asio::buffer(datagram), transport_->local_endpoint());
  }

  SendStatus gateway_send_rtp(const Bytes& plain) {
    Bytes buffer = plain;
    buffer.resize(plain.size() + srtp::kMaxRtpOverhead);
    return transport_->send_rtp(buffer, plain.size());
  }
  SendStatus gateway_send_rtcp(const Bytes& plain) {
    Bytes buffer = plain;
    buffer.resize(plain.size() + srtp::kMaxRtcpOverhead);
    return transport_->send_rtcp(buffer, plain.size());
  }

  asio::io_context io_{1};
  core::AsioTimerService timers_{io_};
  udp::socket stranger_{io_};
  std::unique_ptr<NiceBrowser> browser_;
  std::unique_ptr<WebRtcTransport> transport_;
  core::Duration consent_timeout_ = 30s;
  int connected_ = 0;
  std::optional<WebRtcFailure> failure_;
  std::string reason_;
  std::vector<Bytes> rtp_;
  std::vector<Bytes> rtcp_;
};

TEST_P(WebRtcTransportTest, IceSelectsThePairAndDtlsKeysSrtp) {
  ASSERT_NO_FATAL_FAILURE(connect_both());
  EXPECT_TRUE(browser_->ice_ready());
  EXPECT_FALSE(browser_->ice_failed());
  ASSERT_TRUE(transport_->selected().has_value());
  EXPECT_EQ(*transport_->selected(), *browser_->local_candidate());
  ASSERT_TRUE(browser_->selected_remote().has_value());
  EXPECT_EQ(browser_->selected_remote()->port(), transport_->local_endpoint().port());
  EXPECT_EQ(transport_->state(), WebRtcState::connected);
  EXPECT_EQ(transport_->dtls_state(), dtls::State::connected);
  EXPECT_EQ(browser_->dtls().state(), dtls::State::connected);
  ASSERT_TRUE(transport_->srtp_profile().has_value());
  EXPECT_EQ(transport_->srtp_profile(), browser_->srtp_profile());
  EXPECT_GT(transport_->ice_counters().checks_answered, 0u);
  EXPECT_EQ(transport_->counters().dtls_unverified, 0u);
  EXPECT_FALSE(failure_.has_value()) << reason_;
}

TEST_P(WebRtcTransportTest, RtpFromTheBrowserArrivesUnprotected) {
  ASSERT_NO_FATAL_FAILURE(connect_both());
  std::vector<Bytes> sent;
  for (std::uint16_t seq = 1000; seq < 1050; ++seq) {
    sent.push_back(rtp_packet(seq, 0x11223344, 20 + seq % 140));
    ASSERT_TRUE(browser_->send(browser_->protect_rtp(sent.back())));
  }
  ASSERT_TRUE(run_until([&] { return rtp_.size() >= sent.size(); }));
  run_for(20ms);  // nothing more comes
  EXPECT_EQ(rtp_, sent);
  EXPECT_EQ(transport_->counters().rtp_received, sent.size());
  EXPECT_EQ(transport_->counters().rtp_unprotect_failed, 0u);
}

TEST_P(WebRtcTransportTest, RtpFromTheGatewayArrivesAtTheBrowser) {
  ASSERT_NO_FATAL_FAILURE(connect_both());
  std::vector<Bytes> sent;
  for (std::uint16_t seq = 7; seq < 47; ++seq) {
    sent.push_back(rtp_packet(seq, 0xcafe0001, 160));
    ASSERT_EQ(gateway_send_rtp(sent.back()), SendStatus::sent);
  }
  ASSERT_TRUE(run_until([&] { return browser_->rtp_received.size() >= sent.size(); }));
  EXPECT_EQ(browser_->rtp_received, sent);
  EXPECT_EQ(browser_->unprotect_failures, 0);
  EXPECT_EQ(transport_->counters().rtp_sent, sent.size());
}

TEST_P(WebRtcTransportTest, RtcpPassesBothWaysOnTheMuxedPort) {
  ASSERT_NO_FATAL_FAILURE(connect_both());
  const Bytes from_browser = rtcp_sender_report(0x11223344, 1);
  const Bytes from_gateway = rtcp_sender_report(0xcafe0001, 100);
  ASSERT_TRUE(browser_->send(browser_->protect_rtcp(from_browser)));
  ASSERT_EQ(gateway_send_rtcp(from_gateway), SendStatus::sent);
  ASSERT_TRUE(run_until([&] { return !rtcp_.empty() && !browser_->rtcp_received.empty(); }));
  EXPECT_EQ(rtcp_, std::vector<Bytes>{from_browser});
  EXPECT_EQ(browser_->rtcp_received, std::vector<Bytes>{from_gateway});
  EXPECT_TRUE(rtp_.empty());
  EXPECT_EQ(transport_->counters().rtcp_received, 1u);
  EXPECT_EQ(transport_->counters().rtcp_sent, 1u);
}

TEST_P(WebRtcTransportTest, DtlsFromAnUncheckedAddressIsIgnored) {
  transport_->start();
  send_from_stranger(client_hello_lookalike());
  ASSERT_TRUE(run_until([&] { return transport_->counters().dtls_unverified == 1; }));
  EXPECT_EQ(transport_->dtls_stats().datagrams_received, 0u);
  EXPECT_EQ(transport_->dtls_stats().datagrams_sent, 0u);

  // The real browser still gets through, and a later stranger is still ignored.
  transport_->close();
  TearDown();
  make(gateway_fingerprint_for_browser(), browser_context()->fingerprint());
  ASSERT_NO_FATAL_FAILURE(connect_both());
  const auto dtls_received = transport_->dtls_stats().datagrams_received;
  send_from_stranger(client_hello_lookalike());
  ASSERT_TRUE(run_until([&] { return transport_->counters().dtls_unverified == 1; }));
  EXPECT_EQ(transport_->dtls_stats().datagrams_received, dtls_received);
  EXPECT_EQ(transport_->dtls_state(), dtls::State::connected);
  EXPECT_EQ(transport_->state(), WebRtcState::connected);
}

TEST_P(WebRtcTransportTest, SrtpFromAStrangerIsDropped) {
  ASSERT_NO_FATAL_FAILURE(connect_both());
  // Correctly protected with the browser's keys, but from another address.
  send_from_stranger(browser_->protect_rtp(rtp_packet(1, 0x11223344, 40)));
  send_from_stranger(browser_->protect_rtcp(rtcp_sender_report(0x11223344, 9)));
  ASSERT_TRUE(run_until([&] { return transport_->counters().media_unselected == 2; }));
  EXPECT_TRUE(rtp_.empty());
  EXPECT_TRUE(rtcp_.empty());

  const Bytes genuine = rtp_packet(2, 0x11223344, 40);
  ASSERT_TRUE(browser_->send(browser_->protect_rtp(genuine)));
  ASSERT_TRUE(run_until([&] { return !rtp_.empty(); }));
  EXPECT_EQ(rtp_, std::vector<Bytes>{genuine});
}

TEST_P(WebRtcTransportTest, NothingIsSentBeforeConnecting) {
  EXPECT_EQ(gateway_send_rtp(rtp_packet(1, 1, 10)), SendStatus::not_connected);
  EXPECT_EQ(gateway_send_rtcp(rtcp_sender_report(1, 1)), SendStatus::not_connected);
  EXPECT_EQ(transport_->counters().send_not_connected, 2u);
}

TEST_P(WebRtcTransportTest, WrongRemoteFingerprintFailsTheLeg) {
  TearDown();
  // The gateway expects some other certificate than the browser's.
  make(gateway_fingerprint_for_browser(), gateway_context()->fingerprint());
  ASSERT_NO_FATAL_FAILURE(signal());
  ASSERT_TRUE(run_until([&] { return failure_.has_value(); }));
  EXPECT_EQ(*failure_, WebRtcFailure::dtls_failed);
  EXPECT_FALSE(reason_.empty());
  EXPECT_EQ(connected_, 0);
  EXPECT_EQ(transport_->state(), WebRtcState::failed);
}

TEST_P(WebRtcTransportTest, ConsentExpiryFailsTheLeg) {
  TearDown();
  // libnice without consent freshness sends no checks once nominated, so a
  // short consent timeout expires soon after connecting (RFC 7675 §5.1).
  consent_timeout_ = 300ms;
  make(gateway_fingerprint_for_browser(), browser_context()->fingerprint());
  ASSERT_NO_FATAL_FAILURE(connect_both());
  ASSERT_TRUE(run_until([&] { return failure_.has_value(); }, 5s));
  EXPECT_EQ(*failure_, WebRtcFailure::ice_consent_expired);
  EXPECT_EQ(transport_->state(), WebRtcState::failed);
  EXPECT_EQ(gateway_send_rtp(rtp_packet(1, 1, 10)), SendStatus::not_connected);
}

INSTANTIATE_TEST_SUITE_P(DtlsRoles, WebRtcTransportTest,
                         ::testing::Values(dtls::Role::client, dtls::Role::server),
                         [](const ::testing::TestParamInfo<dtls::Role>& info) {
                           return info.param == dtls::Role::client ? std::string("GatewayIsDtlsClient")
                                                                   : std::string("GatewayIsDtlsServer");
                         });

}  // namespace
}  // namespace rtcsip::media::test
