#include "rtcsip/media/srtp/session.hpp"

#include <srtp2/srtp.h>

#include <climits>

#include "policy.hpp"
#include "rtcsip/media/srtp/library.hpp"

namespace rtcsip::media::srtp {
namespace {

constexpr std::size_t kRtpHeaderLength = 12;  // RFC 3550 §5.1 fixed header
constexpr std::size_t kRtcpHeaderLength = 8;  // RFC 3550 §6.4.1: header and sender SSRC
constexpr std::uint8_t kVersion = 2;

SrtpError to_error(srtp_err_status_t status) noexcept {
  switch (status) {
    case srtp_err_status_auth_fail:
      return SrtpError::auth_failure;
    case srtp_err_status_replay_fail:
      return SrtpError::replay;
    case srtp_err_status_replay_old:
      return SrtpError::replay_old;
    case srtp_err_status_bad_param:
    case srtp_err_status_parse_err:
    // SRTCP whose E flag says "not encrypted" where the policy encrypts:
    // anyone can send that, so it is a bad packet, not a library fault.
    case srtp_err_status_cant_check:
      return SrtpError::bad_packet;
    case srtp_err_status_key_expired:
      return SrtpError::key_expired;
    default:
      return SrtpError::library_failure;
  }
}

// The checks libsrtp leaves to its caller: a whole fixed header of version 2,
// and a length its int-typed interface can carry with the trailer added.
bool plausible(std::span<const std::uint8_t> packet, std::size_t header_length) noexcept {
  return packet.size() >= header_length && packet.size() <= INT_MAX - kMaxRtcpOverhead &&
         packet[0] >> 6 == kVersion;
}

using Transform = srtp_err_status_t (*)(srtp_t, void*, int*);

Session::Length run(srtp_t ctx, Transform transform, std::span<std::uint8_t> packet) noexcept {
  int length = static_cast<int>(packet.size());
  const srtp_err_status_t status = transform(ctx, packet.data(), &length);
  if (status != srtp_err_status_ok) return to_error(status);
  return static_cast<std::size_t>(length);
}

}  // namespace

void Session::Deleter::operator()(srtp_ctx_t_* ctx) const noexcept { srtp_dealloc(ctx); }

core::Result<Session, SrtpError> Session::create(Direction direction, const MasterKey& key,
                                                 const SessionOptions& options) {
  if (initialize()) return SrtpError::library_failure;
  if (!valid_replay_window(options.replay_window)) return SrtpError::bad_option;
  const srtp_policy_t policy = make_policy(key, direction, options);
  srtp_t ctx = nullptr;
  if (srtp_create(&ctx, &policy) != srtp_err_status_ok) {
    return is_supported(key.profile()) ? SrtpError::library_failure : SrtpError::unsupported_profile;
  }
  return Session(std::unique_ptr<srtp_ctx_t_, Deleter>(ctx), key.profile(), direction);
}

Session::Length Session::protect_rtp(std::span<std::uint8_t> buffer, std::size_t length) noexcept {
  if (direction_ != Direction::outbound) return SrtpError::wrong_direction;
  if (length > buffer.size() || !plausible(buffer.first(length), kRtpHeaderLength))
    return SrtpError::bad_packet;
  if (buffer.size() - length < rtp_overhead()) return SrtpError::buffer_too_small;
  return run(ctx_.get(), &srtp_protect, buffer.first(length));
}

Session::Length Session::protect_rtcp(std::span<std::uint8_t> buffer, std::size_t length) noexcept {
  if (direction_ != Direction::outbound) return SrtpError::wrong_direction;
  if (length > buffer.size() || !plausible(buffer.first(length), kRtcpHeaderLength))
    return SrtpError::bad_packet;
  if (buffer.size() - length < rtcp_overhead()) return SrtpError::buffer_too_small;
  return run(ctx_.get(), &srtp_protect_rtcp, buffer.first(length));
}

Session::Length Session::unprotect_rtp(std::span<std::uint8_t> packet) noexcept {
  if (direction_ != Direction::inbound) return SrtpError::wrong_direction;
  if (!plausible(packet, kRtpHeaderLength + rtp_overhead())) return SrtpError::bad_packet;
  return run(ctx_.get(), &srtp_unprotect, packet);
}

Session::Length Session::unprotect_rtcp(std::span<std::uint8_t> packet) noexcept {
  if (direction_ != Direction::inbound) return SrtpError::wrong_direction;
  if (!plausible(packet, kRtcpHeaderLength + rtcp_overhead())) return SrtpError::bad_packet;
  return run(ctx_.get(), &srtp_unprotect_rtcp, packet);
}

std::optional<std::uint32_t> Session::rollover_counter(std::uint32_t ssrc) const noexcept {
  std::uint32_t roc = 0;
  if (srtp_get_stream_roc(ctx_.get(), ssrc, &roc) != srtp_err_status_ok) return std::nullopt;
  return roc;
}

}  // namespace rtcsip::media::srtp
