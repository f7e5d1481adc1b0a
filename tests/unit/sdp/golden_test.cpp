// Golden round trips: every real-world SDP under tests/data/sdp/golden is
// parsed, serialized and compared whole to the file (RFC 8866 §5 order, CRLF).
#include <gtest/gtest.h>

#include "rtcsip/sdp/parser.hpp"
#include "sdp_test_support.hpp"

namespace rtcsip::sdp {
namespace {

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, SerializeOfParseGivesTheFileBack) {
  const auto text = test::golden(GetParam());
  ASSERT_FALSE(text.empty());
  const auto sdp = parse(text);
  ASSERT_TRUE(sdp.ok()) << sdp.error().reason << " at line " << sdp.error().line;
  EXPECT_EQ(serialize(*sdp), text);
}

TEST_P(GoldenTest, ParseOfSerializeGivesTheSameModel) {
  const auto sdp = parse(test::golden(GetParam()));
  ASSERT_TRUE(sdp.ok());
  const auto again = parse(serialize(*sdp));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *sdp);
}

TEST_P(GoldenTest, BareLineFeedsGiveTheSameModel) {
  auto text = test::golden(GetParam());
  const auto sdp = parse(text);
  ASSERT_TRUE(sdp.ok());
  std::erase(text, '\r');
  const auto lf = parse(text);
  ASSERT_TRUE(lf.ok()) << lf.error().reason << " at line " << lf.error().line;
  EXPECT_EQ(*lf, *sdp);
}

INSTANTIATE_TEST_SUITE_P(Sdp, GoldenTest, ::testing::ValuesIn(test::golden_names()),
                         [](const auto& info) { return info.param; });

TEST(GoldenFiles, AtLeastTwentyWithCrlfEndings) {
  const auto names = test::golden_names();
  EXPECT_GE(names.size(), 20U);
  for (const auto& name : names) {
    const auto text = test::golden(name);
    ASSERT_GE(text.size(), 2U) << name;
    EXPECT_EQ(text.substr(text.size() - 2), "\r\n") << name;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') {
        EXPECT_TRUE(i > 0 && text[i - 1] == '\r') << name << " has a bare LF at byte " << i;
      }
    }
  }
}

}  // namespace
}  // namespace rtcsip::sdp
