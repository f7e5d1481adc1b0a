#pragma once
// A TimerService on a clock that moves only when a test says so.
#include <map>
#include <optional>
#include <utility>

#include "rtcsip/core/timer_service.hpp"

namespace rtcsip::core {

class ManualTimerService final : public TimerService {
 public:
  explicit ManualTimerService(TimePoint start = TimePoint{}) : now_(start) {}

  [[nodiscard]] TimePoint now() const override { return now_; }
  TimerId schedule(Duration delay, Callback cb) override;
  bool cancel(TimerId id) override;
  [[nodiscard]] std::size_t pending() const override { return queue_.size(); }

  // Moves the clock forward by `by`, running every timer that falls due on
  // the way in expiry order (ties in the order they were scheduled), each with
  // the clock set to its expiry. Timers scheduled by callbacks take part.
  // Returns the number of callbacks run.
  std::size_t advance(Duration by);
  std::size_t advance_to(TimePoint when);
  // Runs what is due now without moving the clock.
  std::size_t run_due() { return advance_to(now_); }
  // The expiry of the earliest pending timer, or nothing.
  [[nodiscard]] std::optional<TimePoint> next_expiry() const;

 private:
  using Key = std::pair<TimePoint, TimerId>;
  TimePoint now_;
  TimerId next_id_ = 1;
  std::map<Key, Callback> queue_;
  std::map<TimerId, TimePoint> index_;
};

}  // namespace rtcsip::core
