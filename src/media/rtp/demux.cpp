// Names for the demultiplexer's classes, for logs and counters.
#include "rtcsip/media/rtp/demux.hpp"

namespace rtcsip::media::rtp {

std::string_view to_string(DatagramKind kind) noexcept {
  switch (kind) {
    case DatagramKind::unknown:
      return "unknown";
    case DatagramKind::stun:
      return "stun";
    case DatagramKind::zrtp:
      return "zrtp";
    case DatagramKind::dtls:
      return "dtls";
    case DatagramKind::turn_channel:
      return "turn-channel";
    case DatagramKind::rtp_or_rtcp:
      return "rtp-or-rtcp";
  }
  return "unknown";
}

}  // namespace rtcsip::media::rtp
