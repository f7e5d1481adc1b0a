#pragma once
// Certificate fingerprints as SDP carries them (RFC 8122 §5, a=fingerprint):
// a hash function name and the digest of the DER certificate in colon-separated
// hex. WebRTC certificates are self-signed; the fingerprint exchanged in the
// signalling is what authenticates them (RFC 5763 §5).
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <openssl/types.h>

#include "rtcsip/core/result.hpp"
#include "rtcsip/media/dtls/dtls_error.hpp"

namespace rtcsip::media::dtls {

// Ordered from the weakest to the strongest (RFC 8122 §5 asks to compare with
// the strongest one the peer offered). md2 and md5 are refused.
enum class HashFunction : std::uint8_t { sha_1, sha_224, sha_256, sha_384, sha_512 };

struct Fingerprint {
  HashFunction hash = HashFunction::sha_256;
  std::vector<std::uint8_t> digest;
  friend bool operator==(const Fingerprint&, const Fingerprint&) = default;
};

// "sha-256" (the RFC 8122 §5 token; case-insensitive).
core::Result<HashFunction, DtlsError> parse_hash_function(std::string_view name);
std::string_view to_string(HashFunction hash) noexcept;
std::size_t digest_length(HashFunction hash) noexcept;

// The two halves of a=fingerprint: "sha-256" and "AB:CD:...". Hex digits are
// accepted in either case (RFC 8122 asks for upper case, not every peer obeys).
core::Result<Fingerprint, DtlsError> parse_fingerprint(std::string_view hash, std::string_view value);
// A whole a=fingerprint value: "sha-256 AB:CD:...".
core::Result<Fingerprint, DtlsError> parse_fingerprint_attribute(std::string_view attribute);

// "AB:CD:..." (upper case).
std::string format_digest(const Fingerprint& fingerprint);
// "sha-256 AB:CD:...", the a=fingerprint value.
std::string to_string(const Fingerprint& fingerprint);

// The fingerprint of a certificate's DER encoding; an error only if OpenSSL fails.
core::Result<Fingerprint, DtlsError> fingerprint_of(X509* certificate, HashFunction hash);

// RFC 8122 §5: when the peer offers several fingerprints, only those with its
// strongest hash function count, and the certificate must match one of them.
// False for a null certificate or an empty list.
bool certificate_matches(X509* certificate, std::span<const Fingerprint> expected);

}  // namespace rtcsip::media::dtls
