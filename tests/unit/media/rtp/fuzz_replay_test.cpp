// The fuzz targets' invariants, run under the sanitizers on every seed and
// every input the fuzzers ever broke (tests/fuzz/regressions/{rtp,rtcp}),
// and on the hand-built packets of the other tests.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "../../../fuzz/rtp_fuzz_checks.hpp"
#include "rtcp_samples.hpp"

namespace {

using namespace rtcsip::media::rtp;
using namespace rtcsip::media::rtp::test;

struct Input {
  std::string name;
  std::vector<std::uint8_t> bytes;
};

std::vector<Input> read_dir(const std::filesystem::path& dir) {
  std::vector<Input> out;
  if (!std::filesystem::is_directory(dir)) return out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    out.push_back(
        {entry.path().filename().string(),
         std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>())});
  }
  return out;
}

const char* ok(const char* broken) { return broken == nullptr ? "" : broken; }

TEST(RtpFuzzChecks, HoldForHandBuiltPackets) {
  EXPECT_STREQ(ok(fuzz::check_rtp(chrome_opus_packet())), "");
  EXPECT_STREQ(ok(fuzz::check_rtp(hex("a0 60 00 01 00 00 00 00 00 00 00 01 00 00 00 04"))), "");
  EXPECT_STREQ(ok(fuzz::check_rtp(hex("80"))), "");
  for (const auto& datagram :
       {sr_sdes_compound(), concat({empty_receiver_report(), nack(), pli(), fir(), remb()}),
        concat({sender_report(), transport_cc(), app(), bye_with_reason()}), hex("80 c9"),
        hex("80 c9 00 01 00 00 00 01 00")}) {
    EXPECT_STREQ(ok(fuzz::check_rtcp(datagram)), "");
  }
}

#ifdef RTCSIP_SOURCE_DIR
const std::filesystem::path kFuzzDir = std::filesystem::path(RTCSIP_SOURCE_DIR) / "tests" / "fuzz";

TEST(RtpFuzzChecks, SeedsParseAndHold) {
  const auto seeds = read_dir(kFuzzDir / "seeds" / "rtp");
  EXPECT_GE(seeds.size(), 10U);
  for (const auto& seed : seeds) {
    EXPECT_STREQ(ok(fuzz::check_rtp(seed.bytes)), "") << seed.name;
    // Seeds named bad_* show the fuzzer a malformed shape on purpose.
    const bool bad = seed.name.starts_with("bad_");
    EXPECT_EQ(ConstRtpPacket::parse(seed.bytes).has_value(), !bad) << seed.name;
  }
}

TEST(RtcpFuzzChecks, SeedsParseAndHold) {
  const auto seeds = read_dir(kFuzzDir / "seeds" / "rtcp");
  EXPECT_GE(seeds.size(), 10U);
  for (const auto& seed : seeds) {
    EXPECT_STREQ(ok(fuzz::check_rtcp(seed.bytes)), "") << seed.name;
    const bool bad = seed.name.starts_with("bad_");
    EXPECT_EQ(validate_rtcp(seed.bytes) == RtcpError::none, !bad) << seed.name;
  }
}

TEST(RtpFuzzChecks, RegressionsReplay) {
  for (const auto& input : read_dir(kFuzzDir / "regressions" / "rtp")) {
    EXPECT_STREQ(ok(fuzz::check_rtp(input.bytes)), "") << input.name;
  }
}

TEST(RtcpFuzzChecks, RegressionsReplay) {
  for (const auto& input : read_dir(kFuzzDir / "regressions" / "rtcp")) {
    EXPECT_STREQ(ok(fuzz::check_rtcp(input.bytes)), "") << input.name;
  }
}
#endif

}  // namespace
