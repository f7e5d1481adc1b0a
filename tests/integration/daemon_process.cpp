#include "daemon_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace rtcsip::test {
namespace {

using Clock = std::chrono::steady_clock;

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

pid_t spawn(std::string binary, const std::vector<std::string>& args, const std::filesystem::path& out,
            const std::filesystem::path& err) {
  std::vector<char*> argv;
  argv.push_back(binary.data());
  std::vector<std::string> copy = args;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out == err) {
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
  } else {
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  }
  pid_t pid = -1;
  const int rc = binary.find('/') == std::string::npos
                     ? posix_spawnp(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ)
                     : posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + binary);
  return pid;
}

std::optional<Exit> reap(pid_t pid, std::chrono::milliseconds limit) {
  const auto deadline = Clock::now() + limit;
  for (;;) {
    int status = 0;
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      Exit e;
      if (WIFEXITED(status)) e.code = WEXITSTATUS(status);
      if (WIFSIGNALED(status)) e.signal = WTERMSIG(status);
      return e;
    }
    if (Clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

Exit run_rtcsipd(const std::vector<std::string>& args, std::chrono::milliseconds limit) {
  return run_program(RTCSIPD_BINARY, args, limit);
}

Exit run_program(const std::string& binary, const std::vector<std::string>& args,
                 std::chrono::milliseconds limit) {
  static int runs = 0;
  const auto dir = std::filesystem::temp_directory_path();
  const std::string stem = "rtcsipd-run-" + std::to_string(::getpid()) + "-" + std::to_string(runs++);
  const auto out = dir / (stem + ".out");
  const auto err = dir / (stem + ".err");
  const pid_t pid = spawn(binary, args, out, err);
  auto exit = reap(pid, limit);
  if (!exit) {
    ::kill(pid, SIGKILL);
    exit = reap(pid, std::chrono::seconds(5));
    exit->code = -1;
  }
  exit->out = read_file(out);
  exit->err = read_file(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return *exit;
}

Daemon::Daemon(const std::vector<std::string>& args, const std::filesystem::path& dir)
    : out_file_(dir / "rtcsipd.log") {
  // stdout and stderr both go to one file, in the order written.
  pid_ = spawn(RTCSIPD_BINARY, args, dir / "rtcsipd.stdout", out_file_);
}

Daemon::Daemon(const std::string& binary, const std::vector<std::string>& args,
               const std::filesystem::path& dir, const std::string& name)
    : out_file_(dir / (name + ".log")) {
  pid_ = spawn(binary, args, out_file_, out_file_);
}

Daemon::~Daemon() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    reap(pid_, std::chrono::seconds(5));
  }
}

void Daemon::signal(int signo) const { ::kill(pid_, signo); }

std::string Daemon::output() const { return pid_ > 0 ? read_file(out_file_) : last_output_; }

std::optional<std::vector<std::string>> Daemon::wait_for(const std::string& pattern, std::size_t from,
                                                         std::chrono::milliseconds limit) {
  const std::regex re(pattern);
  const auto deadline = Clock::now() + limit;
  auto search = [&](const std::string& text) -> std::optional<std::vector<std::string>> {
    std::smatch m;
    if (from > text.size() ||
        !std::regex_search(text.cbegin() + static_cast<long>(from), text.cend(), m, re)) {
      return std::nullopt;
    }
    std::vector<std::string> groups;
    for (const auto& g : m) groups.push_back(g.str());
    return groups;
  };
  for (;;) {
    if (auto found = search(output())) return found;
    if (Clock::now() >= deadline || pid_ <= 0) return std::nullopt;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {  // exited: one last look
      last_output_ = read_file(out_file_);
      pid_ = -1;
      return search(last_output_);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::optional<Exit> Daemon::wait_exit(std::chrono::milliseconds limit) {
  if (pid_ <= 0) return std::nullopt;
  auto exit = reap(pid_, limit);
  if (exit) {
    last_output_ = read_file(out_file_);
    exit->err = last_output_;
    pid_ = -1;
  }
  return exit;
}

unsigned short free_port() {
  for (int attempt = 0; attempt < 50; ++attempt) {
    int tcp = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    ::bind(tcp, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::getsockname(tcp, reinterpret_cast<sockaddr*>(&a), &len);
    int udp = ::socket(AF_INET, SOCK_DGRAM, 0);
    const bool ok = ::bind(udp, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(udp);
    ::close(tcp);
    if (ok) return ntohs(a.sin_port);
  }
  throw std::runtime_error("no free port");
}

}  // namespace rtcsip::test
