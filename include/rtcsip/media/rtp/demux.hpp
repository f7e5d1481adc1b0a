#pragma once
// Which protocol a datagram on a WebRTC media port carries, from its first
// byte (RFC 7983 §7), and RTP versus RTCP on an rtcp-mux port (RFC 5761 §4).
// Both are a table load and a compare: they run on every packet received.
#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace rtcsip::media::rtp {

enum class DatagramKind : std::uint8_t {
  unknown,       // RFC 7983 §7: drop
  stun,          // 0..3
  zrtp,          // 16..19
  dtls,          // 20..63
  turn_channel,  // 64..79
  rtp_or_rtcp,   // 128..191; tell them apart with is_rtcp()
};

std::string_view to_string(DatagramKind kind) noexcept;

namespace detail {

constexpr DatagramKind kind_of_first_byte(unsigned b) noexcept {
  if (b <= 3) return DatagramKind::stun;
  if (b >= 16 && b <= 19) return DatagramKind::zrtp;
  if (b >= 20 && b <= 63) return DatagramKind::dtls;
  if (b >= 64 && b <= 79) return DatagramKind::turn_channel;
  if (b >= 128 && b <= 191) return DatagramKind::rtp_or_rtcp;
  return DatagramKind::unknown;
}

inline constexpr std::array<DatagramKind, 256> kFirstByteTable = [] {
  std::array<DatagramKind, 256> table{};
  for (unsigned b = 0; b < table.size(); ++b) table[b] = kind_of_first_byte(b);
  return table;
}();

}  // namespace detail

// RFC 7983 §7 classification by first byte; an empty datagram is unknown.
constexpr DatagramKind classify_datagram(std::span<const std::uint8_t> datagram) noexcept {
  return datagram.empty() ? DatagramKind::unknown : detail::kFirstByteTable[datagram[0]];
}

// RFC 5761 §4: on a multiplexed port RTCP packet types 192..223 occupy the
// place of the marker bit and payload types 64..95, which RTP there must not
// use; so the second byte with the marker bit masked off decides.
// Precondition for a meaningful answer: classify_datagram() said rtp_or_rtcp.
constexpr bool is_rtcp(std::span<const std::uint8_t> datagram) noexcept {
  return datagram.size() >= 2 && static_cast<unsigned>((datagram[1] & 0x7F) - 64) < 32;
}

}  // namespace rtcsip::media::rtp
