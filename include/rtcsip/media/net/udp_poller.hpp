#pragma once
// One level-triggered epoll set per io_context for the media sockets of a
// worker. Asio's reactor is edge-triggered: each receive re-arms its socket
// (a failed speculative read or an epoll_ctl per datagram). Here the worker's
// sockets sit in an epoll set of their own that Asio watches as one
// descriptor; when it is readable, one epoll_wait names the sockets that are
// ready and each is read once. A socket that still holds datagrams stays
// ready and is read again in the next round, so one busy call cannot starve
// the others, and a datagram costs one read system call.
//
// Obtained with UdpPoller::of(io); used from the io_context's thread only.
#include <sys/epoll.h>

#include <boost/asio/execution_context.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <cstddef>
#include <memory>
#include <system_error>
#include <vector>

namespace rtcsip::media::net {

class UdpPoller final : public boost::asio::execution_context::service {
 public:
  class Handler {
   public:
    // The socket is readable. It may remove itself (or any other handler).
    virtual void on_readable() = 0;

   protected:
    ~Handler() = default;
  };

  static boost::asio::execution_context::id id;
  static UdpPoller& of(boost::asio::io_context& io);

  explicit UdpPoller(boost::asio::execution_context& context);
  ~UdpPoller() override;

  // Watches `fd` until remove(); fails for a descriptor epoll refuses.
  std::error_code add(int fd, Handler& handler);
  // No call to `handler` follows, not even later in the current round.
  void remove(int fd, Handler& handler);

  [[nodiscard]] std::size_t watched() const noexcept { return watched_; }
  [[nodiscard]] std::uint64_t rounds() const noexcept { return rounds_; }

 private:
  struct Entry {
    Handler* handler;
  };

  void shutdown() override;
  void arm();
  void on_ready();

  int epoll_fd_ = -1;
  std::unique_ptr<boost::asio::posix::stream_descriptor> watch_;
  std::vector<epoll_event> events_;
  std::vector<std::unique_ptr<Entry>> entries_;  // indexed by fd
  std::vector<std::unique_ptr<Entry>> retired_;  // removed during a round: freed after it
  bool dispatching_ = false;
  bool armed_ = false;
  bool shut_down_ = false;
  std::size_t watched_ = 0;
  std::uint64_t rounds_ = 0;
};

}  // namespace rtcsip::media::net
