#include "srtp_key_export.hpp"

#include <openssl/crypto.h>
#include <openssl/ssl.h>

#include <array>

#include "openssl_errors.hpp"
#include "rtcsip/media/dtls/srtp_protection_profile.hpp"

namespace rtcsip::media::dtls {

std::optional<SrtpKeyingMaterial> export_srtp_keying_material(SSL* ssl, std::string& error) {
  const SRTP_PROTECTION_PROFILE* selected = SSL_get_selected_srtp_profile(ssl);
  if (selected == nullptr) {
    error = "no use_srtp protection profile in common (RFC 5764 §4.1.3)";
    return std::nullopt;
  }
  const auto info = srtp_profile_info(static_cast<std::uint16_t>(selected->id));
  if (!info) {
    error = "OpenSSL selected an SRTP profile we did not offer";
    return std::nullopt;
  }
  std::array<std::uint8_t, SrtpKeyingMaterial::kMaxLength> material{};
  const std::size_t length = 2 * (std::size_t{info->key_length} + info->salt_length);
  // RFC 5764 §4.2: the exporter of RFC 5705 with no context.
  if (SSL_export_keying_material(ssl, material.data(), length, kDtlsSrtpExporterLabel.data(),
                                 kDtlsSrtpExporterLabel.size(), nullptr, 0, 0) != 1) {
    error = "cannot export the SRTP keying material: " + drain_openssl_errors();
    return std::nullopt;
  }
  SrtpKeyingMaterial keys(static_cast<std::uint16_t>(info->id), info->key_length, info->salt_length,
                          std::span(material.data(), length));
  OPENSSL_cleanse(material.data(), material.size());
  return keys;
}

}  // namespace rtcsip::media::dtls
