#pragma once
// One UDP socket of a session's legacy leg (RTP, RTCP, or both with
// rtcp-mux): batched reads on the worker's poller into buffers it owns, and
// non-blocking sends. Used from the io_context's thread only.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/system/error_code.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include <sys/socket.h>

#include <optional>

#include "rtcsip/media/net/udp_batch_reader.hpp"
#include "rtcsip/media/relay/endpoint.hpp"
#include "rtcsip/media/session/media_session.hpp"

namespace rtcsip::media {

class LegacySocket {
 public:
  // A datagram and its source; the bytes may be rewritten in place.
  using Datagram = std::function<void(const relay::Endpoint& from, std::span<std::uint8_t> datagram)>;

  LegacySocket(boost::asio::io_context& io, std::size_t receive_buffer, MediaSessionCounters& counters);
  ~LegacySocket();
  LegacySocket(const LegacySocket&) = delete;
  LegacySocket& operator=(const LegacySocket&) = delete;

  void bind(const boost::asio::ip::udp::endpoint& local, boost::system::error_code& ec);
  void start(Datagram on_datagram);
  void close();
  // False (and counted) when the kernel refused it or `to` has no address here.
  bool send_to(std::span<const std::uint8_t> datagram, const relay::Endpoint& to) noexcept;
  [[nodiscard]] boost::asio::ip::udp::endpoint local_endpoint() const;

 private:
  void on_received(const net::UdpBatchReader::Datagram& datagram);

  boost::asio::ip::udp::socket socket_;
  std::size_t receive_buffer_;
  std::optional<net::UdpBatchReader> reader_;  // while started
  MediaSessionCounters& counters_;
  Datagram on_datagram_;
  bool v6_ = false;  // a dual-stack socket reaches IPv4 peers at ::ffff:a.b.c.d
};

}  // namespace rtcsip::media
