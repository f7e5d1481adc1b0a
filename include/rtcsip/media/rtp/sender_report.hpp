#pragma once
// Sender report, RTCP packet type 200 (RFC 3550 §6.4.1): the sender's SSRC,
// 20 bytes of sender info, RC report blocks, then profile-specific extension.
#include <cstddef>
#include <cstdint>
#include <optional>

#include "rtcsip/media/rtp/report_packet.hpp"

namespace rtcsip::media::rtp {

template <WireByte Byte>
class BasicSenderReport : public BasicReportPacket<Byte, RtcpType::sr, 24> {  // SSRC + sender info
  using Base = BasicReportPacket<Byte, RtcpType::sr, 24>;

 public:
  static std::optional<BasicSenderReport> parse(BasicRtcpPacket<Byte> packet) noexcept {
    if (!Base::holds_reports(packet)) return std::nullopt;
    return BasicSenderReport(packet);
  }

  // NTP timestamp, 32.32 fixed point seconds since 1900.
  std::uint64_t ntp_timestamp() const noexcept { return load_be64(this->body_.data() + 4); }
  std::uint32_t rtp_timestamp() const noexcept { return load_be32(this->body_.data() + 12); }
  std::uint32_t packet_count() const noexcept { return load_be32(this->body_.data() + 16); }
  std::uint32_t octet_count() const noexcept { return load_be32(this->body_.data() + 20); }

  // A relay that offsets RTP timestamps must offset the one that pairs them
  // with wallclock time here too, or lip sync at the receiver breaks.
  void set_rtp_timestamp(std::uint32_t timestamp) noexcept requires MutableWireByte<Byte> {
    store_be32(this->body_.data() + 12, timestamp);
  }

 private:
  using Base::Base;
};

using SenderReport = BasicSenderReport<std::uint8_t>;
using ConstSenderReport = BasicSenderReport<const std::uint8_t>;

}  // namespace rtcsip::media::rtp
