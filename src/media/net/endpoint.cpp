#include "rtcsip/media/net/endpoint.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

namespace rtcsip::media::net {

namespace {

// RFC 4291 §2.5.5.2: ::ffff:0:0/96 carries an IPv4 address.
constexpr std::array<std::uint8_t, 12> kV4MappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

bool is_v4_mapped(const std::array<std::uint8_t, 16>& a) {
  return std::equal(kV4MappedPrefix.begin(), kV4MappedPrefix.end(), a.begin());
}

}  // namespace

Endpoint Endpoint::from_v4(const std::array<std::uint8_t, 4>& address, std::uint16_t port) {
  Endpoint e;
  std::copy(address.begin(), address.end(), e.address_.begin());
  e.port_ = port;
  e.family_ = Family::v4;
  return e;
}

Endpoint Endpoint::from_v6(const std::array<std::uint8_t, 16>& address, std::uint16_t port) {
  if (is_v4_mapped(address)) {
    return from_v4({address[12], address[13], address[14], address[15]}, port);
  }
  Endpoint e;
  e.address_ = address;
  e.port_ = port;
  e.family_ = Family::v6;
  return e;
}

std::optional<Endpoint> Endpoint::parse(std::string_view ip, std::uint16_t port) {
  char text[INET6_ADDRSTRLEN + 1];  // inet_pton wants a terminated string
  if (ip.empty() || ip.size() >= sizeof text) return std::nullopt;
  std::memcpy(text, ip.data(), ip.size());
  text[ip.size()] = '\0';
  std::array<std::uint8_t, 4> v4{};
  if (inet_pton(AF_INET, text, v4.data()) == 1) return from_v4(v4, port);
  std::array<std::uint8_t, 16> v6{};
  if (inet_pton(AF_INET6, text, v6.data()) == 1) return from_v6(v6, port);
  return std::nullopt;
}

std::optional<Endpoint> Endpoint::from_sockaddr(const sockaddr* address, socklen_t length) {
  if (address == nullptr) return std::nullopt;
  if (address->sa_family == AF_INET && length >= static_cast<socklen_t>(sizeof(sockaddr_in))) {
    sockaddr_in in{};
    std::memcpy(&in, address, sizeof in);
    std::array<std::uint8_t, 4> a{};
    std::memcpy(a.data(), &in.sin_addr, a.size());
    return from_v4(a, ntohs(in.sin_port));
  }
  if (address->sa_family == AF_INET6 && length >= static_cast<socklen_t>(sizeof(sockaddr_in6))) {
    sockaddr_in6 in6{};
    std::memcpy(&in6, address, sizeof in6);
    std::array<std::uint8_t, 16> a{};
    std::memcpy(a.data(), &in6.sin6_addr, a.size());
    return from_v6(a, ntohs(in6.sin6_port));
  }
  return std::nullopt;
}

socklen_t Endpoint::to_sockaddr(sockaddr_storage& out) const {
  out = {};
  if (family_ == Family::v4) {
    sockaddr_in in{};
    in.sin_family = AF_INET;
    in.sin_port = htons(port_);
    std::memcpy(&in.sin_addr, address_.data(), 4);
    std::memcpy(&out, &in, sizeof in);
    return sizeof in;
  }
  if (family_ == Family::v6) return to_sockaddr_v6(out);
  return 0;
}

socklen_t Endpoint::to_sockaddr_v6(sockaddr_storage& out) const {
  out = {};
  if (family_ == Family::none) return 0;
  sockaddr_in6 in6{};
  in6.sin6_family = AF_INET6;
  in6.sin6_port = htons(port_);
  std::array<std::uint8_t, 16> a = address_;
  if (family_ == Family::v4) {
    std::copy(kV4MappedPrefix.begin(), kV4MappedPrefix.end(), a.begin());
    std::copy_n(address_.begin(), 4, a.begin() + 12);
  }
  std::memcpy(&in6.sin6_addr, a.data(), a.size());
  std::memcpy(&out, &in6, sizeof in6);
  return sizeof in6;
}

std::span<const std::uint8_t> Endpoint::address() const {
  switch (family_) {
    case Family::v4:
      return {address_.data(), 4};
    case Family::v6:
      return {address_.data(), 16};
    case Family::none:
      break;
  }
  return {};
}

std::string Endpoint::to_string() const {
  char text[INET6_ADDRSTRLEN] = {};
  if (family_ == Family::v4) {
    inet_ntop(AF_INET, address_.data(), text, sizeof text);
    return std::string(text) + ':' + std::to_string(port_);
  }
  if (family_ == Family::v6) {
    inet_ntop(AF_INET6, address_.data(), text, sizeof text);
    return '[' + std::string(text) + "]:" + std::to_string(port_);
  }
  return "-";
}

std::size_t Endpoint::hash() const {
  // FNV-1a over the bytes that take part in ==.
  std::uint64_t h = 0xcbf29ce484222325ULL;
  const auto mix = [&h](std::uint8_t byte) { h = (h ^ byte) * 0x100000001b3ULL; };
  for (std::uint8_t b : address_) mix(b);
  mix(static_cast<std::uint8_t>(port_ >> 8));
  mix(static_cast<std::uint8_t>(port_ & 0xff));
  mix(static_cast<std::uint8_t>(family_));
  return static_cast<std::size_t>(h);
}

}  // namespace rtcsip::media::net
