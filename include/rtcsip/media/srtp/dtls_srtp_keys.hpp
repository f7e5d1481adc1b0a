#pragma once
// SRTP master keys from a DTLS-SRTP handshake (RFC 5764 §4.2): the exporter
// output is client_write_key | server_write_key | client_write_salt |
// server_write_salt, and each side protects with its own write key.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "rtcsip/core/result.hpp"
#include "rtcsip/media/srtp/error.hpp"
#include "rtcsip/media/srtp/master_key.hpp"
#include "rtcsip/media/srtp/profile.hpp"

namespace rtcsip::media::srtp {

enum class DtlsRole : std::uint8_t { client, server };

// The label to give SSL_export_keying_material() (no context), RFC 5764 §4.2.
inline constexpr std::string_view kDtlsSrtpExporterLabel = "EXTRACTOR-dtls_srtp";

// How many octets to export for `profile`: 2 * (key length + salt length).
constexpr std::size_t dtls_keying_material_length(Profile profile) noexcept {
  return 2 * (master_key_length(profile) + master_salt_length(profile));
}

// Splits exported keying material into this side's keys. The DTLS client
// sends with the client write key; the server with the server write key.
// bad_key when `material` has the wrong length; unsupported_profile for a
// profile DTLS-SRTP cannot negotiate.
core::Result<KeyPair, SrtpError> split_dtls_keying_material(Profile profile, DtlsRole role,
                                                            std::span<const std::uint8_t> material) noexcept;

}  // namespace rtcsip::media::srtp
