#include "rtcsip/media/dtls/srtp_keying_material.hpp"

#include <algorithm>

namespace rtcsip::media::dtls {

SrtpKeyingMaterial::SrtpKeyingMaterial(std::uint16_t profile_id, std::size_t key_length,
                                       std::size_t salt_length,
                                       std::span<const std::uint8_t> material) noexcept
    : profile_id_(profile_id) {
  if (2 * (key_length + salt_length) != material.size() || material.size() > kMaxLength) return;
  key_length_ = static_cast<std::uint8_t>(key_length);
  salt_length_ = static_cast<std::uint8_t>(salt_length);
  std::copy(material.begin(), material.end(), bytes_.begin());
}

// RFC 5764 §4.2: client_write_SRTP_master_key[k] | server_write_SRTP_master_key[k] |
//                client_write_SRTP_master_salt[s] | server_write_SRTP_master_salt[s]
std::span<const std::uint8_t> SrtpKeyingMaterial::client_write_key() const noexcept {
  return material().subspan(0, key_length_);
}
std::span<const std::uint8_t> SrtpKeyingMaterial::server_write_key() const noexcept {
  return material().subspan(key_length_, key_length_);
}
std::span<const std::uint8_t> SrtpKeyingMaterial::client_write_salt() const noexcept {
  return material().subspan(2 * std::size_t{key_length_}, salt_length_);
}
std::span<const std::uint8_t> SrtpKeyingMaterial::server_write_salt() const noexcept {
  return material().subspan(2 * std::size_t{key_length_} + salt_length_, salt_length_);
}

bool operator==(const SrtpKeyingMaterial& a, const SrtpKeyingMaterial& b) noexcept {
  return a.profile_id_ == b.profile_id_ && std::ranges::equal(a.material(), b.material());
}

}  // namespace rtcsip::media::dtls
