#include "rtcsip/media/dtls/dtls_error.hpp"

#include <string>

namespace rtcsip::media::dtls {
namespace {

class DtlsCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "dtls"; }
  std::string message(int value) const override {
    return std::string(to_string(static_cast<DtlsError>(value)));
  }
};

}  // namespace

std::string_view to_string(DtlsError e) noexcept {
  switch (e) {
    case DtlsError::bad_fingerprint:
      return "malformed fingerprint";
    case DtlsError::unsupported_hash:
      return "unsupported fingerprint hash function";
    case DtlsError::bad_settings:
      return "DTLS setting out of range";
    case DtlsError::internal:
      return "OpenSSL failure";
    case DtlsError::handshake_failed:
      return "DTLS handshake failed";
    case DtlsError::fingerprint_mismatch:
      return "certificate does not match the fingerprint";
    case DtlsError::no_certificate:
      return "peer sent no certificate";
    case DtlsError::no_srtp_profile:
      return "no SRTP protection profile in common";
    case DtlsError::timeout:
      return "DTLS handshake timed out";
    case DtlsError::connection_error:
      return "DTLS connection error";
  }
  return "unknown DTLS error";
}

const std::error_category& dtls_category() noexcept {
  static const DtlsCategory category;
  return category;
}

std::error_code make_error_code(DtlsError e) noexcept { return {static_cast<int>(e), dtls_category()}; }

}  // namespace rtcsip::media::dtls
