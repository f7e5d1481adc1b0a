#include "rtcsip/media/dtls/fingerprint.hpp"

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <algorithm>
#include <array>
#include <optional>

namespace rtcsip::media::dtls {
namespace {

struct HashName {
  HashFunction hash;
  std::string_view name;
  std::size_t length;
};

// RFC 8122 §5 hash-func tokens (from the IANA "Hash Function Textual Names" registry).
constexpr std::array<HashName, 5> kHashes = {{
    {HashFunction::sha_1, "sha-1", 20},
    {HashFunction::sha_224, "sha-224", 28},
    {HashFunction::sha_256, "sha-256", 32},
    {HashFunction::sha_384, "sha-384", 48},
    {HashFunction::sha_512, "sha-512", 64},
}};

const HashName& entry(HashFunction hash) { return kHashes[static_cast<std::size_t>(hash)]; }

const EVP_MD* digest_of(HashFunction hash) {
  switch (hash) {
    case HashFunction::sha_1:
      return EVP_sha1();
    case HashFunction::sha_224:
      return EVP_sha224();
    case HashFunction::sha_256:
      return EVP_sha256();
    case HashFunction::sha_384:
      return EVP_sha384();
    case HashFunction::sha_512:
      return EVP_sha512();
  }
  return nullptr;
}

bool iequals(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(x) == lower(y);
  });
}

std::optional<std::uint8_t> hex_digit(char c) {
  if (c >= '0' && c <= '9') return static_cast<std::uint8_t>(c - '0');
  if (c >= 'A' && c <= 'F') return static_cast<std::uint8_t>(c - 'A' + 10);
  if (c >= 'a' && c <= 'f') return static_cast<std::uint8_t>(c - 'a' + 10);
  return std::nullopt;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

core::Result<HashFunction, DtlsError> parse_hash_function(std::string_view name) {
  for (const auto& h : kHashes) {
    if (iequals(h.name, name)) return h.hash;
  }
  return DtlsError::unsupported_hash;
}

std::string_view to_string(HashFunction hash) noexcept { return entry(hash).name; }
std::size_t digest_length(HashFunction hash) noexcept { return entry(hash).length; }

// RFC 8122 §5: fingerprint = 2UHEX *(":" 2UHEX)
core::Result<Fingerprint, DtlsError> parse_fingerprint(std::string_view hash, std::string_view value) {
  const auto function = parse_hash_function(hash);
  if (!function) return function.error();
  Fingerprint out{*function, {}};
  const std::size_t length = digest_length(*function);
  if (value.size() != 3 * length - 1) return DtlsError::bad_fingerprint;
  out.digest.reserve(length);
  for (std::size_t i = 0; i < value.size(); i += 3) {
    const auto high = hex_digit(value[i]);
    const auto low = hex_digit(value[i + 1]);
    if (!high || !low || (i + 2 < value.size() && value[i + 2] != ':')) return DtlsError::bad_fingerprint;
    out.digest.push_back(static_cast<std::uint8_t>(*high << 4 | *low));
  }
  return out;
}

core::Result<Fingerprint, DtlsError> parse_fingerprint_attribute(std::string_view attribute) {
  attribute = trim(attribute);
  const std::size_t space = attribute.find_first_of(" \t");
  if (space == std::string_view::npos) return DtlsError::bad_fingerprint;
  return parse_fingerprint(attribute.substr(0, space), trim(attribute.substr(space)));
}

std::string format_digest(const Fingerprint& fingerprint) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(fingerprint.digest.size() * 3);
  for (const std::uint8_t b : fingerprint.digest) {
    if (!out.empty()) out.push_back(':');
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xf]);
  }
  return out;
}

std::string to_string(const Fingerprint& fingerprint) {
  return std::string(to_string(fingerprint.hash)) + ' ' + format_digest(fingerprint);
}

core::Result<Fingerprint, DtlsError> fingerprint_of(X509* certificate, HashFunction hash) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int length = 0;
  if (certificate == nullptr || X509_digest(certificate, digest_of(hash), md.data(), &length) != 1) {
    return DtlsError::internal;
  }
  return Fingerprint{hash, std::vector<std::uint8_t>(md.begin(), md.begin() + length)};
}

bool certificate_matches(X509* certificate, std::span<const Fingerprint> expected) {
  if (certificate == nullptr || expected.empty()) return false;
  const auto strongest = std::ranges::max_element(expected, {}, &Fingerprint::hash)->hash;
  const auto actual = fingerprint_of(certificate, strongest);
  if (!actual) return false;
  return std::ranges::any_of(expected, [&](const Fingerprint& f) { return f == *actual; });
}

}  // namespace rtcsip::media::dtls
