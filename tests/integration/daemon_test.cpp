// The real daemon on loopback: it opens its listeners, completes TLS
// handshakes with its certificate, reloads on SIGHUP and stops on SIGTERM.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "daemon_process.hpp"
#include "sip_client.hpp"
#include "tls_probe.hpp"

using namespace std::chrono_literals;
using rtcsip::test::Daemon;
using rtcsip::test::free_port;
using rtcsip::test::tls_probe;
namespace fs = std::filesystem;

namespace {

class DaemonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("rtcsipd-it-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    wss_ = free_port();
    sip_ = free_port();
    tls_ = free_port();
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string config(const std::string& level = "info", const std::string& extra_listener = "") {
    return "state_dir: " + (dir_ / "state").string() +
           "\nlisteners:\n"
           "  - {transport: wss, address: 127.0.0.1, port: " +
           std::to_string(wss_) +
           "}\n"
           "  - {transport: udp, address: 127.0.0.1, port: " +
           std::to_string(sip_) +
           "}\n"
           "  - {transport: tcp, address: 127.0.0.1, port: " +
           std::to_string(sip_) +
           "}\n"
           "  - {transport: tls, address: 127.0.0.1, port: " +
           std::to_string(tls_) + "}\n" + extra_listener + "media: {workers: 2}\nlogging: {level: " + level +
           "}\n";
  }
  std::string write_config(const std::string& text) {
    std::ofstream(dir_ / "rtcsipd.yaml") << text;
    return (dir_ / "rtcsipd.yaml").string();
  }
  std::unique_ptr<Daemon> start(const std::string& text) {
    auto d = std::make_unique<Daemon>(std::vector<std::string>{"--config", write_config(text)}, dir_);
    EXPECT_TRUE(d->wait_for("rtcsipd running")) << d->output();
    return d;
  }
  // Stops with `signo` and checks the exit: status 0 within 2 s.
  static void stop(Daemon& d, int signo = SIGTERM) {
    d.signal(signo);
    auto exit = d.wait_exit(2s);
    ASSERT_TRUE(exit.has_value()) << "still running 2 s after the signal\n" << d.output();
    EXPECT_EQ(exit->code, 0) << exit->err;
    EXPECT_NE(exit->err.find("rtcsipd stopped"), std::string::npos) << exit->err;
  }

  fs::path dir_;
  unsigned short wss_ = 0, sip_ = 0, tls_ = 0;
};

}  // namespace

TEST_F(DaemonTest, LogsItsListenersAndStopsOnSigterm) {
  auto d = start(config());
  const std::string out = d->output();
  for (const std::string& l :
       {"wss 127.0.0.1:" + std::to_string(wss_), "udp 127.0.0.1:" + std::to_string(sip_),
        "tcp 127.0.0.1:" + std::to_string(sip_), "tls 127.0.0.1:" + std::to_string(tls_)}) {
    EXPECT_NE(out.find("listening on " + l + "\n"), std::string::npos) << l << "\n" << out;
  }
  EXPECT_NE(out.find("2 media workers started"), std::string::npos) << out;
  stop(*d);
}

// Each media worker binds its shared WebRTC port at start and frees it at stop.
TEST_F(DaemonTest, SharedMediaPortsAreBoundPerWorker) {
  const unsigned short shared = free_port();
  std::string text = config();
  const std::string media = "media: {workers: 2}";
  text.replace(text.find(media), media.size(),
               "media: {workers: 2, bind_address: 127.0.0.1, port_min: 1024, port_max: 1027, shared_port: " +
                   std::to_string(shared) + "}");
  const auto bound = [](unsigned short port) {
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    const bool in_use = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 && errno == EADDRINUSE;
    ::close(fd);
    return in_use;
  };
  auto d = start(text);
  const std::string range = std::to_string(shared) + ".." + std::to_string(shared + 1);
  EXPECT_NE(d->output().find("WebRTC media on UDP " + range), std::string::npos) << d->output();
  EXPECT_NE(d->output().find("media address in SDP: 127.0.0.1"), std::string::npos) << d->output();
  EXPECT_TRUE(bound(shared));
  EXPECT_TRUE(bound(static_cast<unsigned short>(shared + 1)));
  stop(*d);
  EXPECT_FALSE(bound(shared));
}

TEST_F(DaemonTest, FullIceWithStunAndTurnServersStarts) {
  std::string text = config();
  const std::string media = "media: {workers: 2}";
  text.replace(text.find(media), media.size(),
               "media: {workers: 2, ice: full, stun_server: '127.0.0.1:3478', turn_server: '[::1]:3478', "
               "turn_username: u, turn_password: p}");
  auto d = start(text);
  stop(*d);
}

TEST_F(DaemonTest, SigintAlsoStopsCleanly) {
  auto d = start(config());
  stop(*d, SIGINT);
}

TEST_F(DaemonTest, SecurePortsHandshakeWithTheGeneratedCertificate) {
  auto d = start(config());
  auto fp = d->wait_for(
      "self-signed certificate \\S+ \\(/O=rtcsipd/CN=[^)]+\\), fingerprint sha-256 ([0-9A-F:]{95})");
  ASSERT_TRUE(fp) << d->output();
  const std::string fingerprint = (*fp)[1];
  EXPECT_TRUE(fs::exists(dir_ / "state/tls-self-signed.crt"));
  for (unsigned short port : {wss_, tls_}) {
    auto v13 = tls_probe(port, TLS1_3_VERSION, TLS1_3_VERSION);
    EXPECT_TRUE(v13.ok) << v13.error;
    EXPECT_EQ(v13.version, "TLSv1.3");
    EXPECT_EQ(v13.fingerprint, fingerprint);
    auto v12 = tls_probe(port, TLS1_2_VERSION, TLS1_2_VERSION);
    EXPECT_TRUE(v12.ok) << v12.error;
    EXPECT_EQ(v12.version, "TLSv1.2");
    auto v11 = tls_probe(port, TLS1_VERSION, TLS1_1_VERSION);
    EXPECT_FALSE(v11.ok) << "TLS 1.1 must be refused on port " << port;
  }
  stop(*d);

  // A restart keeps the certificate, so browsers that trusted it still do.
  auto again = start(config());
  auto fp2 = again->wait_for("fingerprint sha-256 ([0-9A-F:]{95})");
  ASSERT_TRUE(fp2);
  EXPECT_EQ((*fp2)[1], fingerprint);
  EXPECT_EQ(tls_probe(wss_, TLS1_2_VERSION, TLS1_3_VERSION).fingerprint, fingerprint);
  stop(*again);
}

TEST_F(DaemonTest, SecurePortsUseAConfiguredCertificate) {
  const std::string data = RTCSIP_TEST_DATA;
  std::string text = config();
  const std::string wss_line =
      "  - {transport: wss, address: 127.0.0.1, port: " + std::to_string(wss_) + "}\n";
  text.replace(text.find(wss_line), wss_line.size(),
               "  - {transport: wss, address: 127.0.0.1, port: " + std::to_string(wss_) + ", certificate: " +
                   data + "/config/tls/cert.pem, private_key: " + data + "/config/tls/key.pem}\n");
  auto d = start(text);
  auto fp = d->wait_for(
      "wss listener certificate \\S+ \\(/O=rtcsipd tests/CN=localhost\\), fingerprint sha-256 "
      "([0-9A-F:]{95})");
  ASSERT_TRUE(fp) << d->output();
  EXPECT_EQ(tls_probe(wss_, TLS1_2_VERSION, TLS1_3_VERSION).fingerprint, (*fp)[1]);
  // The TLS listener has no certificate configured: it gets the generated one.
  auto generated = d->wait_for("self-signed certificate .* fingerprint sha-256 ([0-9A-F:]{95})");
  ASSERT_TRUE(generated);
  EXPECT_EQ(tls_probe(tls_, TLS1_2_VERSION, TLS1_3_VERSION).fingerprint, (*generated)[1]);
  EXPECT_NE((*generated)[1], (*fp)[1]);
  stop(*d);
}

TEST_F(DaemonTest, SighupWithAGoodConfigAppliesTheLogLevel) {
  auto d = start(config("info"));
  auto answer = rtcsip::test::udp_exchange(sip_, rtcsip::test::options_request("UDP", 5999, "reload-1"));
  ASSERT_TRUE(answer.has_value());
  EXPECT_EQ(answer->substr(0, 15), "SIP/2.0 200 OK\r");
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(d->output().find("OPTIONS from UDP"), std::string::npos) << "debug line logged at info";

  write_config(config("debug"));
  const std::size_t mark = d->output().size();
  d->signal(SIGHUP);
  ASSERT_TRUE(d->wait_for("configuration reloaded from ", mark)) << d->output();
  ASSERT_TRUE(
      rtcsip::test::udp_exchange(sip_, rtcsip::test::options_request("UDP", 5999, "reload-2")).has_value());
  EXPECT_TRUE(d->wait_for("debug \\[sip\\] OPTIONS from UDP 127\\.0\\.0\\.1:\\d+", mark)) << d->output();
  stop(*d);
}

TEST_F(DaemonTest, SighupWithABadConfigKeepsTheRunningOne) {
  auto d = start(config("debug"));
  const auto file = write_config("listeners:\n  - transport: udp\n    port: seventy\n");
  const std::size_t mark = d->output().size();
  d->signal(SIGHUP);
  auto failed =
      d->wait_for("reload of (\\S+) failed with 1 error; the running configuration is kept:\n.*\n", mark);
  ASSERT_TRUE(failed) << d->output();
  EXPECT_NE((*failed)[0].find(file + ":3:11: listeners[0].port: expected an integer, got 'seventy'"),
            std::string::npos)
      << (*failed)[0];
  // Still up, still on the old settings: debug logging and the same ports.
  auto probe = tls_probe(wss_, TLS1_2_VERSION, TLS1_3_VERSION);
  EXPECT_TRUE(probe.ok) << probe.error;
  ASSERT_TRUE(
      rtcsip::test::udp_exchange(sip_, rtcsip::test::options_request("UDP", 5999, "bad-reload")).has_value());
  EXPECT_TRUE(d->wait_for("OPTIONS from UDP", mark)) << d->output();
  stop(*d);
}

TEST_F(DaemonTest, SighupWarnsThatListenerChangesNeedARestart) {
  auto d = start(config());
  const unsigned short extra = free_port();
  write_config(
      config("info", "  - {transport: ws, address: 127.0.0.1, port: " + std::to_string(extra) + "}\n"));
  const std::size_t mark = d->output().size();
  d->signal(SIGHUP);
  EXPECT_TRUE(d->wait_for("reload: listener changes take effect after a restart", mark)) << d->output();
  EXPECT_TRUE(d->wait_for("configuration reloaded", mark));
  stop(*d);
}

TEST_F(DaemonTest, CommandLineLogLevelOverridesTheFile) {
  auto d = std::make_unique<Daemon>(
      std::vector<std::string>{"--config", write_config(config("error")), "--log-level", "debug"}, dir_);
  ASSERT_TRUE(d->wait_for("rtcsipd running")) << d->output();
  ASSERT_TRUE(
      rtcsip::test::tcp_exchange(sip_, rtcsip::test::options_request("TCP", 5999, "cli-level")).has_value());
  EXPECT_TRUE(d->wait_for("debug \\[sip\\] OPTIONS from TCP")) << d->output();
  stop(*d);
}

TEST_F(DaemonTest, TheShippedConfigRunsAsIs) {
  // The default file as it ships, with only the state directory and ports
  // moved so the test does not need the real ones.
  std::ifstream in(std::string(RTCSIP_SOURCE_DIR) + "/config/rtcsipd.yaml");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  auto replace = [&](const std::string& from, const std::string& to) {
    for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
      text.replace(pos, from.size(), to);
    }
  };
  replace("address: 0.0.0.0\n    port: 7443", "address: 127.0.0.1\n    port: " + std::to_string(wss_));
  replace("address: 0.0.0.0\n    port: 5060", "address: 127.0.0.1\n    port: " + std::to_string(sip_));
  replace("address: 0.0.0.0\n    port: 5061", "address: 127.0.0.1\n    port: " + std::to_string(tls_));
  text = "state_dir: " + (dir_ / "state").string() + "\n" + text;
  auto d = start(text);
  EXPECT_TRUE(tls_probe(wss_, TLS1_2_VERSION, TLS1_3_VERSION).ok);
  stop(*d);
}
