#pragma once
// An ICE username fragment and password, as in a=ice-ufrag / a=ice-pwd.
#include <string>

namespace rtcsip::media::ice {

struct IceCredentials {
  std::string ufrag;
  std::string pwd;

  // Fresh random credentials: 8 ice-chars of ufrag (48 bits) and 24 of
  // password (144 bits), above RFC 8445 §5.3's 24 and 128 bits, from
  // OpenSSL's CSPRNG. Throws std::runtime_error if it has no entropy.
  static IceCredentials generate();

  // RFC 8839 §5.4: ufrag 4 to 256 and password 22 to 256 ice-chars
  // (ALPHA / DIGIT / "+" / "/").
  [[nodiscard]] bool valid() const;

  friend bool operator==(const IceCredentials&, const IceCredentials&) = default;
};

}  // namespace rtcsip::media::ice
