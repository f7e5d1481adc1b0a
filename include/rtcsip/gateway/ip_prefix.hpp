#pragma once
// IP addresses and CIDR prefixes as small values, for telling which trunk a
// request came from. An IPv4-mapped IPv6 address (::ffff:a.b.c.d, RFC 4291
// §2.5.5.2, what a dual-stack socket reports for an IPv4 peer) is stored as
// IPv4, so an IPv4 trunk matches whichever socket its request reached.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rtcsip::gateway {

class IpAddress {
 public:
  enum class Family : std::uint8_t { v4, v6 };

  // "192.0.2.1", "2001:db8::1" or "[2001:db8::1]"; nothing for anything else
  // (host names, zone ids, ports).
  static std::optional<IpAddress> parse(std::string_view text);

  [[nodiscard]] Family family() const { return family_; }
  // Network byte order; IPv4 in the first 4 bytes, the rest zero.
  [[nodiscard]] const std::array<std::uint8_t, 16>& bytes() const { return bytes_; }
  [[nodiscard]] std::string to_string() const;

  friend bool operator==(const IpAddress&, const IpAddress&) = default;

 private:
  friend class IpPrefix;
  std::array<std::uint8_t, 16> bytes_{};
  Family family_ = Family::v4;
};

class IpPrefix {
 public:
  // "192.0.2.0/24", "2001:db8::/32", or a bare address (/32 or /128).
  // A mapped IPv4 prefix of at least 96 bits becomes the IPv4 prefix it
  // covers; nothing for a bad address or length.
  static std::optional<IpPrefix> parse(std::string_view text);
  // The whole address: /32 or /128.
  static IpPrefix host(const IpAddress& address);

  // Same family and the first bits() bits equal. IPv4 and IPv6 prefixes
  // never contain each other's addresses: "::/0" is every IPv6 source, not
  // the IPv4 ones.
  [[nodiscard]] bool contains(const IpAddress& address) const;
  [[nodiscard]] const IpAddress& address() const { return address_; }
  [[nodiscard]] unsigned bits() const { return bits_; }
  [[nodiscard]] std::string to_string() const;

  friend bool operator==(const IpPrefix&, const IpPrefix&) = default;

 private:
  IpAddress address_;  // with the bits past the prefix cleared
  unsigned bits_ = 0;
};

}  // namespace rtcsip::gateway
