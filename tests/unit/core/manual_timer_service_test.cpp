#include "rtcsip/core/manual_timer_service.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace std::chrono_literals;
using rtcsip::core::ManualTimerService;
using rtcsip::core::TimePoint;
using rtcsip::core::Timer;

TEST(ManualTimerService, FiresInExpiryOrderWithTheClockAtEachExpiry) {
  ManualTimerService clock;
  std::vector<std::pair<std::string, TimePoint::duration>> fired;
  const auto start = clock.now();
  clock.schedule(300ms, [&] { fired.emplace_back("c", clock.now() - start); });
  clock.schedule(100ms, [&] { fired.emplace_back("a", clock.now() - start); });
  clock.schedule(200ms, [&] { fired.emplace_back("b", clock.now() - start); });
  EXPECT_EQ(clock.advance(250ms), 2u);
  ASSERT_EQ(fired.size(), 2u);
  EXPECT_EQ(fired[0], (std::pair<std::string, TimePoint::duration>{"a", 100ms}));
  EXPECT_EQ(fired[1], (std::pair<std::string, TimePoint::duration>{"b", 200ms}));
  EXPECT_EQ(clock.now() - start, 250ms);
  EXPECT_EQ(clock.pending(), 1u);
  clock.advance(50ms);
  ASSERT_EQ(fired.size(), 3u);
  EXPECT_EQ(fired[2].first, "c");
}

TEST(ManualTimerService, TimersDueTogetherRunInTheOrderScheduled) {
  ManualTimerService clock;
  std::string order;
  for (char c : std::string("xyz")) clock.schedule(10ms, [&order, c] { order += c; });
  clock.advance(10ms);
  EXPECT_EQ(order, "xyz");
}

TEST(ManualTimerService, NothingRunsBeforeItsTimeOrInsideSchedule) {
  ManualTimerService clock;
  int runs = 0;
  clock.schedule(0ms, [&] { ++runs; });
  EXPECT_EQ(runs, 0);
  clock.schedule(5ms, [&] { ++runs; });
  clock.advance(4ms);
  EXPECT_EQ(runs, 1);  // the zero-delay one, on the first advance
  clock.advance(1ms);
  EXPECT_EQ(runs, 2);
}

TEST(ManualTimerService, NegativeDelayCountsAsZero) {
  ManualTimerService clock;
  const auto start = clock.now();
  bool ran = false;
  clock.schedule(-5s, [&] { ran = clock.now() == start; });
  clock.run_due();
  EXPECT_TRUE(ran);
}

TEST(ManualTimerService, CancelledTimersDoNotRun) {
  ManualTimerService clock;
  int runs = 0;
  auto id = clock.schedule(10ms, [&] { ++runs; });
  EXPECT_TRUE(clock.cancel(id));
  EXPECT_FALSE(clock.cancel(id));
  clock.advance(1s);
  EXPECT_EQ(runs, 0);
  EXPECT_EQ(clock.pending(), 0u);
}

TEST(ManualTimerService, CancelOfATimerThatRanReturnsFalse) {
  ManualTimerService clock;
  auto id = clock.schedule(1ms, [] {});
  clock.advance(1ms);
  EXPECT_FALSE(clock.cancel(id));
}

TEST(ManualTimerService, TimersScheduledByCallbacksFireWithinTheSameAdvance) {
  // RFC 3261 §17.1.1.2 style: a retransmission timer that reschedules itself, doubling.
  ManualTimerService clock;
  const auto start = clock.now();
  std::vector<TimePoint::duration> at;
  std::function<void(std::chrono::milliseconds)> arm = [&](std::chrono::milliseconds interval) {
    clock.schedule(interval, [&, interval] {
      at.push_back(clock.now() - start);
      arm(interval * 2);
    });
  };
  arm(500ms);
  clock.advance(4s);
  EXPECT_EQ(at, (std::vector<TimePoint::duration>{500ms, 1500ms, 3500ms}));
}

TEST(ManualTimerService, ACallbackCanCancelALaterTimer) {
  ManualTimerService clock;
  bool second = false;
  rtcsip::core::TimerId later = clock.schedule(20ms, [&] { second = true; });
  clock.schedule(10ms, [&] { clock.cancel(later); });
  clock.advance(1s);
  EXPECT_FALSE(second);
}

TEST(ManualTimerService, NextExpiryAndAdvanceToDoNotMoveBackwards) {
  ManualTimerService clock;
  EXPECT_FALSE(clock.next_expiry().has_value());
  const auto start = clock.now();
  clock.schedule(7ms, [] {});
  ASSERT_TRUE(clock.next_expiry().has_value());
  EXPECT_EQ(*clock.next_expiry() - start, 7ms);
  clock.advance(10ms);
  clock.advance_to(start);
  EXPECT_EQ(clock.now() - start, 10ms);
}

TEST(Timer, RestartReplacesThePendingExpiry) {
  ManualTimerService clock;
  Timer timer(clock);
  int runs = 0;
  timer.start(100ms, [&] { ++runs; });
  clock.advance(50ms);
  timer.start(100ms, [&] { runs += 10; });
  EXPECT_TRUE(timer.active());
  EXPECT_EQ(timer.expiry(), clock.now() + 100ms);
  clock.advance(60ms);
  EXPECT_EQ(runs, 0);
  clock.advance(40ms);
  EXPECT_EQ(runs, 10);
  EXPECT_FALSE(timer.active());
  EXPECT_EQ(clock.pending(), 0u);
}

TEST(Timer, DestructionCancels) {
  ManualTimerService clock;
  bool ran = false;
  {
    Timer timer(clock);
    timer.start(1ms, [&] { ran = true; });
  }
  clock.advance(1s);
  EXPECT_FALSE(ran);
  EXPECT_EQ(clock.pending(), 0u);
}

TEST(Timer, CallbackMayRestartItsOwnTimer) {
  ManualTimerService clock;
  Timer timer(clock);
  int runs = 0;
  std::function<void()> tick = [&] {
    if (++runs < 3) timer.start(10ms, tick);
  };
  timer.start(10ms, tick);
  clock.advance(1s);
  EXPECT_EQ(runs, 3);
  EXPECT_FALSE(timer.active());
}
