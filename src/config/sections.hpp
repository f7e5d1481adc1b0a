#pragma once
// One reader per top-level section of the configuration file.
#include "reader.hpp"

namespace rtcsip::config::detail {

void read_listeners(MapReader& root, std::vector<Listener>& out);
void read_sip(MapReader& root, SipSettings& out);
void read_media(MapReader& root, MediaSettings& out);
void read_auth(MapReader& root, AuthSettings& out);
void read_users(MapReader& root, std::vector<User>& out);
void read_trunks(MapReader& root, std::vector<Trunk>& out);
void read_routes(MapReader& root, std::vector<Route>& out);
void read_limits(MapReader& root, Limits& out);
void read_logging(MapReader& root, LoggingSettings& out);
void read_metrics(MapReader& root, MetricsSettings& out);

// Checks across sections: duplicate listeners, readable files, names that
// routes refer to, unique names.
void validate(const Config& config, Diagnostics& diags);

// Calls fn(MapReader&, index) for each entry of a list-valued key.
template <class Fn>
void for_each_entry(MapReader& root, std::string_view key, Fn fn) {
  auto list = root.child(key);
  if (!list) return;
  if (!list->IsSequence()) {
    root.error(key, "expected a list");
    return;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    MapReader entry((*list)[i], root.key_path(key) + "[" + std::to_string(i) + "]", root.diags(),
                    root.location_of(key));
    if (entry.ok()) fn(entry, i);
    entry.finish();
  }
}

extern const std::pair<std::string_view, Transport> kTransportNames[5];
extern const std::pair<std::string_view, SrtpMode> kSrtpNames[3];
extern const std::pair<std::string_view, Codec> kCodecNames[4];

}  // namespace rtcsip::config::detail
