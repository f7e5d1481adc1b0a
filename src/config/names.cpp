#include "rtcsip/config/config.hpp"
#include "sections.hpp"

namespace rtcsip::config {
namespace detail {

const std::pair<std::string_view, Transport> kTransportNames[5] = {{"udp", Transport::udp},
                                                                   {"tcp", Transport::tcp},
                                                                   {"tls", Transport::tls},
                                                                   {"ws", Transport::ws},
                                                                   {"wss", Transport::wss}};
const std::pair<std::string_view, SrtpMode> kSrtpNames[3] = {
    {"none", SrtpMode::none}, {"sdes", SrtpMode::sdes}, {"optional", SrtpMode::optional}};
const std::pair<std::string_view, Codec> kCodecNames[4] = {
    {"opus", Codec::opus}, {"g722", Codec::g722}, {"pcmu", Codec::pcmu}, {"pcma", Codec::pcma}};

}  // namespace detail

namespace {
template <class E, std::size_t N>
std::string_view name_of(const std::pair<std::string_view, E> (&names)[N], E value) {
  for (const auto& [n, v] : names) {
    if (v == value) return n;
  }
  return "?";
}
}  // namespace

std::string_view to_string(Transport t) { return name_of(detail::kTransportNames, t); }
std::string_view to_string(SrtpMode m) { return name_of(detail::kSrtpNames, m); }
std::string_view to_string(Codec c) { return name_of(detail::kCodecNames, c); }
std::string_view to_string(IceMode m) { return m == IceMode::lite ? "lite" : "full"; }

std::uint16_t default_port(Transport t) {
  switch (t) {
    case Transport::udp:
    case Transport::tcp:
      return 5060;
    case Transport::tls:
      return 5061;
    case Transport::ws:
      return 8080;
    case Transport::wss:
      return 7443;
  }
  return 5060;
}

bool is_stream(Transport t) { return t != Transport::udp; }
bool is_secure(Transport t) { return t == Transport::tls || t == Transport::wss; }

std::string Diagnostic::to_string() const {
  std::string out = location.file;
  if (location.line > 0) out += ":" + std::to_string(location.line) + ":" + std::to_string(location.column);
  out += ": ";
  if (!key_path.empty()) out += key_path + ": ";
  out += message;
  return out;
}

}  // namespace rtcsip::config
