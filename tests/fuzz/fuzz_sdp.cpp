// libFuzzer target: any bytes as an SDP body. A description that parses must
// serialize and parse again to an equal model; every reader of attributes.hpp
// runs on every section. Seeds: tests/fuzz/seeds/sdp (the golden files).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz_sdp_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (!rtcsip::sdp::fuzz::properties_hold(text)) std::abort();
  return 0;
}
