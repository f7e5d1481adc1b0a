// Handshakes that must fail, once and with a reason: a certificate that does
// not match the SDP, no certificate, no SRTP profile in common, a peer that
// never answers. Garbage is dropped or fails cleanly; close_notify ends both.
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <random>

#include "dtls_fixture.hpp"

namespace rtcsip::media::dtls::test {
namespace {

using namespace std::chrono_literals;

class DtlsFailureTest : public DtlsPairTest, public ::testing::WithParamInterface<Role> {};

std::string role_name(const ::testing::TestParamInfo<Role>& info) {
  return info.param == Role::client ? "AClientBServer" : "AServerBClient";
}

std::vector<std::uint8_t> random_bytes(std::mt19937& rng, std::size_t n, std::uint8_t first) {
  std::vector<std::uint8_t> out(n);
  for (auto& b : out) b = static_cast<std::uint8_t>(rng());
  if (!out.empty()) out[0] = first;
  return out;
}

TEST_P(DtlsFailureTest, FingerprintMismatchFailsTheCheckerAndEndsThePeer) {
  // B expects the wrong certificate from A; A expects B's, correctly. With A
  // as client B checks as the server, and the other way round.
  make({.a_role = GetParam(), .b_knows_a = false});
  b_.transport->set_remote_fingerprints({context_b()->fingerprint()});
  start();
  ASSERT_TRUE(run_until([&] { return both_ended(); }, 5s));

  EXPECT_EQ(b_.error, DtlsError::fingerprint_mismatch);
  EXPECT_NE(b_.reason.find("matches no a=fingerprint"), std::string::npos) << b_.reason;
  EXPECT_NE(b_.reason.find(context_a()->sdp_fingerprint()), std::string::npos) << b_.reason;
  // B's bad_certificate alert ends A's handshake (RFC 5246 §7.2.2).
  EXPECT_EQ(a_.error, DtlsError::handshake_failed);
  EXPECT_NE(a_.reason.find("bad certificate"), std::string::npos) << a_.reason;

  run_for(60s);  // nothing more is reported
  EXPECT_EQ(a_.failed, 1);
  EXPECT_EQ(b_.failed, 1);
  EXPECT_EQ(a_.connected + b_.connected + a_.closed + b_.closed, 0);
  EXPECT_FALSE(a_.keys || b_.keys);
  EXPECT_EQ(timers_.pending(), 0u);
}

TEST_P(DtlsFailureTest, OtherHashFunctionsAreAccepted) {
  make({.a_role = GetParam(), .a_knows_b = false, .b_knows_a = false});
  const auto a_sha1 = fingerprint_of(context_a()->identity().certificate(), HashFunction::sha_1);
  const auto b_sha512 = fingerprint_of(context_b()->identity().certificate(), HashFunction::sha_512);
  ASSERT_TRUE(a_sha1 && b_sha512);
  b_.transport->set_remote_fingerprints({*a_sha1});
  a_.transport->set_remote_fingerprints({*b_sha512});
  start();
  ASSERT_TRUE(run_until([&] { return both_connected(); }, 5s)) << a_.reason << " / " << b_.reason;
}

TEST_P(DtlsFailureTest, NoProfileInCommonFailsBothSides) {
  PairOptions options{.a_role = GetParam()};
  options.a_context =
      DtlsContext::create(std::shared_ptr<const core::TlsIdentity>(context_a(), &context_a()->identity()),
                          DtlsContext::Options{{SrtpProfileId::aes128_cm_hmac_sha1_32}});
  make(options);
  start();
  ASSERT_TRUE(run_until([&] { return both_ended(); }, 5s));
  EXPECT_EQ(a_.error, DtlsError::no_srtp_profile);
  EXPECT_EQ(b_.error, DtlsError::no_srtp_profile);
  EXPECT_NE(a_.reason.find("RFC 5764"), std::string::npos) << a_.reason;
  EXPECT_EQ(a_.failed + b_.failed, 2);
  EXPECT_EQ(a_.connected + b_.connected, 0);
}

TEST_P(DtlsFailureTest, HandshakeThatNeverCompletesTimesOutOnce) {
  make({.a_role = GetParam()});
  link_.set_filter([](const Sent&, std::size_t) { return Delivery{.drop = true}; });
  start();
  ASSERT_TRUE(run_until([&] { return both_ended(); }, 31s));
  EXPECT_EQ(timers_.now() - kStart, 30s);
  for (Endpoint* e : {&a_, &b_}) {
    EXPECT_EQ(e->error, DtlsError::timeout);
    EXPECT_NE(e->reason.find("not complete after 30 s"), std::string::npos) << e->reason;
  }
  // The client resent its ClientHello at 1, 3, 7 and 15 s; 31 s is too late.
  EXPECT_EQ(client().transport->stats().retransmissions, 4u);
  run_for(120s);
  EXPECT_EQ(a_.failed, 1);
  EXPECT_EQ(b_.failed, 1);
  EXPECT_EQ(timers_.pending(), 0u);
}

TEST_P(DtlsFailureTest, HandshakeTimeoutIsASetting) {
  PairOptions options{.a_role = GetParam()};
  options.settings.handshake_timeout = 5s;
  make(options);
  link_.set_filter([](const Sent&, std::size_t) { return Delivery{.drop = true}; });
  start();
  ASSERT_TRUE(run_until([&] { return both_ended(); }, 6s));
  EXPECT_EQ(timers_.now() - kStart, 5s);
  EXPECT_EQ(client().error, DtlsError::timeout);
}

TEST_P(DtlsFailureTest, GarbageDuringTheHandshakeIsDropped) {
  make({.a_role = GetParam()});
  std::mt19937 rng(7);
  start();
  for (int round = 0; round < 40 && !both_connected(); ++round) {
    for (Endpoint* e : {&a_, &b_}) {
      const auto first = static_cast<std::uint8_t>(20 + rng() % 44);  // RFC 7983: DTLS range
      e->transport->receive(random_bytes(rng, 1 + rng() % 300, first));
      e->transport->receive(random_bytes(rng, 13 + rng() % 50, 22));
    }
    timers_.advance(1ms);
  }
  ASSERT_TRUE(run_until([&] { return both_connected(); }, 10s)) << a_.reason << " / " << b_.reason;
  EXPECT_EQ(*a_.keys, *b_.keys);
}

TEST_P(DtlsFailureTest, GarbageAfterConnectingChangesNothing) {
  make({.a_role = GetParam()});
  start();
  ASSERT_TRUE(run_until([&] { return both_connected(); }, 5s));
  std::mt19937 rng(11);
  for (int i = 0; i < 200; ++i) {
    // Random records, and application data records of epoch 1 that cannot authenticate.
    a_.transport->receive(random_bytes(rng, 1 + rng() % 200, static_cast<std::uint8_t>(20 + rng() % 44)));
    auto forged = random_bytes(rng, 60, 23);
    forged[1] = 0xfe, forged[2] = 0xfd, forged[3] = 0, forged[4] = 1, forged[11] = 0, forged[12] = 47;
    b_.transport->receive(forged);
  }
  run_for(1s);
  EXPECT_EQ(a_.transport->state(), State::connected);
  EXPECT_EQ(b_.transport->state(), State::connected);
  EXPECT_EQ(a_.failed + b_.failed + a_.closed + b_.closed, 0);
}

TEST_P(DtlsFailureTest, TruncatedHandshakeDatagramsFailCleanlyOrAreDropped) {
  make({.a_role = GetParam()});
  link_.set_filter([](const Sent&, std::size_t) { return Delivery{.drop = true}; });
  start();
  const auto hello = link_.sent(from_client()).at(0)->bytes;
  for (std::size_t n = 0; n < hello.size(); n += 7) {
    server().transport->receive(std::span(hello).first(n));
  }
  const State s = server().transport->state();
  EXPECT_TRUE(s == State::connecting || s == State::failed) << to_string(s);
  EXPECT_LE(server().failed, 1);
}

TEST(DtlsInputTest, DatagramsOutsideTheDtlsRangeAreIgnored) {
  core::ManualTimerService timers;
  int sent = 0;
  auto t = DtlsTransport::create(context_a(), timers, Role::server,
                                 {.send = [&](std::span<const std::uint8_t>) { ++sent; }});
  ASSERT_TRUE(t.ok());
  // RFC 7983 §7: 0..3 STUN, 64..79 TURN channel, 128..191 RTP/RTCP.
  for (const std::vector<std::uint8_t>& d : std::vector<std::vector<std::uint8_t>>{
           {}, {0x00, 0x01, 0x00, 0x00}, {19, 1, 2}, {64, 0, 0, 0}, {0x80, 0x00, 0x00, 0x01}, {0xff}}) {
    (*t)->receive(d);
  }
  EXPECT_EQ((*t)->stats().not_dtls, 6u);
  EXPECT_EQ((*t)->state(), State::idle);
  EXPECT_EQ(sent, 0);
  EXPECT_EQ(timers.pending(), 0u);
  EXPECT_TRUE(is_dtls(std::vector<std::uint8_t>{20}));
  EXPECT_TRUE(is_dtls(std::vector<std::uint8_t>{63}));
}

TEST(DtlsInputTest, BadSettingsAreRefused) {
  core::ManualTimerService timers;
  const auto send = [](std::span<const std::uint8_t>) {};
  EXPECT_EQ(DtlsTransport::create(context_a(), timers, Role::client, {}).error(), DtlsError::bad_settings);
  EXPECT_EQ(DtlsTransport::create(nullptr, timers, Role::client, {.send = send}).error(),
            DtlsError::bad_settings);
  for (const std::size_t mtu : {std::size_t{0}, std::size_t{255}, std::size_t{65508}}) {
    EXPECT_EQ(DtlsTransport::create(context_a(), timers, Role::client, {.send = send}, {.mtu = mtu}).error(),
              DtlsError::bad_settings);
  }
  EXPECT_EQ(
      DtlsTransport::create(context_a(), timers, Role::client, {.send = send}, {.handshake_timeout = 0s})
          .error(),
      DtlsError::bad_settings);
  EXPECT_TRUE(DtlsTransport::create(context_a(), timers, Role::client, {.send = send}, {.mtu = 256}).ok());
}

TEST_F(DtlsPairTest, BothClientsFailCleanly) {
  // Two a=setup:active ends: each gets a ClientHello where a ServerHello belongs.
  make({.a_role = Role::client});
  b_.transport.reset();
  DtlsTransport::Callbacks callbacks;
  callbacks.send = link_.sender(Direction::b_to_a);
  callbacks.failed = [this](DtlsError error, std::string_view) {
    ++b_.failed;
    b_.error = error;
  };
  b_.transport = std::move(*DtlsTransport::create(context_b(), timers_, Role::client, std::move(callbacks)));
  link_.attach(a_.transport.get(), b_.transport.get());
  a_.transport->start();
  b_.transport->start();
  ASSERT_TRUE(run_until([&] { return both_ended(); }, 31s));
  EXPECT_EQ(a_.failed, 1);
  EXPECT_EQ(b_.failed, 1);
}

TEST_P(DtlsFailureTest, CloseSendsCloseNotify) {
  make({.a_role = GetParam()});
  start();
  ASSERT_TRUE(run_until([&] { return both_connected(); }, 5s));
  a_.transport->close();
  EXPECT_EQ(a_.transport->state(), State::closed);
  ASSERT_TRUE(run_until([&] { return b_.closed == 1; }, 1s));
  EXPECT_EQ(b_.transport->state(), State::closed);
  run_for(1s);  // B's own close_notify reaches A, which is already closed
  EXPECT_EQ(a_.closed + a_.failed + b_.failed, 0);
  EXPECT_GE(a_.transport->stats().after_end, 1u);
  const auto last = link_.sent(Direction::a_to_b).back();
  EXPECT_EQ(first_record(last->bytes)->content_type, 21);  // an alert: close_notify
  EXPECT_EQ(timers_.pending(), 0u);
}

TEST_P(DtlsFailureTest, CloseDuringTheHandshakeSendsNothing) {
  make({.a_role = GetParam()});
  start();
  const std::size_t before = link_.log().size();
  client().transport->close();
  EXPECT_EQ(link_.log().size(), before);
  EXPECT_EQ(client().transport->state(), State::closed);
  client().transport->start();  // no restart
  EXPECT_EQ(client().transport->state(), State::closed);
}

TEST_P(DtlsFailureTest, ACallbackMayDestroyItsTransport) {
  make({.a_role = GetParam(), .b_knows_a = false});
  b_.transport->set_remote_fingerprints({context_b()->fingerprint()});
  for (Endpoint* e : {&a_, &b_}) {
    e->on_event = [this, e] {
      e->transport.reset();
      link_.attach(a_.transport.get(), b_.transport.get());
    };
  }
  start();
  ASSERT_TRUE(run_until([&] { return !a_.transport && !b_.transport; }, 5s));
  EXPECT_EQ(a_.failed, 1);
  EXPECT_EQ(b_.failed, 1);
  EXPECT_EQ(timers_.pending(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Roles, DtlsFailureTest, ::testing::Values(Role::client, Role::server), role_name);

// An OpenSSL DTLS client with no certificate, over memory BIOs.
class BareClient {
 public:
  BareClient() : ctx_(SSL_CTX_new(DTLS_client_method())) {
    SSL_CTX_set_tlsext_use_srtp(ctx_, "SRTP_AES128_CM_SHA1_80");
    ssl_ = SSL_new(ctx_);
    in_ = BIO_new(BIO_s_mem());
    out_ = BIO_new(BIO_s_mem());
    BIO_set_mem_eof_return(in_, -1);
    SSL_set_bio(ssl_, in_, out_);
    SSL_set_connect_state(ssl_);
  }
  ~BareClient() {
    SSL_free(ssl_);
    SSL_CTX_free(ctx_);
  }
  BareClient(const BareClient&) = delete;
  BareClient& operator=(const BareClient&) = delete;

  std::vector<std::uint8_t> step(std::span<const std::uint8_t> in) {
    if (!in.empty()) BIO_write(in_, in.data(), static_cast<int>(in.size()));
    SSL_do_handshake(ssl_);
    ERR_clear_error();
    std::vector<std::uint8_t> out(static_cast<std::size_t>(BIO_ctrl_pending(out_)));
    if (!out.empty()) BIO_read(out_, out.data(), static_cast<int>(out.size()));
    return out;
  }

 private:
  SSL_CTX* ctx_;
  SSL* ssl_ = nullptr;
  BIO* in_ = nullptr;
  BIO* out_ = nullptr;
};

TEST(DtlsNoCertificateTest, AClientWithoutCertificateIsRefused) {
  core::ManualTimerService timers;
  std::vector<std::vector<std::uint8_t>> to_client;
  std::optional<DtlsError> error;
  std::string reason;
  auto server = DtlsTransport::create(
      context_b(), timers, Role::server,
      {.send = [&](std::span<const std::uint8_t> d) { to_client.emplace_back(d.begin(), d.end()); },
       .failed =
           [&](DtlsError e, std::string_view r) {
             error = e;
             reason = r;
           }});
  ASSERT_TRUE(server.ok());
  (*server)->set_remote_fingerprints({context_a()->fingerprint()});
  (*server)->start();
  BareClient client;
  std::vector<std::uint8_t> flight = client.step({});
  for (int i = 0; i < 10 && !error; ++i) {
    if (!flight.empty()) (*server)->receive(flight);
    flight.clear();
    for (const auto& d : std::exchange(to_client, {})) {
      auto out = client.step(d);
      flight.insert(flight.end(), out.begin(), out.end());
    }
  }
  ASSERT_TRUE(error);
  EXPECT_EQ(*error, DtlsError::no_certificate);
  EXPECT_NE(reason.find("no certificate"), std::string::npos) << reason;
  EXPECT_EQ((*server)->state(), State::failed);
}

}  // namespace
}  // namespace rtcsip::media::dtls::test
