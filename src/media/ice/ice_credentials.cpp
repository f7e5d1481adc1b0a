#include "rtcsip/media/ice/ice_credentials.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace rtcsip::media::ice {

namespace {

// The 64 ice-chars of RFC 8839 §5.4: one per 6 random bits, without bias.
constexpr std::string_view kIceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string random_ice_chars(std::size_t count) {
  std::array<unsigned char, 64> bytes{};
  if (count > bytes.size() || RAND_bytes(bytes.data(), static_cast<int>(count)) != 1) {
    throw std::runtime_error("cannot draw random ICE credentials");
  }
  std::string out(count, '\0');
  for (std::size_t i = 0; i < count; ++i) out[i] = kIceChars[bytes[i] & 0x3f];
  return out;
}

bool ice_chars(const std::string& s, std::size_t min, std::size_t max) {
  return s.size() >= min && s.size() <= max &&
         std::all_of(s.begin(), s.end(), [](char c) { return kIceChars.find(c) != std::string_view::npos; });
}

}  // namespace

IceCredentials IceCredentials::generate() { return {random_ice_chars(8), random_ice_chars(24)}; }

bool IceCredentials::valid() const { return ice_chars(ufrag, 4, 256) && ice_chars(pwd, 22, 256); }

}  // namespace rtcsip::media::ice
