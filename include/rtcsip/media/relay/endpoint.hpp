#pragma once
// A UDP transport address as the relay sees it: a small value compared by
// bytes, no heap. The relay only stores, compares and hands addresses back,
// so it keeps this value type instead of depending on the ICE module (whose
// Endpoint carries libnice in its link line); the worker converts at the
// socket. Unused address bytes stay zero so == compares them.
#include <array>
#include <cstddef>
#include <cstdint>

namespace rtcsip::media::relay {

class Endpoint {
 public:
  enum class Family : std::uint8_t { none, v4, v6 };

  constexpr Endpoint() = default;
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

  [[nodiscard]] constexpr Family family() const { return family_; }
  [[nodiscard]] constexpr bool empty() const { return family_ == Family::none; }
  [[nodiscard]] constexpr std::uint16_t port() const { return port_; }
  [[nodiscard]] constexpr const std::array<std::uint8_t, 16>& address_bytes() const { return address_; }
  // Same host, any port: RTCP on a non-muxed legacy leg comes from port + 1.
  [[nodiscard]] constexpr bool same_host(const Endpoint& other) const {
    return family_ == other.family_ && address_ == other.address_;
  }

  friend constexpr bool operator==(const Endpoint&, const Endpoint&) = default;

 private:
  std::array<std::uint8_t, 16> address_{};
  std::uint16_t port_ = 0;
  Family family_ = Family::none;
};

}  // namespace rtcsip::media::relay
