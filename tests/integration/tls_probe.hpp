#pragma once
#include <optional>
#include <string>

namespace rtcsip::test {

struct TlsResult {
  bool ok = false;
  std::string version;      // "TLSv1.3"
  std::string fingerprint;  // SHA-256 of the server certificate
  std::string error;
};

// Connects to 127.0.0.1:port and runs a TLS handshake limited to the given
// protocol versions (TLS1_2_VERSION ...), then closes.
TlsResult tls_probe(unsigned short port, int min_version, int max_version,
                    const std::string& client_cert = {}, const std::string& client_key = {});

// A TLS connection that sends `request` after the handshake and returns the
// first whole SIP message that comes back (or nothing).
std::optional<std::string> tls_exchange(unsigned short port, const std::string& request,
                                        const std::string& client_cert = {},
                                        const std::string& client_key = {});

}  // namespace rtcsip::test
