#include "openssl_errors.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

namespace rtcsip::media::dtls {

std::string drain_openssl_errors(bool* peer_gave_no_certificate) {
  std::string out;
  while (const unsigned long code = ERR_get_error()) {
    if (peer_gave_no_certificate != nullptr && ERR_GET_LIB(code) == ERR_LIB_SSL &&
        ERR_GET_REASON(code) == SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE) {
      *peer_gave_no_certificate = true;
    }
    const char* reason = ERR_reason_error_string(code);
    if (!out.empty()) out += "; ";
    out += reason != nullptr ? reason : "error " + std::to_string(code);
  }
  return out;
}

}  // namespace rtcsip::media::dtls
