#pragma once
// What SR and RR share (RFC 3550 §6.4): the reporter's SSRC first, a fixed
// part, RC report blocks, then profile-specific extension (§6.4.3).
#include <cstddef>
#include <cstdint>
#include <span>

#include "rtcsip/media/rtp/fixed_records.hpp"
#include "rtcsip/media/rtp/report_block.hpp"
#include "rtcsip/media/rtp/rtcp_packet.hpp"

namespace rtcsip::media::rtp {

template <WireByte Byte, RtcpType Type, std::size_t FixedBodySize>
class BasicReportPacket {
 public:
  static constexpr std::size_t kFixedBodySize = FixedBodySize;

  std::uint32_t sender_ssrc() const noexcept { return load_be32(body_.data()); }
  FixedRecords<Byte, kReportBlockSize, BasicReportBlock> report_blocks() const noexcept {
    return {body_.data() + kFixedBodySize, report_count_};
  }
  // Whatever follows the report blocks.
  std::span<Byte> profile_extension() const noexcept {
    return body_.subspan(kFixedBodySize + kReportBlockSize * report_count_);
  }

  void set_sender_ssrc(std::uint32_t ssrc) noexcept requires MutableWireByte<Byte> {
    store_be32(body_.data(), ssrc);
  }

 protected:
  // True when `packet` has this type and its body holds the fixed part and
  // all RC report blocks.
  static bool holds_reports(const BasicRtcpPacket<Byte>& packet) noexcept {
    return packet.is(Type) && packet.body().size() >= kFixedBodySize + kReportBlockSize * packet.count();
  }

  explicit BasicReportPacket(const BasicRtcpPacket<Byte>& packet) noexcept
      : body_(packet.body()), report_count_(packet.count()) {}

  std::span<Byte> body_;
  std::size_t report_count_;
};

}  // namespace rtcsip::media::rtp
