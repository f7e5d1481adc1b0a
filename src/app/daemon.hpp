#pragma once
// The running daemon: the signalling io_context, the media workers, the
// listeners, and the signals that stop it (SIGTERM, SIGINT) or reload its
// configuration (SIGHUP).
#include <filesystem>
#include <memory>

#include "command_line.hpp"
#include "rtcsip/config/config.hpp"

namespace rtcsip::app {

class Daemon {
 public:
  Daemon(Options options, config::Config config);
  ~Daemon();
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  // Starts everything and runs until stopped. Returns the exit code.
  int run();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Logging settings from a config file's logging section, with the command
// line's --log-level (if any) overriding every level.
void apply_logging(const config::LoggingSettings& settings, const std::string& override_level);

}  // namespace rtcsip::app
