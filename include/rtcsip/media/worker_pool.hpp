#pragma once
// The media worker threads: each runs its own io_context, and a call's media
// stays on one worker for its whole life. Work reaches a worker only by
// posting to it.
#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

namespace boost::asio {
class io_context;
}

namespace rtcsip::media {

class WorkerPool {
 public:
  // `count` 0 means one worker per core.
  explicit WorkerPool(std::size_t count);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Starts the threads (named "media-<n>").
  void start();
  // Lets each worker finish the handlers already posted, then stops and joins
  // it. Media sessions should be closed before.
  // Idempotent; also done by the destructor.
  void stop();

  [[nodiscard]] std::size_t size() const;
  [[nodiscard]] bool running() const { return running_; }
  // Runs fn on worker `index` (modulo size()).
  void post(std::size_t index, std::function<void()> fn);
  boost::asio::io_context& context(std::size_t index);

 private:
  struct Worker;
  std::vector<std::unique_ptr<Worker>> workers_;
  bool running_ = false;
};

}  // namespace rtcsip::media
