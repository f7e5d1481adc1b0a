#pragma once
// The clock and timer abstraction. Protocol code never reads a system clock:
// it asks a TimerService, which is an Asio timer in the daemon and a
// ManualTimerService that tests advance by hand.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>

namespace rtcsip::core {

using Clock = std::chrono::steady_clock;
using Duration = Clock::duration;
using TimePoint = Clock::time_point;
using TimerId = std::uint64_t;
inline constexpr TimerId kNoTimer = 0;

class TimerService {
 public:
  using Callback = std::function<void()>;

  virtual ~TimerService() = default;
  // The current time of this service's clock.
  [[nodiscard]] virtual TimePoint now() const = 0;
  // Runs cb once, `delay` from now (a negative delay counts as zero). Never
  // runs it from inside schedule(). Returns an id that is never kNoTimer.
  virtual TimerId schedule(Duration delay, Callback cb) = 0;
  // Cancels a pending timer; false when it already ran or was cancelled.
  virtual bool cancel(TimerId id) = 0;
  [[nodiscard]] virtual std::size_t pending() const = 0;
};

// One restartable timer owned by an object; cancelled when it is destroyed.
// Not movable: the scheduled callback refers to it.
class Timer {
 public:
  explicit Timer(TimerService& service) : service_(&service) {}
  ~Timer() { cancel(); }
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;

  // (Re)starts the timer; a pending expiry is cancelled first.
  void start(Duration delay, TimerService::Callback cb);
  void cancel();
  [[nodiscard]] bool active() const { return id_ != kNoTimer; }
  // When the timer will fire; meaningful only while active().
  [[nodiscard]] TimePoint expiry() const { return expiry_; }

 private:
  TimerService* service_;
  TimerId id_ = kNoTimer;
  TimePoint expiry_{};
};

}  // namespace rtcsip::core
