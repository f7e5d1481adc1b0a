#include "rtcsip/media/srtp/dtls_srtp_keys.hpp"

namespace rtcsip::media::srtp {

core::Result<KeyPair, SrtpError> split_dtls_keying_material(Profile profile, DtlsRole role,
                                                            std::span<const std::uint8_t> material) noexcept {
  if (!dtls_id(profile)) return SrtpError::unsupported_profile;
  if (material.size() != dtls_keying_material_length(profile)) return SrtpError::bad_key;

  // RFC 5764 §4.2: client_write_SRTP_master_key[k] | server_write_SRTP_master_key[k] |
  //                client_write_SRTP_master_salt[s] | server_write_SRTP_master_salt[s]
  const std::size_t k = master_key_length(profile);
  const std::size_t s = master_salt_length(profile);
  const auto client = MasterKey::create(profile, material.subspan(0, k), material.subspan(2 * k, s));
  const auto server = MasterKey::create(profile, material.subspan(k, k), material.subspan(2 * k + s, s));
  if (!client || !server) return SrtpError::bad_key;

  // RFC 5764 §4.2: each side protects what it sends with its own write key.
  if (role == DtlsRole::client) return KeyPair{*client, *server};
  return KeyPair{*server, *client};
}

}  // namespace rtcsip::media::srtp
