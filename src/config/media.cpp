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
  in.string("stun_server", out.stun_server);
  if (!out.stun_server.empty() && out.ice != IceMode::full) {
    in.error("stun_server", "is used only with ice: full");
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
