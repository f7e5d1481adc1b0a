#pragma once
// One UDP socket of a session's legacy leg (RTP, RTCP, or both with
// rtcp-mux): a receive loop into a buffer it owns, and non-blocking sends.
// Used from the io_context's thread only.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/system/error_code.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

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
  void receive();
  void on_received(const boost::system::error_code& ec, std::size_t length);

  boost::asio::ip::udp::socket socket_;
  std::vector<std::uint8_t> buffer_;  // one octet more than accepted: detects truncation
  boost::asio::ip::udp::endpoint from_;
  MediaSessionCounters& counters_;
  Datagram on_datagram_;
  bool v6_ = false;  // a dual-stack socket reaches IPv4 peers at ::ffff:a.b.c.d
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace rtcsip::media
