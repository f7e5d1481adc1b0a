#pragma once
// The UDP ports of one media worker's calls, from its share of the
// configured range, so that no two workers ever hand out the same port and
// no lock is needed. Ports are handed out round the range (a port just
// released is the last to be reused, so late packets of an ended call do not
// reach the next one); the caller binds them and releases them when the call
// ends. A port the kernel refuses (taken by another process) is released and
// the next one tried.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace rtcsip::media {

class PortAllocator {
 public:
  // Ports min..max, both included (min <= max).
  PortAllocator(std::uint16_t min, std::uint16_t max);

  // `count` shares of min..max as even as possible, each starting on an even
  // port (RFC 3550 §11 pairs); a share may be empty when the range is small.
  static std::vector<PortAllocator> split(std::uint16_t min, std::uint16_t max, std::size_t count);

  // One free port.
  std::optional<std::uint16_t> acquire();
  // A free even port p with p + 1 free too (RTP and RTCP, RFC 3550 §11); both are taken.
  std::optional<std::uint16_t> acquire_pair();
  void release(std::uint16_t port);

  [[nodiscard]] std::size_t in_use() const noexcept { return in_use_; }
  [[nodiscard]] std::size_t size() const noexcept { return used_.size(); }
  [[nodiscard]] std::uint16_t min() const noexcept { return min_; }

 private:
  [[nodiscard]] bool free(std::size_t index) const { return index < used_.size() && !used_[index]; }

  std::uint16_t min_;
  std::vector<bool> used_;
  std::size_t next_ = 0;
  std::size_t in_use_ = 0;
};

}  // namespace rtcsip::media
