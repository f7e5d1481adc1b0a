#include "rtcsip/media/relay/media_timeout.hpp"

#include <utility>

namespace rtcsip::media::relay {

MediaTimeout::MediaTimeout(core::TimerService& timers, core::Duration timeout, Expired expired)
    : timers_(timers), timeout_(timeout), expired_(std::move(expired)), timer_(timers) {}

void MediaTimeout::start() {
  enabled_ = timeout_ > core::Duration::zero();
  timed_out_ = false;
  last_packet_ = timers_.now();
  if (enabled_) arm(timeout_);
}

void MediaTimeout::stop() {
  enabled_ = false;
  timer_.cancel();
}

bool MediaTimeout::on_packet(core::TimePoint now) noexcept {
  last_packet_ = now;
  return enabled_ && timed_out_;
}

void MediaTimeout::arm(core::Duration delay) {
  timer_.start(delay, [this] { on_timer(); });
}

void MediaTimeout::on_timer() {
  const core::Duration silent = timers_.now() - last_packet_;
  if (silent < timeout_) {
    arm(timeout_ - silent);  // media flowed meanwhile: check again when it could have stopped
    return;
  }
  timed_out_ = true;
  if (expired_) expired_();
}

}  // namespace rtcsip::media::relay
