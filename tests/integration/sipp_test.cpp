// rtcsipd's SIP stack against sipp (Debian's sip-tester) over UDP and TCP:
// the daemon answers sipp's OPTIONS; calls (INVITE, 180, 200, ACK, BYE)
// between sipp and a user agent built on the same transport and transaction
// layers, with sipp as the caller and as the callee.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "daemon_process.hpp"

using namespace std::chrono_literals;
using rtcsip::test::Daemon;
using rtcsip::test::free_port;
using rtcsip::test::run_program;
namespace fs = std::filesystem;

namespace {

class SippTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("rtcsipd-sipp-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  // sipp's transport flag for the parameter: u1 (UDP) or t1 (TCP, one connection).
  std::string sipp_transport() const { return GetParam() == "udp" ? "u1" : "t1"; }

  // Runs sipp to completion; returns its exit code, its output in `out`.
  int sipp(const std::vector<std::string>& args, std::string& out) {
    std::vector<std::string> all = {"-nostdin", "-timeout",  "30s", "-timeout_error",
                                    "-i",       "127.0.0.1", "-t",  sipp_transport()};
    all.insert(all.end(), args.begin(), args.end());
    auto e = run_program("sipp", all, 60s);
    out = e.out + e.err;
    return e.code;
  }
  fs::path dir_;
};

std::string successful(const std::string& sipp_output) {
  const auto pos = sipp_output.rfind("Successful call");
  if (pos == std::string::npos) return "?";
  const auto line = sipp_output.substr(pos, sipp_output.find('\n', pos) - pos);
  const auto last_bar = line.rfind('|');
  std::string n = line.substr(last_bar + 1);
  n.erase(0, n.find_first_not_of(' '));
  n.erase(n.find_last_not_of(' ') + 1);
  return n;
}

}  // namespace

TEST_P(SippTest, DaemonAnswersOptions) {
  const auto port = free_port();
  std::ofstream(dir_ / "rtcsipd.yaml")
      << "state_dir: " << (dir_ / "state").string()
      << "\nlisteners:\n  - {transport: udp, address: 127.0.0.1, port: " << port
      << "}\n  - {transport: tcp, address: 127.0.0.1, port: " << port << "}\nmedia: {workers: 1}\n";
  Daemon d({"--config", (dir_ / "rtcsipd.yaml").string()}, dir_);
  ASSERT_TRUE(d.wait_for("rtcsipd running")) << d.output();
  std::string out;
  const int rc = sipp({"-sf", std::string(RTCSIP_TEST_DATA) + "/sipp/options_uac.xml", "-m", "50", "-r",
                       "100", "-p", std::to_string(free_port()), "127.0.0.1:" + std::to_string(port)},
                      out);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(successful(out), "50") << out;
}

TEST_P(SippTest, SippCallsAUserAgentOnTheStack) {
  const auto port = free_port();
  Daemon peer(SIP_TEST_PEER, {"respond", "--port", std::to_string(port), "--seconds", "60"}, dir_, "peer");
  ASSERT_TRUE(peer.wait_for("ready")) << peer.output();
  std::string out;
  const int rc = sipp({"-sn", "uac", "-m", "10", "-r", "20", "-d", "100", "-p", std::to_string(free_port()),
                       "127.0.0.1:" + std::to_string(port)},
                      out);
  EXPECT_EQ(rc, 0) << out << peer.output();
  EXPECT_EQ(successful(out), "10") << out;
}

TEST_P(SippTest, AUserAgentOnTheStackCallsSipp) {
  const auto sipp_port = free_port();
  // sipp answers three calls, then exits.
  Daemon callee("sipp",
                {"-nostdin", "-timeout", "40s", "-timeout_error", "-i", "127.0.0.1", "-t", sipp_transport(),
                 "-sn", "uas", "-m", "3", "-p", std::to_string(sipp_port)},
                dir_, "sipp");
  std::this_thread::sleep_for(500ms);  // sipp prints nothing when it is ready to take calls
  auto caller = run_program(
      SIP_TEST_PEER,
      {"call", "--port", std::to_string(free_port()), "--to", "127.0.0.1:" + std::to_string(sipp_port),
       "--transport", GetParam(), "--calls", "3", "--seconds", "40", "--linger", "5"},
      60s);
  EXPECT_EQ(caller.code, 0) << caller.out << caller.err;
  EXPECT_NE(caller.out.find("calls: 3 succeeded"), std::string::npos) << caller.out << caller.err;
  auto exit = callee.wait_exit(20s);
  ASSERT_TRUE(exit.has_value()) << callee.output();
  EXPECT_EQ(exit->code, 0) << callee.output();
  EXPECT_EQ(successful(callee.output()), "3") << callee.output();
}

INSTANTIATE_TEST_SUITE_P(Transports, SippTest, ::testing::Values("udp", "tcp"),
                         [](const auto& info) { return info.param; });
