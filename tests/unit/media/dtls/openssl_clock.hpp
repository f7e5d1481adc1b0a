#pragma once
// OpenSSL 3.0 times DTLS retransmissions with gettimeofday() (ssl/d1_lib.c)
// and has no time callback: DTLSv1_handle_timeout() does nothing until the
// wall clock has passed the expiry, whatever our TimerService says. This test
// binary therefore supplies its own gettimeofday(), which libssl binds to
// ahead of glibc's, and which follows a ManualTimerService while an
// OpenSslClock is alive (the real clock otherwise).
#include "rtcsip/core/timer_service.hpp"

namespace rtcsip::media::dtls::test {

class OpenSslClock {
 public:
  explicit OpenSslClock(const core::TimerService& timers);
  ~OpenSslClock();
  OpenSslClock(const OpenSslClock&) = delete;
  OpenSslClock& operator=(const OpenSslClock&) = delete;
};

}  // namespace rtcsip::media::dtls::test
