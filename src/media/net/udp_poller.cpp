#include "rtcsip/media/net/udp_poller.hpp"

#include <unistd.h>

#include <cerrno>

namespace rtcsip::media::net {

namespace {

// Sockets served per round; the rest stay ready for the next one.
constexpr std::size_t kEventsPerRound = 256;

}  // namespace

boost::asio::execution_context::id UdpPoller::id;

UdpPoller& UdpPoller::of(boost::asio::io_context& io) { return boost::asio::use_service<UdpPoller>(io); }

UdpPoller::UdpPoller(boost::asio::execution_context& context)
    : boost::asio::execution_context::service(context), events_(kEventsPerRound) {
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd_ >= 0) {
    // use_service<> on an io_context: the context is one.
    auto& io = static_cast<boost::asio::io_context&>(context);
    watch_ = std::make_unique<boost::asio::posix::stream_descriptor>(io, epoll_fd_);
  }
}

UdpPoller::~UdpPoller() { shutdown(); }

void UdpPoller::shutdown() {
  if (shut_down_) return;
  shut_down_ = true;
  if (watch_) {
    boost::system::error_code ignored;
    watch_->close(ignored);  // closes epoll_fd_
    watch_.reset();
    epoll_fd_ = -1;
  }
  entries_.clear();
  retired_.clear();
}

std::error_code UdpPoller::add(int fd, Handler& handler) {
  if (epoll_fd_ < 0 || shut_down_) return std::make_error_code(std::errc::bad_file_descriptor);
  if (fd < 0) return std::make_error_code(std::errc::bad_file_descriptor);
  const auto index = static_cast<std::size_t>(fd);
  if (index >= entries_.size()) entries_.resize(index + 1);
  if (entries_[index]) return std::make_error_code(std::errc::file_exists);
  auto entry = std::make_unique<Entry>(Entry{&handler});
  epoll_event event{};
  event.events = EPOLLIN;  // level-triggered
  event.data.ptr = entry.get();
  if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &event) != 0) return {errno, std::system_category()};
  entries_[index] = std::move(entry);
  ++watched_;
  arm();
  return {};
}

void UdpPoller::remove(int fd, Handler& handler) {
  if (fd < 0 || static_cast<std::size_t>(fd) >= entries_.size()) return;
  auto& entry = entries_[static_cast<std::size_t>(fd)];
  if (!entry || entry->handler != &handler) return;
  if (epoll_fd_ >= 0) ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
  entry->handler = nullptr;
  // This round's events may still point at it.
  if (dispatching_) retired_.push_back(std::move(entry));
  entry.reset();
  --watched_;
}

void UdpPoller::arm() {
  if (armed_ || !watch_ || watched_ == 0) return;
  armed_ = true;
  // Asio re-registers the descriptor on each wait, which reports an epoll
  // set that is still ready: nothing waits for a next datagram.
  watch_->async_wait(boost::asio::posix::stream_descriptor::wait_read,
                     [this](const boost::system::error_code& ec) {
                       armed_ = false;
                       if (ec || shut_down_) return;
                       on_ready();
                       arm();
                     });
}

void UdpPoller::on_ready() {
  const int count = ::epoll_wait(epoll_fd_, events_.data(), static_cast<int>(events_.size()), 0);
  if (count <= 0) return;
  ++rounds_;
  dispatching_ = true;
  for (int i = 0; i < count; ++i) {
    auto* entry = static_cast<Entry*>(events_[static_cast<std::size_t>(i)].data.ptr);
    if (entry->handler != nullptr) entry->handler->on_readable();
  }
  dispatching_ = false;
  retired_.clear();
}

}  // namespace rtcsip::media::net
