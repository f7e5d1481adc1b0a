#pragma once
// What a DTLS-SRTP handshake yields (RFC 5764 §4.2): the protection profile
// the server chose and 2 * (key + salt) octets exported with the label
// "EXTRACTOR-dtls_srtp", laid out as client_write_key | server_write_key |
// client_write_salt | server_write_salt. The DTLS client protects with the
// client write key and salt, the server with the server's.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace rtcsip::media::dtls {

inline constexpr std::string_view kDtlsSrtpExporterLabel = "EXTRACTOR-dtls_srtp";

class SrtpKeyingMaterial {
 public:
  // The largest profile, AEAD_AES_256_GCM: 2 * (32 + 12).
  static constexpr std::size_t kMaxLength = 88;

  SrtpKeyingMaterial() = default;
  // `material` must hold 2 * (key_length + salt_length) <= kMaxLength octets.
  SrtpKeyingMaterial(std::uint16_t profile_id, std::size_t key_length, std::size_t salt_length,
                     std::span<const std::uint8_t> material) noexcept;

  // The negotiated SRTPProtectionProfile, e.g. 0x0007 or 0x0001.
  [[nodiscard]] std::uint16_t profile_id() const noexcept { return profile_id_; }
  // Everything exported, in RFC 5764 §4.2 order (what srtp::split_dtls_keying_material takes).
  [[nodiscard]] std::span<const std::uint8_t> material() const noexcept { return {bytes_.data(), length()}; }
  [[nodiscard]] std::span<const std::uint8_t> client_write_key() const noexcept;
  [[nodiscard]] std::span<const std::uint8_t> server_write_key() const noexcept;
  [[nodiscard]] std::span<const std::uint8_t> client_write_salt() const noexcept;
  [[nodiscard]] std::span<const std::uint8_t> server_write_salt() const noexcept;

  friend bool operator==(const SrtpKeyingMaterial& a, const SrtpKeyingMaterial& b) noexcept;

 private:
  [[nodiscard]] std::size_t length() const noexcept { return 2 * (std::size_t{key_length_} + salt_length_); }
  std::uint16_t profile_id_ = 0;
  std::uint8_t key_length_ = 0;
  std::uint8_t salt_length_ = 0;
  std::array<std::uint8_t, kMaxLength> bytes_{};
};

}  // namespace rtcsip::media::dtls
