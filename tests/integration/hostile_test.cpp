// Hostile and broken input against the real daemon: malformed messages over
// each transport get 400 or are dropped; floods of connections, a 10 MB
// message and handshakes that never finish leave memory bounded, while
// another peer keeps getting its OPTIONS answered. Also the TLS listener's
// client certificate check.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "daemon_process.hpp"
#include "sip_client.hpp"
#include "tls_probe.hpp"
#include "ws_client.hpp"

using namespace std::chrono_literals;
using rtcsip::test::Daemon;
using rtcsip::test::options_request;
using rtcsip::test::tcp_exchange;
using rtcsip::test::udp_exchange;
namespace fs = std::filesystem;

namespace {

class HostileTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("rtcsipd-hostile-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    sip_ = rtcsip::test::free_port();
    tls_ = rtcsip::test::free_port();
    wss_ = rtcsip::test::free_port();
    const std::string data = RTCSIP_TEST_DATA;
    std::ofstream(dir_ / "rtcsipd.yaml")
        << "state_dir: " << (dir_ / "state").string() << "\nlisteners:\n"
        << "  - {transport: udp, address: 127.0.0.1, port: " << sip_ << "}\n"
        << "  - {transport: tcp, address: 127.0.0.1, port: " << sip_ << "}\n"
        << "  - {transport: tls, address: 127.0.0.1, port: " << tls_
        << ", verify_client: true, ca_file: " << data << "/tls/ca.crt}\n"
        << "  - {transport: wss, address: 127.0.0.1, port: " << wss_ << "}\n"
        << "limits: {max_connections: 400, max_connections_per_address: 200, handshake_timeout: 1s, "
           "idle_timeout: 30s}\n"
        << "media: {workers: 1}\n";
    daemon_ = new Daemon({"--config", (dir_ / "rtcsipd.yaml").string()}, dir_);
    ASSERT_TRUE(daemon_->wait_for("rtcsipd running")) << daemon_->output();
    rlimit r{};
    getrlimit(RLIMIT_NOFILE, &r);
    r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_NOFILE, &r);
  }
  static void TearDownTestSuite() {
    delete daemon_;
    fs::remove_all(dir_);
  }

  // Resident memory of the daemon, in KiB.
  static long rss_kib() {
    std::ifstream in("/proc/" + std::to_string(daemon_->pid()) + "/status");
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    }
    return -1;
  }
  // Another peer's OPTIONS over UDP is answered with 200.
  static bool options_answered(const std::string& call_id) {
    auto a = udp_exchange(sip_, options_request("UDP", 9, call_id), 2s);
    return a && a->rfind("SIP/2.0 200 OK\r\n", 0) == 0;
  }
  static int connect_tcp(unsigned short port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
      ::close(fd);
      return -1;
    }
    return fd;
  }
  // True when the daemon closed the connection (EOF) within `limit`.
  static bool closed_by_peer(int fd, std::chrono::milliseconds limit) {
    pollfd p{fd, POLLIN, 0};
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      if (::poll(&p, 1, 50) == 1) {
        char buf[4096];
        const auto n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno == ECONNRESET)) return true;
      }
    }
    return false;
  }

  static inline fs::path dir_;
  static inline unsigned short sip_ = 0, tls_ = 0, wss_ = 0;
  static inline Daemon* daemon_ = nullptr;
};

std::string status_line(const std::optional<std::string>& m) {
  if (!m) return "(nothing)";
  return m->substr(0, m->find("\r\n"));
}

}  // namespace

TEST_F(HostileTest, MalformedRequestsOverUdpGet400OrAreDropped) {
  std::string mismatch = options_request("UDP", 9, "bad-1");
  mismatch.replace(mismatch.find("CSeq: 1 OPTIONS"), 15, "CSeq: 1 BYE");
  EXPECT_EQ(status_line(udp_exchange(sip_, mismatch)),
            "SIP/2.0 400 CSeq method does not match the request method");
  std::string broken_header = options_request("UDP", 9, "bad-2");
  broken_header.insert(broken_header.find("Max-Forwards"), "This line has no colon\r\n");
  EXPECT_EQ(status_line(udp_exchange(sip_, broken_header)), "SIP/2.0 400 Malformed header line");
  std::string bad_via = options_request("UDP", 9, "bad-3");
  bad_via.replace(bad_via.find("SIP/2.0/UDP"), 11, "SIP/2.0/UDP;;");
  EXPECT_EQ(status_line(udp_exchange(sip_, bad_via)), "SIP/2.0 400 Malformed Via header");
  // Nothing to answer: no request line, or a broken response.
  EXPECT_FALSE(udp_exchange(sip_, "hello\r\n\r\n", 500ms).has_value());
  EXPECT_FALSE(udp_exchange(sip_, std::string(2000, '\xff'), 500ms).has_value());
  EXPECT_FALSE(udp_exchange(sip_, "SIP/2.0 200 OK\r\nbroken\r\n\r\n", 500ms).has_value());
  EXPECT_TRUE(options_answered("after-udp-garbage"));
}

TEST_F(HostileTest, MalformedRequestsOverTcpGet400) {
  std::string mismatch = options_request("TCP", 9, "tcp-bad");
  mismatch.replace(mismatch.find("CSeq: 1 OPTIONS"), 15, "CSeq: 1 BYE");
  EXPECT_EQ(status_line(tcp_exchange(sip_, mismatch)),
            "SIP/2.0 400 CSeq method does not match the request method");
  // Without Content-Length a stream cannot be framed (RFC 3261 §18.3): 400, then the connection closes.
  std::string no_length = options_request("TCP", 9, "tcp-nolen");
  no_length.erase(no_length.find("Content-Length: 0\r\n"), 19);
  EXPECT_EQ(status_line(tcp_exchange(sip_, no_length)),
            "SIP/2.0 400 Missing Content-Length on a stream transport");
  EXPECT_TRUE(options_answered("after-tcp-garbage"));
}

TEST_F(HostileTest, ATenMegabyteMessageIsRefusedAndMemoryStaysBounded) {
  const long before = rss_kib();
  std::string request = options_request("TCP", 9, "huge");
  request.replace(request.find("Content-Length: 0"), 17, "Content-Length: 10485760");
  request += std::string(10 * 1024 * 1024, 'x');
  const int fd = connect_tcp(sip_);
  ASSERT_GE(fd, 0);
  std::thread writer([fd, &request] {
    std::size_t sent = 0;
    while (sent < request.size()) {
      const auto n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;  // the daemon closed the connection
      sent += static_cast<std::size_t>(n);
    }
  });
  std::string reply;
  pollfd p{fd, POLLIN, 0};
  while (::poll(&p, 1, 3000) == 1) {
    char buf[4096];
    const auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    reply.append(buf, static_cast<std::size_t>(n));
  }
  ::shutdown(fd, SHUT_RDWR);
  writer.join();
  ::close(fd);
  EXPECT_EQ(reply.substr(0, reply.find("\r\n")), "SIP/2.0 413 Request Entity Too Large");
  // Headers without an end are cut off too.
  const int fd2 = connect_tcp(sip_);
  const std::string endless = "OPTIONS sip:x@y SIP/2.0\r\nX-Endless: " + std::string(1024 * 1024, 'a');
  ::send(fd2, endless.data(), endless.size(), MSG_NOSIGNAL);
  EXPECT_TRUE(closed_by_peer(fd2, 3s));
  ::close(fd2);
  EXPECT_TRUE(options_answered("after-huge"));
  EXPECT_LT(rss_kib() - before, 8 * 1024) << "RSS grew from " << before << " KiB to " << rss_kib() << " KiB";
}

TEST_F(HostileTest, AThousandConnectionsAreCappedAndOthersStillServed) {
  const long before = rss_kib();
  std::vector<int> fds;
  for (int i = 0; i < 1000; ++i) {
    const int fd = connect_tcp(sip_);
    if (fd >= 0) fds.push_back(fd);
    if (i % 100 == 99) {
      EXPECT_TRUE(options_answered("during-flood-" + std::to_string(i)));
    }
  }
  // The kernel accepted them all; the daemon keeps at most 200 from one address and closes the rest.
  std::size_t closed = 0;
  for (int fd : fds) closed += closed_by_peer(fd, 20ms) ? 1 : 0;
  EXPECT_GE(closed, 1000u - 200u);
  EXPECT_LE(closed, 1000u - 199u);
  EXPECT_TRUE(options_answered("with-flood-open"));
  const long during = rss_kib();
  for (int fd : fds) ::close(fd);
  std::this_thread::sleep_for(300ms);
  // The slots are free again.
  auto answer = tcp_exchange(sip_, options_request("TCP", 9, "after-flood"));
  EXPECT_EQ(status_line(answer), "SIP/2.0 200 OK");
  EXPECT_LT(during - before, 16 * 1024) << "RSS grew from " << before << " KiB to " << during << " KiB";
}

TEST_F(HostileTest, HandshakesThatNeverFinishAreClosedAfterTheTimeout) {
  std::vector<int> silent;
  for (int i = 0; i < 50; ++i) silent.push_back(connect_tcp(i % 2 ? tls_ : wss_));
  // A few bytes of a TLS record, then nothing.
  const char partial[] = {0x16, 0x03, 0x01, 0x02, 0x00};
  for (std::size_t i = 0; i < silent.size(); i += 5) ::send(silent[i], partial, sizeof partial, MSG_NOSIGNAL);
  EXPECT_TRUE(options_answered("during-handshakes"));
  std::size_t closed = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int fd : silent) closed += closed_by_peer(fd, 3s) ? 1 : 0;
  EXPECT_EQ(closed, silent.size());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  for (int fd : silent) ::close(fd);
  EXPECT_TRUE(options_answered("after-handshakes"));
}

TEST_F(HostileTest, TlsRequiresAClientCertificateFromTheConfiguredCa) {
  const std::string data = std::string(RTCSIP_TEST_DATA) + "/tls/";
  auto good =
      rtcsip::test::tls_probe(tls_, TLS1_2_VERSION, TLS1_3_VERSION, data + "client.crt", data + "client.key");
  EXPECT_TRUE(good.ok) << good.error;
  EXPECT_FALSE(rtcsip::test::tls_probe(tls_, TLS1_2_VERSION, TLS1_3_VERSION).ok) << "no client certificate";
  EXPECT_FALSE(
      rtcsip::test::tls_probe(tls_, TLS1_2_VERSION, TLS1_3_VERSION, data + "other.crt", data + "other.key")
          .ok)
      << "a certificate the CA did not sign";
  EXPECT_FALSE(
      rtcsip::test::tls_probe(tls_, TLS1_2_VERSION, TLS1_2_VERSION, data + "other.crt", data + "other.key")
          .ok);
  EXPECT_FALSE(
      rtcsip::test::tls_probe(tls_, TLS1_VERSION, TLS1_1_VERSION, data + "client.crt", data + "client.key")
          .ok)
      << "TLS 1.0/1.1";
}

TEST_F(HostileTest, SipOverTlsIsAnsweredForACertifiedClient) {
  const std::string data = std::string(RTCSIP_TEST_DATA) + "/tls/";
  auto answer = rtcsip::test::tls_exchange(tls_, options_request("TLS", 9, "tls-options"),
                                           data + "client.crt", data + "client.key");
  EXPECT_EQ(status_line(answer), "SIP/2.0 200 OK");
  EXPECT_FALSE(rtcsip::test::tls_exchange(tls_, options_request("TLS", 9, "tls-nocert")).has_value());
}

TEST_F(HostileTest, OpensslSClientIsRefusedOldProtocolsAndAForeignCertificate) {
  const std::string data = std::string(RTCSIP_TEST_DATA) + "/tls/";
  const std::string target = "127.0.0.1:" + std::to_string(tls_);
  auto run = [](std::vector<std::string> args) { return rtcsip::test::run_program("openssl", args, 10s); };
  auto good = run(
      {"s_client", "-connect", target, "-cert", data + "client.crt", "-key", data + "client.key", "-brief"});
  EXPECT_EQ(good.code, 0) << good.out << good.err;
  EXPECT_NE(good.err.find("CONNECTION ESTABLISHED"), std::string::npos) << good.err;
  for (const char* old : {"-tls1", "-tls1_1"}) {
    auto refused = run({"s_client", "-connect", target, old, "-cert", data + "client.crt", "-key",
                        data + "client.key", "-brief", "-cipher", "DEFAULT@SECLEVEL=0"});
    EXPECT_NE(refused.code, 0) << old << "\n" << refused.err;
    EXPECT_EQ(refused.err.find("CONNECTION ESTABLISHED"), std::string::npos) << old;
  }
  // TLS 1.2 so the refusal of the client certificate comes inside the handshake.
  auto foreign = run({"s_client", "-connect", target, "-tls1_2", "-cert", data + "other.crt", "-key",
                      data + "other.key", "-brief"});
  EXPECT_NE(foreign.code, 0) << foreign.err;
  EXPECT_EQ(foreign.err.find("CONNECTION ESTABLISHED"), std::string::npos) << foreign.err;
}
