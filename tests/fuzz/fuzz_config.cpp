// libFuzzer target: configuration text of any shape must load or be refused
// with diagnostics, never crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rtcsip/config/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto result = rtcsip::config::load_string(text, "fuzz.yaml", "/nonexistent");
  for (const auto& e : result.errors) (void)e.to_string();
  return 0;
}
