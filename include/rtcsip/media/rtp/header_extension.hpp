#pragma once
// The RTP header extension block (RFC 3550 §5.3.1) and its RFC 8285
// elements. The block is a view into the packet: find() returns the bytes of
// an element in place, so a relay can read audio-level or patch
// abs-send-time without copying.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>

#include "rtcsip/media/rtp/byte_order.hpp"

namespace rtcsip::media::rtp {

// RFC 8285 §4.2: "defined by profile" 0xBEDE selects one-byte element headers.
inline constexpr std::uint16_t kOneByteExtensionProfile = 0xBEDE;
// RFC 8285 §4.3: 0x100 in the top 12 bits selects two-byte headers; the low
// 4 bits ("appbits") are application data.
inline constexpr std::uint16_t kTwoByteExtensionProfile = 0x1000;

enum class ExtensionForm : std::uint8_t {
  opaque,    // RFC 3550 §5.3.1 only: the data has no element structure we know
  one_byte,  // RFC 8285 §4.2: ids 1..14, 1..16 data bytes
  two_byte,  // RFC 8285 §4.3: ids 1..255, 0..255 data bytes
};

constexpr ExtensionForm extension_form(std::uint16_t profile) noexcept {
  if (profile == kOneByteExtensionProfile) return ExtensionForm::one_byte;
  if ((profile & 0xFFF0) == kTwoByteExtensionProfile) return ExtensionForm::two_byte;
  return ExtensionForm::opaque;
}

template <WireByte Byte>
struct BasicExtensionElement {
  std::uint8_t id = 0;
  std::span<Byte> data;
};

namespace detail {

enum class ElementStatus : std::uint8_t { element, end, malformed };

// One step of the element walk: the next element at or after an offset.
struct ElementStep {
  ElementStatus status = ElementStatus::end;
  std::uint8_t id = 0;
  std::uint16_t size = 0;         // data bytes of the element
  std::uint32_t data_offset = 0;  // from the start of the block's data
};

// Skips padding and returns the element that starts at or after `offset`, or
// `end` (no more elements, or RFC 8285 §4.2 id 15), or `malformed` (an
// element runs past the block, or a one-byte header with id 0 and a length).
ElementStep next_extension_element(std::span<const std::uint8_t> block, ExtensionForm form,
                                   std::size_t offset) noexcept;

}  // namespace detail

template <WireByte Byte>
class BasicHeaderExtension {
 public:
  using Element = BasicExtensionElement<Byte>;

  class Iterator {
   public:
    using value_type = Element;
    using difference_type = std::ptrdiff_t;

    Iterator() = default;
    Iterator(std::span<Byte> block, ExtensionForm form) noexcept : block_(block), form_(form) { step(0); }
    Element operator*() const noexcept { return {at_.id, block_.subspan(at_.data_offset, at_.size)}; }
    Iterator& operator++() noexcept {
      step(std::size_t{at_.data_offset} + at_.size);
      return *this;
    }
    void operator++(int) noexcept { ++*this; }
    bool operator==(std::default_sentinel_t) const noexcept {
      return at_.status != detail::ElementStatus::element;
    }

   private:
    void step(std::size_t offset) noexcept { at_ = detail::next_extension_element(block_, form_, offset); }

    std::span<Byte> block_;
    ExtensionForm form_ = ExtensionForm::opaque;
    detail::ElementStep at_;
  };

  BasicHeaderExtension(std::uint16_t profile, std::span<Byte> data) noexcept
      : data_(data), profile_(profile) {}

  std::uint16_t profile() const noexcept { return profile_; }
  ExtensionForm form() const noexcept { return extension_form(profile_); }
  // The extension data after the 4-byte block header, a multiple of 4 bytes.
  std::span<Byte> data() const noexcept { return data_; }

  // RFC 8285 elements in order; nothing for an opaque block. The walk stops
  // before an element that does not fit (see well_formed()).
  Iterator begin() const noexcept { return Iterator(data_, form()); }
  std::default_sentinel_t end() const noexcept { return {}; }

  // The data of the first element with this id. An empty span is a valid
  // zero-length two-byte element, hence the optional.
  std::optional<std::span<Byte>> find(std::uint8_t id) const noexcept {
    if (id == 0) return std::nullopt;  // RFC 8285 §4.2, §4.3: 0 is padding, never an id
    for (const Element e : *this) {
      if (e.id == id) return e.data;
    }
    return std::nullopt;
  }

  // True when the elements fill the block up to padding or an id-15
  // terminator; false when one runs past the end or has a bad header.
  bool well_formed() const noexcept {
    const std::span<const std::uint8_t> block(data_.data(), data_.size());
    detail::ElementStep at = detail::next_extension_element(block, form(), 0);
    while (at.status == detail::ElementStatus::element) {
      at = detail::next_extension_element(block, form(), std::size_t{at.data_offset} + at.size);
    }
    return at.status == detail::ElementStatus::end;
  }

 private:
  std::span<Byte> data_;
  std::uint16_t profile_ = 0;
};

using HeaderExtension = BasicHeaderExtension<std::uint8_t>;
using ConstHeaderExtension = BasicHeaderExtension<const std::uint8_t>;

}  // namespace rtcsip::media::rtp
