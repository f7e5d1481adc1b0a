// relay::Endpoint <-> Asio UDP endpoints, at the legacy socket.
#include <array>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/address_v6.hpp>

#include "rtcsip/media/session/media_session.hpp"

namespace rtcsip::media {

namespace ip = boost::asio::ip;

std::optional<relay::Endpoint> to_relay_endpoint(const ip::udp::endpoint& endpoint) noexcept {
  const ip::address address = endpoint.address();
  if (address.is_v4()) return relay::Endpoint::v4(address.to_v4().to_bytes(), endpoint.port());
  if (!address.is_v6()) return std::nullopt;
  const ip::address_v6 v6 = address.to_v6();
  // What a dual-stack socket reports for an IPv4 peer: one peer, one Endpoint.
  if (v6.is_v4_mapped())
    return relay::Endpoint::v4(ip::make_address_v4(ip::v4_mapped, v6).to_bytes(), endpoint.port());
  return relay::Endpoint::v6(v6.to_bytes(), endpoint.port());
}

ip::udp::endpoint to_udp_endpoint(const relay::Endpoint& endpoint) noexcept {
  const auto& bytes = endpoint.address_bytes();
  switch (endpoint.family()) {
    case relay::Endpoint::Family::v4:
      return {ip::address_v4(ip::address_v4::bytes_type{bytes[0], bytes[1], bytes[2], bytes[3]}),
              endpoint.port()};
    case relay::Endpoint::Family::v6:
      return {ip::address_v6(bytes), endpoint.port()};
    case relay::Endpoint::Family::none:
      break;
  }
  return {};
}

}  // namespace rtcsip::media
