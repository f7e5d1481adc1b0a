#include "rtcsip/media/ice/stun_demux.hpp"

#include "stun_wire.hpp"

namespace rtcsip::media::ice {

bool looks_like_stun(std::span<const std::uint8_t> datagram) { return wire::is_framed_message(datagram); }

std::optional<std::string_view> stun_local_ufrag(std::span<const std::uint8_t> datagram) {
  if (!wire::is_framed_message(datagram) || wire::read16(datagram.data()) != wire::kBindingRequest) {
    return std::nullopt;
  }
  std::span<const std::uint8_t> username;
  bool found = false;
  wire::for_each_attribute(datagram, [&](std::uint16_t type, std::span<const std::uint8_t> value) {
    // RFC 8489 §14.5: what follows MESSAGE-INTEGRITY is not covered by it.
    if (type == wire::kAttrMessageIntegrity) return false;
    if (type != wire::kAttrUsername) return true;
    username = value;
    found = true;
    return false;
  });
  if (!found) return std::nullopt;
  const std::string_view text(reinterpret_cast<const char*>(username.data()), username.size());
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) return std::nullopt;
  return text.substr(0, colon);
}

}  // namespace rtcsip::media::ice
