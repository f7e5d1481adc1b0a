// RFC 8285 extension element walk, shared by every view of an extension block.
#include "rtcsip/media/rtp/header_extension.hpp"

namespace rtcsip::media::rtp::detail {

namespace {

constexpr std::uint8_t kOneByteTerminatorId = 15;

ElementStep element(std::uint8_t id, std::size_t size, std::size_t data_offset) noexcept {
  return {ElementStatus::element, id, static_cast<std::uint16_t>(size),
          static_cast<std::uint32_t>(data_offset)};
}

constexpr ElementStep stop(ElementStatus status) noexcept { return {status, 0, 0, 0}; }

ElementStep next_one_byte(std::span<const std::uint8_t> block, std::size_t offset) noexcept {
  for (; offset < block.size(); ++offset) {
    if (block[offset] == 0) continue;  // §4.1: padding octets are zero
    const std::uint8_t id = block[offset] >> 4;
    const std::size_t size = std::size_t{block[offset] & 0x0Fu} + 1;  // §4.2: length is size minus one
    // §4.2: id 15 ends processing of the whole block; what came before stands.
    if (id == kOneByteTerminatorId) return stop(ElementStatus::end);
    // Id 0 is padding only as a zero octet; with a length it is garbage.
    if (id == 0) return stop(ElementStatus::malformed);
    if (block.size() - offset - 1 < size) return stop(ElementStatus::malformed);
    return element(id, size, offset + 1);
  }
  return stop(ElementStatus::end);
}

ElementStep next_two_byte(std::span<const std::uint8_t> block, std::size_t offset) noexcept {
  for (; offset < block.size(); ++offset) {
    if (block[offset] == 0) continue;  // §4.3: a zero id octet is one byte of padding
    if (block.size() - offset < 2) return stop(ElementStatus::malformed);
    const std::size_t size = block[offset + 1];  // §4.3: 0..255 bytes, zero allowed
    if (block.size() - offset - 2 < size) return stop(ElementStatus::malformed);
    return element(block[offset], size, offset + 2);
  }
  return stop(ElementStatus::end);
}

}  // namespace

ElementStep next_extension_element(std::span<const std::uint8_t> block, ExtensionForm form,
                                   std::size_t offset) noexcept {
  switch (form) {
    case ExtensionForm::one_byte:
      return next_one_byte(block, offset);
    case ExtensionForm::two_byte:
      return next_two_byte(block, offset);
    case ExtensionForm::opaque:
      break;
  }
  return stop(ElementStatus::end);
}

}  // namespace rtcsip::media::rtp::detail
