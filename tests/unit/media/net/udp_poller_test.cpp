// UdpPoller and UdpBatchReader on 127.0.0.1: every datagram read once, a busy
// socket does not starve a quiet one, handlers may remove each other in a
// round, and nothing is left waiting.
#include <gtest/gtest.h>

#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/udp.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <vector>

#include "rtcsip/media/net/udp_batch_reader.hpp"
#include "rtcsip/media/net/udp_poller.hpp"

namespace rtcsip::media::net {
namespace {

namespace asio = boost::asio;
using udp = asio::ip::udp;
using namespace std::chrono_literals;

udp::endpoint loopback(std::uint16_t port = 0) { return {asio::ip::address_v4::loopback(), port}; }

struct Socket {
  explicit Socket(asio::io_context& io) : socket(io, loopback()) { socket.non_blocking(true); }
  udp::endpoint endpoint() const { return loopback(socket.local_endpoint().port()); }
  udp::socket socket;
};

class UdpPollerTest : public ::testing::Test {
 protected:
  void run(std::chrono::milliseconds d = 20ms) {
    io_.restart();
    io_.run_for(d);
  }
  void send(const udp::endpoint& to, std::uint8_t marker, std::size_t size = 50) {
    std::vector<std::uint8_t> datagram(size, marker);
    sender_.socket.send_to(asio::buffer(datagram), to);
  }

  asio::io_context io_{1};
  Socket sender_{io_};
};

TEST_F(UdpPollerTest, EveryDatagramIsReadOnceInOrder) {
  Socket a(io_);
  UdpBatchReader reader(a.socket, 1500, 8);
  std::vector<std::uint8_t> markers;
  ASSERT_TRUE(reader.start(
      [&](const UdpBatchReader::Datagram& d) {
        EXPECT_FALSE(d.truncated);
        markers.push_back(d.bytes[0]);
      },
      [](int) {}));
  for (int i = 0; i < 50; ++i) send(a.endpoint(), static_cast<std::uint8_t>(i));
  run();
  ASSERT_EQ(markers.size(), 50u);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(markers[static_cast<std::size_t>(i)], i);
  EXPECT_LE(reader.batches(), 10u);  // 8 per read when they were all queued
  // A lone datagram later is not left waiting for another.
  send(a.endpoint(), 99);
  run();
  EXPECT_EQ(markers.back(), 99);
}

TEST_F(UdpPollerTest, ABusySocketDoesNotStarveAQuietOne) {
  Socket busy(io_), quiet(io_);
  UdpBatchReader busy_reader(busy.socket, 1500, 2);
  UdpBatchReader quiet_reader(quiet.socket, 1500, 2);
  std::vector<char> order;
  ASSERT_TRUE(busy_reader.start([&](const UdpBatchReader::Datagram&) { order.push_back('b'); }, [](int) {}));
  ASSERT_TRUE(quiet_reader.start([&](const UdpBatchReader::Datagram&) { order.push_back('q'); }, [](int) {}));
  for (int i = 0; i < 40; ++i) send(busy.endpoint(), 1);
  send(quiet.endpoint(), 2);
  run();
  ASSERT_EQ(order.size(), 41u);
  // Two datagrams of the busy socket per round: the quiet one is served in the first round.
  const auto quiet_at = std::find(order.begin(), order.end(), 'q') - order.begin();
  EXPECT_LE(quiet_at, 2);
}

TEST_F(UdpPollerTest, TruncatedDatagramsAreFlagged) {
  Socket a(io_);
  UdpBatchReader reader(a.socket, 100, 4);
  std::vector<std::pair<std::size_t, bool>> seen;
  ASSERT_TRUE(
      reader.start([&](const UdpBatchReader::Datagram& d) { seen.emplace_back(d.bytes.size(), d.truncated); },
                   [](int) {}));
  send(a.endpoint(), 1, 100);
  send(a.endpoint(), 1, 101);
  run();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], std::make_pair(std::size_t{100}, false));
  EXPECT_TRUE(seen[1].second);
}

// A handler that stops another in the same round: the other is not called.
TEST_F(UdpPollerTest, AHandlerMayStopAnotherInTheSameRound) {
  Socket a(io_), b(io_);
  auto reader_a = std::make_unique<UdpBatchReader>(a.socket, 1500, 4);
  auto reader_b = std::make_unique<UdpBatchReader>(b.socket, 1500, 4);
  int calls = 0;
  // Destroying a reader destroys this callback too: nothing of it is
  // touched after the first reset.
  const auto stop_other = [&](const UdpBatchReader::Datagram&) {
    ++calls;
    auto first = std::move(reader_a);
    auto second = std::move(reader_b);
    first.reset();
    second.reset();
  };
  ASSERT_TRUE(reader_a->start(stop_other, [](int) {}));
  ASSERT_TRUE(reader_b->start(stop_other, [](int) {}));
  send(a.endpoint(), 1);
  send(b.endpoint(), 2);
  run();  // both are ready in one round; the first destroys both readers
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(UdpPoller::of(io_).watched(), 0u);
}

TEST_F(UdpPollerTest, ASocketIsWatchedOnce) {
  Socket a(io_);
  UdpBatchReader first(a.socket, 1500, 1);
  UdpBatchReader second(a.socket, 1500, 1);
  ASSERT_TRUE(first.start([](const UdpBatchReader::Datagram&) {}, [](int) {}));
  EXPECT_FALSE(second.start([](const UdpBatchReader::Datagram&) {}, [](int) {}));
  EXPECT_EQ(UdpPoller::of(io_).watched(), 1u);
  first.stop();
  EXPECT_EQ(UdpPoller::of(io_).watched(), 0u);
  EXPECT_TRUE(second.start([](const UdpBatchReader::Datagram&) {}, [](int) {}));
}

TEST_F(UdpPollerTest, EachIoContextHasItsOwnPoller) {
  asio::io_context other;
  EXPECT_NE(&UdpPoller::of(io_), &UdpPoller::of(other));
  EXPECT_EQ(&UdpPoller::of(io_), &UdpPoller::of(io_));
}

// The io_context goes away with sockets still watched: no crash, no leak (ASan).
TEST(UdpPollerLifetime, TheContextMayEndFirst) {
  auto io = std::make_unique<asio::io_context>(1);
  udp::socket socket(*io, loopback());
  auto reader = std::make_unique<UdpBatchReader>(socket, 1500, 4);
  ASSERT_TRUE(reader->start([](const UdpBatchReader::Datagram&) {}, [](int) {}));
  reader.reset();
  socket.close();
  io.reset();
}

}  // namespace
}  // namespace rtcsip::media::net
