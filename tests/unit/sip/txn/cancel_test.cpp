// CANCEL: RFC 3261 §9.1 on the client side, §9.2 on the server side.
#include "txn_fixture.hpp"

namespace rtcsip::sip::test {
namespace {

using Times = std::vector<std::int64_t>;

class ClientCancel : public TxnTest {
 protected:
  TransactionId start_invite() {
    RequestSpec spec;
    spec.cseq = 7;
    spec.extra = "Route: <sip:p1.example.com;lr>\r\n";
    invite = make_request(spec);
    return layer.send_request(invite, kUdpPeer, recorder(events));
  }

  Message invite = Message::response(0, "unset");
  std::vector<Reported> events;
  std::vector<Reported> cancel_events;
};

TEST_F(ClientCancel, WaitsForAProvisionalThenSendsACancelBuiltFromTheInvite) {
  const TransactionId id = start_invite();
  ASSERT_TRUE(layer.cancel(id, recorder(cancel_events)));
  EXPECT_FALSE(layer.cancel(id, recorder(cancel_events)));  // one CANCEL per INVITE
  run_until(1s);
  EXPECT_EQ(net.count("CANCEL"), 0u);  // §9.1: not before a provisional response
  EXPECT_EQ(millis(net.times_of("INVITE")), (Times{0, 500}));
  deliver(response_to(invite, 180, "b1"));
  ASSERT_EQ(net.count("CANCEL"), 1u);
  const auto& sent = net.last("CANCEL");
  const Message& cancel = sent.message;
  EXPECT_EQ(cancel.request_uri(), invite.request_uri());
  EXPECT_EQ(cancel.values(HeaderId::via), invite.values(HeaderId::via));  // same branch
  EXPECT_EQ(cancel.values(HeaderId::route), invite.values(HeaderId::route));
  EXPECT_EQ(cancel.header(HeaderId::from), invite.header(HeaderId::from));
  EXPECT_EQ(cancel.header(HeaderId::to), invite.header(HeaderId::to));
  EXPECT_EQ(cancel.header(HeaderId::call_id), invite.header(HeaderId::call_id));
  EXPECT_EQ(cancel.header(HeaderId::cseq), "7 CANCEL");
  EXPECT_FALSE(validate(cancel).has_value());
  EXPECT_EQ(sent.to.address, kUdpPeer.address);
  deliver(response_to(cancel, 200, "b1"));
  deliver(response_to(invite, 487, "b1"));
  EXPECT_EQ(statuses(cancel_events), (std::vector<int>{200}));
  EXPECT_EQ(statuses(events), (std::vector<int>{180, 487}));
  EXPECT_EQ(net.count("ACK"), 1u);
  run_until(33s);  // Timer K of the CANCEL, Timer D of the INVITE
  expect_idle();
}

TEST_F(ClientCancel, IsSentAtOnceWhenProceedingAndRetransmittedLikeAnyNonInvite) {
  const TransactionId id = start_invite();
  deliver(response_to(invite, 100));
  net.policy = drop_all;
  ASSERT_TRUE(layer.cancel(id, recorder(cancel_events)));
  run_until(32s);
  EXPECT_EQ(millis(net.times_of("CANCEL")),
            (Times{0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500}));
  ASSERT_EQ(cancel_events.size(), 1u);
  EXPECT_EQ(cancel_events[0].kind, Kind::timeout);
  // §9.1: no final response 64*T1 after the CANCEL ends the INVITE too.
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].kind, Kind::timeout);
  EXPECT_EQ(events[1].at_ms, 32000);
  expect_idle();
}

TEST_F(ClientCancel, IsNeverSentOnceAFinalArrived) {
  const TransactionId id = start_invite();
  ASSERT_TRUE(layer.cancel(id, recorder(cancel_events)));
  deliver(response_to(invite, 486, "b1"));
  deliver(response_to(invite, 180, "b1"));
  EXPECT_FALSE(layer.cancel(id, recorder(cancel_events)));
  run_until(40s);
  EXPECT_EQ(net.count("CANCEL"), 0u);
  EXPECT_TRUE(cancel_events.empty());
  EXPECT_EQ(statuses(events), (std::vector<int>{486}));
  expect_idle();
}

TEST_F(ClientCancel, OnlyPendingInviteTransactionsCanBeCancelled) {
  EXPECT_FALSE(layer.cancel(12345, nullptr));
  RequestSpec options;
  options.method = "OPTIONS";
  const TransactionId other = layer.send_request(make_request(options), kUdpPeer, nullptr);
  ASSERT_NE(other, 0u);
  EXPECT_FALSE(layer.cancel(other, nullptr));
  const TransactionId id = start_invite();
  deliver(response_to(invite, 200, "b1"));
  EXPECT_FALSE(layer.cancel(id, nullptr));  // Accepted: too late
}

class ServerCancel : public TxnTest {
 protected:
  static Message request(std::string method, std::string branch = "z9hG4bKremote1") {
    RequestSpec s;
    s.method = std::move(method);
    s.branch = std::move(branch);
    return make_request(s);
  }

  Message invite = request("INVITE");
  Message cancel = request("CANCEL");
};

TEST_F(ServerCancel, GetsItsOwnTransactionAndTheInviteItCancels) {
  deliver(invite);
  ASSERT_EQ(requests.size(), 1u);
  const TransactionId invite_id = requests[0].id;
  deliver(cancel);
  ASSERT_EQ(cancels.size(), 1u);
  EXPECT_NE(cancels[0].id, invite_id);
  EXPECT_EQ(cancels[0].invite, invite_id);
  EXPECT_EQ(requests.size(), 1u);   // the CANCEL is not an on_request
  EXPECT_EQ(net.count("100"), 1u);  // and gets no 100 Trying
  ASSERT_TRUE(layer.respond(cancels[0].id, response_to(cancel, 200, "uas1")));
  ASSERT_TRUE(layer.respond(invite_id, response_to(invite, 487, "uas1")));
  deliver(cancel);  // retransmitted: absorbed, the 200 resent
  EXPECT_EQ(net.count("200"), 2u);
  EXPECT_EQ(cancels.size(), 1u);
  RequestSpec ack;
  ack.method = "ACK";
  ack.branch = "z9hG4bKremote1";
  ack.to_tag = "uas1";
  deliver(make_request(ack));
  EXPECT_TRUE(acks.empty());
  run_until(32s);  // Timer J of the CANCEL, Timer I of the INVITE
  expect_idle();
}

TEST_F(ServerCancel, AfterTheFinalStillFindsTheInviteButCannotChangeIt) {
  deliver(invite);
  const TransactionId invite_id = requests.at(0).id;
  ASSERT_TRUE(layer.respond(invite_id, response_to(invite, 200, "uas1")));
  deliver(cancel);
  ASSERT_EQ(cancels.size(), 1u);
  EXPECT_EQ(cancels[0].invite, invite_id);  // §9.2: the TU answers 200 to the CANCEL
  EXPECT_TRUE(layer.respond(invite_id, response_to(invite, 487, "uas1")));
  EXPECT_EQ(net.count("487"), 0u);
}

TEST_F(ServerCancel, MatchingNothingGivesNoInvite) {
  deliver(invite);
  deliver(request("CANCEL", "z9hG4bKsomethingelse"));
  ASSERT_EQ(cancels.size(), 1u);
  EXPECT_FALSE(cancels[0].invite.has_value());  // §9.2: the TU answers 481
  ASSERT_TRUE(layer.respond(cancels[0].id, response_to(cancels[0].incoming.message, 481, "uas1")));
  EXPECT_EQ(net.last("481").to.address, kUdpPeer.address);
}

}  // namespace
}  // namespace rtcsip::sip::test
