// libFuzzer target: any datagram given to the RTP view either parses or is
// refused with a reason, never crashes or reads outside it. What parses must
// have consistent sizes and extension elements inside their block, and
// rewriting SSRC, sequence, timestamp, payload type and marker on a copy
// must change exactly those fields (see rtp_fuzz_checks.hpp).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "rtp_fuzz_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (const char* broken = rtcsip::media::rtp::fuzz::check_rtp(std::span(data, size))) {
    (void)std::fprintf(stderr, "fuzz_rtp: %s\n", broken);
    std::abort();
  }
  return 0;
}
