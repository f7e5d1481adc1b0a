// relay::Endpoint <-> Asio UDP endpoints, at the legacy socket.
#include <array>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/address_v6.hpp>

#include <netinet/in.h>

#include <cstring>

#include "legacy_socket.hpp"
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

std::optional<relay::Endpoint> to_relay_endpoint(const sockaddr* address, socklen_t length) noexcept {
  if (address->sa_family == AF_INET && length >= static_cast<socklen_t>(sizeof(sockaddr_in))) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(address);
    std::array<std::uint8_t, 4> bytes{};
    std::memcpy(bytes.data(), &in->sin_addr, 4);
    return relay::Endpoint::v4(bytes, ntohs(in->sin_port));
  }
  if (address->sa_family == AF_INET6 && length >= static_cast<socklen_t>(sizeof(sockaddr_in6))) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(address);
    std::array<std::uint8_t, 16> bytes{};
    std::memcpy(bytes.data(), &in6->sin6_addr, 16);
    // What a dual-stack socket reports for an IPv4 peer: one peer, one Endpoint.
    static constexpr std::array<std::uint8_t, 12> kMapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(bytes.data(), kMapped.data(), kMapped.size()) == 0)
      return relay::Endpoint::v4({bytes[12], bytes[13], bytes[14], bytes[15]}, ntohs(in6->sin6_port));
    return relay::Endpoint::v6(bytes, ntohs(in6->sin6_port));
  }
  return std::nullopt;
}

socklen_t to_sockaddr(const relay::Endpoint& endpoint, bool v6_socket, sockaddr_storage& out) noexcept {
  out = {};
  const auto& bytes = endpoint.address_bytes();
  if (endpoint.family() == relay::Endpoint::Family::v4 && !v6_socket) {
    auto* in = reinterpret_cast<sockaddr_in*>(&out);
    in->sin_family = AF_INET;
    in->sin_port = htons(endpoint.port());
    std::memcpy(&in->sin_addr, bytes.data(), 4);
    return sizeof(sockaddr_in);
  }
  if (endpoint.family() == relay::Endpoint::Family::none ||
      (endpoint.family() == relay::Endpoint::Family::v6 && !v6_socket))
    return 0;
  auto* in6 = reinterpret_cast<sockaddr_in6*>(&out);
  in6->sin6_family = AF_INET6;
  in6->sin6_port = htons(endpoint.port());
  if (endpoint.family() == relay::Endpoint::Family::v4) {
    // A dual-stack socket reaches IPv4 peers at ::ffff:a.b.c.d.
    std::uint8_t mapped[16] = {0, 0, 0,    0,    0,        0,        0,        0,
                               0, 0, 0xff, 0xff, bytes[0], bytes[1], bytes[2], bytes[3]};
    std::memcpy(&in6->sin6_addr, mapped, 16);
  } else {
    std::memcpy(&in6->sin6_addr, bytes.data(), 16);
  }
  return sizeof(sockaddr_in6);
}

}  // namespace rtcsip::media
