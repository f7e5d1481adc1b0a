#include "rtcsip/media/srtp/library.hpp"

#include <dlfcn.h>
#include <srtp2/srtp.h>

#include <array>

#include "policy.hpp"
#include "rtcsip/core/log.hpp"
#include "rtcsip/media/srtp/error.hpp"
#include "rtcsip/media/srtp/master_key.hpp"

namespace rtcsip::media::srtp {
namespace {

spdlog::level::level_enum to_spdlog(srtp_log_level_t level) noexcept {
  switch (level) {
    case srtp_log_level_error:
      return spdlog::level::err;
    case srtp_log_level_warning:
      return spdlog::level::warn;
    case srtp_log_level_info:
      return spdlog::level::info;
    case srtp_log_level_debug:
      return spdlog::level::debug;
  }
  return spdlog::level::info;
}

// Static thunks: libsrtp's callbacks are process-wide C function pointers.
void on_log(srtp_log_level_t level, const char* message, void* /*data*/) {
  core::log::get("media").log(to_spdlog(level), "libsrtp: {}", message);
}

void on_event(srtp_event_data_t* data) {
  const char* what = "unknown event";
  switch (data->event) {
    case event_ssrc_collision:
      what = "SSRC collision";
      break;
    case event_key_soft_limit:
      what = "key soft limit reached, re-key soon";
      break;
    case event_key_hard_limit:
      what = "key hard limit reached, the stream stops";
      break;
    case event_packet_index_limit:
      what = "packet index limit reached";
      break;
  }
  core::log::get("media").warn("srtp ssrc={:#010x}: {}", data->ssrc, what);
}

// libsrtp built on NSS (Debian's is) opens an NSS context for every cipher it
// allocates, five per session. While NSS is not otherwise initialised, each
// open initialises all of NSS and each close shuts it down again: about 0.7 ms
// of CPU per srtp_create(). Initialised once for the process, the opens are
// reference counts (about 15 us per session).
//
// How matters too: NSS_NoDB_Init() sets NSS up to save memory
// (NSS_INIT_OPTIMIZESPACE), with small hash tables for its keys and sessions
// that every packet's cipher call walks under a lock, so the cost per packet
// grows with the calls alive: AES-GCM protect + unprotect took 0.6 us with 2
// sessions and 15.6 us with 8,000. The same database-less initialisation
// without that option keeps it at about 1.1 us.
//
// Looked up at run time, so a libsrtp built on OpenSSL, which does not pull
// NSS in, needs nothing.
void keep_nss_initialised() noexcept {
  // nss.h: NSS_INIT_READONLY | NSS_INIT_NOCERTDB | NSS_INIT_NOMODDB |
  // NSS_INIT_FORCEOPEN | NSS_INIT_NOROOTINIT; no NSS_INIT_OPTIMIZESPACE.
  constexpr unsigned kNoDatabaseFullSpeed = 0x1 | 0x2 | 0x4 | 0x8 | 0x10;
  using NssInitialize = int (*)(const char* config_dir, const char* cert_prefix, const char* key_prefix,
                                const char* module_db, unsigned flags);
  void* symbol = dlsym(RTLD_DEFAULT, "NSS_Initialize");
  if (symbol == nullptr) return;
  if (reinterpret_cast<NssInitialize>(symbol)("", "", "", "", kNoDatabaseFullSpeed) !=
      0) {  // SECSuccess is 0
    core::log::get("media").warn("NSS_Initialize failed: every SRTP session set-up will initialise NSS");
  }
}

srtp_err_status_t init_once() noexcept {
  const srtp_err_status_t status = srtp_init();
  if (status != srtp_err_status_ok) return status;
  keep_nss_initialised();
  srtp_install_log_handler(&on_log, nullptr);
  srtp_install_event_handler(&on_event);
  return status;
}

// Creates a throwaway outbound session for `profile` and protects one packet.
bool probe(Profile profile) noexcept {
  const std::array<std::uint8_t, kMaxKeySaltLength> material{1, 2, 3, 4, 5, 6, 7, 8};
  const auto key = MasterKey::from_key_salt(
      profile, std::span(material).first(master_key_length(profile) + master_salt_length(profile)));
  srtp_policy_t policy = make_policy(*key, Direction::outbound, SessionOptions{});
  srtp_t session = nullptr;
  if (srtp_create(&session, &policy) != srtp_err_status_ok) return false;
  std::array<std::uint8_t, 12 + 20 + kMaxRtpOverhead> packet{0x80, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1};
  int length = 12 + 20;
  const bool ok = srtp_protect(session, packet.data(), &length) == srtp_err_status_ok;
  srtp_dealloc(session);
  return ok;
}

}  // namespace

std::error_code initialize() noexcept {
  // A function-local static is initialised once, thread-safely (C++11 [stmt.dcl]).
  static const srtp_err_status_t status = init_once();
  if (status != srtp_err_status_ok) return SrtpError::library_failure;
  return {};
}

std::string_view library_version() noexcept { return srtp_get_version_string(); }

bool is_supported(Profile profile) noexcept {
  static const std::array<bool, kAllProfiles.size()> supported = [] {
    std::array<bool, kAllProfiles.size()> result{};
    if (initialize()) return result;
    for (Profile p : kAllProfiles) result[static_cast<std::size_t>(p)] = probe(p);
    return result;
  }();
  return supported[static_cast<std::size_t>(profile)];
}

}  // namespace rtcsip::media::srtp
