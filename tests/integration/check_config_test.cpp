// The command line of the real binary: --version, --help, --check-config and
// its exit codes, and the start-up errors an operator sees.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "daemon_process.hpp"

using rtcsip::test::run_rtcsipd;
namespace fs = std::filesystem;

namespace {

class CommandLine : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("rtcsipd-cli-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  fs::path dir_;
};

}  // namespace

TEST_F(CommandLine, VersionPrintsTheVersion) {
  auto e = run_rtcsipd({"--version"});
  EXPECT_EQ(e.code, 0);
  EXPECT_EQ(e.out, std::string("rtcsipd ") + RTCSIPD_VERSION + "\n");
}

TEST_F(CommandLine, HelpListsTheOptions) {
  auto e = run_rtcsipd({"--help"});
  EXPECT_EQ(e.code, 0);
  for (const char* option : {"--config", "--check-config", "--log-level", "--version", "--help"}) {
    EXPECT_NE(e.out.find(option), std::string::npos) << option;
  }
}

TEST_F(CommandLine, UsageErrorsExitWithTwo) {
  auto unknown = run_rtcsipd({"--frobnicate"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("--frobnicate"), std::string::npos) << unknown.err;
  auto level = run_rtcsipd({"--log-level", "loud", "--version"});
  EXPECT_EQ(level.code, 2);
  EXPECT_NE(level.err.find("unknown log level 'loud'"), std::string::npos) << level.err;
}

TEST_F(CommandLine, CheckConfigAcceptsTheShippedFile) {
  const std::string file = std::string(RTCSIP_SOURCE_DIR) + "/config/rtcsipd.yaml";
  auto e = run_rtcsipd({"--check-config", file});
  EXPECT_EQ(e.code, 0) << e.err;
  EXPECT_EQ(e.out, file + ": OK\n");
  auto via_config = run_rtcsipd({"--config", file, "--check-config"});
  EXPECT_EQ(via_config.code, 0) << via_config.err;
  EXPECT_EQ(via_config.out, file + ": OK\n");
}

TEST_F(CommandLine, CheckConfigAcceptsConfiguredCertificates) {
  const std::string data = RTCSIP_TEST_DATA;
  const auto file =
      write("c.yaml", "listeners:\n  - transport: wss\n    certificate: " + data +
                          "/config/tls/cert.pem\n    private_key: " + data + "/config/tls/key.pem\n");
  auto e = run_rtcsipd({"--check-config", file});
  EXPECT_EQ(e.code, 0) << e.err;
  EXPECT_EQ(e.out, file + ": OK\n");
}

TEST_F(CommandLine, CheckConfigPrintsEveryErrorAndExitsTwo) {
  const auto file =
      write("bad.yaml", "listeners:\n  - transport: udp\n    port: 99999\nmedia:\n  wrkers: 2\n");
  auto e = run_rtcsipd({"--check-config", file});
  EXPECT_EQ(e.code, 2);
  EXPECT_EQ(e.out, "");
  EXPECT_EQ(e.err, file + ":3:11: listeners[0].port: must be between 1 and 65535, got 99999\n" + file +
                       ":5:3: media.wrkers: unknown key 'wrkers' (did you mean 'workers'?)\n"
                       "2 errors in the configuration\n");
}

TEST_F(CommandLine, CheckConfigLoadsCertificatesAsStartUpWould) {
  const std::string data = RTCSIP_TEST_DATA;
  const auto junk = write("junk.pem", "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
  const auto file = write("c.yaml", "listeners:\n  - transport: tls\n    certificate: " + junk +
                                        "\n    private_key: " + data + "/config/tls/key.pem\n");
  auto e = run_rtcsipd({"--check-config", file});
  EXPECT_EQ(e.code, 2);
  EXPECT_EQ(e.err.rfind(file + ":3:18: listeners[0].certificate: " + junk + ": not a PEM certificate", 0), 0u)
      << e.err;
  EXPECT_NE(e.err.find("1 error in the configuration\n"), std::string::npos);
}

TEST_F(CommandLine, AMissingFileIsAConfigurationError) {
  const auto missing = (dir_ / "none.yaml").string();
  auto check = run_rtcsipd({"--check-config", missing});
  EXPECT_EQ(check.code, 2);
  EXPECT_EQ(check.err,
            missing + ": cannot read file: No such file or directory\n1 error in the configuration\n");
  auto start = run_rtcsipd({"--config", missing});
  EXPECT_EQ(start.code, 2);
  EXPECT_EQ(start.err, check.err);
}

TEST_F(CommandLine, StartingWithAnInvalidFileExitsTwo) {
  const auto file = write("bad.yaml", "trunks:\n  - name: pbx\n");
  auto e = run_rtcsipd({"--config", file});
  EXPECT_EQ(e.code, 2);
  EXPECT_EQ(e.err, file + ":2:5: trunks[0].host: is required\n1 error in the configuration\n");
}

// A UDP socket on a kernel-chosen loopback port, held by the test.
int hold_udp_port() {
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

unsigned port_of(int fd) {
  sockaddr_in a{};
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  return ntohs(a.sin_port);
}

TEST_F(CommandLine, APortInUseFailsStartUpWithExitOne) {
  // Hold a UDP port, then ask rtcsipd to listen on it.
  const int fd = hold_udp_port();
  ASSERT_GE(fd, 0);
  const std::string port = std::to_string(port_of(fd));
  const auto file =
      write("c.yaml", "state_dir: " + (dir_ / "state").string() +
                          "\nlisteners:\n  - {transport: udp, address: 127.0.0.1, port: " + port +
                          "}\nmedia: {workers: 1}\n");
  auto e = run_rtcsipd({"--config", file});
  ::close(fd);
  EXPECT_EQ(e.code, 1);
  EXPECT_NE(
      e.err.find("start-up failed: cannot open listener udp 127.0.0.1:" + port + ": Address already in use"),
      std::string::npos)
      << e.err;
}

TEST_F(CommandLine, ASharedMediaPortInUseFailsStartUp) {
  const int fd = hold_udp_port();
  ASSERT_GE(fd, 0);
  const std::string port = std::to_string(port_of(fd));
  const auto file = write("c.yaml", "state_dir: " + (dir_ / "state").string() +
                                        "\nlisteners:\n  - {transport: udp, address: 127.0.0.1, port: " +
                                        std::to_string(rtcsip::test::free_port()) +
                                        "}\nmedia: {workers: 1, bind_address: 127.0.0.1, "
                                        "port_min: 1024, port_max: 1027, shared_port: " +
                                        port + "}\n");
  auto e = run_rtcsipd({"--config", file});
  ::close(fd);
  EXPECT_EQ(e.code, 1);
  EXPECT_NE(e.err.find("start-up failed: media.shared_port " + port +
                       " (one per worker, 1 workers): Address already in use"),
            std::string::npos)
      << e.err;
}

TEST_F(CommandLine, AStunServerWithoutAPortFailsStartUp) {
  const auto file = write("c.yaml", "state_dir: " + (dir_ / "state").string() +
                                        "\nlisteners:\n  - {transport: udp, address: 127.0.0.1, port: " +
                                        std::to_string(rtcsip::test::free_port()) +
                                        "}\nmedia: {workers: 1, ice: full, stun_server: '192.0.2.1'}\n");
  auto e = run_rtcsipd({"--config", file});
  EXPECT_EQ(e.code, 1);
  EXPECT_NE(e.err.find("start-up failed: media.stun_server 192.0.2.1: expected host:port"), std::string::npos)
      << e.err;
}
