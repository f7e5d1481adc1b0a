#pragma once
// Stateless nonces (RFC 7616 §3.3 leaves their content to the server):
// base64url (RFC 4648 §5) of the issue time in milliseconds on the server's
// clock (8 bytes, big-endian), a sequence number (4 bytes, so that of two
// nonces the later one sorts after), 8 random bytes, and the first 16 bytes
// of HMAC-SHA256 over those 20 under a secret drawn when the codec is made.
// 36 bytes encode to exactly 48 characters, so each nonce has one spelling.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "rtcsip/core/timer_service.hpp"

namespace rtcsip::sip::auth::detail {

// Issue time, sequence and random bytes: unique per nonce, and in the order
// the nonces were made when compared as bytes.
using NonceKey = std::array<std::uint8_t, 20>;

class NonceCodec {
 public:
  NonceCodec();  // throws std::runtime_error when RAND_bytes fails
  ~NonceCodec();
  NonceCodec(const NonceCodec&) = delete;
  NonceCodec& operator=(const NonceCodec&) = delete;

  // Nothing when the random generator fails.
  [[nodiscard]] std::optional<std::string> make(std::uint64_t now_ms);
  // The key of a nonce this codec made; nothing for any other text.
  [[nodiscard]] std::optional<NonceKey> open(std::string_view text) const;

 private:
  std::array<std::uint8_t, 32> secret_{};
  std::uint32_t sequence_ = 0;
};

// Milliseconds since the clock's epoch (0 before it): the nonce's time base.
std::uint64_t to_ms(core::TimePoint t);
std::uint64_t issued_ms(const NonceKey& key);

}  // namespace rtcsip::sip::auth::detail
