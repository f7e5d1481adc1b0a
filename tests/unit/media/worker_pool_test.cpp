#include "rtcsip/media/worker_pool.hpp"

#include <gtest/gtest.h>
#include <pthread.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <future>
#include <set>
#include <thread>

using rtcsip::media::WorkerPool;

namespace {
std::string thread_name() {
  char name[32] = {};
  pthread_getname_np(pthread_self(), name, sizeof name);
  return name;
}
}  // namespace

TEST(WorkerPool, EachWorkerRunsOnItsOwnNamedThread) {
  WorkerPool pool(3);
  pool.start();
  ASSERT_EQ(pool.size(), 3u);
  std::set<std::thread::id> threads;
  for (std::size_t i = 0; i < 3; ++i) {
    std::promise<std::pair<std::thread::id, std::string>> p;
    pool.post(i, [&p] { p.set_value({std::this_thread::get_id(), thread_name()}); });
    auto [id, name] = p.get_future().get();
    EXPECT_NE(id, std::this_thread::get_id());
    EXPECT_EQ(name, "media-" + std::to_string(i));
    threads.insert(id);
  }
  EXPECT_EQ(threads.size(), 3u);
  pool.stop();
  EXPECT_FALSE(pool.running());
}

TEST(WorkerPool, StopRunsWhatWasPostedBeforeIt) {
  WorkerPool pool(2);
  pool.start();
  std::atomic<int> done{0};
  for (int i = 0; i < 100; ++i) pool.post(static_cast<std::size_t>(i), [&] { done++; });
  pool.stop();
  EXPECT_EQ(done.load(), 100);
}

TEST(WorkerPool, StopEndsWorkersThatStillHaveOutstandingWork) {
  WorkerPool pool(1);
  pool.start();
  // A handler that re-posts itself forever stands for a socket that never closes.
  std::atomic<bool> spinning{false};
  std::function<void()> again = [&] {
    spinning = true;
    boost::asio::post(pool.context(0), again);
  };
  pool.post(0, again);
  while (!spinning) std::this_thread::yield();
  pool.stop();  // returns: the test would hang otherwise
  EXPECT_FALSE(pool.running());
}

TEST(WorkerPool, ZeroMeansOneWorkerPerCore) {
  WorkerPool pool(0);
  EXPECT_EQ(pool.size(), std::max(1u, std::thread::hardware_concurrency()));
}

TEST(WorkerPool, CanBeRestarted) {
  WorkerPool pool(1);
  pool.start();
  pool.stop();
  pool.start();
  std::promise<void> ran;
  pool.post(0, [&] { ran.set_value(); });
  EXPECT_EQ(ran.get_future().wait_for(std::chrono::seconds(5)), std::future_status::ready);
}
