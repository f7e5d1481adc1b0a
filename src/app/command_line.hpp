#pragma once
#include <string>
#include <variant>

namespace rtcsip::app {

inline constexpr const char* kDefaultConfigPath = "/etc/rtcsipd/rtcsipd.yaml";

struct Options {
  std::string config_path = kDefaultConfigPath;
  bool check_config = false;
  std::string log_level;  // empty: from the config file
};

// Exit codes of rtcsipd.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;    // start-up failed (a port could not be bound...)
inline constexpr int kExitBadConfig = 2;  // invalid configuration or command line

// Parses argv. Returns the options to run with, or the exit code when the
// command line was fully handled (--help, --version, a usage error).
std::variant<Options, int> parse_command_line(int argc, char** argv);

}  // namespace rtcsip::app
