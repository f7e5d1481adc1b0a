// The transport layer on real loopback sockets inside the test process: flows
// for stream connections, sending toward a flow, failure reports.
#include "rtcsip/sip/transport_layer.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <cstring>

using namespace rtcsip::sip;
using namespace std::chrono_literals;

namespace {

const char* kOptions =
    "OPTIONS sip:gw@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n"
    "From: <sip:a@b>;tag=1\r\nTo: <sip:gw@127.0.0.1>\r\nCall-ID: flow-test\r\nCSeq: 1 "
    "OPTIONS\r\nContent-Length: 0\r\n\r\n";

class TransportLayerTest : public ::testing::Test {
 protected:
  TransportLayerTest()
      : transport(io, TransportLimits{}, [this](Incoming in) { received.push_back(std::move(in)); }) {
    ListenerSpec tcp;
    tcp.transport = TransportKind::tcp;
    tcp.address = "127.0.0.1";
    tcp.port = 0;
    transport.listen(tcp);
    ListenerSpec udp = tcp;
    udp.transport = TransportKind::udp;
    transport.listen(udp);
    tcp_port = transport.bound_port(0);
    udp_port = transport.bound_port(1);
  }

  int connect_client() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(tcp_port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    timeval tv{2, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
  }

  void run_until(const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + 3s;
    while (!done() && std::chrono::steady_clock::now() < deadline) {
      io.run_for(10ms);
      io.restart();
    }
  }

  boost::asio::io_context io;
  std::vector<Incoming> received;
  TransportLayer transport;
  std::uint16_t tcp_port = 0, udp_port = 0;
};

}  // namespace

TEST_F(TransportLayerTest, ARequestOnAConnectionCarriesItsFlowAndASendOnTheFlowReachesTheClient) {
  const int fd = connect_client();
  ::send(fd, kOptions, std::strlen(kOptions), 0);
  run_until([&] { return !received.empty(); });
  ASSERT_EQ(received.size(), 1u);
  const Peer from = received[0].from;
  EXPECT_EQ(from.transport, TransportKind::tcp);
  EXPECT_NE(from.flow, kNoFlow);
  EXPECT_EQ(from.address.ip, "127.0.0.1");
  EXPECT_EQ(transport.connection_count(), 1u);

  // A request toward the client over its flow, as an in-dialog request toward a WebSocket client would go.
  Message bye = Message::request(Method::bye, "BYE", "sip:client@127.0.0.1");
  bye.add_header(HeaderId::call_id, "flow-test");
  bool failed = false;
  transport.send(bye, from, [&](std::string_view) { failed = true; });
  io.run_for(100ms);
  io.restart();
  char buf[1024];
  const auto n = ::recv(fd, buf, sizeof buf, 0);
  ASSERT_GT(n, 0);
  EXPECT_EQ(std::string(buf, static_cast<std::size_t>(n)),
            "BYE sip:client@127.0.0.1 SIP/2.0\r\nCall-ID: flow-test\r\nContent-Length: 0\r\n\r\n");
  EXPECT_FALSE(failed);

  // Once the client is gone, sending on its flow fails (and says so, later).
  ::close(fd);
  run_until([&] { return transport.connection_count() == 0; });
  EXPECT_EQ(transport.connection_count(), 0u);
  std::string reason;
  transport.send(bye, from, [&](std::string_view r) { reason = r; });
  EXPECT_EQ(reason, "");  // never from inside send()
  run_until([&] { return !reason.empty(); });
  EXPECT_EQ(reason, "connection closed");
}

TEST_F(TransportLayerTest, UdpSendAndReceive) {
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in me{};
  me.sin_family = AF_INET;
  me.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&me), sizeof me), 0);
  socklen_t len = sizeof me;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&me), &len);
  Message m = Message::request(Method::options, "OPTIONS", "sip:x@127.0.0.1");
  transport.send(m, Peer{TransportKind::udp, Address{"127.0.0.1", ntohs(me.sin_port)}, kNoFlow}, {});
  io.run_for(100ms);
  io.restart();
  timeval tv{2, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  char buf[1024];
  sockaddr_in from{};
  socklen_t from_len = sizeof from;
  const auto n = ::recvfrom(fd, buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&from), &from_len);
  ASSERT_GT(n, 0);
  EXPECT_EQ(std::string(buf, static_cast<std::size_t>(n)),
            "OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(ntohs(from.sin_port), udp_port);  // sent from the listener's port
  ::close(fd);
}

TEST_F(TransportLayerTest, ATcpPeerWithoutAFlowIsConnectedToAndARefusedConnectionReported) {
  // Nothing listens on this port: the connection is refused, and the send fails.
  const int probe = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(probe, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(probe, reinterpret_cast<sockaddr*>(&a), &len);
  const std::uint16_t closed_port = ntohs(a.sin_port);
  ::close(probe);
  std::string reason;
  Message m = Message::request(Method::options, "OPTIONS", "sip:x@127.0.0.1");
  transport.send(m, Peer{TransportKind::tcp, Address{"127.0.0.1", closed_port}, kNoFlow},
                 [&](std::string_view r) { reason = r; });
  run_until([&] { return !reason.empty(); });
  EXPECT_EQ(reason, "connection closed");
  EXPECT_EQ(transport.connection_count(), 0u);
}

TEST_F(TransportLayerTest, ListeningOnABusyPortThrowsWithTheListenerNamed) {
  ListenerSpec again;
  again.transport = TransportKind::udp;
  again.address = "127.0.0.1";
  again.port = udp_port;
  try {
    transport.listen(again);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "cannot open listener udp 127.0.0.1:" + std::to_string(udp_port) + ": Address already in use");
  }
}
