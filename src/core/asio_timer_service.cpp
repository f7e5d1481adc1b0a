#include "rtcsip/core/asio_timer_service.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <unordered_map>

namespace rtcsip::core {

// Shared with pending handlers, so a handler that runs after the service is
// gone (it was cancelled) finds nothing to do instead of a dangling pointer.
struct AsioTimerService::State {
  TimerId next_id = 1;
  std::unordered_map<TimerId, std::unique_ptr<boost::asio::steady_timer>> timers;
};

AsioTimerService::AsioTimerService(boost::asio::io_context& io)
    : io_(io), state_(std::make_shared<State>()) {}

AsioTimerService::~AsioTimerService() {
  for (auto& [id, timer] : state_->timers) timer->cancel();
}

TimePoint AsioTimerService::now() const { return Clock::now(); }

TimerId AsioTimerService::schedule(Duration delay, Callback cb) {
  const TimerId id = state_->next_id++;
  auto timer = std::make_unique<boost::asio::steady_timer>(io_, std::max(delay, Duration::zero()));
  std::weak_ptr<State> weak = state_;
  timer->async_wait([weak, id, cb = std::move(cb)](const boost::system::error_code& ec) {
    auto state = weak.lock();
    if (ec || !state) return;
    // Keep the timer object alive until this handler returns.
    auto node = state->timers.extract(id);
    if (node.empty()) return;  // cancelled after it had already expired
    cb();
  });
  state_->timers.emplace(id, std::move(timer));
  return id;
}

bool AsioTimerService::cancel(TimerId id) {
  auto node = state_->timers.extract(id);
  if (node.empty()) return false;
  node.mapped()->cancel();
  // The steady_timer may be destroyed with its wait outstanding: Asio then
  // completes the wait with operation_aborted.
  return true;
}

std::size_t AsioTimerService::pending() const { return state_->timers.size(); }

}  // namespace rtcsip::core
