#include "rtcsip/media/dtls/dtls_context.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <stdexcept>

#include "openssl_errors.hpp"

namespace rtcsip::media::dtls {
namespace {

// ECDHE only (forward secrecy), AEAD first, led by the suite RFC 8827 §6.5
// makes mandatory (ECDHE-ECDSA-AES128-GCM-SHA256); the CBC suites are kept for
// older stacks. Both ECDSA and RSA certificates, since peers choose their own.
constexpr const char* kCipherList =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
    "ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA";
constexpr const char* kGroups = "X25519:P-256:P-384";

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error("DTLS context: " + what + ": " + drain_openssl_errors());
}

std::string use_srtp_list(const std::vector<SrtpProfileId>& profiles) {
  std::string out;
  for (const SrtpProfileId id : profiles) {
    const auto info = srtp_profile_info(id);
    if (!info)
      throw std::runtime_error("DTLS context: unknown SRTP profile " + std::to_string(static_cast<int>(id)));
    if (!out.empty()) out += ':';
    out += info->openssl_name;
  }
  return out;
}

}  // namespace

void DtlsContext::CtxFree::operator()(SSL_CTX* ctx) const { SSL_CTX_free(ctx); }

std::shared_ptr<const DtlsContext> DtlsContext::create(std::shared_ptr<const core::TlsIdentity> identity,
                                                       Options options) {
  if (!identity) throw std::runtime_error("DTLS context: no identity");
  return std::shared_ptr<const DtlsContext>(new DtlsContext(std::move(identity), std::move(options)));
}

std::shared_ptr<const DtlsContext> DtlsContext::create_self_signed(Options options) {
  // WebRTC certificates carry no name anyone checks: the SDP fingerprint is the identity.
  auto identity =
      std::make_shared<const core::TlsIdentity>(core::TlsIdentity::generate_self_signed("rtcsipd"));
  return create(std::move(identity), std::move(options));
}

DtlsContext::DtlsContext(std::shared_ptr<const core::TlsIdentity> identity, Options options)
    : identity_(std::move(identity)), options_(std::move(options)) {
  ERR_clear_error();
  if (options_.srtp_profiles.empty()) throw std::runtime_error("DTLS context: no SRTP profile to offer");
  const std::string srtp = use_srtp_list(options_.srtp_profiles);
  auto fp = fingerprint_of(identity_->certificate(), HashFunction::sha_256);
  if (!fp) fail("cannot fingerprint the certificate");
  fingerprint_ = std::move(*fp);

  ctx_.reset(SSL_CTX_new(DTLS_method()));
  SSL_CTX* ctx = ctx_.get();
  if (ctx == nullptr) fail("SSL_CTX_new");
  // DTLS 1.0 is deprecated (RFC 8996); OpenSSL 3.0 has no DTLS 1.3.
  if (SSL_CTX_set_min_proto_version(ctx, DTLS1_2_VERSION) != 1 ||
      SSL_CTX_set_max_proto_version(ctx, DTLS1_2_VERSION) != 1) {
    fail("cannot restrict to DTLS 1.2");
  }
  if (SSL_CTX_use_certificate(ctx, identity_->certificate()) != 1 ||
      SSL_CTX_use_PrivateKey(ctx, identity_->private_key()) != 1 || SSL_CTX_check_private_key(ctx) != 1) {
    fail("certificate or key refused");
  }
  if (SSL_CTX_set_cipher_list(ctx, kCipherList) != 1) fail("cipher list refused");
  if (SSL_CTX_set1_groups_list(ctx, kGroups) != 1) fail("groups refused");
  // RFC 5764 §4.1.1. Beware: this one returns 0 on success.
  if (SSL_CTX_set_tlsext_use_srtp(ctx, srtp.c_str()) != 0) fail("use_srtp profiles refused");
  // Our datagram BIO cannot query a path MTU; the transport sets it. Every
  // association is new (no resumption), and renegotiation is refused.
  SSL_CTX_set_options(ctx, SSL_OP_NO_QUERY_MTU | SSL_OP_NO_TICKET | SSL_OP_NO_RENEGOTIATION |
                               SSL_OP_CIPHER_SERVER_PREFERENCE);
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
  SSL_CTX_set_read_ahead(ctx, 1);
}

DtlsContext::~DtlsContext() = default;

}  // namespace rtcsip::media::dtls
