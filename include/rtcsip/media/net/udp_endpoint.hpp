#pragma once
// Conversions between Asio's UDP endpoints and the ICE module's Endpoint.
#include <boost/asio/ip/udp.hpp>
#include <optional>

#include "rtcsip/media/net/endpoint.hpp"

namespace rtcsip::media::net {

// Nothing for a family other than IPv4 or IPv6.
std::optional<Endpoint> from_udp(const boost::asio::ip::udp::endpoint& endpoint) noexcept;
// For sending on a socket of `protocol`: an IPv4 peer becomes ::ffff:a.b.c.d
// on an IPv6 socket; nothing for an IPv6 peer on an IPv4 socket.
std::optional<boost::asio::ip::udp::endpoint> to_udp(const Endpoint& endpoint,
                                                     const boost::asio::ip::udp& protocol) noexcept;

}  // namespace rtcsip::media::net
