#pragma once
// RTCP packets as a WebRTC browser and a SIP phone send them, for the
// media/rtp tests. Lengths are in the common header's 32-bit words minus one.
#include <cstdint>
#include <vector>

#include "test_bytes.hpp"

namespace rtcsip::media::rtp::test {

// SR from SSRC 5e1f0c3a with one report block on 12345678 (fraction 5/256,
// cumulative lost -2, highest 0x11a2b, jitter 32).
inline std::vector<std::uint8_t> sender_report() {
  return hex(
      "81 c8 00 0c  5e 1f 0c 3a"
      "e7 4a 3b 1c 80 00 00 00  00 0b b8 40  00 00 01 f4  00 01 4f 8c"
      "12 34 56 78  05 ff ff fe  00 01 1a 2b  00 00 00 20  3b 1c 80 00  00 00 10 00");
}

// SDES with one chunk: CNAME "4TZp1H+1g2FcYk9w", null item, one pad null.
inline std::vector<std::uint8_t> sdes_cname() {
  return hex(
      "81 ca 00 06  5e 1f 0c 3a"
      "01 10 34 54 5a 70 31 48 2b 31 67 32 46 63 59 6b 39 77  00 00");
}

// The compound a sender emits every interval: SR then SDES (RFC 3550 §6.1).
inline std::vector<std::uint8_t> sr_sdes_compound() { return concat({sender_report(), sdes_cname()}); }

// Empty RR from SSRC 1, the report packet a receive-only endpoint leads with.
inline std::vector<std::uint8_t> empty_receiver_report() { return hex("80 c9 00 01  00 00 00 01"); }

// Generic NACK from 1 about 5e1f0c3b: PID 0x1a2b, BLP 0x0005 (lost 1a2b, 1a2c, 1a2e).
inline std::vector<std::uint8_t> nack() { return hex("81 cd 00 03  00 00 00 01  5e 1f 0c 3b  1a 2b 00 05"); }

inline std::vector<std::uint8_t> pli() { return hex("81 ce 00 02  00 00 00 01  5e 1f 0c 3b"); }

// FIR (RFC 5104): media source 0, one entry for 5e1f0c3b with sequence 7.
inline std::vector<std::uint8_t> fir() {
  return hex("84 ce 00 04  00 00 00 01  00 00 00 00  5e 1f 0c 3b  07 00 00 00");
}

// REMB: 250000 x 2^4 = 4 Mbit/s for one SSRC.
inline std::vector<std::uint8_t> remb() {
  return hex("8f ce 00 05  00 00 00 01  00 00 00 00  52 45 4d 42  01 13 d0 90  5e 1f 0c 3b");
}

// Transport-wide congestion control feedback: RTPFB FMT 15, kept opaque.
inline std::vector<std::uint8_t> transport_cc() {
  return hex("8f cd 00 05  00 00 00 01  5e 1f 0c 3b  00 01 00 03  00 00 0a 01  20 03 d4 00");
}

// BYE for 5e1f0c3a with reason "shutdown" padded with three nulls.
inline std::vector<std::uint8_t> bye_with_reason() {
  return hex("81 cb 00 04  5e 1f 0c 3a  08 73 68 75 74 64 6f 77 6e 00 00 00");
}

// APP subtype 2, name "TEST", 4 data bytes.
inline std::vector<std::uint8_t> app() { return hex("82 cc 00 03  5e 1f 0c 3a  54 45 53 54  01 02 03 04"); }

}  // namespace rtcsip::media::rtp::test
