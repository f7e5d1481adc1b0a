// The layer as a whole: what send_request accepts, branches, handlers that
// re-enter the layer, lifetime, and two layers talking over a lossy network.
#include <memory>
#include <set>

#include "txn_fixture.hpp"

namespace rtcsip::sip::test {
namespace {

class Layer : public TxnTest {};

TEST_F(Layer, AnAckIsSentOnceWithoutATransaction) {
  RequestSpec ack;
  ack.method = "ACK";
  ack.to_tag = "b1";
  EXPECT_EQ(layer.send_request(make_request(ack), kUdpPeer, nullptr), 0u);
  EXPECT_EQ(net.count("ACK"), 1u);
  run_until(64s);
  EXPECT_EQ(net.count("ACK"), 1u);
  expect_idle();
}

TEST_F(Layer, RefusesABranchWithoutMagicCookieOrOneInUse) {
  RequestSpec legacy;
  legacy.branch = "1234";
  EXPECT_EQ(layer.send_request(make_request(legacy), kUdpPeer, nullptr), 0u);
  RequestSpec none;
  none.branch = "";
  EXPECT_EQ(layer.send_request(make_request(none), kUdpPeer, nullptr), 0u);
  EXPECT_NE(layer.send_request(make_request({}), kUdpPeer, nullptr), 0u);
  EXPECT_EQ(layer.send_request(make_request({}), kUdpPeer, nullptr), 0u);
  EXPECT_EQ(net.count("INVITE"), 1u);
  EXPECT_EQ(layer.client_count(), 1u);
}

TEST_F(Layer, NewBranchesCarryTheMagicCookieAndNeverRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string branch = layer.new_branch();
    EXPECT_TRUE(branch.starts_with("z9hG4bK")) << branch;
    EXPECT_TRUE(seen.insert(branch).second) << branch;
  }
  TransactionLayer other(clock, net, {}, {});
  EXPECT_FALSE(seen.contains(other.new_branch()));
}

TEST_F(Layer, ServerHandlerThatEndsItsTransactionAtOnceIsSafe) {
  RequestSpec spec;
  spec.method = "OPTIONS";
  spec.transport = "TCP";
  on_request = [&](TransactionId id, const Incoming& in) {
    // Timer J is zero on TCP: the transaction ends inside this call.
    EXPECT_TRUE(layer.respond(id, response_to(in.message, 200, "t")));
    EXPECT_EQ(layer.server_count(), 0u);
    EXPECT_FALSE(layer.respond(id, response_to(in.message, 500, "t")));
    EXPECT_EQ(in.message.method(), Method::options);  // still valid to read
    EXPECT_EQ(in.from.flow, kTcpPeer.flow);
  };
  deliver(make_request(spec), kTcpPeer);
  EXPECT_EQ(requests.size(), 1u);
  EXPECT_EQ(net.count("200"), 1u);
  expect_idle();
}

TEST_F(Layer, ClientHandlerMayStartTransactionsAndFeedTheLayerAgain) {
  RequestSpec spec;
  spec.transport = "TCP";
  const Message invite = make_request(spec);
  const Message busy = response_to(invite, 486, "b");
  std::vector<Reported> events;
  TransactionId first = 0;
  TransactionId second = 0;
  auto record = recorder(events);
  first = layer.send_request(invite, kTcpPeer, [&](const ClientEvent& e) {
    record(e);
    // Timer D is zero on TCP: the transaction has ended already.
    EXPECT_FALSE(layer.cancel(first, nullptr));
    deliver(busy, kTcpPeer);  // now a stray
    RequestSpec retry = spec;
    retry.branch = layer.new_branch();
    retry.cseq = 2;
    second = layer.send_request(make_request(retry), kTcpPeer, nullptr);
  });
  ASSERT_NE(first, 0u);
  deliver(busy, kTcpPeer);
  EXPECT_EQ(statuses(events), (std::vector<int>{486}));
  EXPECT_EQ(strays.size(), 1u);
  EXPECT_NE(second, 0u);
  EXPECT_EQ(layer.client_count(), 1u);
  EXPECT_EQ(net.count("INVITE"), 2u);
}

TEST_F(Layer, TimeoutHandlerMayEndOtherTransactions) {
  RequestSpec bye;
  bye.method = "BYE";
  bye.branch = "z9hG4bKremote";
  bye.transport = "TCP";
  const Message incoming = make_request(bye);
  deliver(incoming, kTcpPeer);
  const TransactionId server = requests.at(0).id;
  RequestSpec options;
  options.method = "OPTIONS";
  options.transport = "TCP";
  layer.send_request(make_request(options), kTcpPeer, [&](const ClientEvent& e) {
    EXPECT_EQ(e.kind, Kind::timeout);
    EXPECT_TRUE(layer.respond(server, response_to(incoming, 408, "t")));
  });
  run_until(32s);
  EXPECT_EQ(net.count("408"), 1u);
  expect_idle();
}

TEST_F(Layer, TransportFailureAfterTheLayerIsGoneIsIgnored) {
  auto doomed = std::make_unique<TransactionLayer>(clock, net, TimerSettings{}, TransactionLayer::Handlers{});
  net.script = {{Fate::fail}};
  bool called = false;
  ASSERT_NE(doomed->send_request(make_request({}), kUdpPeer, [&](const ClientEvent&) { called = true; }), 0u);
  doomed.reset();
  EXPECT_EQ(clock.pending(), 1u);  // only the transport's failure report
  clock.run_due();
  EXPECT_FALSE(called);
  EXPECT_EQ(clock.pending(), 0u);
}

TEST_F(Layer, TimerSettingsScaleEveryTimer) {
  TimerSettings fast{std::chrono::milliseconds(100), std::chrono::milliseconds(400), std::chrono::seconds(1)};
  FakeTransport quiet(clock, kLocal);
  quiet.policy = drop_all;
  TransactionLayer tuned(clock, quiet, fast, {});
  std::vector<Reported> events;
  RequestSpec options;
  options.method = "OPTIONS";
  tuned.send_request(make_request(options), kUdpPeer, recorder(events));
  run_until(6400ms);
  EXPECT_EQ(millis(quiet.times_of("OPTIONS")).back(), 6300);  // E capped at T2 = 400 ms
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].at_ms, 6400);  // F = 64*T1
  EXPECT_EQ(tuned.client_count(), 0u);
}

// Two layers, a UAC and a UAS, each with its own FakeTransport delivering to
// the other.
class TwoLayers : public ::testing::Test {
 protected:
  TwoLayers() {
    uac_net.sink = [this](Incoming in) { uas.receive(std::move(in)); };
    uas_net.sink = [this](Incoming in) { uac.receive(std::move(in)); };
  }
  TransactionLayer::Handlers uas_handlers() {
    TransactionLayer::Handlers h;
    h.on_request = [this](TransactionId id, const Incoming& in) {
      ++uas_requests;
      answer(id, in);
    };
    h.on_ack = [this](const Incoming&) { ++uas_acks; };
    return h;
  }
  std::function<void(const ClientEvent&)> record() {
    return [this](const ClientEvent& e) {
      uac_statuses.push_back(e.response ? e.response->message.status() : -1);
    };
  }
  [[nodiscard]] bool idle() const {
    return uac.client_count() + uac.server_count() + uas.client_count() + uas.server_count() == 0 &&
           clock.pending() == 0;
  }

  core::ManualTimerService clock;
  FakeTransport uac_net{clock, {"198.51.100.7", 5060}};
  FakeTransport uas_net{clock, kLocal};
  std::function<void(TransactionId, const Incoming&)> answer;
  int uas_requests = 0;
  int uas_acks = 0;
  std::vector<int> uac_statuses;
  TransactionLayer uac{clock, uac_net, {}, {}};
  TransactionLayer uas{clock, uas_net, {}, uas_handlers()};
};

TEST_F(TwoLayers, RejectedCallSurvivesLossDuplicationAndDelay) {
  uac_net.script = {{Fate::drop}};  // the first INVITE is lost
  uas_net.policy = [](const Message&) {
    return FakeTransport::Plan{Fate::duplicate, std::chrono::milliseconds(20)};
  };
  answer = [this](TransactionId id, const Incoming& in) {
    uas.respond(id, response_to(in.message, 180, "uas1"));
    clock.schedule(std::chrono::seconds(2),
                   [this, id, request = in.message] { uas.respond(id, response_to(request, 486, "uas1")); });
  };
  ASSERT_NE(uac.send_request(make_request({}), kUdpPeer, record()), 0u);
  clock.advance(std::chrono::seconds(40));
  EXPECT_EQ(uas_requests, 1);
  // Each response arrives twice: provisional ones go up each time, the
  // second 486 is absorbed and answered with the ACK again.
  EXPECT_EQ(uac_statuses, (std::vector<int>{100, 100, 180, 180, 486}));
  EXPECT_EQ(uac_net.count("INVITE"), 2u);
  EXPECT_EQ(uac_net.count("ACK"), 2u);
  EXPECT_EQ(uas_acks, 0);  // absorbed by the UAS transaction
  EXPECT_EQ(uas_net.count("486"), 1u);
  EXPECT_TRUE(idle());
}

TEST_F(TwoLayers, DelayedAndDuplicatedMessagesAreAbsorbedOnBothSides) {
  uac_net.script = {{Fate::duplicate}};  // the OPTIONS arrives twice
  uas_net.policy = [](const Message&) {
    return FakeTransport::Plan{Fate::deliver, std::chrono::milliseconds(600)};
  };
  answer = [this](TransactionId id, const Incoming& in) {
    uas.respond(id, response_to(in.message, 200, "uas1"));
  };
  RequestSpec options;
  options.method = "OPTIONS";
  ASSERT_NE(uac.send_request(make_request(options), kUdpPeer, record()), 0u);
  clock.advance(std::chrono::seconds(2));
  // The copy and the Timer E retransmission at 500 ms (the 200 is still on
  // its way) are absorbed by the UAS and answered with the 200 again; the
  // UAC reports the first 200 and absorbs the other two.
  EXPECT_EQ(uas_requests, 1);
  EXPECT_EQ(millis(uac_net.times_of("OPTIONS")), (std::vector<std::int64_t>{0, 500}));
  EXPECT_EQ(uas_net.count("200"), 3u);
  EXPECT_EQ(uas.counters().retransmissions_absorbed, 2u);
  EXPECT_EQ(uac_statuses, (std::vector<int>{200}));
  EXPECT_EQ(uac.counters().retransmissions_absorbed, 2u);
  clock.advance(std::chrono::seconds(40));
  EXPECT_TRUE(idle());
}

TEST_F(TwoLayers, ReorderedResponsesLeaveTheFinalStanding) {
  uas_net.policy = [](const Message&) { return FakeTransport::Plan{Fate::hold}; };
  answer = [this](TransactionId id, const Incoming& in) {
    uas.respond(id, response_to(in.message, 100));
    uas.respond(id, response_to(in.message, 200, "uas1"));
  };
  RequestSpec options;
  options.method = "OPTIONS";
  ASSERT_NE(uac.send_request(make_request(options), kUdpPeer, record()), 0u);
  clock.run_due();
  uas_net.release_held_reversed();
  clock.run_due();
  EXPECT_EQ(uac_statuses, (std::vector<int>{200}));  // the late 100 is dropped in Completed
  clock.advance(std::chrono::seconds(40));
  EXPECT_EQ(uac_net.count("OPTIONS"), 1u);
  EXPECT_TRUE(idle());
}

}  // namespace
}  // namespace rtcsip::sip::test
