#include "openssl_clock.hpp"

#include <sys/time.h>

#include <atomic>
#include <chrono>
#include <ctime>

namespace rtcsip::media::dtls::test {
namespace {

std::atomic<const core::TimerService*> g_timers{nullptr};

// Manual time 0 is shown to OpenSSL as this Unix time (2023-11-14).
constexpr std::chrono::seconds kEpoch{1'700'000'000};

}  // namespace

OpenSslClock::OpenSslClock(const core::TimerService& timers) { g_timers.store(&timers); }
OpenSslClock::~OpenSslClock() { g_timers.store(nullptr); }

}  // namespace rtcsip::media::dtls::test

extern "C" int gettimeofday(struct timeval* __restrict tv, void* __restrict /*tz*/) noexcept {
  using namespace std::chrono;
  microseconds now{};
  if (const auto* timers = rtcsip::media::dtls::test::g_timers.load()) {
    now = rtcsip::media::dtls::test::kEpoch + duration_cast<microseconds>(timers->now().time_since_epoch());
  } else {
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    now = seconds(ts.tv_sec) + duration_cast<microseconds>(nanoseconds(ts.tv_nsec));
  }
  tv->tv_sec = static_cast<time_t>(duration_cast<seconds>(now).count());
  tv->tv_usec = static_cast<suseconds_t>((now % seconds(1)).count());
  return 0;
}
