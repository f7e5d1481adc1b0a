// The seeds of tests/fuzz/fuzz_stun.cpp are checks made here, with the
// credentials that fuzz target uses. This test checks that the stored seeds
// still get the answers they were made for; with RTCSIP_WRITE_STUN_SEEDS set
// it writes them anew.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <utility>

#include "agent_fixture.hpp"

namespace rtcsip::media::ice::test {
namespace {

const std::filesystem::path kSeedDir = std::filesystem::path(RTCSIP_SOURCE_DIR) / "tests/fuzz/seeds/stun";

std::vector<std::pair<std::string, std::vector<std::uint8_t>>> make_seeds() {
  FakeBrowser b;
  CheckOptions nominate;
  nominate.use_candidate = true;
  CheckOptions controlled;
  controlled.controlling = false;
  CheckOptions wrong_password;
  wrong_password.password = "NotTheRightPasswordAtAll";
  CheckOptions wrong_ufrag;
  wrong_ufrag.username = "Someone:Else";
  CheckOptions no_username;
  no_username.username = "";
  return {
      {"check.bin", b.check()},
      {"check_use_candidate.bin", b.check(nominate)},
      {"check_controlled.bin", b.check(controlled)},
      {"check_wrong_password.bin", b.check(wrong_password)},
      {"check_wrong_ufrag.bin", b.check(wrong_ufrag)},
      {"check_no_username.bin", b.check(no_username)},
      {"check_no_role.bin", b.bare_request({.controlling = false})},
      {"check_unknown_attribute.bin", b.bare_request({.extra_attribute = 0x0030})},
      {"short_integrity.bin", b.short_integrity_request()},
      {"indication.bin", b.indication()},
  };
}

std::vector<std::uint8_t> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class FuzzSeeds : public AgentTest {};

TEST_F(FuzzSeeds, StoredSeedsGetTheAnswersTheyWereMadeFor) {
  const auto seeds = make_seeds();
  if (std::getenv("RTCSIP_WRITE_STUN_SEEDS") != nullptr) {
    std::filesystem::create_directories(kSeedDir);
    for (const auto& [name, bytes] : seeds) {
      std::ofstream(kSeedDir / name, std::ios::binary)
          .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    }
  }
  const std::map<std::string, StunOutcome> expected = {
      {"check.bin", StunOutcome::answered},
      {"check_use_candidate.bin", StunOutcome::answered},
      {"check_controlled.bin", StunOutcome::rejected_role_conflict},
      {"check_wrong_password.bin", StunOutcome::rejected_unauthorized},
      {"check_wrong_ufrag.bin", StunOutcome::rejected_unauthorized},
      {"check_no_username.bin", StunOutcome::rejected_bad_request},
      {"check_no_role.bin", StunOutcome::rejected_bad_request},
      {"check_unknown_attribute.bin", StunOutcome::rejected_unknown_attribute},
      {"short_integrity.bin", StunOutcome::dropped},
      {"indication.bin", StunOutcome::ignored},
  };
  for (const auto& [name, outcome] : expected) {
    const auto stored = read_file(kSeedDir / name);
    ASSERT_FALSE(stored.empty()) << name << " is missing: run with RTCSIP_WRITE_STUN_SEEDS=1";
    EXPECT_EQ(deliver(stored, peer), outcome) << name;
  }
}

}  // namespace
}  // namespace rtcsip::media::ice::test
