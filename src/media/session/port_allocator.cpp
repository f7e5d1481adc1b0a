#include "rtcsip/media/session/port_allocator.hpp"

#include <algorithm>

namespace rtcsip::media {

PortAllocator::PortAllocator(std::uint16_t min, std::uint16_t max)
    : min_(min), used_(max >= min ? std::size_t{max} - min + 1 : 0, false) {}

std::vector<PortAllocator> PortAllocator::split(std::uint16_t min, std::uint16_t max, std::size_t count) {
  std::vector<PortAllocator> shares;
  if (count == 0) return shares;
  const std::size_t first = min + (min % 2);  // shares start on even ports
  const std::size_t total = max >= first ? std::size_t{max} - first + 1 : 0;
  // Even-sized shares keep every share's start even.
  const std::size_t share = total / count / 2 * 2;
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t begin = first + i * share;
    const std::size_t end = i + 1 == count ? std::size_t{max} + 1 : begin + share;  // the last takes the rest
    if (share == 0 && i + 1 != count) {
      shares.emplace_back(1, 0);  // empty
      continue;
    }
    shares.emplace_back(static_cast<std::uint16_t>(begin), static_cast<std::uint16_t>(end - 1));
  }
  return shares;
}

std::optional<std::uint16_t> PortAllocator::acquire() {
  for (std::size_t tried = 0; tried < used_.size(); ++tried) {
    const std::size_t index = (next_ + tried) % used_.size();
    if (!used_[index]) {
      used_[index] = true;
      ++in_use_;
      next_ = (index + 1) % used_.size();
      return static_cast<std::uint16_t>(min_ + index);
    }
  }
  return std::nullopt;
}

std::optional<std::uint16_t> PortAllocator::acquire_pair() {
  for (std::size_t tried = 0; tried < used_.size(); ++tried) {
    const std::size_t index = (next_ + tried) % used_.size();
    if ((min_ + index) % 2 != 0 || !free(index) || !free(index + 1)) continue;
    used_[index] = used_[index + 1] = true;
    in_use_ += 2;
    next_ = (index + 2) % used_.size();
    return static_cast<std::uint16_t>(min_ + index);
  }
  return std::nullopt;
}

void PortAllocator::release(std::uint16_t port) {
  if (port < min_) return;
  const std::size_t index = port - min_;
  if (index >= used_.size() || !used_[index]) return;
  used_[index] = false;
  --in_use_;
}

}  // namespace rtcsip::media
