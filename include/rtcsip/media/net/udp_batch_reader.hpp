#pragma once
// Batched reads from one non-blocking UDP socket of a media worker: whenever
// the worker's UdpPoller finds the socket readable, up to `batch` datagrams
// come in with one recvmmsg(2) into buffers owned here, and each is handed
// to the callback with its source. What is left is read in the poller's next
// round. No heap allocation per datagram. Used from the io_context's thread
// only; stop() (or destruction) before the socket is closed.
#include <sys/socket.h>

#include <boost/asio/ip/udp.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "rtcsip/media/net/udp_poller.hpp"

namespace rtcsip::media::net {

class UdpBatchReader final : public UdpPoller::Handler {
 public:
  struct Datagram {
    const sockaddr* from;
    socklen_t from_length;
    std::span<std::uint8_t> bytes;
    bool truncated;  // longer than the buffer: `bytes` holds only its start
  };
  using OnDatagram = std::function<void(const Datagram& datagram)>;
  using OnError = std::function<void(int error)>;

  // `buffer_size` is the largest datagram accepted.
  UdpBatchReader(boost::asio::ip::udp::socket& socket, std::size_t buffer_size, std::size_t batch);
  ~UdpBatchReader();
  UdpBatchReader(const UdpBatchReader&) = delete;
  UdpBatchReader& operator=(const UdpBatchReader&) = delete;

  // The callbacks may stop() or destroy the reader (and its owner). False
  // when the poller refused the socket.
  bool start(OnDatagram on_datagram, OnError on_error);
  void stop();
  [[nodiscard]] std::uint64_t batches() const noexcept { return batches_; }

 private:
  void on_readable() override;

  boost::asio::ip::udp::socket& socket_;
  UdpPoller& poller_;
  std::size_t buffer_size_;
  std::vector<std::uint8_t> storage_;
  std::vector<iovec> iov_;
  std::vector<sockaddr_storage> sources_;
  std::vector<mmsghdr> headers_;
  OnDatagram on_datagram_;
  OnError on_error_;
  int fd_ = -1;  // while registered with the poller
  std::uint64_t batches_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace rtcsip::media::net
