#include "rtcsip/gateway/ip_prefix.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace rtcsip::gateway {
namespace {

// RFC 4291 §2.5.5.2: ::ffff:0:0/96 carries an IPv4 address.
constexpr std::array<std::uint8_t, 12> kV4MappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
constexpr unsigned kMappedBits = 96;

struct RawAddress {
  std::array<std::uint8_t, 16> bytes{};
  bool v6 = false;
};

// inet_pton wants a terminated string and rejects what is not an address.
std::optional<RawAddress> parse_raw(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  char buf[INET6_ADDRSTRLEN + 1];
  if (text.empty() || text.size() >= sizeof(buf)) return std::nullopt;
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  RawAddress raw;
  if (inet_pton(AF_INET, buf, raw.bytes.data()) == 1) return raw;
  raw.v6 = true;
  if (inet_pton(AF_INET6, buf, raw.bytes.data()) == 1) return raw;
  return std::nullopt;
}

bool is_v4_mapped(const std::array<std::uint8_t, 16>& a) {
  return std::equal(kV4MappedPrefix.begin(), kV4MappedPrefix.end(), a.begin());
}

// Keeps the first `bits` bits and clears the rest, so that equal prefixes
// compare equal whatever host bits they were written with.
void clear_host_bits(std::array<std::uint8_t, 16>& a, unsigned bits, unsigned width) {
  for (unsigned i = 0; i < width / 8; ++i) {
    const unsigned kept = bits > i * 8 ? std::min(bits - i * 8, 8u) : 0u;
    a[i] &= static_cast<std::uint8_t>(0xff00u >> kept);
  }
}

std::optional<unsigned> parse_bits(std::string_view text, unsigned max) {
  unsigned bits = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), bits);
  if (text.empty() || text.size() > 3 || ec != std::errc{} || end != text.data() + text.size() ||
      bits > max) {
    return std::nullopt;
  }
  return bits;
}

}  // namespace

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  const auto raw = parse_raw(text);
  if (!raw) return std::nullopt;
  IpAddress a;
  if (!raw->v6) {
    a.bytes_ = raw->bytes;
  } else if (is_v4_mapped(raw->bytes)) {
    std::copy(raw->bytes.begin() + 12, raw->bytes.end(), a.bytes_.begin());
  } else {
    a.bytes_ = raw->bytes;
    a.family_ = Family::v6;
  }
  return a;
}

std::string IpAddress::to_string() const {
  char buf[INET6_ADDRSTRLEN] = {};
  inet_ntop(family_ == Family::v4 ? AF_INET : AF_INET6, bytes_.data(), buf, sizeof(buf));
  return buf;
}

std::optional<IpPrefix> IpPrefix::parse(std::string_view text) {
  const std::size_t slash = text.find('/');
  auto raw = parse_raw(text.substr(0, slash));
  if (!raw) return std::nullopt;
  const unsigned width = raw->v6 ? 128 : 32;
  unsigned bits = width;
  if (slash != std::string_view::npos) {
    const auto parsed = parse_bits(text.substr(slash + 1), width);
    if (!parsed) return std::nullopt;
    bits = *parsed;
  }
  IpPrefix p;
  if (raw->v6 && is_v4_mapped(raw->bytes) && bits >= kMappedBits) {
    // Sources are stored as IPv4 (see IpAddress), so the prefix must be too.
    std::copy(raw->bytes.begin() + 12, raw->bytes.end(), p.address_.bytes_.begin());
    bits -= kMappedBits;
  } else {
    p.address_.bytes_ = raw->bytes;
    p.address_.family_ = raw->v6 ? IpAddress::Family::v6 : IpAddress::Family::v4;
  }
  p.bits_ = bits;
  clear_host_bits(p.address_.bytes_, bits, p.address_.family_ == IpAddress::Family::v4 ? 32 : 128);
  return p;
}

IpPrefix IpPrefix::host(const IpAddress& address) {
  IpPrefix p;
  p.address_ = address;
  p.bits_ = address.family() == IpAddress::Family::v4 ? 32 : 128;
  return p;
}

bool IpPrefix::contains(const IpAddress& address) const {
  if (address.family() != address_.family()) return false;
  auto masked = address.bytes();
  clear_host_bits(masked, bits_, address_.family() == IpAddress::Family::v4 ? 32 : 128);
  return masked == address_.bytes();
}

std::string IpPrefix::to_string() const { return address_.to_string() + "/" + std::to_string(bits_); }

}  // namespace rtcsip::gateway
