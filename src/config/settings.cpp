#include "rtcsip/core/log.hpp"
#include "sections.hpp"

namespace rtcsip::config::detail {

void read_sip(MapReader& root, SipSettings& out) {
  MapReader in(root.child("sip").value_or(YAML::Node()), "sip", root.diags(), root.location());
  in.string("domain", out.domain);
  in.string("user_agent", out.user_agent);
  in.duration("t1", out.t1, Milliseconds{50}, Milliseconds{10'000});
  in.duration("t2", out.t2, Milliseconds{100}, Milliseconds{60'000});
  in.duration("t4", out.t4, Milliseconds{100}, Milliseconds{60'000});
  in.duration("session_expires", out.session_expires, Milliseconds{90'000}, Milliseconds{86'400'000});
  in.duration("min_se", out.min_se, Milliseconds{90'000}, Milliseconds{86'400'000});
  if (out.t2 < out.t1) in.error("t2", "must not be shorter than t1");
  if (out.session_expires < out.min_se) in.error("session_expires", "must not be shorter than min_se");
  in.finish();
}

void read_limits(MapReader& root, Limits& out) {
  MapReader in(root.child("limits").value_or(YAML::Node()), "limits", root.diags(), root.location());
  in.number("max_message_size", out.max_message_size, 1500, 16 * 1024 * 1024);
  in.number("max_connections", out.max_connections, 1, 1'000'000);
  in.number("max_connections_per_address", out.max_connections_per_address, 1, 1'000'000);
  in.number("max_calls", out.max_calls, 1, 1'000'000);
  in.duration("handshake_timeout", out.handshake_timeout, Milliseconds{100}, Milliseconds{300'000});
  in.duration("idle_timeout", out.idle_timeout, Milliseconds{1000}, Milliseconds{86'400'000});
  in.finish();
}

void read_logging(MapReader& root, LoggingSettings& out) {
  MapReader in(root.child("logging").value_or(YAML::Node()), "logging", root.diags(), root.location());
  static constexpr std::pair<std::string_view, int> kLevels[] = {
      {"trace", 0}, {"debug", 0}, {"info", 0}, {"warning", 0}, {"error", 0}, {"critical", 0}, {"off", 0}};
  int unused = 0;
  if (auto level = in.child("level"); level && in.enumeration<int>("level", unused, kLevels)) {
    out.level = level->Scalar();
  }
  std::filesystem::path file;
  if (in.path("file", file)) out.file = file.string();
  if (auto modules = in.child("modules")) {
    MapReader m(*modules, in.key_path("modules"), in.diags(), in.location());
    for (std::string_view module : core::log::module_names()) {
      if (auto level = m.child(module); level && m.enumeration<int>(module, unused, kLevels)) {
        out.modules[std::string(module)] = level->Scalar();
      }
    }
    m.finish();
  }
  in.finish();
}

void read_metrics(MapReader& root, MetricsSettings& out) {
  MapReader in(root.child("metrics").value_or(YAML::Node()), "metrics", root.diags(), root.location());
  in.boolean("enabled", out.enabled);
  if (in.string("path", out.path) && (out.path.empty() || out.path[0] != '/')) {
    in.error("path", "must start with '/'");
  }
  in.finish();
}

}  // namespace rtcsip::config::detail
