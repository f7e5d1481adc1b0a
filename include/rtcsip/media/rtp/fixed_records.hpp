#pragma once
// A run of fixed-size records inside a packet (RTCP report blocks, NACK
// items, FIR entries), iterated or indexed as views of type View<Byte>,
// which are built from a pointer to their Size bytes.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>

#include "rtcsip/media/rtp/byte_order.hpp"

namespace rtcsip::media::rtp {

template <WireByte Byte, std::size_t Size, template <class> class View>
class FixedRecords {
 public:
  class Iterator {
   public:
    using value_type = View<Byte>;
    using difference_type = std::ptrdiff_t;

    Iterator() = default;
    explicit Iterator(Byte* at) noexcept : at_(at) {}
    View<Byte> operator*() const noexcept { return View<Byte>(std::span<Byte, Size>(at_, Size)); }
    Iterator& operator++() noexcept {
      at_ += Size;
      return *this;
    }
    Iterator operator++(int) noexcept {
      Iterator before = *this;
      at_ += Size;
      return before;
    }
    bool operator==(const Iterator&) const noexcept = default;

   private:
    Byte* at_ = nullptr;
  };

  FixedRecords() = default;
  // `count` records of Size bytes each start at `data`.
  FixedRecords(Byte* data, std::size_t count) noexcept : data_(data), count_(count) {}

  std::size_t size() const noexcept { return count_; }
  bool empty() const noexcept { return count_ == 0; }
  // Precondition: i < size().
  View<Byte> operator[](std::size_t i) const noexcept {
    return View<Byte>(std::span<Byte, Size>(data_ + i * Size, Size));
  }
  Iterator begin() const noexcept { return Iterator(data_); }
  Iterator end() const noexcept { return Iterator(data_ + count_ * Size); }

 private:
  Byte* data_ = nullptr;
  std::size_t count_ = 0;
};

}  // namespace rtcsip::media::rtp
