#include "rtcsip/media/net/udp_batch_reader.hpp"

#include <cerrno>
#include <utility>

namespace rtcsip::media::net {

UdpBatchReader::UdpBatchReader(boost::asio::ip::udp::socket& socket, std::size_t buffer_size,
                               std::size_t batch)
    : socket_(socket),
      poller_(UdpPoller::of(static_cast<boost::asio::io_context&>(socket.get_executor().context()))),
      // One octet more than accepted tells a truncated datagram apart.
      buffer_size_(buffer_size + 1),
      storage_(buffer_size_ * std::max<std::size_t>(batch, 1)),
      iov_(std::max<std::size_t>(batch, 1)),
      sources_(iov_.size()),
      headers_(iov_.size()) {}

UdpBatchReader::~UdpBatchReader() {
  stop();
  *alive_ = false;
}

bool UdpBatchReader::start(OnDatagram on_datagram, OnError on_error) {
  on_datagram_ = std::move(on_datagram);
  on_error_ = std::move(on_error);
  if (fd_ >= 0) return true;
  const int fd = socket_.native_handle();
  if (poller_.add(fd, *this)) return false;
  fd_ = fd;
  return true;
}

void UdpBatchReader::stop() {
  if (fd_ < 0) return;
  poller_.remove(fd_, *this);
  fd_ = -1;
}

void UdpBatchReader::on_readable() {
  for (std::size_t i = 0; i < headers_.size(); ++i) {
    iov_[i] = {storage_.data() + i * buffer_size_, buffer_size_};
    headers_[i].msg_hdr = {};
    headers_[i].msg_hdr.msg_name = &sources_[i];
    headers_[i].msg_hdr.msg_namelen = sizeof(sockaddr_storage);
    headers_[i].msg_hdr.msg_iov = &iov_[i];
    headers_[i].msg_hdr.msg_iovlen = 1;
  }
  const int count =
      ::recvmmsg(fd_, headers_.data(), static_cast<unsigned>(headers_.size()), MSG_DONTWAIT, nullptr);
  if (count < 0) {
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return;
    // ICMP errors (port unreachable...) surface here on a UDP socket: keep going.
    if (on_error_) on_error_(errno);
    return;
  }
  ++batches_;
  const std::weak_ptr<bool> weak = alive_;
  for (int i = 0; i < count; ++i) {
    const auto index = static_cast<std::size_t>(i);
    const auto& header = headers_[index];
    const bool truncated = (header.msg_hdr.msg_flags & MSG_TRUNC) != 0 || header.msg_len >= buffer_size_;
    const std::size_t length = truncated ? buffer_size_ - 1 : header.msg_len;
    on_datagram_(Datagram{reinterpret_cast<const sockaddr*>(&sources_[index]), header.msg_hdr.msg_namelen,
                          std::span<std::uint8_t>(storage_.data() + index * buffer_size_, length),
                          truncated});
    if (weak.expired() || fd_ < 0) return;  // destroyed or stopped by the callback
  }
}

}  // namespace rtcsip::media::net
