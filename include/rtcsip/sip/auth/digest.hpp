#pragma once
// The digest computation of RFC 7616 §3.4.1-§3.4.3 with the algorithms SIP
// uses (RFC 3261 §22.4, RFC 8760 §2): H() is MD5 or SHA-256 and every value
// fed to it or returned by it is lower-case hex.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rtcsip::sip::auth {

enum class Hash : std::uint8_t { md5, sha256 };

// RFC 8760 §2 names: "MD5", "MD5-sess", "SHA-256", "SHA-256-sess". The
// -sess variants fold the nonce and cnonce into A1 (RFC 7616 §3.4.2).
enum class Algorithm : std::uint8_t { md5, md5_sess, sha256, sha256_sess };

std::string_view algorithm_name(Algorithm a) noexcept;
// Names compare case-insensitively, as the tokens of RFC 7235 §2.1 do.
std::optional<Algorithm> parse_algorithm(std::string_view name) noexcept;
Hash hash_of(Algorithm a) noexcept;
bool is_session(Algorithm a) noexcept;
// Hex digits in one H() value: 32 for MD5, 64 for SHA-256.
std::size_t hex_length(Hash h) noexcept;

// Lower-case hex H(data); empty when the library refuses the hash (MD5 under
// a FIPS-only OpenSSL provider), which then matches no response.
std::string hex_digest(Hash h, std::string_view data);

// HA1 = H(username ":" realm ":" password), RFC 7616 §3.4.2: what a user
// entry stores instead of a password (config ha1_md5 / ha1_sha256).
std::string compute_ha1(Hash h, std::string_view username, std::string_view realm, std::string_view password);

struct DigestInput {
  Algorithm algorithm = Algorithm::md5;
  std::string_view ha1{};  // lower-case hex H(username:realm:password)
  std::string_view nonce{};
  std::string_view cnonce{};  // with qop, and always for the -sess variants
  std::string_view nc{};      // the 8 hex digits as sent, with qop
  std::string_view qop{};     // "auth", or empty for an RFC 2069 client
  std::string_view method{};
  std::string_view uri{};  // the digest uri exactly as the client sent it
};

// The request-digest: KD(HA1, nonce:nc:cnonce:qop:HA2) with qop (RFC 7616
// §3.4.1), KD(HA1, nonce:HA2) without (RFC 2069 §2.1.2), HA2 = H(method:uri).
std::string compute_response(const DigestInput& in);

}  // namespace rtcsip::sip::auth
