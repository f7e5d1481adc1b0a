// The non-INVITE client transaction: RFC 3261 §17.1.2.
#include "txn_fixture.hpp"

namespace rtcsip::sip::test {
namespace {

using Times = std::vector<std::int64_t>;

class ClientNonInvite : public TxnTest {
 protected:
  TransactionId start_request(const Peer& to = kUdpPeer, std::string transport = "UDP") {
    RequestSpec spec;
    spec.method = "OPTIONS";
    spec.transport = std::move(transport);
    request = make_request(spec);
    return layer.send_request(request, to, recorder(events));
  }

  Message request = Message::response(0, "unset");
  std::vector<Reported> events;
};

TEST_F(ClientNonInvite, LostRequestIsRetransmittedOnTimerECappedAtT2UntilTimerF) {
  net.policy = drop_all;
  ASSERT_NE(start_request(), 0u);
  run_until(32s);
  // §17.1.2.2: E starts at T1, doubles, and stays at T2 (4 s); F is 64*T1.
  EXPECT_EQ(millis(net.times_of("OPTIONS")),
            (Times{0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500}));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, Kind::timeout);
  EXPECT_EQ(events[0].at_ms, 32000);
  EXPECT_EQ(layer.counters().retransmissions_sent, 10u);
  expect_idle();
}

TEST_F(ClientNonInvite, AfterAProvisionalTimerERetransmitsEveryT2) {
  ASSERT_NE(start_request(), 0u);
  run_until(200ms);
  deliver(response_to(request, 100));
  run_until(10s);
  // E was already due at 500 ms; from Proceeding on it is reset to T2.
  EXPECT_EQ(millis(net.times_of("OPTIONS")), (Times{0, 500, 4500, 8500}));
  deliver(response_to(request, 200, "b"));
  EXPECT_EQ(statuses(events), (std::vector<int>{100, 200}));
  run_until(60s);
  EXPECT_EQ(net.count("OPTIONS"), 4u);
  expect_idle();
}

TEST_F(ClientNonInvite, RetransmittedFinalIsAbsorbedUntilTimerK) {
  ASSERT_NE(start_request(), 0u);
  run_until(100ms);
  deliver(response_to(request, 200, "b"));
  deliver(response_to(request, 200, "b"));
  deliver(response_to(request, 100));
  EXPECT_EQ(statuses(events), (std::vector<int>{200}));
  EXPECT_EQ(layer.counters().retransmissions_absorbed, 1u);
  run_until(5099ms);  // Timer K: T4 on UDP
  EXPECT_EQ(layer.client_count(), 1u);
  run_until(5100ms);
  EXPECT_EQ(net.count("OPTIONS"), 1u);
  expect_idle();
}

TEST_F(ClientNonInvite, ReliableTransportHasNoTimerEAndTimerKIsZero) {
  ASSERT_NE(start_request(kTcpPeer, "TCP"), 0u);
  run_until(20s);
  EXPECT_EQ(net.count("OPTIONS"), 1u);
  deliver(response_to(request, 200, "b"), kTcpPeer);
  EXPECT_EQ(statuses(events), (std::vector<int>{200}));
  expect_idle();
}

TEST_F(ClientNonInvite, ReliableTransportStillTimesOutOnTimerF) {
  ASSERT_NE(start_request(kWssPeer, "WSS"), 0u);
  run_until(32s);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, Kind::timeout);
  EXPECT_EQ(net.count("OPTIONS"), 1u);
  expect_idle();
}

TEST_F(ClientNonInvite, FailedRetransmissionIsReportedAndEndsIt) {
  net.script = {{Fate::drop}, {Fate::fail}};
  ASSERT_NE(start_request(), 0u);
  run_until(1s);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, Kind::transport_error);
  EXPECT_EQ(events[0].at_ms, 500);
  EXPECT_EQ(layer.counters().transport_errors, 1u);
  expect_idle();
}

}  // namespace
}  // namespace rtcsip::sip::test
