// The non-INVITE server transaction: RFC 3261 §17.2.2.
#include "txn_fixture.hpp"

namespace rtcsip::sip::test {
namespace {

class ServerNonInvite : public TxnTest {
 protected:
  static Message request_over(std::string transport) {
    RequestSpec s;
    s.method = "BYE";
    s.branch = "z9hG4bKremote9";
    s.to_tag = "uas1";
    s.transport = std::move(transport);
    return make_request(s);
  }
  TransactionId receive_bye(const Peer& from = kUdpPeer) {
    deliver(bye, from);
    return requests.empty() ? 0 : requests.back().id;
  }

  Message bye = request_over("UDP");
};

TEST_F(ServerNonInvite, RetransmissionsAreAbsorbedAndAnsweredWithTheLatestResponse) {
  const TransactionId id = receive_bye();
  EXPECT_TRUE(net.sent().empty());  // no 100 Trying for non-INVITE
  deliver(bye);                     // Trying: nothing to resend
  EXPECT_TRUE(net.sent().empty());
  ASSERT_TRUE(layer.respond(id, response_to(bye, 100)));
  deliver(bye);
  EXPECT_EQ(net.count("100"), 2u);
  run_until(1s);
  ASSERT_TRUE(layer.respond(id, response_to(bye, 200)));
  deliver(bye);  // the 200 was lost
  EXPECT_EQ(net.count("200"), 2u);
  EXPECT_EQ(requests.size(), 1u);
  EXPECT_EQ(layer.counters().retransmissions_absorbed, 3u);
  run_until(32999ms);  // Timer J: 64*T1 on UDP
  EXPECT_EQ(layer.server_count(), 1u);
  run_until(33s);
  expect_idle();
}

TEST_F(ServerNonInvite, OneFinalOnly) {
  const TransactionId id = receive_bye();
  EXPECT_TRUE(layer.respond(id, response_to(bye, 200)));
  EXPECT_TRUE(layer.respond(id, response_to(bye, 500)));
  EXPECT_TRUE(layer.respond(id, response_to(bye, 100)));
  EXPECT_EQ(net.sent().size(), 1u);
}

TEST_F(ServerNonInvite, ReliableTransportAnswersOnTheRequestsFlowAndTimerJIsZero) {
  bye = request_over("WSS");
  const TransactionId id = receive_bye(kWssPeer);
  ASSERT_TRUE(layer.respond(id, response_to(bye, 200)));
  EXPECT_EQ(net.last("200").to.flow, kWssPeer.flow);  // RFC 7118 §5: no other way back
  EXPECT_EQ(net.last("200").to.transport, TransportKind::wss);
  expect_idle();
}

TEST_F(ServerNonInvite, TransportFailureEndsIt) {
  const TransactionId id = receive_bye();
  net.script = {{Fate::fail}};
  ASSERT_TRUE(layer.respond(id, response_to(bye, 200)));
  clock.run_due();
  EXPECT_EQ(layer.counters().transport_errors, 1u);
  expect_idle();
}

}  // namespace
}  // namespace rtcsip::sip::test
