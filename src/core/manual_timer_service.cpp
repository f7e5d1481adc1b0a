#include "rtcsip/core/manual_timer_service.hpp"

#include <algorithm>

namespace rtcsip::core {

TimerId ManualTimerService::schedule(Duration delay, Callback cb) {
  const TimerId id = next_id_++;
  const TimePoint due = now_ + std::max(delay, Duration::zero());
  queue_.emplace(Key{due, id}, std::move(cb));
  index_.emplace(id, due);
  return id;
}

bool ManualTimerService::cancel(TimerId id) {
  auto it = index_.find(id);
  if (it == index_.end()) return false;
  queue_.erase(Key{it->second, id});
  index_.erase(it);
  return true;
}

std::size_t ManualTimerService::advance(Duration by) {
  return advance_to(now_ + std::max(by, Duration::zero()));
}

std::size_t ManualTimerService::advance_to(TimePoint when) {
  std::size_t ran = 0;
  while (!queue_.empty() && queue_.begin()->first.first <= when) {
    auto node = queue_.extract(queue_.begin());
    index_.erase(node.key().second);
    now_ = std::max(now_, node.key().first);
    node.mapped()();  // the callback is ours now: it may schedule or cancel
    ++ran;
  }
  now_ = std::max(now_, when);
  return ran;
}

std::optional<TimePoint> ManualTimerService::next_expiry() const {
  if (queue_.empty()) return std::nullopt;
  return queue_.begin()->first.first;
}

}  // namespace rtcsip::core
