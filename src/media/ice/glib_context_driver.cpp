#include "glib_context_driver.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <utility>

namespace rtcsip::media::ice {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

// Rounds of check/dispatch in one wake-up before yielding to the
// io_context's other handlers: a flood on one agent must not starve the worker.
constexpr int kMaxRounds = 16;
constexpr std::size_t kInitialPolls = 8;
constexpr gushort kReadEvents = G_IO_IN | G_IO_PRI | G_IO_ERR | G_IO_HUP;
// What makes a descriptor worth a dispatch (G_IO_NVAL is a closed one: its
// source will be removed, it is not an event).
constexpr gushort kReadyEvents = kReadEvents | G_IO_OUT;

}  // namespace

struct GlibContextDriver::Watch {
  Watch(asio::io_context& io, int fd, std::uint64_t generation)
      : descriptor(io), fd(fd), generation(generation) {
    boost::system::error_code ec;
    descriptor.assign(fd, ec);
    usable = !ec;  // e.g. already in this reactor: it is then only polled
  }
  // The descriptor is GLib's or libnice's: release it, never close it.
  ~Watch() {
    if (descriptor.is_open()) descriptor.release();
  }
  Watch(const Watch&) = delete;
  Watch& operator=(const Watch&) = delete;

  asio::posix::stream_descriptor descriptor;
  int fd;
  std::uint64_t generation;  // tells a stale completion from one for this watch
  gushort wanted = 0;
  bool reading = false;
  bool writing = false;
  bool usable = true;
  bool context = false;  // the context asked for it (not only a socket of the pump's)
};

GlibContextDriver::GlibContextDriver(asio::io_context& io, GMainContext* context, Pump pump)
    : io_(io), context_(context), pump_(std::move(pump)), timer_(io) {
  polls_.resize(kInitialPolls);
}

GlibContextDriver::~GlibContextDriver() { stop(); }

bool GlibContextDriver::start() {
  if (acquired_) return true;
  if (!g_main_context_acquire(context_)) return false;
  acquired_ = true;
  refresh();
  return true;
}

void GlibContextDriver::watch_sockets(std::span<const int> fds) {
  sockets_.assign(fds.begin(), fds.end());
  // Drop the watches of sockets that left now, before libnice closes them:
  // an epoll registration must not outlive its descriptor.
  std::erase_if(watches_, [this](const std::unique_ptr<Watch>& watch) {
    return !watch->context && std::find(sockets_.begin(), sockets_.end(), watch->fd) == sockets_.end();
  });
  refresh();
}

void GlibContextDriver::refresh() {
  if (stopped_ || !acquired_ || refresh_posted_) return;
  refresh_posted_ = true;
  asio::post(io_, [this, alive = std::weak_ptr<bool>(alive_)] {
    if (alive.expired()) return;
    refresh_posted_ = false;
    if (!stopped_) iterate();
  });
}

void GlibContextDriver::iterate() {
  if (!acquired_ || stopped_) return;
  const std::weak_ptr<bool> alive = alive_;
  for (int round = 0; round < kMaxRounds; ++round) {
    gint max_priority = 0;
    gint timeout = -1;
    const Ready ready = prepare_and_poll(max_priority, timeout);
    const std::size_t context_fds = polls_.size() - sockets_.size();
    const bool dispatch =
        g_main_context_check(context_, max_priority, polls_.data(), static_cast<gint>(context_fds)) != FALSE;
    if (dispatch) g_main_context_dispatch(context_);
    pump_(ready.sockets);
    if (alive.expired() || stopped_) return;
    if (!ready.anything && !dispatch) {
      // Nothing was ready when polled: what the query said is current.
      arm(context_fds, timeout);
      return;
    }
  }
  refresh();  // still busy: carry on after the io_context's other handlers
}

GlibContextDriver::Ready GlibContextDriver::prepare_and_poll(gint& max_priority, gint& timeout) {
  const bool prepared = g_main_context_prepare(context_, &max_priority) != FALSE;
  polls_.resize(polls_.capacity());  // within capacity: no allocation
  gint count =
      g_main_context_query(context_, max_priority, &timeout, polls_.data(), static_cast<gint>(polls_.size()));
  while (static_cast<std::size_t>(count) > polls_.size()) {
    polls_.resize(static_cast<std::size_t>(count));
    count = g_main_context_query(context_, max_priority, &timeout, polls_.data(), count);
  }
  const auto context_fds = static_cast<std::size_t>(count);
  polls_.resize(context_fds + sockets_.size());
  for (std::size_t i = 0; i < sockets_.size(); ++i) {
    polls_[context_fds + i] = GPollFD{sockets_[i], G_IO_IN, 0};
  }
  // The re-check the edge-triggered reactor needs: what is ready right now.
  Ready ready;
  if (g_poll(polls_.data(), static_cast<guint>(polls_.size()), 0) > 0) {
    for (std::size_t i = 0; i < polls_.size(); ++i) {
      if ((polls_[i].revents & kReadyEvents) == 0) continue;
      ready.anything = true;
      if (i >= context_fds) ready.sockets = true;
    }
  }
  ready.anything = ready.anything || prepared || timeout == 0;
  return ready;
}

void GlibContextDriver::arm(std::size_t context_fds, gint timeout) {
  for (auto& watch : watches_) {
    watch->wanted = 0;
    watch->context = false;
  }
  for (std::size_t i = 0; i < context_fds; ++i) {
    if (polls_[i].fd < 0 || polls_[i].events == 0) continue;
    Watch& watch = watch_for(polls_[i].fd);
    watch.wanted |= polls_[i].events;
    watch.context = true;
  }
  for (int fd : sockets_) watch_for(fd).wanted |= G_IO_IN;
  // Descriptors that vanished from the context are dropped; the others keep
  // their registration (no epoll_ctl churn) and their pending waits.
  std::erase_if(watches_, [](const std::unique_ptr<Watch>& watch) { return watch->wanted == 0; });
  for (auto& watch : watches_) {
    if (!watch->usable) continue;
    if ((watch->wanted & kReadEvents) != 0 && !watch->reading) start_wait(*watch, false);
    if ((watch->wanted & G_IO_OUT) != 0 && !watch->writing) start_wait(*watch, true);
  }
  arm_timer(timeout);
}

GlibContextDriver::Watch& GlibContextDriver::watch_for(int fd) {
  for (auto& watch : watches_) {
    if (watch->fd == fd) return *watch;
  }
  return *watches_.emplace_back(std::make_unique<Watch>(io_, fd, next_generation_++));
}

void GlibContextDriver::start_wait(Watch& watch, bool write) {
  (write ? watch.writing : watch.reading) = true;
  using Wait = asio::posix::descriptor_base::wait_type;
  watch.descriptor.async_wait(
      write ? Wait::wait_write : Wait::wait_read,
      [this, alive = std::weak_ptr<bool>(alive_), fd = watch.fd, generation = watch.generation,
       write](const boost::system::error_code& ec) {
        if (alive.expired() || stopped_ || ec == asio::error::operation_aborted) return;
        const auto it = std::find_if(watches_.begin(), watches_.end(), [&](const auto& w) {
          return w->fd == fd && w->generation == generation;
        });
        if (it == watches_.end()) return;  // dropped since: a stale completion
        (write ? (*it)->writing : (*it)->reading) = false;
        if (ec) (*it)->usable = false;  // the reactor cannot wait on it: polled on other wake-ups
        iterate();
      });
}

void GlibContextDriver::arm_timer(gint timeout) {
  if (timeout < 0) {
    if (timer_pending_) {
      timer_.cancel();
      timer_pending_ = false;
      ++timer_generation_;
    }
    return;
  }
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout);
  // GLib's timeouts are in milliseconds: a deadline within one of the
  // pending one keeps the wait as it is.
  if (timer_pending_) {
    const auto shift = timer_.expiry() > deadline ? timer_.expiry() - deadline : deadline - timer_.expiry();
    if (shift < std::chrono::milliseconds(1)) return;
  }
  timer_.expires_at(deadline);
  timer_pending_ = true;
  timer_.async_wait([this, alive = std::weak_ptr<bool>(alive_),
                     generation = ++timer_generation_](const boost::system::error_code& ec) {
    if (alive.expired() || stopped_ || ec == asio::error::operation_aborted) return;
    if (generation != timer_generation_) return;  // superseded by a later deadline
    timer_pending_ = false;
    iterate();
  });
}

void GlibContextDriver::run_until(const std::function<bool()>& done, std::chrono::milliseconds budget) {
  if (!acquired_) return;
  const auto deadline = Clock::now() + budget;
  while (!done()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return;
    gint max_priority = 0;
    gint timeout = -1;
    g_main_context_prepare(context_, &max_priority);
    polls_.resize(polls_.capacity());
    gint count = g_main_context_query(context_, max_priority, &timeout, polls_.data(),
                                      static_cast<gint>(polls_.size()));
    while (static_cast<std::size_t>(count) > polls_.size()) {
      polls_.resize(static_cast<std::size_t>(count));
      count = g_main_context_query(context_, max_priority, &timeout, polls_.data(), count);
    }
    if (timeout < 0 || timeout > left.count()) timeout = static_cast<gint>(left.count());
    g_poll(polls_.data(), static_cast<guint>(count), timeout);
    if (g_main_context_check(context_, max_priority, polls_.data(), count)) g_main_context_dispatch(context_);
  }
}

void GlibContextDriver::stop() noexcept {
  if (stopped_) return;
  stopped_ = true;
  try {
    timer_.cancel();  // cannot fail for a timer; this runs in destructors
  } catch (const boost::system::system_error&) {
  }
  watches_.clear();
  if (acquired_) g_main_context_release(context_);
  acquired_ = false;
}

}  // namespace rtcsip::media::ice
