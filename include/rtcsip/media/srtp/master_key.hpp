#pragma once
// An SRTP master key and master salt for one profile (RFC 3711 §8.2), kept
// as key || salt -- the layout SDES encodes (RFC 4568 §6.1) and libsrtp reads.
// A small value type: it can be copied into a message to a media worker, and
// every copy wipes its bytes when it dies.
#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "rtcsip/media/srtp/profile.hpp"

namespace rtcsip::media::srtp {

class MasterKey {
 public:
  // Nothing when a length does not match the profile.
  static std::optional<MasterKey> create(Profile profile, std::span<const std::uint8_t> key,
                                         std::span<const std::uint8_t> salt) noexcept;
  static std::optional<MasterKey> from_key_salt(Profile profile,
                                                std::span<const std::uint8_t> key_salt) noexcept;

  MasterKey(const MasterKey&) noexcept = default;
  MasterKey& operator=(const MasterKey&) noexcept = default;
  ~MasterKey();

  [[nodiscard]] Profile profile() const noexcept { return profile_; }
  [[nodiscard]] std::span<const std::uint8_t> key() const noexcept {
    return {bytes_.data(), master_key_length(profile_)};
  }
  [[nodiscard]] std::span<const std::uint8_t> salt() const noexcept {
    return {bytes_.data() + master_key_length(profile_), master_salt_length(profile_)};
  }
  [[nodiscard]] std::span<const std::uint8_t> key_salt() const noexcept {
    return {bytes_.data(), master_key_length(profile_) + master_salt_length(profile_)};
  }

  friend bool operator==(const MasterKey&, const MasterKey&) = default;

 private:
  explicit MasterKey(Profile profile) noexcept : profile_(profile) {}

  std::array<std::uint8_t, kMaxKeySaltLength> bytes_{};
  Profile profile_;
};

// The two keys of a bidirectional SRTP transport: `local` protects what
// rtcsipd sends, `remote` unprotects what the peer sends.
struct KeyPair {
  MasterKey local;
  MasterKey remote;
};

}  // namespace rtcsip::media::srtp
