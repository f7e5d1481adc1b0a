#pragma once
// SDES keys (RFC 4568 §6.1): "inline:" followed by base64 (RFC 4648 §4, with
// padding) of master key || master salt, optionally "|lifetime" and
// "|MKI:length". rtcsipd offers fresh random keys without lifetime or MKI.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include "rtcsip/core/result.hpp"
#include "rtcsip/media/srtp/master_key.hpp"
#include "rtcsip/media/srtp/profile.hpp"

namespace rtcsip::media::srtp {

enum class SdesError : std::uint8_t {
  bad_base64 = 1,  // a character outside the alphabet, or misplaced or extra '=' padding
  wrong_length,    // decodes to more or fewer octets than the profile's key || salt
  not_inline,      // key-method is not "inline"
  bad_lifetime,    // not "2^n" (n <= 48) or a decimal number of packets
  bad_mki,         // not "value:length" with a length of 1 to 128 octets
  no_randomness,   // getrandom(2) failed
};

std::string_view to_string(SdesError e) noexcept;
const std::error_category& sdes_category() noexcept;
std::error_code make_error_code(SdesError e) noexcept;

// A random master key and salt for `profile`, from the kernel's CSPRNG.
core::Result<MasterKey, SdesError> generate_master_key(Profile profile);

// The base64 key-salt of RFC 4568 §6.1, padded ("...==" for 28 and 46 octets).
std::string encode_sdes_key_salt(const MasterKey& key);
// Accepts the padded form and, for peers that strip it, the unpadded one.
core::Result<MasterKey, SdesError> decode_sdes_key_salt(Profile profile, std::string_view base64);

// "inline:<key-salt>", the key-params rtcsipd puts in an a=crypto line.
std::string format_sdes_inline(const MasterKey& key);
// A fresh key for an offer: generate_master_key() then format_sdes_inline().
core::Result<std::string, SdesError> generate_sdes_inline(Profile profile);

struct Mki {
  std::uint64_t value = 0;
  std::uint8_t length = 0;  // octets the MKI takes in each packet, 1..128
  friend bool operator==(const Mki&, const Mki&) = default;
};

struct SdesInlineKey {
  MasterKey key;
  std::optional<std::uint64_t> lifetime;  // packets; absent means the SRTP maximum
  std::optional<Mki> mki;                 // Session does not do MKI: callers refuse such keys
};

// Parses key-params: "inline:<key-salt>[|<lifetime>][|<mki>:<length>]".
core::Result<SdesInlineKey, SdesError> parse_sdes_inline(Profile profile, std::string_view key_params);

}  // namespace rtcsip::media::srtp

template <>
struct std::is_error_code_enum<rtcsip::media::srtp::SdesError> : std::true_type {};
