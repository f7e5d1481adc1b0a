// Loss, duplication and reordering on the link: the retransmission timer
// (RFC 6347 §4.2.4) recovers, on the schedule DTLSv1_get_timeout() gives.
#include <sys/time.h>

#include <algorithm>

#include "dtls_fixture.hpp"

namespace rtcsip::media::dtls::test {
namespace {

using namespace std::chrono_literals;

class DtlsRetransmissionTest : public DtlsPairTest, public ::testing::WithParamInterface<Role> {
 protected:
  // Drops the given transmissions (0 = the first flight) in one direction.
  void drop_transmissions(Direction direction, std::size_t count) {
    link_.set_filter([direction, count](const Sent& sent, std::size_t) {
      return Delivery{.drop = sent.direction == direction && sent.transmission < count};
    });
  }

  std::vector<core::Duration> send_offsets(Direction direction) const {
    std::vector<core::Duration> out;
    std::optional<std::size_t> last;
    for (const Sent* s : link_.sent(direction)) {
      if (last == s->transmission) continue;
      last = s->transmission;
      out.push_back(s->at - kStart);
    }
    return out;
  }
};

std::string role_name(const ::testing::TestParamInfo<Role>& info) {
  return info.param == Role::client ? "AClientBServer" : "AServerBClient";
}

TEST(OpenSslClockTest, OpenSslDtlsTimerFollowsTheManualClock) {
  // The premise of every test here: OpenSSL's DTLS timer reads our clock.
  core::ManualTimerService timers;
  OpenSslClock clock(timers);
  timeval before{};
  ASSERT_EQ(gettimeofday(&before, nullptr), 0);
  timers.advance(1500ms);
  timeval after{};
  ASSERT_EQ(gettimeofday(&after, nullptr), 0);
  EXPECT_EQ((after.tv_sec - before.tv_sec) * 1000000 + (after.tv_usec - before.tv_usec), 1500000);
}

TEST_P(DtlsRetransmissionTest, LostClientHellosAreResentAtOneTwoFourSeconds) {
  make({.a_role = GetParam()});
  drop_transmissions(from_client(), 3);
  start();
  ASSERT_TRUE(run_until([&] { return both_connected(); }, 20s)) << a_.reason << " / " << b_.reason;

  // RFC 6347 §4.2.4.1: 1 s, then doubling: the ClientHello goes at 0, 1, 3
  // and 7 s; the fourth one gets through.
  const auto offsets = send_offsets(from_client());
  ASSERT_GE(offsets.size(), 4u);
  EXPECT_EQ(offsets[0], 0s);
  EXPECT_EQ(offsets[1], 1s);
  EXPECT_EQ(offsets[2], 3s);
  EXPECT_EQ(offsets[3], 7s);
  EXPECT_EQ(client().transport->stats().retransmissions, 3u);
  EXPECT_EQ(*a_.keys, *b_.keys);
  EXPECT_EQ(a_.failed + b_.failed, 0);
}

TEST_P(DtlsRetransmissionTest, TimerFollowsDtlsv1GetTimeout) {
  make({.a_role = GetParam()});
  drop_transmissions(from_client(), 100);
  start();
  // After each expiry the core::Timer is set to what OpenSSL reports left.
  const core::Duration expected[] = {1s, 2s, 4s, 8s};
  for (const core::Duration step : expected) {
    const auto next = timers_.next_expiry();
    ASSERT_TRUE(next);
    EXPECT_EQ(*next - timers_.now(), step);
    timers_.advance(step);
  }
  EXPECT_EQ(client().transport->stats().retransmissions, 4u);
  EXPECT_EQ(link_.sent(from_client()).size(), 5u);
  EXPECT_EQ(client().transport->state(), State::connecting);
}

TEST_P(DtlsRetransmissionTest, LostServerFlightIsRecovered) {
  make({.a_role = GetParam()});
  drop_transmissions(from_server(), 1);
  start();
  ASSERT_TRUE(run_until([&] { return both_connected(); }, 10s)) << a_.reason << " / " << b_.reason;
  EXPECT_GE(server().transport->stats().retransmissions + client().transport->stats().retransmissions, 1u);
  EXPECT_EQ(*a_.keys, *b_.keys);
  // Recovered on the first retransmission, one second in.
  EXPECT_LT(*client().connected_at - kStart, 1100ms);
}

TEST_P(DtlsRetransmissionTest, LostFinalFlightIsResentWhenTheClientRetransmits) {
  // The server's ChangeCipherSpec + Finished is the last flight: the server
  // has no timer for it and resends it when the client's Finished comes again
  // (RFC 6347 §4.2.4).
  make({.a_role = GetParam()});
  link_.set_filter([this](const Sent& sent, std::size_t) {
    const auto record = first_record(sent.bytes);
    const bool final_flight = sent.direction == from_server() && record && record->content_type == 20;
    return Delivery{.drop = final_flight && sent.transmission == 1};
  });
  start();
  ASSERT_TRUE(run_until([&] { return both_connected(); }, 10s)) << a_.reason << " / " << b_.reason;
  EXPECT_EQ(client().transport->stats().retransmissions, 1u);
  EXPECT_GE(*client().connected_at - kStart, 1s);
  EXPECT_EQ(*a_.keys, *b_.keys);
  EXPECT_EQ(a_.failed + b_.failed, 0);
}

TEST_P(DtlsRetransmissionTest, EveryDatagramDuplicated) {
  make({.a_role = GetParam()});
  link_.set_filter([](const Sent&, std::size_t) { return Delivery{.copies = 2}; });
  start();
  ASSERT_TRUE(run_until([&] { return both_connected(); }, 10s)) << a_.reason << " / " << b_.reason;
  EXPECT_EQ(*a_.keys, *b_.keys);
  run_for(2s);
  EXPECT_EQ(a_.connected + b_.connected, 2);
  EXPECT_EQ(a_.failed + b_.failed, 0);
  EXPECT_EQ(a_.transport->state(), State::connected);
  EXPECT_EQ(b_.transport->state(), State::connected);
}

TEST_P(DtlsRetransmissionTest, ReorderedDatagramsWithinFlights) {
  // A 300-octet MTU spreads flights over several datagrams; each datagram is
  // delayed less than the one before it, so every flight arrives reversed.
  PairOptions options{.a_role = GetParam()};
  options.settings.mtu = 300;
  make(options);
  link_.set_filter([](const Sent&, std::size_t index) {
    return Delivery{.delay = std::chrono::milliseconds(50 - static_cast<int>(index % 10) * 5)};
  });
  start();
  ASSERT_TRUE(run_until([&] { return both_connected(); }, 10s)) << a_.reason << " / " << b_.reason;
  EXPECT_EQ(*a_.keys, *b_.keys);
  EXPECT_EQ(a_.failed + b_.failed, 0);
  // The server's fragmented flight is reassembled whatever the order: the
  // client answers it at once. (A ChangeCipherSpec that overtakes the
  // handshake messages before it is dropped by OpenSSL, so the client's own
  // reversed flight takes one retransmission, as RFC 6347 §4.2.4 intends.)
  const auto client_sent = link_.sent(from_client());
  const auto second_flight =
      std::ranges::find_if(client_sent, [](const Sent* s) { return s->transmission == 1; });
  ASSERT_NE(second_flight, client_sent.end());
  EXPECT_LT((*second_flight)->at - kStart, 200ms);
}

TEST_P(DtlsRetransmissionTest, LossDuplicationAndReorderingTogether) {
  PairOptions options{.a_role = GetParam()};
  options.settings.mtu = 300;
  make(options);
  link_.set_filter([](const Sent&, std::size_t index) {
    return Delivery{.drop = index % 4 == 1,
                    .copies = index % 3 == 0 ? 2 : 1,
                    .delay = std::chrono::milliseconds(5 + static_cast<int>(index % 5) * 7)};
  });
  start();
  ASSERT_TRUE(run_until([&] { return both_connected(); }, 30s)) << a_.reason << " / " << b_.reason;
  EXPECT_EQ(*a_.keys, *b_.keys);
}

INSTANTIATE_TEST_SUITE_P(Roles, DtlsRetransmissionTest, ::testing::Values(Role::client, Role::server),
                         role_name);

}  // namespace
}  // namespace rtcsip::media::dtls::test
