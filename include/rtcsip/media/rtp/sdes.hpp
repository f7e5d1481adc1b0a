#pragma once
// Source description, RTCP packet type 202 (RFC 3550 §6.5): SC chunks, each
// an SSRC/CSRC and a list of (type, length, text) items closed by null
// octets up to the next 32-bit boundary. parse() walks every chunk once, so
// iterating a parsed Sdes never leaves the packet.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>
#include <string_view>

#include "rtcsip/media/rtp/rtcp_packet.hpp"

namespace rtcsip::media::rtp {

// RFC 3550 §6.5 item types (§12.2).
enum class SdesItemType : std::uint8_t {
  end = 0,
  cname = 1,
  name = 2,
  email = 3,
  phone = 4,
  loc = 5,
  tool = 6,
  note = 7,
  priv = 8,
};

template <WireByte Byte>
struct BasicSdesItem {
  std::uint8_t type = 0;
  std::span<Byte> value;

  // Items are UTF-8 text (RFC 3550 §6.5); PRIV's value keeps its prefix.
  std::string_view text() const noexcept {
    return {reinterpret_cast<const char*>(value.data()), value.size()};
  }
};

namespace detail {

// Size of the chunk at the start of `rest`, its null octets and alignment
// included, or 0 when it runs past the end of `rest`.
std::size_t sdes_chunk_size(std::span<const std::uint8_t> rest) noexcept;

// True when `count` chunks fit in `body`.
bool sdes_chunks_fit(std::span<const std::uint8_t> body, std::size_t count) noexcept;

}  // namespace detail

template <WireByte Byte>
class BasicSdesChunk {
 public:
  using Item = BasicSdesItem<Byte>;

  class ItemIterator {
   public:
    using value_type = Item;
    using difference_type = std::ptrdiff_t;

    ItemIterator() = default;
    explicit ItemIterator(std::span<Byte> items) noexcept : items_(items) {}
    Item operator*() const noexcept {
      return {items_[offset_], items_.subspan(offset_ + 2, items_[offset_ + 1])};
    }
    ItemIterator& operator++() noexcept {
      offset_ += 2 + std::size_t{items_[offset_ + 1]};
      return *this;
    }
    void operator++(int) noexcept { ++*this; }
    // Ends at the null item; the bounds checks only guard a chunk that did
    // not come from parse().
    bool operator==(std::default_sentinel_t) const noexcept {
      return items_.size() - offset_ < 2 || items_[offset_] == 0 ||
             items_.size() - offset_ - 2 < items_[offset_ + 1];
    }

   private:
    std::span<Byte> items_;
    std::size_t offset_ = 0;
  };

  struct Items {
    std::span<Byte> bytes;
    ItemIterator begin() const noexcept { return ItemIterator(bytes); }
    std::default_sentinel_t end() const noexcept { return {}; }
  };

  // `bytes` is one whole chunk as sized by detail::sdes_chunk_size().
  explicit BasicSdesChunk(std::span<Byte> bytes) noexcept : bytes_(bytes) {}

  std::span<Byte> bytes() const noexcept { return bytes_; }
  std::uint32_t ssrc() const noexcept { return load_be32(bytes_.data()); }
  Items items() const noexcept { return {bytes_.subspan(4)}; }

  std::optional<std::span<Byte>> find(SdesItemType type) const noexcept {
    for (const Item item : items()) {
      if (item.type == static_cast<std::uint8_t>(type)) return item.value;
    }
    return std::nullopt;
  }
  // RFC 3550 §6.5.1: the canonical name that ties a source's streams together.
  std::optional<std::string_view> cname() const noexcept {
    if (const auto value = find(SdesItemType::cname)) {
      return std::string_view(reinterpret_cast<const char*>(value->data()), value->size());
    }
    return std::nullopt;
  }

  void set_ssrc(std::uint32_t ssrc) noexcept requires MutableWireByte<Byte> {
    store_be32(bytes_.data(), ssrc);
  }

 private:
  std::span<Byte> bytes_;
};

template <WireByte Byte>
class BasicSdes {
 public:
  using Chunk = BasicSdesChunk<Byte>;

  class ChunkIterator {
   public:
    using value_type = Chunk;
    using difference_type = std::ptrdiff_t;

    ChunkIterator() = default;
    ChunkIterator(std::span<Byte> rest, std::size_t count) noexcept : rest_(rest), left_(count) { load(); }
    Chunk operator*() const noexcept { return Chunk(rest_.first(size_)); }
    ChunkIterator& operator++() noexcept {
      rest_ = rest_.subspan(size_);
      --left_;
      load();
      return *this;
    }
    void operator++(int) noexcept { ++*this; }
    bool operator==(std::default_sentinel_t) const noexcept { return left_ == 0 || size_ == 0; }

   private:
    void load() noexcept { size_ = left_ == 0 ? 0 : detail::sdes_chunk_size(rest_); }

    std::span<Byte> rest_;
    std::size_t left_ = 0;
    std::size_t size_ = 0;
  };

  static std::optional<BasicSdes> parse(BasicRtcpPacket<Byte> packet) noexcept {
    if (!packet.is(RtcpType::sdes)) return std::nullopt;
    if (!detail::sdes_chunks_fit(packet.body(), packet.count())) return std::nullopt;
    return BasicSdes(packet.body(), packet.count());
  }

  std::size_t chunk_count() const noexcept { return count_; }
  ChunkIterator begin() const noexcept { return ChunkIterator(body_, count_); }
  std::default_sentinel_t end() const noexcept { return {}; }

 private:
  BasicSdes(std::span<Byte> body, std::size_t count) noexcept : body_(body), count_(count) {}

  std::span<Byte> body_;
  std::size_t count_;
};

using Sdes = BasicSdes<std::uint8_t>;
using ConstSdes = BasicSdes<const std::uint8_t>;
using SdesChunk = BasicSdesChunk<std::uint8_t>;
using ConstSdesChunk = BasicSdesChunk<const std::uint8_t>;

}  // namespace rtcsip::media::rtp
