#pragma once
// Both directions of one SRTP transport: what a DTLS-SRTP handshake or an
// SDES offer/answer yields, as one object for the media relay to own.
#include <cstddef>
#include <cstdint>
#include <span>

#include "rtcsip/core/result.hpp"
#include "rtcsip/media/srtp/error.hpp"
#include "rtcsip/media/srtp/master_key.hpp"
#include "rtcsip/media/srtp/session.hpp"

namespace rtcsip::media::srtp {

class SessionPair {
 public:
  using Length = Session::Length;

  // bad_key when the two keys are for different profiles.
  static core::Result<SessionPair, SrtpError> create(const KeyPair& keys, const SessionOptions& options = {});

  [[nodiscard]] Profile profile() const noexcept { return outbound_.profile(); }
  Session& outbound() noexcept { return outbound_; }
  Session& inbound() noexcept { return inbound_; }

  Length protect_rtp(std::span<std::uint8_t> buffer, std::size_t length) noexcept {
    return outbound_.protect_rtp(buffer, length);
  }
  Length protect_rtcp(std::span<std::uint8_t> buffer, std::size_t length) noexcept {
    return outbound_.protect_rtcp(buffer, length);
  }
  Length unprotect_rtp(std::span<std::uint8_t> packet) noexcept { return inbound_.unprotect_rtp(packet); }
  Length unprotect_rtcp(std::span<std::uint8_t> packet) noexcept { return inbound_.unprotect_rtcp(packet); }

 private:
  SessionPair(Session outbound, Session inbound) noexcept
      : outbound_(std::move(outbound)), inbound_(std::move(inbound)) {}

  Session outbound_;
  Session inbound_;
};

}  // namespace rtcsip::media::srtp
