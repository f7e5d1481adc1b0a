#pragma once
// Receiver report, RTCP packet type 201 (RFC 3550 §6.4.2): the reporter's
// SSRC, RC report blocks, then profile-specific extension.
#include <cstddef>
#include <cstdint>
#include <optional>

#include "rtcsip/media/rtp/report_packet.hpp"

namespace rtcsip::media::rtp {

template <WireByte Byte>
class BasicReceiverReport : public BasicReportPacket<Byte, RtcpType::rr, 4> {  // SSRC of packet sender
  using Base = BasicReportPacket<Byte, RtcpType::rr, 4>;

 public:
  static std::optional<BasicReceiverReport> parse(BasicRtcpPacket<Byte> packet) noexcept {
    if (!Base::holds_reports(packet)) return std::nullopt;
    return BasicReceiverReport(packet);
  }

 private:
  using Base::Base;
};

using ReceiverReport = BasicReceiverReport<std::uint8_t>;
using ConstReceiverReport = BasicReceiverReport<const std::uint8_t>;

}  // namespace rtcsip::media::rtp
