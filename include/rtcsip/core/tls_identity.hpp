#pragma once
// A certificate and its private key for the TLS and WSS listeners: loaded from
// PEM files, or a self-signed ECDSA P-256 one generated and kept in a state
// directory so that it (and its fingerprint) survives restarts.
#include <filesystem>
#include <memory>
#include <string>

#include <openssl/types.h>

struct stack_st_X509;  // STACK_OF(X509)

namespace rtcsip::core {

class TlsIdentity {
 public:
  // Loads a certificate chain (leaf first) and a private key that matches it.
  // Throws std::runtime_error naming the file and the reason.
  static TlsIdentity load(const std::filesystem::path& certificate, const std::filesystem::path& private_key);
  // Uses <dir>/<stem>.crt and <dir>/<stem>.key when they hold a valid
  // certificate that is not about to expire; otherwise generates a new
  // self-signed one (key readable by the owner only) and stores it there.
  static TlsIdentity load_or_generate(const std::filesystem::path& dir, const std::string& stem,
                                      const std::string& common_name);
  static TlsIdentity generate_self_signed(const std::string& common_name);

  TlsIdentity(TlsIdentity&&) noexcept;
  TlsIdentity& operator=(TlsIdentity&&) noexcept;
  ~TlsIdentity();

  // "AB:CD:..." over the DER form of the leaf certificate (RFC 8122 style).
  [[nodiscard]] std::string fingerprint_sha256() const;
  [[nodiscard]] std::string subject() const;
  [[nodiscard]] bool generated() const { return generated_; }
  [[nodiscard]] const std::filesystem::path& certificate_path() const { return cert_path_; }

  [[nodiscard]] X509* certificate() const;
  [[nodiscard]] EVP_PKEY* private_key() const;
  // Intermediate certificates after the leaf; may be null or empty.
  [[nodiscard]] STACK_OF(X509) * chain() const;

 private:
  struct Impl;
  explicit TlsIdentity(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::filesystem::path cert_path_;
  bool generated_ = false;
};

// The SHA-256 fingerprint of a DER certificate as "AB:CD:...".
std::string sha256_fingerprint(X509* cert);

}  // namespace rtcsip::core
