#include "rtcsip/media/worker_pool.hpp"

#include <pthread.h>

#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <optional>
#include <string>
#include <thread>

#include "rtcsip/core/log.hpp"

namespace rtcsip::media {

struct WorkerPool::Worker {
  // One thread drives each context: tell Asio so it can skip locking.
  boost::asio::io_context io{1};
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> guard;
  std::thread thread;
};

WorkerPool::WorkerPool(std::size_t count) {
  if (count == 0) count = std::max(1u, std::thread::hardware_concurrency());
  for (std::size_t i = 0; i < count; ++i) workers_.push_back(std::make_unique<Worker>());
}

WorkerPool::~WorkerPool() { stop(); }

void WorkerPool::start() {
  if (running_) return;
  running_ = true;
  for (std::size_t i = 0; i < workers_.size(); ++i) {
    Worker& w = *workers_[i];
    w.io.restart();
    w.guard.emplace(w.io.get_executor());
    w.thread = std::thread([&w, i] {
      const std::string name = "media-" + std::to_string(i);
      pthread_setname_np(pthread_self(), name.c_str());
      w.io.run();
    });
  }
  core::log::get("media").info("{} media worker{} started", workers_.size(), workers_.size() == 1 ? "" : "s");
}

void WorkerPool::stop() {
  if (!running_) return;
  for (auto& w : workers_) {
    // Runs after the handlers posted before it; the work guard keeps run()
    // going until then. Stopping ends the loop even if sockets still have
    // operations outstanding.
    boost::asio::post(w->io, [&w = *w] {
      w.guard.reset();
      w.io.stop();
    });
  }
  for (auto& w : workers_) {
    if (w->thread.joinable()) w->thread.join();
  }
  running_ = false;
  core::log::get("media").info("media workers stopped");
}

std::size_t WorkerPool::size() const { return workers_.size(); }

void WorkerPool::post(std::size_t index, std::function<void()> fn) {
  boost::asio::post(workers_[index % workers_.size()]->io, std::move(fn));
}

boost::asio::io_context& WorkerPool::context(std::size_t index) {
  return workers_[index % workers_.size()]->io;
}

}  // namespace rtcsip::media
