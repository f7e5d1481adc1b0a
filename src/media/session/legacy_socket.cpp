#include "legacy_socket.hpp"

#include <boost/asio/error.hpp>
#include <utility>

namespace rtcsip::media {

namespace asio = boost::asio;
using asio::ip::udp;

namespace {

// A legacy socket carries one call's RTP or RTCP: a few datagrams per round at most.
constexpr std::size_t kBatch = 4;

}  // namespace

LegacySocket::LegacySocket(asio::io_context& io, std::size_t receive_buffer, MediaSessionCounters& counters)
    : socket_(io), receive_buffer_(receive_buffer), counters_(counters) {}

LegacySocket::~LegacySocket() { close(); }

void LegacySocket::bind(const udp::endpoint& local, boost::system::error_code& ec) {
  reader_.reset();
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
  if (!socket_.is_open() || reader_) return;
  reader_.emplace(socket_, receive_buffer_, kBatch);
  if (!reader_->start([this](const net::UdpBatchReader::Datagram& datagram) { on_received(datagram); },
                      [this](int) { ++counters_.legacy_receive_errors; })) {
    ++counters_.legacy_receive_errors;
    reader_.reset();
  }
}

void LegacySocket::close() {
  reader_.reset();  // off the poller before the socket closes
  boost::system::error_code ignored;
  if (socket_.is_open()) socket_.close(ignored);
}

void LegacySocket::on_received(const net::UdpBatchReader::Datagram& datagram) {
  if (datagram.truncated) {
    ++counters_.legacy_truncated;
    return;
  }
  ++counters_.legacy_datagrams_received;
  if (const auto from = relay::Endpoint::from_sockaddr(datagram.from, datagram.from_length))
    on_datagram_(*from, datagram.bytes);
}

bool LegacySocket::send_to(std::span<const std::uint8_t> datagram, const relay::Endpoint& to) noexcept {
  sockaddr_storage address;
  const socklen_t length = to.to_sockaddr_for(v6_, address);
  if (length == 0 || ::sendto(socket_.native_handle(), datagram.data(), datagram.size(), MSG_DONTWAIT,
                              reinterpret_cast<const sockaddr*>(&address), length) < 0) {
    ++counters_.legacy_send_errors;
    return false;
  }
  return true;
}

udp::endpoint LegacySocket::local_endpoint() const {
  boost::system::error_code ec;
  return socket_.local_endpoint(ec);
}

}  // namespace rtcsip::media
