// The INVITE client transaction: RFC 3261 §17.1.1 and RFC 6026 §7.2.
#include "rtcsip/sip/headers.hpp"
#include "txn_fixture.hpp"

namespace rtcsip::sip::test {
namespace {

using Times = std::vector<std::int64_t>;

class ClientInvite : public TxnTest {
 protected:
  TransactionId start_invite(const Peer& to = kUdpPeer, const RequestSpec& spec = {}) {
    invite = make_request(spec);
    return layer.send_request(invite, to, recorder(events));
  }
  static RequestSpec over(std::string transport) {
    RequestSpec spec;
    spec.transport = std::move(transport);
    return spec;
  }

  Message invite = Message::response(0, "unset");
  std::vector<Reported> events;
};

TEST_F(ClientInvite, LostRequestIsRetransmittedOnTimerADoublingUntilTimerB) {
  net.policy = drop_all;
  ASSERT_NE(start_invite(), 0u);
  run_until(31999ms);
  EXPECT_TRUE(events.empty());
  run_until(32s);
  // §17.1.1.2: A starts at T1 and doubles without a cap; B is 64*T1.
  EXPECT_EQ(millis(net.times_of("INVITE")), (Times{0, 500, 1500, 3500, 7500, 15500, 31500}));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, Kind::timeout);
  EXPECT_EQ(events[0].at_ms, 32000);
  EXPECT_EQ(layer.counters().retransmissions_sent, 6u);
  EXPECT_EQ(layer.counters().timeouts, 1u);
  expect_idle();
}

TEST_F(ClientInvite, ProvisionalStopsRetransmissionsAndTimerB) {
  ASSERT_NE(start_invite(), 0u);
  run_until(700ms);
  deliver(response_to(invite, 100));
  deliver(response_to(invite, 180, "bob1"));
  deliver(response_to(invite, 180, "bob1"));  // §17.1.1.2: every provisional goes up
  run_until(60s);
  EXPECT_EQ(millis(net.times_of("INVITE")), (Times{0, 500}));
  EXPECT_EQ(statuses(events), (std::vector<int>{100, 180, 180}));
  // Proceeding has no timer: the TU ends it with a CANCEL if it must.
  EXPECT_EQ(layer.client_count(), 1u);
  EXPECT_EQ(clock.pending(), 0u);
  deliver(response_to(invite, 486, "bob1"));
  run_until(92s);
  EXPECT_EQ(statuses(events), (std::vector<int>{100, 180, 180, 486}));
  expect_idle();
}

TEST_F(ClientInvite, NonSuccessFinalIsAckedWithTheHeadersOfSection17_1_1_3) {
  RequestSpec spec;
  spec.cseq = 314;
  spec.extra =
      "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKupstream\r\n"
      "Route: <sip:p1.example.com;lr>\r\nRoute: <sip:p2.example.com;lr>\r\n"
      "Contact: <sip:alice@198.51.100.7>\r\nSubject: lunch\r\n";
  ASSERT_NE(start_invite(kUdpPeer, spec), 0u);
  const Message busy = response_to(invite, 486, "bob-tag");
  deliver(busy);
  EXPECT_EQ(statuses(events), (std::vector<int>{486}));
  const auto& sent = net.last("ACK");
  const Message& ack = sent.message;
  ASSERT_TRUE(ack.is_request());
  EXPECT_EQ(ack.request_uri(), invite.request_uri());
  EXPECT_EQ(ack.values(HeaderId::via),
            (std::vector<std::string_view>{"SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bKclient1"}));
  EXPECT_EQ(ack.values(HeaderId::route), invite.values(HeaderId::route));
  EXPECT_EQ(ack.header(HeaderId::from), invite.header(HeaderId::from));
  EXPECT_EQ(ack.header(HeaderId::to), busy.header(HeaderId::to));
  EXPECT_EQ(parse_name_addr(ack.header(HeaderId::to))->tag(), "bob-tag");
  EXPECT_EQ(ack.header(HeaderId::call_id), invite.header(HeaderId::call_id));
  EXPECT_EQ(ack.header(HeaderId::cseq), "314 ACK");
  EXPECT_EQ(ack.header(HeaderId::max_forwards), "70");
  EXPECT_EQ(ack.find(HeaderId::contact), nullptr);
  EXPECT_EQ(ack.find(HeaderId::subject), nullptr);
  EXPECT_FALSE(validate(ack).has_value());
  EXPECT_EQ(sent.to.address, kUdpPeer.address);  // §17.1.1.3: where the INVITE went
}

TEST_F(ClientInvite, RetransmittedFinalIsAckedAgainButNotReportedUntilTimerD) {
  ASSERT_NE(start_invite(), 0u);
  const Message busy = response_to(invite, 486, "b");
  run_until(1s);
  deliver(busy);
  run_until(5s);
  deliver(busy);  // our ACK was lost: the server retransmits its final
  EXPECT_EQ(statuses(events), (std::vector<int>{486}));
  EXPECT_EQ(millis(net.times_of("ACK")), (Times{1000, 5000}));
  EXPECT_EQ(millis(net.times_of("INVITE")), (Times{0, 500}));
  EXPECT_EQ(layer.counters().retransmissions_absorbed, 1u);
  run_until(32999ms);  // Timer D: 32 s on UDP, from the first final
  EXPECT_EQ(layer.client_count(), 1u);
  run_until(33s);
  expect_idle();
}

TEST_F(ClientInvite, EverySuccessIsPassedUpInAcceptedUntilTimerM) {
  ASSERT_NE(start_invite(), 0u);
  deliver(response_to(invite, 180, "b1"));
  deliver(response_to(invite, 200, "b1"));
  run_until(2s);
  deliver(response_to(invite, 200, "b1"));  // retransmitted by the UAS
  deliver(response_to(invite, 200, "b2"));  // another fork answered
  deliver(response_to(invite, 486, "b3"));  // RFC 6026 §7.2: dropped in Accepted
  deliver(response_to(invite, 183, "b1"));
  EXPECT_EQ(statuses(events), (std::vector<int>{180, 200, 200, 200}));
  EXPECT_EQ(net.count("ACK"), 0u);  // §13.2.2.4: the TU ACKs each 2xx
  EXPECT_EQ(net.count("INVITE"), 1u);
  run_until(31999ms);  // Timer M: 64*T1 from the first 2xx
  EXPECT_EQ(layer.client_count(), 1u);
  run_until(32s);
  expect_idle();
  deliver(response_to(invite, 200, "b1"));
  EXPECT_EQ(strays.size(), 1u);
  EXPECT_EQ(layer.counters().stray_responses, 1u);
}

TEST_F(ClientInvite, ReliableTransportHasNoTimerAAndTimerDIsZero) {
  ASSERT_NE(start_invite(kTcpPeer, over("TCP")), 0u);
  run_until(31s);
  EXPECT_EQ(net.count("INVITE"), 1u);
  EXPECT_EQ(net.last("INVITE").to.flow, kTcpPeer.flow);
  deliver(response_to(invite, 503, "b"), kTcpPeer);
  EXPECT_EQ(net.count("ACK"), 1u);
  EXPECT_EQ(net.last("ACK").to.flow, kTcpPeer.flow);
  EXPECT_EQ(statuses(events), (std::vector<int>{503}));
  expect_idle();  // ended at once
}

TEST_F(ClientInvite, ReliableTransportStillTimesOutOnTimerB) {
  ASSERT_NE(start_invite(kWssPeer, over("WSS")), 0u);
  run_until(32s);
  EXPECT_EQ(net.count("INVITE"), 1u);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, Kind::timeout);
  EXPECT_EQ(events[0].at_ms, 32000);
  expect_idle();
}

TEST_F(ClientInvite, TransportFailureIsReportedAndEndsIt) {
  net.script = {{Fate::fail}};
  const TransactionId id = start_invite();
  ASSERT_NE(id, 0u);
  EXPECT_TRUE(events.empty());  // never from inside send()
  clock.run_due();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, Kind::transport_error);
  EXPECT_EQ(events[0].reason, "connection refused");
  EXPECT_EQ(layer.counters().transport_errors, 1u);
  EXPECT_FALSE(layer.cancel(id, nullptr));
  expect_idle();
  deliver(response_to(invite, 180, "b"));
  EXPECT_EQ(strays.size(), 1u);
}

TEST_F(ClientInvite, TransportFailureOfTheAckIsReportedAfterTheFinal) {
  net.script = {{Fate::deliver}, {Fate::fail}};
  ASSERT_NE(start_invite(), 0u);
  deliver(response_to(invite, 404, "b"));
  clock.run_due();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].status, 404);
  EXPECT_EQ(events[1].kind, Kind::transport_error);  // RFC 3261 Figure 5, Completed
  expect_idle();
}

}  // namespace
}  // namespace rtcsip::sip::test
