#pragma once
// The DTLS-SRTP keys of a completed handshake (RFC 5764 §4.2).
#include <optional>
#include <string>

#include <openssl/types.h>

#include "rtcsip/media/dtls/srtp_keying_material.hpp"

namespace rtcsip::media::dtls {

// The profile the handshake selected and 2 * (key + salt) octets exported
// with "EXTRACTOR-dtls_srtp" and no context. Nothing, with `error` set, when
// no profile was selected, it is not one we know, or the export fails.
std::optional<SrtpKeyingMaterial> export_srtp_keying_material(SSL* ssl, std::string& error);

}  // namespace rtcsip::media::dtls
