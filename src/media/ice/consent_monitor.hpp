#pragma once
// Consent freshness for the selected pair (RFC 7675). A lite agent sends no
// checks of its own, so the authenticated checks the browser keeps sending on
// the selected pair are the consent it gives; when none has come for the
// timeout (RFC 7675 §5.1: 30 s), consent has expired.
//
// A refresh only stores the time: the timer is re-armed when it fires, for
// what is left until the deadline, so a check costs no timer operation and
// no allocation.
#include <functional>

#include "rtcsip/core/timer_service.hpp"

namespace rtcsip::media::ice {

class ConsentMonitor {
 public:
  using Expired = std::function<void()>;

  ConsentMonitor(core::TimerService& timers, core::Duration timeout, Expired on_expired);
  ConsentMonitor(const ConsentMonitor&) = delete;
  ConsentMonitor& operator=(const ConsentMonitor&) = delete;

  // Consent is given now; starts watching when not yet running.
  void refresh();
  void stop();
  [[nodiscard]] bool running() const { return timer_.active(); }
  // When consent expires unless refreshed; meaningful while running().
  [[nodiscard]] core::TimePoint deadline() const { return last_refresh_ + timeout_; }

 private:
  void on_timer();

  core::TimerService* timers_;
  core::Duration timeout_;
  Expired on_expired_;
  core::TimePoint last_refresh_{};
  core::Timer timer_;
};

}  // namespace rtcsip::media::ice
