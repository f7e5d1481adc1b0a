#pragma once
// Why a DTLS transport, or the parsing of its SDP inputs, failed. Each value
// maps to an std::error_code; the transport adds a human-readable reason.
#include <cstdint>
#include <string_view>
#include <system_error>

namespace rtcsip::media::dtls {

enum class DtlsError : std::uint8_t {
  bad_fingerprint = 1,   // RFC 8122 §5: not 2UHEX *(":" 2UHEX) of the hash function's length
  unsupported_hash,      // a hash function other than sha-1, sha-224, sha-256, sha-384, sha-512
  bad_settings,          // MTU or timeout out of range, no send callback
  internal,              // OpenSSL could not create an object or export keys
  handshake_failed,      // OpenSSL failed the handshake, or the peer sent a fatal alert
  fingerprint_mismatch,  // RFC 5763 §5: the peer's certificate does not match a=fingerprint
  no_certificate,        // RFC 5763 §5: the peer sent no certificate
  no_srtp_profile,       // RFC 5764 §4.1.3: no use_srtp protection profile in common
  timeout,               // the handshake did not complete in time
  connection_error,      // a fatal error after the handshake
};

std::string_view to_string(DtlsError e) noexcept;
const std::error_category& dtls_category() noexcept;
std::error_code make_error_code(DtlsError e) noexcept;

}  // namespace rtcsip::media::dtls

template <>
struct std::is_error_code_enum<rtcsip::media::dtls::DtlsError> : std::true_type {};
