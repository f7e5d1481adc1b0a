#include "rtcsip/media/relay/payload_type_map.hpp"

namespace rtcsip::media::relay {

bool PayloadTypeMap::add(std::uint8_t from, std::uint8_t to) noexcept {
  if (from >= table_.size() || to >= table_.size()) return false;
  table_[from] = to;
  return true;
}

void PayloadTypeMap::remove(std::uint8_t from) noexcept {
  if (from < table_.size()) table_[from] = kUnmapped;
}

}  // namespace rtcsip::media::relay
