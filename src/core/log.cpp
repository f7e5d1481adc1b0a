#include "rtcsip/core/log.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/dist_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <vector>

namespace rtcsip::core::log {
namespace {

constexpr std::array<std::string_view, 8> kModules = {"app", "config", "core",    "sip",
                                                      "sdp", "media",  "gateway", "http"};

thread_local std::string t_call_id;

// %& in the pattern: "call=<id> " inside a CallScope, nothing outside one.
class CallIdFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg&, const std::tm&, spdlog::memory_buf_t& dest) override {
    if (t_call_id.empty()) return;
    constexpr std::string_view kPrefix = "call=";
    dest.append(kPrefix.data(), kPrefix.data() + kPrefix.size());
    dest.append(t_call_id.data(), t_call_id.data() + t_call_id.size());
    dest.push_back(' ');
  }
  std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<CallIdFlag>(); }
};

struct Registry {
  std::mutex mutex;
  std::shared_ptr<spdlog::sinks::dist_sink_mt> sink = std::make_shared<spdlog::sinks::dist_sink_mt>();
  std::array<std::shared_ptr<spdlog::logger>, kModules.size()> loggers;

  Registry() {
    auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    console->set_formatter(make_formatter());
    sink->set_sinks({console});
    for (std::size_t i = 0; i < kModules.size(); ++i) {
      loggers[i] = std::make_shared<spdlog::logger>(std::string(kModules[i]), sink);
      loggers[i]->set_level(spdlog::level::info);
      loggers[i]->flush_on(spdlog::level::warn);
    }
  }

  static std::unique_ptr<spdlog::formatter> make_formatter() {
    auto f = std::make_unique<spdlog::pattern_formatter>();
    f->add_flag<CallIdFlag>('&').set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ [%n] %&%v");
    return f;
  }
};

Registry& registry() {
  static Registry r;
  return r;
}

std::size_t index_of(std::string_view module) {
  auto it = std::find(kModules.begin(), kModules.end(), module);
  if (it == kModules.end()) return 2;  // core
  return static_cast<std::size_t>(it - kModules.begin());
}

}  // namespace

std::span<const std::string_view> module_names() { return kModules; }

bool is_module(std::string_view name) {
  return std::find(kModules.begin(), kModules.end(), name) != kModules.end();
}

std::optional<spdlog::level::level_enum> parse_level(std::string_view name) {
  using spdlog::level::level_enum;
  static constexpr std::array<std::pair<std::string_view, level_enum>, 8> kLevels = {{
      {"trace", level_enum::trace},
      {"debug", level_enum::debug},
      {"info", level_enum::info},
      {"warning", level_enum::warn},
      {"warn", level_enum::warn},
      {"error", level_enum::err},
      {"critical", level_enum::critical},
      {"off", level_enum::off},
  }};
  for (const auto& [n, level] : kLevels) {
    if (n == name) return level;
  }
  return std::nullopt;
}

void configure(const Settings& settings) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  std::vector<spdlog::sink_ptr> sinks;
  if (settings.console) sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  if (!settings.file.empty()) {
    sinks.push_back(std::make_shared<spdlog::sinks::basic_file_sink_mt>(settings.file));
  }
  for (auto& s : sinks) s->set_formatter(Registry::make_formatter());
  r.sink->set_sinks(std::move(sinks));
  for (std::size_t i = 0; i < kModules.size(); ++i) {
    auto it = settings.module_levels.find(kModules[i]);
    r.loggers[i]->set_level(it != settings.module_levels.end() ? it->second : settings.level);
  }
}

spdlog::logger& get(std::string_view module) { return *registry().loggers[index_of(module)]; }

CallScope::CallScope(std::string_view call_id) : previous_(std::move(t_call_id)) {
  t_call_id.assign(call_id);
}

CallScope::~CallScope() { t_call_id = std::move(previous_); }

std::string_view current_call_id() { return t_call_id; }

}  // namespace rtcsip::core::log
