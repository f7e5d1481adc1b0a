// libFuzzer target: any datagram given to the RTCP views is walked packet by
// packet and every view of every packet read; validation agrees with the
// walk, no view reaches outside its packet, and renaming every SSRC on a
// copy keeps the structure and round-trips (see rtp_fuzz_checks.hpp).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "rtp_fuzz_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (const char* broken = rtcsip::media::rtp::fuzz::check_rtcp(std::span(data, size))) {
    (void)std::fprintf(stderr, "fuzz_rtcp: %s\n", broken);
    std::abort();
  }
  return 0;
}
