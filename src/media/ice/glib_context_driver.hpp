#pragma once
// Runs one GMainContext from an Asio io_context, on the io_context's thread,
// instead of a GMainLoop thread: the context's file descriptors are waited on
// with stream_descriptor::async_wait and its next timeout with a steady_timer;
// when one fires, the context is checked and dispatched as
// g_main_context_iteration() would, then queried again and the waits re-armed.
//
// A few more sockets (libnice reads its own outside the context, see
// full_ice_agent.cpp) can be watched for reading: their readiness is passed
// to the pump, which must then read them until they would block.
//
// Asio's epoll reactor is edge-triggered, and a wait started after an edge
// was consumed only completes on the next one. So after every dispatch the
// descriptors are polled without blocking, and the context is checked and
// dispatched again while anything is ready: no datagram is left sitting.
//
// The timeout is waited on with a steady_timer, not core::TimerService: it
// mirrors GLib's own sources, which run on GLib's monotonic clock, so a
// manual clock could not move them anyway.
//
// The descriptors belong to GLib or libnice: they are released, never
// closed, and must be dropped (watch_sockets without them, or stop()) before
// their owner closes them.
#include <glib.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

namespace rtcsip::media::ice {

class GlibContextDriver {
 public:
  // Called after each check/dispatch, outside of it, with whether a watched
  // socket is readable. It may destroy the driver.
  using Pump = std::function<void(bool sockets_readable)>;

  GlibContextDriver(boost::asio::io_context& io, GMainContext* context, Pump pump);
  ~GlibContextDriver();
  GlibContextDriver(const GlibContextDriver&) = delete;
  GlibContextDriver& operator=(const GlibContextDriver&) = delete;

  // Acquires the context for this thread and schedules a first iteration;
  // false when another thread owns it.
  bool start();
  // Replaces the sockets watched for reading besides the context's own.
  void watch_sockets(std::span<const int> fds);
  // Schedules an iteration: for calls into GLib made outside a dispatch,
  // which may have added sources or moved a timeout (GLib wakes a context
  // only when another thread owns it).
  void refresh();
  // Runs the context on this thread, blocking, until `done` or `budget` has
  // passed; for a teardown that must wait for GLib (nothing is watched then).
  void run_until(const std::function<bool()>& done, std::chrono::milliseconds budget);
  // Drops every wait and releases the context. Idempotent.
  void stop() noexcept;

 private:
  struct Watch;
  struct Ready {
    bool sockets = false;
    bool anything = false;
  };

  void iterate();
  Ready prepare_and_poll(gint& max_priority, gint& timeout);
  void arm(std::size_t context_fds, gint timeout);
  Watch& watch_for(int fd);
  void start_wait(Watch& watch, bool write);
  void arm_timer(gint timeout);

  boost::asio::io_context& io_;
  GMainContext* context_;
  Pump pump_;
  boost::asio::steady_timer timer_;
  bool timer_pending_ = false;
  std::uint64_t timer_generation_ = 0;
  bool acquired_ = false;
  bool stopped_ = false;
  bool refresh_posted_ = false;
  std::vector<GPollFD> polls_;  // the context's descriptors, then the sockets; reused
  std::vector<int> sockets_;
  std::vector<std::unique_ptr<Watch>> watches_;
  std::uint64_t next_generation_ = 1;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);  // the pump may destroy us
};

}  // namespace rtcsip::media::ice
