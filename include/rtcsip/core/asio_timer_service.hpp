#pragma once
// The daemon's TimerService: steady-clock timers on one io_context. Use it from
// that io_context's thread only.
#include <memory>

#include "rtcsip/core/timer_service.hpp"

namespace boost::asio {
class io_context;
}

namespace rtcsip::core {

class AsioTimerService final : public TimerService {
 public:
  explicit AsioTimerService(boost::asio::io_context& io);
  ~AsioTimerService() override;
  AsioTimerService(const AsioTimerService&) = delete;
  AsioTimerService& operator=(const AsioTimerService&) = delete;

  [[nodiscard]] TimePoint now() const override;
  TimerId schedule(Duration delay, Callback cb) override;
  bool cancel(TimerId id) override;
  [[nodiscard]] std::size_t pending() const override;

 private:
  struct State;
  boost::asio::io_context& io_;
  std::shared_ptr<State> state_;
};

}  // namespace rtcsip::core
