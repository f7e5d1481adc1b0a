#include "legacy_socket.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <utility>

namespace rtcsip::media {

namespace asio = boost::asio;
using asio::ip::udp;

LegacySocket::LegacySocket(asio::io_context& io, std::size_t receive_buffer, MediaSessionCounters& counters)
    : socket_(io), buffer_(receive_buffer + 1), counters_(counters) {}

LegacySocket::~LegacySocket() { close(); }

void LegacySocket::bind(const udp::endpoint& local, boost::system::error_code& ec) {
  if (socket_.is_open()) socket_.close(ec);
  socket_.open(local.protocol(), ec);
  if (!ec) socket_.bind(local, ec);
  if (!ec) socket_.non_blocking(true, ec);
  v6_ = local.protocol() == udp::v6();
  if (ec && socket_.is_open()) {
    boost::system::error_code ignored;
    socket_.close(ignored);
  }
}

void LegacySocket::start(Datagram on_datagram) {
  on_datagram_ = std::move(on_datagram);
  receive();
}

void LegacySocket::close() {
  alive_ = std::make_shared<bool>(true);  // pending handlers see theirs expired
  boost::system::error_code ignored;
  if (socket_.is_open()) socket_.close(ignored);
}

void LegacySocket::receive() {
  if (!socket_.is_open()) return;
  socket_.async_receive_from(
      asio::buffer(buffer_), from_,
      [this, weak = std::weak_ptr<bool>(alive_)](const boost::system::error_code& ec, std::size_t length) {
        if (weak.expired()) return;
        on_received(ec, length);
      });
}

void LegacySocket::on_received(const boost::system::error_code& ec, std::size_t length) {
  if (ec == asio::error::operation_aborted) return;
  const std::weak_ptr<bool> weak = alive_;
  if (ec) {
    ++counters_.legacy_receive_errors;
  } else if (length >= buffer_.size()) {
    ++counters_.legacy_truncated;
  } else {
    ++counters_.legacy_datagrams_received;
    if (const auto from = to_relay_endpoint(from_))
      on_datagram_(*from, std::span<std::uint8_t>(buffer_.data(), length));
  }
  if (!weak.expired()) receive();
}

bool LegacySocket::send_to(std::span<const std::uint8_t> datagram, const relay::Endpoint& to) noexcept {
  udp::endpoint destination = to_udp_endpoint(to);
  const bool v6_socket = v6_;
  if (v6_socket && destination.address().is_v4())
    destination.address(asio::ip::make_address_v6(asio::ip::v4_mapped, destination.address().to_v4()));
  boost::system::error_code ec;
  if (to.empty() || (!v6_socket && destination.address().is_v6())) {
    ec = asio::error::address_family_not_supported;
  } else {
    socket_.send_to(asio::buffer(datagram.data(), datagram.size()), destination, 0, ec);
  }
  if (ec) ++counters_.legacy_send_errors;
  return !ec;
}

udp::endpoint LegacySocket::local_endpoint() const {
  boost::system::error_code ec;
  return socket_.local_endpoint(ec);
}

}  // namespace rtcsip::media
