#pragma once
// The process-wide libsrtp state: srtp_init() runs once, on first use, from
// whichever thread gets there first. Call initialize() at start-up to fail
// early and log what the linked library can do.
#include <string_view>
#include <system_error>

#include "rtcsip/media/srtp/profile.hpp"

namespace rtcsip::media::srtp {

// Runs srtp_init() once and routes libsrtp's log lines and key-limit events to
// the "media" logger. When libsrtp is built on NSS (Debian's is) it also keeps
// NSS initialised for the life of the process, which makes session set-up
// some 40 times cheaper. Empty on success; thread-safe; cheap after the first call.
std::error_code initialize() noexcept;

// "libsrtp2 2.5.0" or whatever the process loaded.
std::string_view library_version() noexcept;

// Whether the linked libsrtp can create a session for `profile` (a build
// without AES-GCM or AES-256 lacks some); probed once by protecting a packet.
bool is_supported(Profile profile) noexcept;

}  // namespace rtcsip::media::srtp
