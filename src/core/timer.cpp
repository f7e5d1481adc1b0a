#include "rtcsip/core/timer_service.hpp"

#include <algorithm>

namespace rtcsip::core {

void Timer::start(Duration delay, TimerService::Callback cb) {
  cancel();
  expiry_ = service_->now() + std::max(delay, Duration::zero());
  id_ = service_->schedule(delay, [this, cb = std::move(cb)] {
    id_ = kNoTimer;  // before cb: it may restart or destroy this timer
    cb();
  });
}

void Timer::cancel() {
  if (id_ != kNoTimer) {
    service_->cancel(id_);
    id_ = kNoTimer;
  }
}

}  // namespace rtcsip::core
