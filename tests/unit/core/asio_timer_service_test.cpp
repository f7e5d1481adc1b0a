#include "rtcsip/core/asio_timer_service.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <string>

using namespace std::chrono_literals;
using rtcsip::core::AsioTimerService;

TEST(AsioTimerService, RunsTimersInExpiryOrderOnTheIoContext) {
  boost::asio::io_context io;
  AsioTimerService timers(io);
  std::string order;
  const auto start = timers.now();
  timers.schedule(30ms, [&] { order += 'b'; });
  timers.schedule(5ms, [&] { order += 'a'; });
  EXPECT_EQ(timers.pending(), 2u);
  io.run();
  EXPECT_EQ(order, "ab");
  EXPECT_GE(timers.now() - start, 30ms);
  EXPECT_EQ(timers.pending(), 0u);
}

TEST(AsioTimerService, CancelledTimersDoNotRun) {
  boost::asio::io_context io;
  AsioTimerService timers(io);
  bool ran = false;
  auto id = timers.schedule(1ms, [&] { ran = true; });
  EXPECT_TRUE(timers.cancel(id));
  EXPECT_FALSE(timers.cancel(id));
  io.run();
  EXPECT_FALSE(ran);
}

TEST(AsioTimerService, DestroyingTheServiceDropsPendingTimers) {
  boost::asio::io_context io;
  bool ran = false;
  {
    AsioTimerService timers(io);
    timers.schedule(1ms, [&] { ran = true; });
  }
  io.run();
  EXPECT_FALSE(ran);
}

TEST(AsioTimerService, CallbacksCanScheduleMore) {
  boost::asio::io_context io;
  AsioTimerService timers(io);
  int runs = 0;
  std::function<void()> again = [&] {
    if (++runs < 3) timers.schedule(1ms, again);
  };
  timers.schedule(1ms, again);
  io.run();
  EXPECT_EQ(runs, 3);
}
