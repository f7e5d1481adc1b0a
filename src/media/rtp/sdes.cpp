// SDES chunk walking (RFC 3550 §6.5): the only RTCP body whose size must be
// found by reading it.
#include "rtcsip/media/rtp/sdes.hpp"

namespace rtcsip::media::rtp::detail {

std::size_t sdes_chunk_size(std::span<const std::uint8_t> rest) noexcept {
  if (rest.size() < 4) return 0;
  std::size_t at = 4;  // past the SSRC/CSRC
  while (at < rest.size()) {
    if (rest[at] == 0) {
      // The null item ends the list; more nulls pad the chunk to 32 bits
      // (a chunk starts aligned, so aligning its size aligns the next one).
      const std::size_t size = (at + 1 + 3) & ~std::size_t{3};
      return size <= rest.size() ? size : 0;
    }
    if (rest.size() - at < 2) return 0;
    const std::size_t item = 2 + std::size_t{rest[at + 1]};
    if (rest.size() - at < item) return 0;
    at += item;
  }
  return 0;  // no null item before the end
}

bool sdes_chunks_fit(std::span<const std::uint8_t> body, std::size_t count) noexcept {
  for (; count > 0; --count) {
    const std::size_t size = sdes_chunk_size(body);
    if (size == 0) return false;
    body = body.subspan(size);
  }
  return true;
}

}  // namespace rtcsip::media::rtp::detail
