#include "nonce.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace rtcsip::sip::auth::detail {
namespace {

constexpr std::size_t kMacSize = 16;
constexpr std::size_t kRawSize = std::tuple_size_v<NonceKey> + kMacSize;  // 36
constexpr std::size_t kTextSize = kRawSize / 3 * 4;                       // 48
using Raw = std::array<std::uint8_t, kRawSize>;

using Mac = std::array<std::uint8_t, kMacSize>;

// 128 bits of HMAC-SHA256 (RFC 2104 §5 allows truncation to half the output).
// Nothing when the library fails, so that no nonce is made or accepted then.
std::optional<Mac> mac(const std::array<std::uint8_t, 32>& secret, const NonceKey& key) {
  std::array<std::uint8_t, EVP_MAX_MD_SIZE> full{};
  unsigned int size = 0;
  if (HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()), key.data(), key.size(), full.data(),
           &size) == nullptr ||
      size < kMacSize) {
    return std::nullopt;
  }
  Mac out{};
  std::copy_n(full.begin(), kMacSize, out.begin());
  return out;
}

// Standard base64 of whole 3-byte groups with the URL-safe alphabet.
std::string encode(const Raw& raw) {
  std::array<unsigned char, kTextSize + 1> text{};
  EVP_EncodeBlock(text.data(), raw.data(), static_cast<int>(raw.size()));
  std::string out(reinterpret_cast<const char*>(text.data()), kTextSize);
  std::replace(out.begin(), out.end(), '+', '-');
  std::replace(out.begin(), out.end(), '/', '_');
  return out;
}

bool is_base64url(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

std::optional<Raw> decode(std::string_view text) {
  if (text.size() != kTextSize || !std::all_of(text.begin(), text.end(), is_base64url)) return std::nullopt;
  std::array<unsigned char, kTextSize> standard{};
  std::transform(text.begin(), text.end(), standard.begin(), [](char c) {
    return static_cast<unsigned char>(c == '-' ? '+' : c == '_' ? '/' : c);
  });
  Raw raw{};
  if (EVP_DecodeBlock(raw.data(), standard.data(), kTextSize) != static_cast<int>(kRawSize))
    return std::nullopt;
  return raw;
}

}  // namespace

NonceCodec::NonceCodec() {
  if (RAND_bytes(secret_.data(), static_cast<int>(secret_.size())) != 1) {
    throw std::runtime_error("RAND_bytes failed: no secret for digest nonces");
  }
}

NonceCodec::~NonceCodec() { OPENSSL_cleanse(secret_.data(), secret_.size()); }

std::optional<std::string> NonceCodec::make(std::uint64_t now_ms) {
  NonceKey key{};
  for (int i = 0; i < 8; ++i) key[i] = static_cast<std::uint8_t>(now_ms >> (56 - 8 * i));
  ++sequence_;
  for (int i = 0; i < 4; ++i) key[8 + i] = static_cast<std::uint8_t>(sequence_ >> (24 - 8 * i));
  if (RAND_bytes(key.data() + 12, static_cast<int>(key.size() - 12)) != 1) return std::nullopt;
  const auto tag = mac(secret_, key);
  if (!tag) return std::nullopt;
  Raw raw{};
  std::copy(key.begin(), key.end(), raw.begin());
  std::copy(tag->begin(), tag->end(), raw.begin() + key.size());
  return encode(raw);
}

std::optional<NonceKey> NonceCodec::open(std::string_view text) const {
  const auto raw = decode(text);
  if (!raw) return std::nullopt;
  NonceKey key{};
  std::copy_n(raw->begin(), key.size(), key.begin());
  const auto tag = mac(secret_, key);
  if (!tag || CRYPTO_memcmp(tag->data(), raw->data() + key.size(), kMacSize) != 0) return std::nullopt;
  return key;
}

std::uint64_t to_ms(core::TimePoint t) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  return ms < 0 ? 0 : static_cast<std::uint64_t>(ms);
}

std::uint64_t issued_ms(const NonceKey& key) {
  std::uint64_t ms = 0;
  for (int i = 0; i < 8; ++i) ms = (ms << 8) | key[i];
  return ms;
}

}  // namespace rtcsip::sip::auth::detail
