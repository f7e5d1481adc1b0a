#pragma once
// Logging: one spdlog logger per module, all writing to the same sinks
// (console and an optional file), each with its own level. A CallScope puts a
// call id into every line logged on its thread while it lives.
#include <spdlog/logger.h>

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace rtcsip::core::log {

struct Settings {
  spdlog::level::level_enum level = spdlog::level::info;
  std::map<std::string, spdlog::level::level_enum, std::less<>> module_levels;
  std::string file;  // empty: no log file
  bool console = true;
};

// The module names a logger exists for.
std::span<const std::string_view> module_names();
bool is_module(std::string_view name);
// "trace", "debug", "info", "warning"/"warn", "error", "critical", "off".
std::optional<spdlog::level::level_enum> parse_level(std::string_view name);

// Sets up sinks and levels. Safe to call again (reload): loggers already handed
// out keep working and pick up the new sinks and levels. Throws
// spdlog::spdlog_ex when the log file cannot be opened.
void configure(const Settings& settings);

// The logger of a module (one of module_names(); anything else gets "core").
spdlog::logger& get(std::string_view module);

// Tags the lines logged on this thread with a call id while it lives.
class CallScope {
 public:
  explicit CallScope(std::string_view call_id);
  ~CallScope();
  CallScope(const CallScope&) = delete;
  CallScope& operator=(const CallScope&) = delete;

 private:
  std::string previous_;
};

std::string_view current_call_id();

}  // namespace rtcsip::core::log
