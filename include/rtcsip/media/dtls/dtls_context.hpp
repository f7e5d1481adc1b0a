#pragma once
// The per-process DTLS side of every WebRTC leg: one certificate and key (a
// self-signed ECDSA P-256 one by default), its SHA-256 fingerprint for the
// local SDP (RFC 8122 §5), and one OpenSSL SSL_CTX set up for DTLS 1.2 with
// use_srtp (RFC 5764 §4.1). Created at start-up and shared, read-only, by all
// media workers: OpenSSL allows SSL objects on several threads to share a
// context that is no longer changed.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <openssl/types.h>

#include "rtcsip/core/tls_identity.hpp"
#include "rtcsip/media/dtls/fingerprint.hpp"
#include "rtcsip/media/dtls/srtp_protection_profile.hpp"

namespace rtcsip::media::dtls {

struct DtlsContextOptions {
  // Offered in this order by a client; a server picks the first of these
  // the client also offers (RFC 5764 §4.1.1: the server chooses).
  std::vector<SrtpProfileId> srtp_profiles = {SrtpProfileId::aead_aes_128_gcm,
                                              SrtpProfileId::aes128_cm_hmac_sha1_80};
};

class DtlsContext {
 public:
  using Options = DtlsContextOptions;

  // Start-up only: throws std::runtime_error when OpenSSL refuses the
  // identity or the options (e.g. no SRTP profile).
  static std::shared_ptr<const DtlsContext> create(std::shared_ptr<const core::TlsIdentity> identity,
                                                   Options options = {});
  // With a freshly generated self-signed ECDSA P-256 certificate.
  static std::shared_ptr<const DtlsContext> create_self_signed(Options options = {});

  ~DtlsContext();
  DtlsContext(const DtlsContext&) = delete;
  DtlsContext& operator=(const DtlsContext&) = delete;

  // The SHA-256 fingerprint of our certificate, for the local a=fingerprint.
  [[nodiscard]] const Fingerprint& fingerprint() const { return fingerprint_; }
  // "sha-256 AB:CD:...", the a=fingerprint value.
  [[nodiscard]] std::string sdp_fingerprint() const { return to_string(fingerprint_); }
  [[nodiscard]] const core::TlsIdentity& identity() const { return *identity_; }
  [[nodiscard]] const std::vector<SrtpProfileId>& srtp_profiles() const { return options_.srtp_profiles; }
  [[nodiscard]] SSL_CTX* native_handle() const { return ctx_.get(); }

 private:
  struct CtxFree {
    void operator()(SSL_CTX* ctx) const;
  };
  DtlsContext(std::shared_ptr<const core::TlsIdentity> identity, Options options);

  std::shared_ptr<const core::TlsIdentity> identity_;
  Options options_;
  Fingerprint fingerprint_;
  std::unique_ptr<SSL_CTX, CtxFree> ctx_;
};

}  // namespace rtcsip::media::dtls
