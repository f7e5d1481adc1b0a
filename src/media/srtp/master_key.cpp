#include "rtcsip/media/srtp/master_key.hpp"

#include <string.h>  // explicit_bzero

#include <algorithm>

namespace rtcsip::media::srtp {

std::optional<MasterKey> MasterKey::create(Profile profile, std::span<const std::uint8_t> key,
                                           std::span<const std::uint8_t> salt) noexcept {
  if (key.size() != master_key_length(profile) || salt.size() != master_salt_length(profile)) {
    return std::nullopt;
  }
  MasterKey k(profile);
  std::copy(key.begin(), key.end(), k.bytes_.begin());
  std::copy(salt.begin(), salt.end(), k.bytes_.begin() + static_cast<std::ptrdiff_t>(key.size()));
  return k;
}

std::optional<MasterKey> MasterKey::from_key_salt(Profile profile,
                                                  std::span<const std::uint8_t> key_salt) noexcept {
  const std::size_t key_length = master_key_length(profile);
  if (key_salt.size() != key_length + master_salt_length(profile)) return std::nullopt;
  return create(profile, key_salt.first(key_length), key_salt.subspan(key_length));
}

// Not memset: the compiler may drop a store to memory that is about to die.
MasterKey::~MasterKey() { explicit_bzero(bytes_.data(), bytes_.size()); }

}  // namespace rtcsip::media::srtp
