#pragma once
// Runs the real rtcsipd binary for integration tests: its output goes to a
// file that tests read, signals go to its PID, and every wait is bounded.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace rtcsip::test {

struct Exit {
  int code = -1;  // exit status, or -1 when killed by a signal
  int signal = 0;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs rtcsipd to completion (bounded by `limit`).
Exit run_rtcsipd(const std::vector<std::string>& args,
                 std::chrono::milliseconds limit = std::chrono::seconds(20));
// Runs any program to completion (bounded by `limit`); it is killed at the limit.
Exit run_program(const std::string& binary, const std::vector<std::string>& args,
                 std::chrono::milliseconds limit);

class Daemon {
 public:
  Daemon(const std::vector<std::string>& args, const std::filesystem::path& dir);
  // Another program, with its stdout and stderr in <dir>/<name>.log.
  Daemon(const std::string& binary, const std::vector<std::string>& args, const std::filesystem::path& dir,
         const std::string& name);
  ~Daemon();  // kills it if still running
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  [[nodiscard]] pid_t pid() const { return pid_; }
  void signal(int signo) const;
  // Waits until the combined output matches `pattern` (searched from
  // `from`, a byte offset); returns the whole match and its groups, or
  // nothing on timeout or exit.
  std::optional<std::vector<std::string>> wait_for(
      const std::string& pattern, std::size_t from = 0,
      std::chrono::milliseconds limit = std::chrono::seconds(15));
  // Waits for the process to end; nothing when it is still running at `limit`.
  std::optional<Exit> wait_exit(std::chrono::milliseconds limit);
  [[nodiscard]] std::string output() const;

 private:
  pid_t pid_ = -1;
  std::filesystem::path out_file_;
  std::string last_output_;
};

// A port number free on 127.0.0.1 for both TCP and UDP right now.
unsigned short free_port();

}  // namespace rtcsip::test
