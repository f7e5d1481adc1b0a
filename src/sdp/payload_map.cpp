// The payload types of one leg's m= section mapped to the other leg's, so the
// relay can rewrite the PT of each packet it forwards.
#include <algorithm>

#include "rtcsip/sdp/offer_answer.hpp"

namespace rtcsip::sdp {

void PayloadMap::set(std::uint8_t from, std::uint8_t to) {
  if (from < to_.size() && to < to_.size()) to_[from] = to;
}

std::optional<std::uint8_t> PayloadMap::lookup(std::uint8_t from) const {
  if (from >= to_.size() || to_[from] < 0) return std::nullopt;
  return static_cast<std::uint8_t>(to_[from]);
}

std::size_t PayloadMap::size() const {
  return static_cast<std::size_t>(
      std::count_if(to_.begin(), to_.end(), [](std::int16_t v) { return v >= 0; }));
}

PayloadMap map_payload_types(const MediaDescription& from, const MediaDescription& to) {
  PayloadMap map;
  const auto targets = payload_types(to);
  for (const auto pt : payload_types(from)) {
    const auto codec = codec_of(from, pt);
    if (!codec) continue;
    for (const auto target : targets) {
      const auto other = codec_of(to, target);
      if (other && same_codec(*codec, *other)) {
        map.set(pt, target);
        break;
      }
    }
  }
  return map;
}

}  // namespace rtcsip::sdp
