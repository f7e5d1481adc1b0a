#pragma once
// One direction of SRTP/SRTCP (RFC 3711) over libsrtp: an outbound session
// protects what rtcsipd sends, an inbound one verifies and decrypts what it
// receives. One session covers every SSRC of its direction (a BUNDLE
// transport carries several); the replay window is kept per SSRC. A session
// belongs to one thread at a time (its media worker) and takes no lock.
//
// Packets are transformed in place. protect_* need room after the packet for
// rtp_overhead() / rtcp_overhead() more octets (kMaxRtpOverhead and
// kMaxRtcpOverhead fit every profile). This class never throws and never
// allocates per packet; libsrtp allocates once for each new SSRC, and when it
// is built on NSS, as Debian's is, also inside every call (8 small mallocs per
// AES-CM packet, 2 per AES-GCM packet, measured on libsrtp2 2.5.0).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <utility>

#include "rtcsip/core/result.hpp"
#include "rtcsip/media/srtp/error.hpp"
#include "rtcsip/media/srtp/master_key.hpp"
#include "rtcsip/media/srtp/profile.hpp"

struct srtp_ctx_t_;  // libsrtp's session, srtp_t

namespace rtcsip::media::srtp {

enum class Direction : std::uint8_t { inbound, outbound };

struct SessionOptions {
  // Packets per SSRC the replay window covers (RFC 3711 §3.3.2 asks for at
  // least 64); libsrtp's default is 128 and its maximum 32767.
  std::uint32_t replay_window = 128;
};

class Session {
 public:
  using Length = core::Result<std::size_t, SrtpError>;

  static core::Result<Session, SrtpError> create(Direction direction, const MasterKey& key,
                                                 const SessionOptions& options = {});

  Session(Session&&) noexcept = default;
  Session& operator=(Session&&) noexcept = default;
  ~Session() = default;

  [[nodiscard]] Profile profile() const noexcept { return profile_; }
  [[nodiscard]] Direction direction() const noexcept { return direction_; }
  [[nodiscard]] std::size_t rtp_overhead() const noexcept { return srtp::rtp_overhead(profile_); }
  [[nodiscard]] std::size_t rtcp_overhead() const noexcept { return srtp::rtcp_overhead(profile_); }

  // Outbound. `buffer` holds an RTP/RTCP packet in its first `length` octets;
  // returns the SRTP/SRTCP length. On error the buffer may be partly changed.
  Length protect_rtp(std::span<std::uint8_t> buffer, std::size_t length) noexcept;
  Length protect_rtcp(std::span<std::uint8_t> buffer, std::size_t length) noexcept;

  // Inbound. `packet` is exactly the received SRTP/SRTCP datagram; returns the
  // length of the RTP/RTCP packet now at its start. A failed packet is to be dropped.
  Length unprotect_rtp(std::span<std::uint8_t> packet) noexcept;
  Length unprotect_rtcp(std::span<std::uint8_t> packet) noexcept;

  // RFC 3711 §3.3.1: the rollover counter of an SSRC this session has seen.
  [[nodiscard]] std::optional<std::uint32_t> rollover_counter(std::uint32_t ssrc) const noexcept;

 private:
  struct Deleter {
    void operator()(srtp_ctx_t_* ctx) const noexcept;
  };

  Session(std::unique_ptr<srtp_ctx_t_, Deleter> ctx, Profile profile, Direction direction) noexcept
      : ctx_(std::move(ctx)), profile_(profile), direction_(direction) {}

  std::unique_ptr<srtp_ctx_t_, Deleter> ctx_;
  Profile profile_;
  Direction direction_;
};

}  // namespace rtcsip::media::srtp
