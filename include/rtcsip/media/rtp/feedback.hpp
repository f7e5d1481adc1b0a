#pragma once
// The common layout of RTCP feedback (RFC 4585 §6.1): transport-layer
// (RTPFB, 205) and payload-specific (PSFB, 206) messages, FMT in the count
// field, then the sender's SSRC, the media source's SSRC and the FCI.
// Formats this module does not break down (TMMBR, RFC 8888, transport-cc,
// SLI, RPSI...) are read through fci() as opaque bytes.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "rtcsip/media/rtp/rtcp_packet.hpp"

namespace rtcsip::media::rtp {

enum class RtpfbFormat : std::uint8_t {
  nack = 1,           // RFC 4585 §6.2.1 generic NACK
  tmmbr = 3,          // RFC 5104 §4.2.1
  tmmbn = 4,          // RFC 5104 §4.2.2
  ccfb = 11,          // RFC 8888 congestion control feedback
  transport_cc = 15,  // draft-holmer-rmcat-transport-wide-cc-extensions
};

enum class PsfbFormat : std::uint8_t {
  pli = 1,   // RFC 4585 §6.3.1
  sli = 2,   // RFC 4585 §6.3.2
  rpsi = 3,  // RFC 4585 §6.3.3
  fir = 4,   // RFC 5104 §4.3.1
  afb = 15,  // RFC 4585 §6.4, application layer feedback (REMB lives here)
};

template <WireByte Byte>
class BasicFeedback {
 public:
  static constexpr std::size_t kFixedBodySize = 8;  // sender SSRC + media source SSRC

  static std::optional<BasicFeedback> parse(BasicRtcpPacket<Byte> packet) noexcept {
    if (!packet.is(RtcpType::rtpfb) && !packet.is(RtcpType::psfb)) return std::nullopt;
    if (packet.body().size() < kFixedBodySize) return std::nullopt;
    return BasicFeedback(packet.body(), packet.type(), packet.count());
  }

  RtcpType type() const noexcept { return static_cast<RtcpType>(type_); }
  std::uint8_t format() const noexcept { return format_; }
  bool is(RtpfbFormat f) const noexcept {
    return type_ == static_cast<std::uint8_t>(RtcpType::rtpfb) && format_ == static_cast<std::uint8_t>(f);
  }
  bool is(PsfbFormat f) const noexcept {
    return type_ == static_cast<std::uint8_t>(RtcpType::psfb) && format_ == static_cast<std::uint8_t>(f);
  }

  std::uint32_t sender_ssrc() const noexcept { return load_be32(body_.data()); }
  std::uint32_t media_ssrc() const noexcept { return load_be32(body_.data() + 4); }
  // Feedback control information, FMT-specific.
  std::span<Byte> fci() const noexcept { return body_.subspan(kFixedBodySize); }

  void set_sender_ssrc(std::uint32_t ssrc) noexcept requires MutableWireByte<Byte> {
    store_be32(body_.data(), ssrc);
  }
  void set_media_ssrc(std::uint32_t ssrc) noexcept requires MutableWireByte<Byte> {
    store_be32(body_.data() + 4, ssrc);
  }

 private:
  BasicFeedback(std::span<Byte> body, std::uint8_t type, std::uint8_t format) noexcept
      : body_(body), type_(type), format_(format) {}

  std::span<Byte> body_;
  std::uint8_t type_;
  std::uint8_t format_;
};

using Feedback = BasicFeedback<std::uint8_t>;
using ConstFeedback = BasicFeedback<const std::uint8_t>;

// Base of the views of one feedback format (Nack, Pli, Fir, Remb): each
// keeps the common header in reach for the relay's SSRC writers.
template <WireByte Byte>
class BasicFeedbackMessage {
 public:
  BasicFeedback<Byte> feedback() const noexcept { return fb_; }
  std::uint32_t sender_ssrc() const noexcept { return fb_.sender_ssrc(); }
  std::uint32_t media_ssrc() const noexcept { return fb_.media_ssrc(); }

 protected:
  explicit BasicFeedbackMessage(const BasicFeedback<Byte>& fb) noexcept : fb_(fb) {}

  // An FCI of one or more records of `size` bytes (NACK items, FIR entries).
  static bool holds_records(const BasicFeedback<Byte>& fb, std::size_t size) noexcept {
    return !fb.fci().empty() && fb.fci().size() % size == 0;
  }

  BasicFeedback<Byte> fb_;
};

}  // namespace rtcsip::media::rtp
