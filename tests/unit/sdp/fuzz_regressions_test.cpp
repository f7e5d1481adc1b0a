// Replays every input kept under tests/fuzz/regressions/sdp/ (and the seeds)
// through the properties fuzz_sdp checks.
#include <gtest/gtest.h>

#include <filesystem>

#include "../../fuzz/fuzz_sdp_checks.hpp"
#include "sdp_test_support.hpp"

namespace rtcsip::sdp {
namespace {

void replay_dir(const std::filesystem::path& dir) {
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().filename().string().starts_with(".")) continue;
    EXPECT_TRUE(fuzz::properties_hold(test::read_file(e.path()))) << e.path();
  }
}

TEST(FuzzRegressions, KeptInputsHoldTheProperties) {
  replay_dir(std::filesystem::path(RTCSIP_SOURCE_DIR) / "tests" / "fuzz" / "regressions" / "sdp");
}

TEST(FuzzRegressions, SeedsHoldTheProperties) {
  replay_dir(std::filesystem::path(RTCSIP_SOURCE_DIR) / "tests" / "fuzz" / "seeds" / "sdp");
}

TEST(FuzzRegressions, SeedsAreTheGoldenFiles) {
  const auto seeds = std::filesystem::path(RTCSIP_SOURCE_DIR) / "tests" / "fuzz" / "seeds" / "sdp";
  for (const auto& name : test::golden_names()) {
    EXPECT_EQ(test::read_file(seeds / (name + ".sdp")), test::golden(name)) << name;
  }
}

}  // namespace
}  // namespace rtcsip::sdp
