#include "consent_monitor.hpp"

#include <utility>

namespace rtcsip::media::ice {

ConsentMonitor::ConsentMonitor(core::TimerService& timers, core::Duration timeout, Expired on_expired)
    : timers_(&timers), timeout_(timeout), on_expired_(std::move(on_expired)), timer_(timers) {}

void ConsentMonitor::refresh() {
  last_refresh_ = timers_->now();
  if (!timer_.active()) timer_.start(timeout_, [this] { on_timer(); });
}

void ConsentMonitor::stop() { timer_.cancel(); }

void ConsentMonitor::on_timer() {
  const core::TimePoint now = timers_->now();
  if (now < deadline()) {
    timer_.start(deadline() - now, [this] { on_timer(); });
    return;
  }
  on_expired_();  // last: it may destroy this monitor's owner
}

}  // namespace rtcsip::media::ice
