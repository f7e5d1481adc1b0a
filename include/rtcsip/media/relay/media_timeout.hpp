#pragma once
// "No RTP from this leg for N seconds" on the TimerService, the usual
// rtp-timeout of a gateway (a dead phone, a lost NAT binding). A packet only
// stores its arrival time; the timer re-arms itself for the remainder when
// it fires early, so the packet path never touches the timer queue. Suspended
// while no media is expected (on hold, RFC 3264 §8.4 sendonly/inactive).
#include <functional>

#include "rtcsip/core/timer_service.hpp"

namespace rtcsip::media::relay {

class MediaTimeout {
 public:
  using Expired = std::function<void()>;

  // Runs `expired` once per silence of `timeout`; a zero timeout disables it.
  MediaTimeout(core::TimerService& timers, core::Duration timeout, Expired expired);

  // Arms the timer from now (and after a silence was reported).
  void start();
  // Suspends it: no report until start() again.
  void stop();
  // An RTP packet arrived. True when it ends a reported silence; the caller
  // then calls start() off the steady-state path.
  bool on_packet(core::TimePoint now) noexcept;

  [[nodiscard]] bool running() const noexcept { return timer_.active(); }
  [[nodiscard]] bool timed_out() const noexcept { return timed_out_; }

 private:
  void arm(core::Duration delay);
  void on_timer();

  core::TimerService& timers_;
  core::Duration timeout_;
  Expired expired_;
  core::Timer timer_;
  core::TimePoint last_packet_{};
  bool timed_out_ = false;
  bool enabled_ = false;
};

}  // namespace rtcsip::media::relay
