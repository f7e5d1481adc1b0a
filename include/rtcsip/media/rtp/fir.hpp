#pragma once
// Full intra request (RFC 5104 §4.3.1): PSFB FMT 4. The media source SSRC
// of the common header is unused (§4.3.1.2: set to 0); each 8-byte FCI entry
// names the source asked for a decoder refresh and a command sequence number.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "rtcsip/media/rtp/feedback.hpp"
#include "rtcsip/media/rtp/fixed_records.hpp"

namespace rtcsip::media::rtp {

inline constexpr std::size_t kFirEntrySize = 8;

template <WireByte Byte>
class BasicFirEntry {
 public:
  explicit BasicFirEntry(std::span<Byte, kFirEntrySize> bytes) noexcept : p_(bytes.data()) {}

  std::uint32_t ssrc() const noexcept { return load_be32(p_); }
  // §4.3.1.1: the same number on a repeat, incremented for a new request.
  std::uint8_t sequence_number() const noexcept { return p_[4]; }

  void set_ssrc(std::uint32_t ssrc) noexcept requires MutableWireByte<Byte> { store_be32(p_, ssrc); }
  void set_sequence_number(std::uint8_t sequence) noexcept requires MutableWireByte<Byte> {
    p_[4] = sequence;
  }

 private:
  Byte* p_;
};

template <WireByte Byte>
class BasicFir : public BasicFeedbackMessage<Byte> {
 public:
  static std::optional<BasicFir> parse(BasicRtcpPacket<Byte> packet) noexcept {
    const auto fb = BasicFeedback<Byte>::parse(packet);
    if (!fb || !fb->is(PsfbFormat::fir) || !BasicFir::holds_records(*fb, kFirEntrySize)) return std::nullopt;
    return BasicFir(*fb);
  }

  FixedRecords<Byte, kFirEntrySize, BasicFirEntry> entries() const noexcept {
    return {this->fb_.fci().data(), this->fb_.fci().size() / kFirEntrySize};
  }

 private:
  using BasicFeedbackMessage<Byte>::BasicFeedbackMessage;
};

using Fir = BasicFir<std::uint8_t>;
using ConstFir = BasicFir<const std::uint8_t>;
using FirEntry = BasicFirEntry<std::uint8_t>;
using ConstFirEntry = BasicFirEntry<const std::uint8_t>;

}  // namespace rtcsip::media::rtp
