#include "rtcsip/core/log.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace rlog = rtcsip::core::log;

namespace {

class LogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    file_ = std::filesystem::temp_directory_path() /
            ("rtcsip-log-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".log");
    std::filesystem::remove(file_);
  }
  void TearDown() override {
    rlog::configure(rlog::Settings{});  // back to the console only
    std::filesystem::remove(file_);
  }
  void use_file(rlog::Settings s) {
    s.file = file_.string();
    s.console = false;
    rlog::configure(s);
  }
  std::string contents() {
    for (auto module : rlog::module_names()) rlog::get(module).flush();
    std::ifstream in(file_);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  std::filesystem::path file_;
};

}  // namespace

TEST_F(LogTest, LinesCarryTimeLevelModuleAndCallId) {
  rlog::Settings s;
  s.level = spdlog::level::debug;
  use_file(s);
  rlog::get("sip").info("no call here");
  {
    rlog::CallScope scope("a84b4c76e66710@pc33.example.com");
    rlog::get("gateway").debug("ringing");
    {
      rlog::CallScope inner("second-call");
      rlog::get("media").warn("inner");
    }
    rlog::get("gateway").info("back to the first call");
  }
  rlog::get("sip").error("after");
  const std::string text = contents();
  const std::regex expected(
      R"(^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} info  \[sip\] no call here
\S+ \S+ debug \[gateway\] call=a84b4c76e66710@pc33\.example\.com ringing
\S+ \S+ warning \[media\] call=second-call inner
\S+ \S+ info  \[gateway\] call=a84b4c76e66710@pc33\.example\.com back to the first call
\S+ \S+ error \[sip\] after
$)");
  EXPECT_TRUE(std::regex_match(text, expected)) << text;
  EXPECT_EQ(rlog::current_call_id(), "");
}

TEST_F(LogTest, ModuleLevelsOverrideTheGlobalLevel) {
  rlog::Settings s;
  s.level = spdlog::level::warn;
  s.module_levels["sip"] = spdlog::level::debug;
  use_file(s);
  rlog::get("sip").debug("sip debug shown");
  rlog::get("media").info("media info hidden");
  rlog::get("media").warn("media warning shown");
  const std::string text = contents();
  EXPECT_NE(text.find("sip debug shown"), std::string::npos);
  EXPECT_EQ(text.find("media info hidden"), std::string::npos);
  EXPECT_NE(text.find("media warning shown"), std::string::npos);
}

TEST_F(LogTest, ReconfiguringKeepsHandedOutLoggersWorking) {
  auto& sip = rlog::get("sip");
  rlog::Settings s;
  s.level = spdlog::level::err;
  use_file(s);
  sip.info("hidden");
  s.level = spdlog::level::info;
  use_file(s);
  sip.info("shown after reload");
  const std::string text = contents();
  EXPECT_EQ(text.find("hidden"), std::string::npos);
  EXPECT_NE(text.find("shown after reload"), std::string::npos);
}

TEST_F(LogTest, UnknownModulesLogAsCore) {
  use_file(rlog::Settings{});
  rlog::get("nonsense").info("x");
  EXPECT_NE(contents().find("[core] x"), std::string::npos);
  EXPECT_TRUE(rlog::is_module("gateway"));
  EXPECT_FALSE(rlog::is_module("nonsense"));
}

TEST(LogLevels, ParseEveryNameAndRejectOthers) {
  EXPECT_EQ(rlog::parse_level("trace"), spdlog::level::trace);
  EXPECT_EQ(rlog::parse_level("debug"), spdlog::level::debug);
  EXPECT_EQ(rlog::parse_level("info"), spdlog::level::info);
  EXPECT_EQ(rlog::parse_level("warning"), spdlog::level::warn);
  EXPECT_EQ(rlog::parse_level("warn"), spdlog::level::warn);
  EXPECT_EQ(rlog::parse_level("error"), spdlog::level::err);
  EXPECT_EQ(rlog::parse_level("critical"), spdlog::level::critical);
  EXPECT_EQ(rlog::parse_level("off"), spdlog::level::off);
  EXPECT_FALSE(rlog::parse_level("verbose").has_value());
  EXPECT_FALSE(rlog::parse_level("INFO").has_value());
}

TEST(LogFile, AnUnopenableFileThrows) {
  // A directory in the path that is a plain file cannot be created.
  const auto blocker =
      std::filesystem::temp_directory_path() / ("rtcsip-blocker-" + std::to_string(::getpid()));
  std::ofstream(blocker) << "x";
  rlog::Settings s;
  s.file = (blocker / "rtcsipd.log").string();
  EXPECT_THROW(rlog::configure(s), spdlog::spdlog_ex);
  rlog::configure(rlog::Settings{});
  std::filesystem::remove(blocker);
}
