// SIP over WebSocket (RFC 7118) against the real daemon on loopback: the
// "sip" subprotocol, requests answered over WSS and WS, fragmented and binary
// frames, refused handshakes, size limits, ping/pong and CRLF keepalives, and
// the HTTP endpoints of the WSS port.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "daemon_process.hpp"
#include "sip_client.hpp"
#include "ws_client.hpp"

using namespace std::chrono_literals;
using rtcsip::test::Daemon;
using rtcsip::test::WsClient;
namespace fs = std::filesystem;

namespace {

class WebSocketTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("rtcsipd-ws-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    wss_ = rtcsip::test::free_port();
    ws_ = rtcsip::test::free_port();
    const std::string config = "state_dir: " + (dir_ / "state").string() +
                               "\nlisteners:\n"
                               "  - {transport: wss, address: 127.0.0.1, port: " +
                               std::to_string(wss_) +
                               "}\n"
                               "  - {transport: ws, address: 127.0.0.1, port: " +
                               std::to_string(ws_) +
                               ", allowed_origins: [https://phone.example.com]}\n"
                               "limits: {max_message_size: 4096}\n"
                               "media: {workers: 1}\nlogging: {level: debug}\n";
    std::ofstream(dir_ / "rtcsipd.yaml") << config;
    daemon_ = new Daemon({"--config", (dir_ / "rtcsipd.yaml").string()}, dir_);
    ASSERT_TRUE(daemon_->wait_for("rtcsipd running")) << daemon_->output();
  }
  static void TearDownTestSuite() {
    delete daemon_;
    fs::remove_all(dir_);
  }
  static std::string options(const std::string& call_id) {
    return rtcsip::test::options_request("WSS", 9, call_id);
  }
  static inline fs::path dir_;
  static inline unsigned short wss_ = 0, ws_ = 0;
  static inline Daemon* daemon_ = nullptr;
};

bool is_200_for(const std::optional<std::string>& answer, const std::string& call_id) {
  return answer && answer->rfind("SIP/2.0 200 OK\r\n", 0) == 0 &&
         answer->find("Call-ID: " + call_id + "\r\n") != std::string::npos;
}

}  // namespace

TEST_F(WebSocketTest, NegotiatesTheSipSubprotocolAndAnswersOptions) {
  WsClient c(wss_, {.tls = true, .subprotocols = "chat, sip", .origin = ""});
  ASSERT_EQ(c.status(), 101);
  EXPECT_EQ(c.negotiated_protocol(), "sip");
  c.send(options("ws-1"));
  auto answer = c.receive();
  EXPECT_TRUE(is_200_for(answer, "ws-1")) << answer.value_or("(nothing)");
  // The Via of the answer carries where the request really came from (RFC 3581).
  EXPECT_NE(answer->find(";received=127.0.0.1;rport="), std::string::npos) << *answer;
}

TEST_F(WebSocketTest, PlainWsWithAnAllowedOrigin) {
  WsClient c(ws_, {.tls = false, .subprotocols = "sip", .origin = "https://phone.example.com"});
  ASSERT_EQ(c.status(), 101);
  c.send(options("ws-plain"));
  EXPECT_TRUE(is_200_for(c.receive(), "ws-plain"));
}

TEST_F(WebSocketTest, FragmentedAndBinaryFrames) {
  WsClient c(wss_, {});
  ASSERT_EQ(c.status(), 101);
  c.send_fragmented(options("ws-frag"), 50);
  EXPECT_TRUE(is_200_for(c.receive(), "ws-frag"));
  c.send(options("ws-bin"), true);
  EXPECT_TRUE(is_200_for(c.receive(), "ws-bin"));
}

TEST_F(WebSocketTest, AMissingOrWrongSubprotocolIsRefused) {
  EXPECT_EQ(rtcsip::test::upgrade_status(wss_, true, "sip", ""), 101);
  EXPECT_EQ(rtcsip::test::upgrade_status(wss_, true, "", ""), 400);
  EXPECT_EQ(rtcsip::test::upgrade_status(wss_, true, "chat", ""), 400);
  EXPECT_NE(WsClient(wss_, {.tls = true, .subprotocols = "chat", .origin = ""}).status(), 101);
}

TEST_F(WebSocketTest, ADisallowedOriginIsRefused) {
  EXPECT_EQ(rtcsip::test::upgrade_status(ws_, false, "sip", "https://phone.example.com"), 101);
  EXPECT_EQ(rtcsip::test::upgrade_status(ws_, false, "sip", "https://evil.example.net"), 403);
  EXPECT_EQ(rtcsip::test::upgrade_status(ws_, false, "sip", ""), 403);
}

TEST_F(WebSocketTest, AnOversizedMessageClosesTheConnection) {
  WsClient c(wss_, {});
  ASSERT_EQ(c.status(), 101);
  std::string big = options("ws-big");
  big.insert(big.find("Content-Length"), "X-Padding: " + std::string(5000, 'x') + "\r\n");
  c.send(big);
  EXPECT_FALSE(c.receive().has_value());
  EXPECT_EQ(c.close_code(), 1009);  // message too big
  // Others are still served.
  WsClient other(wss_, {});
  other.send(options("after-big"));
  EXPECT_TRUE(is_200_for(other.receive(), "after-big"));
}

TEST_F(WebSocketTest, PingPongAndCrlfKeepalive) {
  WsClient c(wss_, {});
  ASSERT_EQ(c.status(), 101);
  c.ping();
  c.send("\r\n\r\n");
  EXPECT_EQ(c.receive(), "\r\n");
  EXPECT_TRUE(c.pong_seen());
  c.send(options("after-ka"));
  EXPECT_TRUE(is_200_for(c.receive(), "after-ka"));
}

TEST_F(WebSocketTest, MalformedMessagesGet400WithTheReason) {
  WsClient c(wss_, {});
  std::string bad = options("ws-bad");
  bad.replace(bad.find("CSeq: 1 OPTIONS"), 15, "CSeq: 1 INVITE");
  c.send(bad);
  auto answer = c.receive();
  ASSERT_TRUE(answer.has_value());
  EXPECT_EQ(answer->substr(0, answer->find("\r\n")),
            "SIP/2.0 400 CSeq method does not match the request method");
}

TEST_F(WebSocketTest, HealthzAndOtherPaths) {
  EXPECT_EQ(rtcsip::test::https_get(wss_, "/healthz"), "200 ok\n");
  EXPECT_EQ(rtcsip::test::https_get(wss_, "/"), "404 not found\n");
  EXPECT_EQ(rtcsip::test::https_get(ws_, "/healthz", false), "200 ok\n");
}
