#include "sections.hpp"

namespace rtcsip::config::detail {

void read_media(MapReader& root, MediaSettings& out) {
  MapReader in(root.child("media").value_or(YAML::Node()), "media", root.diags(), root.location());
  static constexpr std::pair<std::string_view, IceMode> kIce[] = {{"lite", IceMode::lite},
                                                                  {"full", IceMode::full}};
  in.ip_address("bind_address", out.bind_address);
  in.ip_address("advertised_address", out.advertised_address);
  in.number("port_min", out.port_min, 1024, 65535);
  in.number("port_max", out.port_max, 1024, 65535);
  if (out.port_min > out.port_max) {
    in.error("port_max", "must not be lower than port_min (" + std::to_string(out.port_min) + ")");
  } else if (out.port_max - out.port_min < 3) {
    in.error("port_max", "the port range must hold at least 4 ports");
  }
  in.number("workers", out.workers, 0, 256);
  in.enumeration<IceMode>("ice", out.ice, kIce);
  in.number("shared_port", out.shared_port, 0, 65535);
  if (out.shared_port != 0 && out.shared_port < 1024) {
    in.error("shared_port",
             "must be 0 (off) or between 1024 and 65535, got " + std::to_string(out.shared_port));
  } else if (out.shared_port != 0 && out.ice != IceMode::lite) {
    in.error("shared_port", "is used only with ice: lite (libnice opens its own sockets)");
  } else if (out.shared_port >= out.port_min && out.shared_port <= out.port_max) {
    in.error("shared_port", "must lie outside port_min..port_max (" + std::to_string(out.port_min) + ".." +
                                std::to_string(out.port_max) + ")");
  }
  in.string("stun_server", out.stun_server);
  if (!out.stun_server.empty() && out.ice != IceMode::full) {
    in.error("stun_server", "is used only with ice: full");
  }
  in.string("turn_server", out.turn_server);
  in.string("turn_username", out.turn_username);
  in.string("turn_password", out.turn_password);
  if (!out.turn_server.empty() && out.ice != IceMode::full) {
    in.error("turn_server", "is used only with ice: full");
  } else if (!out.turn_server.empty() && (out.turn_username.empty() || out.turn_password.empty())) {
    in.error("turn_server", "needs turn_username and turn_password");
  } else if (out.turn_server.empty() && (!out.turn_username.empty() || !out.turn_password.empty())) {
    in.error(out.turn_username.empty() ? "turn_password" : "turn_username", "is used only with turn_server");
  }
  if (in.enum_list<Codec>("codecs", out.codecs, kCodecNames) && out.codecs.empty()) {
    in.error("codecs", "at least one codec is needed");
  }
  in.enumeration<SrtpMode>("srtp", out.srtp, kSrtpNames);
  if (auto opus = in.child("opus")) {
    MapReader o(*opus, in.key_path("opus"), in.diags(), in.location());
    o.number("complexity", out.opus.complexity, 0, 10);
    o.number("bitrate", out.opus.bitrate, 6000, 510000);
    o.boolean("fec", out.opus.fec);
    o.finish();
  }
  in.finish();
}

}  // namespace rtcsip::config::detail
