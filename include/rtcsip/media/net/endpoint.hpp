#pragma once
// A UDP transport address (IP and port) as a small value: 20 bytes, no heap,
// compared and hashed by value; what the ICE agents, the relay and the media
// sockets all use. IPv4-mapped IPv6 addresses (::ffff:a.b.c.d,
// what a dual-stack socket reports for an IPv4 peer) are stored as IPv4, so
// one peer has one Endpoint whichever socket it reached, and the
// XOR-MAPPED-ADDRESS we return is the family the peer sent from.
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace rtcsip::media::net {

class Endpoint {
 public:
  enum class Family : std::uint8_t { none, v4, v6 };

  constexpr Endpoint() = default;
  // As given, for addresses known to be in canonical form (tests, constants).
  static constexpr Endpoint v4(const std::array<std::uint8_t, 4>& address, std::uint16_t port) {
    Endpoint e;
    for (std::size_t i = 0; i < address.size(); ++i) e.address_[i] = address[i];
    e.port_ = port;
    e.family_ = Family::v4;
    return e;
  }
  static constexpr Endpoint v6(const std::array<std::uint8_t, 16>& address, std::uint16_t port) {
    Endpoint e;
    e.address_ = address;
    e.port_ = port;
    e.family_ = Family::v6;
    return e;
  }
  static Endpoint from_v4(const std::array<std::uint8_t, 4>& address, std::uint16_t port);
  // An IPv4-mapped address becomes an IPv4 endpoint.
  static Endpoint from_v6(const std::array<std::uint8_t, 16>& address, std::uint16_t port);
  // "192.0.2.1" or "2001:db8::1" (no brackets); nothing when it is neither.
  static std::optional<Endpoint> parse(std::string_view ip, std::uint16_t port);
  // AF_INET or AF_INET6; nothing for another family or a short length.
  static std::optional<Endpoint> from_sockaddr(const sockaddr* address, socklen_t length);

  // Fills `out` as AF_INET or AF_INET6 and returns its length (0 when empty()).
  socklen_t to_sockaddr(sockaddr_storage& out) const;
  // Always AF_INET6, IPv4 as ::ffff:a.b.c.d: for sending on a dual-stack socket.
  socklen_t to_sockaddr_v6(sockaddr_storage& out) const;
  // For sending on an IPv6 (dual-stack) or IPv4 socket: 0 for an IPv6 peer
  // on an IPv4 socket, or when empty().
  socklen_t to_sockaddr_for(bool v6_socket, sockaddr_storage& out) const {
    if (v6_socket) return to_sockaddr_v6(out);
    return family_ == Family::v4 ? to_sockaddr(out) : 0;
  }

  [[nodiscard]] Family family() const { return family_; }
  [[nodiscard]] bool empty() const { return family_ == Family::none; }
  [[nodiscard]] std::uint16_t port() const { return port_; }
  // 4 bytes for IPv4, 16 for IPv6, none when empty(); network byte order.
  [[nodiscard]] std::span<const std::uint8_t> address() const;
  // All 16 bytes (IPv4 in the first 4, the rest zero).
  [[nodiscard]] constexpr const std::array<std::uint8_t, 16>& address_bytes() const { return address_; }
  // Same host, any port: RTCP on a non-muxed legacy leg comes from port + 1.
  [[nodiscard]] constexpr bool same_host(const Endpoint& other) const {
    return family_ == other.family_ && address_ == other.address_;
  }
  // "192.0.2.1:5000", "[2001:db8::1]:5000", or "-" when empty().
  [[nodiscard]] std::string to_string() const;
  [[nodiscard]] std::size_t hash() const;

  friend bool operator==(const Endpoint&, const Endpoint&) = default;

 private:
  std::array<std::uint8_t, 16> address_{};  // unused bytes stay zero: == compares them
  std::uint16_t port_ = 0;
  Family family_ = Family::none;
};

}  // namespace rtcsip::media::net

template <>
struct std::hash<rtcsip::media::net::Endpoint> {
  std::size_t operator()(const rtcsip::media::net::Endpoint& e) const noexcept { return e.hash(); }
};
