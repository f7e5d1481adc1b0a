#include "rtcsip/sip/auth/digest.hpp"

#include <openssl/evp.h>

#include <array>

#include "ascii.hpp"

namespace rtcsip::sip::auth {
namespace {

constexpr std::array<std::pair<std::string_view, Algorithm>, 4> kNames{{
    {"MD5", Algorithm::md5},
    {"MD5-sess", Algorithm::md5_sess},
    {"SHA-256", Algorithm::sha256},
    {"SHA-256-sess", Algorithm::sha256_sess},
}};

std::string to_hex(const unsigned char* bytes, unsigned int size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(std::size_t{size} * 2, '\0');
  for (std::size_t i = 0; i < size; ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 0x0f];
  }
  return out;
}

// H(a ":" b ":" c ...): the digest joins every value with colons.
template <class... Parts>
std::string hash_joined(Hash h, std::string_view first, Parts... rest) {
  std::string joined(first);
  ((joined += ':', joined += rest), ...);
  return hex_digest(h, joined);
}

}  // namespace

std::string_view algorithm_name(Algorithm a) noexcept {
  for (const auto& [name, algorithm] : kNames) {
    if (algorithm == a) return name;
  }
  return {};
}

std::optional<Algorithm> parse_algorithm(std::string_view name) noexcept {
  for (const auto& [known, algorithm] : kNames) {
    if (detail::iequals(name, known)) return algorithm;
  }
  return std::nullopt;
}

Hash hash_of(Algorithm a) noexcept {
  return (a == Algorithm::sha256 || a == Algorithm::sha256_sess) ? Hash::sha256 : Hash::md5;
}

bool is_session(Algorithm a) noexcept { return a == Algorithm::md5_sess || a == Algorithm::sha256_sess; }

std::size_t hex_length(Hash h) noexcept { return h == Hash::sha256 ? 64 : 32; }

std::string hex_digest(Hash h, std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  const EVP_MD* type = h == Hash::sha256 ? EVP_sha256() : EVP_md5();
  if (EVP_Digest(data.data(), data.size(), md, &size, type, nullptr) != 1) return {};
  return to_hex(md, size);
}

std::string compute_ha1(Hash h, std::string_view username, std::string_view realm,
                        std::string_view password) {
  return hash_joined(h, username, realm, password);
}

std::string compute_response(const DigestInput& in) {
  const Hash h = hash_of(in.algorithm);
  // RFC 7616 §3.4.2: the -sess A1 is H(user:realm:password):nonce:cnonce.
  const std::string ha1 =
      is_session(in.algorithm) ? hash_joined(h, in.ha1, in.nonce, in.cnonce) : std::string(in.ha1);
  const std::string ha2 = hash_joined(h, in.method, in.uri);  // RFC 7616 §3.4.3, qop=auth
  if (in.qop.empty()) return hash_joined(h, ha1, in.nonce, ha2);
  return hash_joined(h, ha1, in.nonce, in.nc, in.cnonce, in.qop, ha2);
}

}  // namespace rtcsip::sip::auth
