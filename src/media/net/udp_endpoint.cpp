#include "rtcsip/media/net/udp_endpoint.hpp"

#include <algorithm>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/address_v6.hpp>

namespace rtcsip::media::net {

namespace ip = boost::asio::ip;
using ip::udp;

std::optional<Endpoint> from_udp(const udp::endpoint& endpoint) noexcept {
  return Endpoint::from_sockaddr(endpoint.data(), static_cast<socklen_t>(endpoint.size()));
}

std::optional<udp::endpoint> to_udp(const Endpoint& endpoint, const udp& protocol) noexcept {
  const bool v6_socket = protocol == udp::v6();
  const auto address = endpoint.address();
  switch (endpoint.family()) {
    case Endpoint::Family::v4: {
      ip::address_v4::bytes_type bytes{};
      std::copy(address.begin(), address.end(), bytes.begin());
      const ip::address_v4 v4(bytes);
      // A dual-stack socket reaches IPv4 peers at ::ffff:a.b.c.d.
      if (v6_socket) return udp::endpoint(ip::make_address_v6(ip::v4_mapped, v4), endpoint.port());
      return udp::endpoint(v4, endpoint.port());
    }
    case Endpoint::Family::v6: {
      if (!v6_socket) return std::nullopt;
      ip::address_v6::bytes_type bytes{};
      std::copy(address.begin(), address.end(), bytes.begin());
      return udp::endpoint(ip::address_v6(bytes), endpoint.port());
    }
    case Endpoint::Family::none:
      break;
  }
  return std::nullopt;
}

}  // namespace rtcsip::media::net
