#pragma once
// Messages and a fixture for the transaction layer tests: one layer on a
// manual clock over a FakeTransport that only records (the test plays the
// peer by calling receive()), with everything the layer reports recorded.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fake_transport.hpp"
#include "rtcsip/core/manual_timer_service.hpp"
#include "rtcsip/sip/transaction_layer.hpp"

namespace rtcsip::sip::test {

using namespace std::chrono_literals;

inline const Address kLocal{"192.0.2.1", 5060};
inline const Peer kUdpPeer{TransportKind::udp, {"198.51.100.7", 5060}, kNoFlow};
inline const Peer kTcpPeer{TransportKind::tcp, {"198.51.100.7", 40312}, 17};
inline const Peer kWssPeer{TransportKind::wss, {"203.0.113.9", 52100}, 23};

// What a request is made of; the defaults make an INVITE over UDP.
struct RequestSpec {
  std::string method = "INVITE";
  std::string branch = "z9hG4bKclient1";  // empty: no branch parameter
  std::string transport = "UDP";
  std::string sent_by = "198.51.100.7:5060";
  std::string from_tag = "alice1";
  std::string to_tag;
  std::string call_id = "call-1@198.51.100.7";
  std::uint32_t cseq = 1;
  std::string uri = "sip:bob@192.0.2.1";
  std::string extra;  // more header lines, each ending in CRLF
};

Message parse(const std::string& text);
Message make_request(const RequestSpec& spec);
// A response as a UAS writes it (RFC 3261 §8.2.6): the Via lines, From, To
// (with `to_tag` added when the request's To has none), Call-ID and CSeq.
Message response_to(const Message& request, int status, const std::string& to_tag = "");

// One event a client transaction reported.
struct Reported {
  ClientEvent::Kind kind;
  int status = 0;  // for responses
  std::string reason;
  std::int64_t at_ms = 0;
};
using Kind = ClientEvent::Kind;
using Fate = FakeTransport::Fate;

// Readable in test failures: durations as milliseconds.
std::vector<std::int64_t> millis(const std::vector<core::Duration>& times);
std::vector<int> statuses(const std::vector<Reported>& events);
// A transport policy that loses everything.
FakeTransport::Plan drop_all(const Message&);

class TxnTest : public ::testing::Test {
 protected:
  TxnTest();

  // A handler for send_request()/cancel() that records into `events`.
  std::function<void(const ClientEvent&)> recorder(std::vector<Reported>& events);
  // Plays the peer: a message arriving from `from`.
  void deliver(const Message& message, const Peer& from = kUdpPeer);
  [[nodiscard]] core::Duration elapsed() const { return clock.now() - start; }
  // Runs the clock up to `t` since the test began.
  void run_until(core::Duration t) { clock.advance_to(start + t); }
  // Nothing left: no transaction, no timer.
  void expect_idle();

  struct Request {
    TransactionId id;
    Incoming incoming;
  };
  struct Cancel {
    TransactionId id;
    std::optional<TransactionId> invite;
    Incoming incoming;
  };

  core::ManualTimerService clock;
  core::TimePoint start = clock.now();
  FakeTransport net{clock, kLocal};
  std::vector<Request> requests;
  std::vector<Cancel> cancels;
  std::vector<Incoming> acks;
  std::vector<Incoming> strays;
  std::vector<std::pair<TransactionId, std::string>> failures;  // on_server_failure
  // Tests may replace these to act inside the callbacks.
  std::function<void(TransactionId, const Incoming&)> on_request;
  std::function<void(TransactionId, std::optional<TransactionId>, const Incoming&)> on_cancel;
  TransactionLayer layer;
};

}  // namespace rtcsip::sip::test
