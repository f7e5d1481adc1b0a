// The INVITE server transaction: RFC 3261 §17.2.1 and RFC 6026 §7.1.
#include "txn_fixture.hpp"

namespace rtcsip::sip::test {
namespace {

using Times = std::vector<std::int64_t>;

class ServerInvite : public TxnTest {
 protected:
  static RequestSpec spec(std::string method = "INVITE", std::string to_tag = "") {
    RequestSpec s;
    s.method = std::move(method);
    s.branch = "z9hG4bKremote1";
    s.to_tag = std::move(to_tag);
    return s;
  }
  // The ACK a UAC sends for a non-2xx final response with To tag `tag`.
  static Message ack_for(const std::string& tag) { return make_request(spec("ACK", tag)); }
  TransactionId receive_invite(const Peer& from = kUdpPeer) {
    deliver(invite, from);
    return requests.empty() ? 0 : requests.back().id;
  }

  Message invite = make_request(spec());
};

TEST_F(ServerInvite, Sends100TryingFromTheRequestBeforeTheTuSeesIt) {
  RequestSpec s = spec();
  s.extra = "Via: SIP/2.0/UDP 10.1.1.1:5060;branch=z9hG4bKproxy;received=10.1.1.9\r\nTimestamp: 54\r\n";
  invite = make_request(s);
  std::size_t sent_before_tu = 99;
  on_request = [&](TransactionId, const Incoming&) { sent_before_tu = net.sent().size(); };
  ASSERT_NE(receive_invite(), 0u);
  EXPECT_EQ(sent_before_tu, 1u);
  const auto& sent = net.last("100");
  const Message& trying = sent.message;
  EXPECT_EQ(trying.values(HeaderId::via), invite.values(HeaderId::via));
  EXPECT_EQ(trying.header(HeaderId::from), invite.header(HeaderId::from));
  EXPECT_EQ(trying.header(HeaderId::to), invite.header(HeaderId::to));  // no tag added
  EXPECT_EQ(trying.header(HeaderId::call_id), invite.header(HeaderId::call_id));
  EXPECT_EQ(trying.header(HeaderId::cseq), invite.header(HeaderId::cseq));
  EXPECT_EQ(trying.header(HeaderId::timestamp), "54");  // §8.2.6.1
  EXPECT_FALSE(validate(trying).has_value());
  EXPECT_EQ(sent.to.address, kUdpPeer.address);
}

TEST_F(ServerInvite, RetransmittedInviteGetsTheLatestProvisionalAgain) {
  const TransactionId id = receive_invite();
  deliver(invite);
  EXPECT_EQ(net.count("100"), 2u);
  ASSERT_TRUE(layer.respond(id, response_to(invite, 180, "uas1")));
  deliver(invite);
  EXPECT_EQ(net.count("180"), 2u);
  EXPECT_EQ(net.count("100"), 2u);
  EXPECT_EQ(requests.size(), 1u);
  EXPECT_EQ(layer.counters().retransmissions_absorbed, 2u);
  EXPECT_EQ(layer.counters().retransmissions_sent, 2u);
  EXPECT_EQ(clock.pending(), 0u);  // Proceeding waits for the TU without a timer
}

TEST_F(ServerInvite, NonSuccessFinalIsRetransmittedOnTimerGUntilTheAckThenTimerI) {
  const TransactionId id = receive_invite();
  ASSERT_TRUE(layer.respond(id, response_to(invite, 486, "uas1")));
  run_until(10s);
  EXPECT_EQ(millis(net.times_of("486")), (Times{0, 500, 1500, 3500, 7500}));
  deliver(ack_for("uas1"));
  EXPECT_TRUE(acks.empty());  // absorbed: the ACK of a non-2xx is the transaction's
  deliver(ack_for("uas1"));
  EXPECT_EQ(layer.counters().retransmissions_absorbed, 1u);
  run_until(14999ms);  // Timer I: T4 on UDP
  EXPECT_EQ(net.count("486"), 5u);
  EXPECT_EQ(layer.server_count(), 1u);
  run_until(15s);
  expect_idle();
}

TEST_F(ServerInvite, TimerHEndsItWhenNoAckArrives) {
  const TransactionId id = receive_invite();
  ASSERT_TRUE(layer.respond(id, response_to(invite, 603, "uas1")));
  run_until(32s);
  // §17.2.1: G starts at T1, doubles up to T2; H is 64*T1.
  EXPECT_EQ(millis(net.times_of("603")),
            (Times{0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500}));
  EXPECT_EQ(layer.counters().timeouts, 1u);
  // The TU hears of it (RFC 3261 §17.2.1).
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].first, id);
  EXPECT_EQ(failures[0].second, "no ACK for the final response (Timer H)");
  expect_idle();
}

TEST_F(ServerInvite, LostFinalIsResentOnTheRetransmittedInviteAndConfirmedAbsorbsAll) {
  const TransactionId id = receive_invite();
  net.script = {{Fate::drop}};
  ASSERT_TRUE(layer.respond(id, response_to(invite, 480, "uas1")));
  run_until(300ms);
  deliver(invite);  // the client never saw the 480
  EXPECT_EQ(millis(net.times_of("480")), (Times{0, 300}));
  deliver(ack_for("uas1"));
  deliver(invite);  // late: Confirmed absorbs it without an answer
  EXPECT_EQ(net.count("480"), 2u);
  EXPECT_EQ(layer.counters().retransmissions_absorbed, 2u);
  EXPECT_EQ(requests.size(), 1u);
  run_until(6s);
  expect_idle();
}

TEST_F(ServerInvite, SuccessEntersAcceptedWhereInvitesAreAbsorbedAndAcksGoToTheTu) {
  const TransactionId id = receive_invite();
  ASSERT_TRUE(layer.respond(id, response_to(invite, 200, "uas1")));
  deliver(invite);
  EXPECT_EQ(net.count("200"), 1u);  // RFC 6026 §7.1: the TU retransmits 2xx itself
  EXPECT_EQ(net.count("100"), 1u);
  EXPECT_EQ(layer.counters().retransmissions_absorbed, 1u);
  run_until(500ms);
  EXPECT_TRUE(layer.respond(id, response_to(invite, 200, "uas1")));
  EXPECT_TRUE(layer.respond(id, response_to(invite, 486, "uas1")));
  EXPECT_EQ(net.count("200"), 2u);
  EXPECT_EQ(net.count("486"), 0u);
  RequestSpec ack = spec("ACK", "uas1");
  ack.branch = "z9hG4bKremote2";  // §17.1.1.3: the ACK of a 2xx is a new transaction
  deliver(make_request(ack));
  EXPECT_EQ(acks.size(), 1u);
  run_until(31999ms);  // Timer L: 64*T1
  EXPECT_EQ(layer.server_count(), 1u);
  run_until(32s);
  expect_idle();
  EXPECT_FALSE(layer.respond(id, response_to(invite, 200, "uas1")));
}

TEST_F(ServerInvite, ReliableTransportAnswersOnTheRequestsFlowWithoutTimerGAndTimerIZero) {
  RequestSpec s = spec();
  s.transport = "TCP";
  invite = make_request(s);
  const TransactionId id = receive_invite(kTcpPeer);
  ASSERT_TRUE(layer.respond(id, response_to(invite, 486, "uas1")));
  run_until(31s);
  EXPECT_EQ(net.count("486"), 1u);
  for (const auto& sent : net.sent()) {
    EXPECT_EQ(sent.to.transport, TransportKind::tcp);
    EXPECT_EQ(sent.to.flow, kTcpPeer.flow);  // §18.2.2: the connection it came on
  }
  RequestSpec ack = spec("ACK", "uas1");
  ack.transport = "TCP";
  deliver(make_request(ack), kTcpPeer);
  expect_idle();
}

TEST_F(ServerInvite, TransportFailureEndsIt) {
  const TransactionId id = receive_invite();
  net.script = {{Fate::fail}};
  ASSERT_TRUE(layer.respond(id, response_to(invite, 180, "uas1")));
  EXPECT_EQ(layer.server_count(), 1u);
  clock.run_due();
  EXPECT_EQ(layer.counters().transport_errors, 1u);
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].first, id);
  EXPECT_EQ(failures[0].second, "the response could not be sent");
  EXPECT_FALSE(layer.respond(id, response_to(invite, 486, "uas1")));
  expect_idle();
}

TEST_F(ServerInvite, ResponsesAfterTheFinalAreIgnored) {
  const TransactionId id = receive_invite();
  EXPECT_TRUE(layer.respond(id, response_to(invite, 404, "uas1")));
  EXPECT_TRUE(layer.respond(id, response_to(invite, 180, "uas1")));
  EXPECT_TRUE(layer.respond(id, response_to(invite, 200, "uas1")));
  EXPECT_EQ(net.count("404"), 1u);
  EXPECT_EQ(net.count("180") + net.count("200"), 0u);
  EXPECT_FALSE(layer.respond(id + 1000, response_to(invite, 200, "uas1")));
  EXPECT_FALSE(layer.respond(id, invite));  // a request is no response
}

}  // namespace
}  // namespace rtcsip::sip::test
