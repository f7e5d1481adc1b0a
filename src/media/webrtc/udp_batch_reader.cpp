#include "udp_batch_reader.hpp"

#include <cerrno>
#include <cstring>
#include <utility>

namespace rtcsip::media {

namespace {

// Batches read back to back per wake-up before yielding to other sockets.
constexpr int kMaxBatchesPerWake = 4;

}  // namespace

UdpBatchReader::UdpBatchReader(boost::asio::ip::udp::socket& socket, std::size_t buffer_size,
                               std::size_t batch)
    : socket_(socket),
      // One octet more than accepted tells a truncated datagram apart.
      buffer_size_(buffer_size + 1),
      storage_(buffer_size_ * batch),
      iov_(batch),
      sources_(batch),
      headers_(batch) {}

UdpBatchReader::~UdpBatchReader() { *alive_ = false; }

void UdpBatchReader::start(OnDatagram on_datagram, OnError on_error) {
  on_datagram_ = std::move(on_datagram);
  on_error_ = std::move(on_error);
  if (running_) return;
  running_ = true;
  wait();
}

void UdpBatchReader::stop() { running_ = false; }

void UdpBatchReader::wait() {
  socket_.async_wait(boost::asio::ip::udp::socket::wait_read,
                     [this, weak = std::weak_ptr<bool>(alive_)](const boost::system::error_code& ec) {
                       if (weak.expired() || !running_ || ec == boost::asio::error::operation_aborted) return;
                       if (ec) {
                         if (on_error_) on_error_(ec.value());
                         if (weak.expired() || !running_) return;
                       } else if (!read_ready()) {
                         return;
                       }
                       wait();
                     });
}

bool UdpBatchReader::read_ready() {
  const std::weak_ptr<bool> weak = alive_;
  for (int round = 0; round < kMaxBatchesPerWake; ++round) {
    for (std::size_t i = 0; i < headers_.size(); ++i) {
      iov_[i] = {storage_.data() + i * buffer_size_, buffer_size_};
      headers_[i].msg_hdr = {};
      headers_[i].msg_hdr.msg_name = &sources_[i];
      headers_[i].msg_hdr.msg_namelen = sizeof(sockaddr_storage);
      headers_[i].msg_hdr.msg_iov = &iov_[i];
      headers_[i].msg_hdr.msg_iovlen = 1;
      headers_[i].msg_len = 0;
    }
    const int count = ::recvmmsg(socket_.native_handle(), headers_.data(),
                                 static_cast<unsigned>(headers_.size()), MSG_DONTWAIT, nullptr);
    if (count < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return true;
      // ICMP errors (port unreachable...) surface here on a UDP socket: keep going.
      if (on_error_) on_error_(errno);
      return !weak.expired() && running_;
    }
    ++batches_;
    for (int i = 0; i < count; ++i) {
      const auto& header = headers_[static_cast<std::size_t>(i)];
      const bool truncated = (header.msg_hdr.msg_flags & MSG_TRUNC) != 0 || header.msg_len >= buffer_size_;
      const std::size_t length = truncated ? buffer_size_ - 1 : header.msg_len;
      on_datagram_(Datagram{
          reinterpret_cast<const sockaddr*>(&sources_[static_cast<std::size_t>(i)]),
          header.msg_hdr.msg_namelen,
          std::span<std::uint8_t>(storage_.data() + static_cast<std::size_t>(i) * buffer_size_, length),
          truncated});
      if (weak.expired() || !running_) return false;
    }
    // A short batch emptied the queue; a full one may have left more.
    if (static_cast<std::size_t>(count) < headers_.size()) return true;
  }
  return true;
}

}  // namespace rtcsip::media
