#pragma once
// Packets and keys the SRTP tests build, with room left for the trailer.
#include <cstdint>
#include <ostream>
#include <vector>

#include "rtcsip/media/srtp/master_key.hpp"
#include "rtcsip/media/srtp/profile.hpp"

namespace rtcsip::media::srtp::test {

using Bytes = std::vector<std::uint8_t>;

// RFC 3550 §5.1: V=2, PT 0, the given sequence number and SSRC, timestamp
// 160 per packet, `payload` octets of a pattern that depends on `seq`.
inline Bytes make_rtp(std::uint16_t seq, std::uint32_t ssrc = 0x11223344, std::size_t payload = 160) {
  Bytes p(12 + payload);
  const std::uint32_t ts = seq * 160u;
  p[0] = 0x80;
  p[2] = seq >> 8, p[3] = seq & 0xFF;
  p[4] = ts >> 24, p[5] = ts >> 16, p[6] = ts >> 8, p[7] = ts & 0xFF;
  p[8] = ssrc >> 24, p[9] = ssrc >> 16, p[10] = ssrc >> 8, p[11] = ssrc & 0xFF;
  for (std::size_t i = 0; i < payload; ++i) p[12 + i] = static_cast<std::uint8_t>(i * 7 + seq);
  return p;
}

// RFC 3550 §6.4.2: an empty receiver report (8 octets) followed by `extra`
// octets of filler standing in for report blocks.
inline Bytes make_rtcp(std::uint32_t ssrc = 0x11223344, std::size_t extra = 24) {
  Bytes p(8 + extra, 0x5A);
  const std::size_t words = (p.size() / 4) - 1;
  p[0] = 0x80, p[1] = 201, p[2] = words >> 8, p[3] = words & 0xFF;
  p[4] = ssrc >> 24, p[5] = ssrc >> 16, p[6] = ssrc >> 8, p[7] = ssrc & 0xFF;
  return p;
}

// A master key whose octets are seed, seed+1, ...
inline MasterKey make_key(Profile profile, std::uint8_t seed) {
  Bytes material(master_key_length(profile) + master_salt_length(profile));
  for (std::size_t i = 0; i < material.size(); ++i) material[i] = static_cast<std::uint8_t>(seed + i);
  return *MasterKey::from_key_salt(profile, material);
}

// `packet` followed by `room` spare octets, as a caller's receive buffer would be.
inline Bytes with_room(const Bytes& packet, std::size_t room) {
  Bytes b(packet);
  b.resize(packet.size() + room);
  return b;
}

}  // namespace rtcsip::media::srtp::test

namespace rtcsip::media::srtp {
// GoogleTest prints parameters through this (found by ADL).
inline void PrintTo(Profile p, std::ostream* os) { *os << to_string(p); }
}  // namespace rtcsip::media::srtp
