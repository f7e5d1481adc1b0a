#include "rtcsip/media/srtp/sdes_key.hpp"

#include <string.h>  // explicit_bzero
#include <sys/random.h>

#include <array>
#include <cerrno>
#include <charconv>

#include "base64.hpp"

namespace rtcsip::media::srtp {
namespace {

constexpr std::string_view kInline = "inline:";
constexpr unsigned kMaxLifetimeExponent = 48;  // RFC 3711 §9.2: at most 2^48 SRTP packets per key
constexpr std::uint64_t kMaxMkiLength = 128;   // RFC 4568 §6.1: mki-length = 1*3DIGIT, 1..128

class SdesCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "sdes"; }
  std::string message(int value) const override {
    return std::string(to_string(static_cast<SdesError>(value)));
  }
};

std::optional<std::uint64_t> parse_decimal(std::string_view text) noexcept {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// RFC 4568 §6.1: lifetime = ["2^"] 1*(DIGIT)
std::optional<std::uint64_t> parse_lifetime(std::string_view text) noexcept {
  if (text.starts_with("2^")) {
    const auto exponent = parse_decimal(text.substr(2));
    if (!exponent || *exponent > kMaxLifetimeExponent) return std::nullopt;
    return std::uint64_t{1} << *exponent;
  }
  const auto packets = parse_decimal(text);
  if (!packets || *packets == 0 || *packets > (std::uint64_t{1} << kMaxLifetimeExponent)) return std::nullopt;
  return packets;
}

// RFC 4568 §6.1: mki = mki-value ":" mki-length
std::optional<Mki> parse_mki(std::string_view text) noexcept {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto value = parse_decimal(text.substr(0, colon));
  const auto length = parse_decimal(text.substr(colon + 1));
  if (!value || !length || *length == 0 || *length > kMaxMkiLength) return std::nullopt;
  if (*length < 8 && *value >> (8 * *length) != 0) return std::nullopt;  // does not fit its length
  return Mki{*value, static_cast<std::uint8_t>(*length)};
}

// The optional "|lifetime" and "|mki:length" fields, in that order.
std::optional<SdesError> parse_key_info_tail(std::string_view tail, SdesInlineKey& out) noexcept {
  while (!tail.empty()) {
    tail.remove_prefix(1);  // '|'
    const auto bar = tail.find('|');
    const std::string_view field = tail.substr(0, bar);
    tail = bar == std::string_view::npos ? std::string_view{} : tail.substr(bar);
    if (field.find(':') != std::string_view::npos) {
      if (out.mki) return SdesError::bad_mki;
      out.mki = parse_mki(field);
      if (!out.mki) return SdesError::bad_mki;
    } else {
      if (out.lifetime || out.mki) return SdesError::bad_lifetime;
      out.lifetime = parse_lifetime(field);
      if (!out.lifetime) return SdesError::bad_lifetime;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(SdesError e) noexcept {
  switch (e) {
    case SdesError::bad_base64:
      return "key-salt is not base64";
    case SdesError::wrong_length:
      return "key-salt length does not fit the crypto suite";
    case SdesError::not_inline:
      return "key method is not inline";
    case SdesError::bad_lifetime:
      return "bad key lifetime";
    case SdesError::bad_mki:
      return "bad MKI";
    case SdesError::no_randomness:
      return "no random bytes from the kernel";
  }
  return "unknown SDES error";
}

const std::error_category& sdes_category() noexcept {
  static const SdesCategory category;
  return category;
}

std::error_code make_error_code(SdesError e) noexcept { return {static_cast<int>(e), sdes_category()}; }

core::Result<MasterKey, SdesError> generate_master_key(Profile profile) {
  std::array<std::uint8_t, kMaxKeySaltLength> bytes{};
  const std::size_t length = master_key_length(profile) + master_salt_length(profile);
  std::size_t filled = 0;
  while (filled < length) {
    const ssize_t n = getrandom(bytes.data() + filled, length - filled, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return SdesError::no_randomness;
    filled += static_cast<std::size_t>(n);
  }
  auto key = MasterKey::from_key_salt(profile, std::span(bytes).first(length));
  explicit_bzero(bytes.data(), bytes.size());
  return *key;
}

std::string encode_sdes_key_salt(const MasterKey& key) { return base64::encode(key.key_salt()); }

core::Result<MasterKey, SdesError> decode_sdes_key_salt(Profile profile, std::string_view text) {
  // Room for twice the longest key-salt, so that an over-long key is reported
  // as too long rather than as bad base64.
  std::array<std::uint8_t, 2 * kMaxKeySaltLength> bytes{};
  const std::size_t expected = master_key_length(profile) + master_salt_length(profile);
  if (text.size() > bytes.size() / 3 * 4) return SdesError::wrong_length;
  const auto n = base64::decode(text, bytes);
  if (!n) return SdesError::bad_base64;
  auto key =
      *n == expected ? MasterKey::from_key_salt(profile, std::span(bytes).first(expected)) : std::nullopt;
  explicit_bzero(bytes.data(), bytes.size());
  if (!key) return SdesError::wrong_length;
  return *key;
}

std::string format_sdes_inline(const MasterKey& key) {
  std::string out(kInline);
  out += encode_sdes_key_salt(key);
  return out;
}

core::Result<std::string, SdesError> generate_sdes_inline(Profile profile) {
  auto key = generate_master_key(profile);
  if (!key) return key.error();
  return format_sdes_inline(*key);
}

core::Result<SdesInlineKey, SdesError> parse_sdes_inline(Profile profile, std::string_view key_params) {
  // RFC 4568 §6.1: key-param = key-method ":" key-info; key-info = key-salt ["|" lifetime] ["|" mki]
  if (!key_params.starts_with(kInline)) return SdesError::not_inline;
  key_params.remove_prefix(kInline.size());
  const auto bar = key_params.find('|');
  auto key = decode_sdes_key_salt(profile, key_params.substr(0, bar));
  if (!key) return key.error();
  SdesInlineKey out{*key, std::nullopt, std::nullopt};
  if (bar != std::string_view::npos) {
    if (auto error = parse_key_info_tail(key_params.substr(bar), out)) return *error;
  }
  return out;
}

}  // namespace rtcsip::media::srtp
