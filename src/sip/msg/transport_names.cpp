#include "rtcsip/sip/transport.hpp"

namespace rtcsip::sip {

std::string_view via_name(TransportKind k) {
  switch (k) {
    case TransportKind::udp:
      return "UDP";
    case TransportKind::tcp:
      return "TCP";
    case TransportKind::tls:
      return "TLS";
    case TransportKind::ws:
      return "WS";
    case TransportKind::wss:
      return "WSS";
  }
  return "UDP";
}

}  // namespace rtcsip::sip
