#pragma once
// The timer values of RFC 3261 §17 (Table 4) and RFC 6026 §8.4, §8.7, from
// T1, T2 and T4 and whether the transport is reliable.
#include <algorithm>
#include <chrono>

#include "rtcsip/sip/transaction_layer.hpp"

namespace rtcsip::sip::txn {

// Timers B, F, H, L, M, and the wait for a final response after a CANCEL
// (RFC 3261 §9.1): 64*T1 on any transport.
inline core::Duration sixty_four_t1(const TimerSettings& s) { return 64 * s.t1; }

// §17.1.1.2: Timer D is at least 32 s on UDP so that it outlasts the server's
// Timer G retransmissions of the final response; zero on reliable transports.
inline core::Duration timer_d(const TimerSettings& s, bool reliable) {
  if (reliable) return core::Duration::zero();
  return std::max<core::Duration>(std::chrono::seconds(32), sixty_four_t1(s));
}

// §17.1.2.2 Timer K and §17.2.1 Timer I: T4 on UDP (how long a message may
// linger in the network), zero on reliable transports.
inline core::Duration t4_unless_reliable(const TimerSettings& s, bool reliable) {
  return reliable ? core::Duration::zero() : s.t4;
}

// §17.2.2 Timer J: 64*T1 on UDP, zero on reliable transports.
inline core::Duration timer_j(const TimerSettings& s, bool reliable) {
  return reliable ? core::Duration::zero() : sixty_four_t1(s);
}

// §17.1.2.2 Timer E and §17.2.1 Timer G double up to T2.
inline core::Duration doubled_up_to_t2(core::Duration interval, const TimerSettings& s) {
  return std::min(2 * interval, s.t2);
}

}  // namespace rtcsip::sip::txn
