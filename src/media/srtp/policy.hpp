#pragma once
// The libsrtp policy for a profile, a direction and a master key.
#include <srtp2/srtp.h>

#include <optional>

#include "rtcsip/media/srtp/master_key.hpp"
#include "rtcsip/media/srtp/profile.hpp"
#include "rtcsip/media/srtp/session.hpp"

namespace rtcsip::media::srtp {

// The policy points into `key`, which must outlive srtp_create(); libsrtp
// copies the derived session keys and keeps no pointer to it.
srtp_policy_t make_policy(const MasterKey& key, Direction direction, const SessionOptions& options) noexcept;

// The crypto policies for SRTP and for SRTCP of `profile`.
void set_crypto_policies(Profile profile, srtp_crypto_policy_t& rtp, srtp_crypto_policy_t& rtcp) noexcept;

// RFC 3711 §3.3.2 asks for a window of at least 64; libsrtp takes up to 2^15 - 1.
constexpr bool valid_replay_window(std::uint32_t window) noexcept { return window >= 64 && window < 0x8000; }

}  // namespace rtcsip::media::srtp
