#include "rtcsip/core/tls_identity.hpp"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace rtcsip::core {
namespace {

struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct ChainFree {
  void operator()(STACK_OF(X509) * s) const { sk_X509_pop_free(s, X509_free); }
};
struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using ChainPtr = std::unique_ptr<STACK_OF(X509), ChainFree>;
using BioPtr = std::unique_ptr<BIO, BioFree>;

// Certificates generated here are valid for a year and replaced a month before they expire.
constexpr long kValiditySeconds = 365L * 24 * 3600;
constexpr long kRenewBeforeSeconds = 30L * 24 * 3600;

std::string openssl_error() {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown OpenSSL error";
  char buf[256];
  ERR_error_string_n(code, buf, sizeof buf);
  return buf;
}

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what) {
  throw std::runtime_error(file.string() + ": " + what);
}

BioPtr open_pem(const std::filesystem::path& file) {
  std::ifstream probe(file);
  if (!probe) fail(file, std::string("cannot read: ") + std::generic_category().message(errno));
  BioPtr bio(BIO_new_file(file.c_str(), "r"));
  if (!bio) fail(file, "cannot open: " + openssl_error());
  return bio;
}

std::string pem_of(int (*write)(BIO*, void*), void* object) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || write(bio.get(), object) != 1)
    throw std::runtime_error("PEM encoding failed: " + openssl_error());
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

void write_file(const std::filesystem::path& file, const std::string& content, mode_t mode) {
  const auto tmp = file.string() + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "w");
  if (!f) fail(file, std::string("cannot write: ") + std::generic_category().message(errno));
  ::chmod(tmp.c_str(), mode);
  const bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  if (std::fclose(f) != 0 || !ok) fail(file, "write failed");
  std::filesystem::rename(tmp, file);
}

bool expires_soon(X509* cert) {
  std::time_t limit = std::time(nullptr) + kRenewBeforeSeconds;
  return X509_cmp_time(X509_get0_notAfter(cert), &limit) <= 0;
}

}  // namespace

struct TlsIdentity::Impl {
  X509Ptr cert;
  PkeyPtr key;
  ChainPtr chain;
};

TlsIdentity::TlsIdentity(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TlsIdentity::TlsIdentity(TlsIdentity&&) noexcept = default;
TlsIdentity& TlsIdentity::operator=(TlsIdentity&&) noexcept = default;
TlsIdentity::~TlsIdentity() = default;

TlsIdentity TlsIdentity::load(const std::filesystem::path& certificate,
                              const std::filesystem::path& private_key) {
  auto impl = std::make_unique<Impl>();
  {
    auto bio = open_pem(certificate);
    impl->cert.reset(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!impl->cert) fail(certificate, "not a PEM certificate: " + openssl_error());
    impl->chain.reset(sk_X509_new_null());
    while (X509* extra = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
      sk_X509_push(impl->chain.get(), extra);
    }
    ERR_clear_error();  // the end of the file reads as an error
  }
  {
    auto bio = open_pem(private_key);
    impl->key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!impl->key) fail(private_key, "not a PEM private key (or it is encrypted): " + openssl_error());
  }
  if (X509_check_private_key(impl->cert.get(), impl->key.get()) != 1) {
    ERR_clear_error();
    fail(private_key, "private key does not match certificate " + certificate.string());
  }
  TlsIdentity id(std::move(impl));
  id.cert_path_ = certificate;
  return id;
}

TlsIdentity TlsIdentity::generate_self_signed(const std::string& common_name) {
  auto impl = std::make_unique<Impl>();
  impl->key.reset(EVP_EC_gen("P-256"));
  if (!impl->key) throw std::runtime_error("cannot generate an ECDSA P-256 key: " + openssl_error());
  impl->cert.reset(X509_new());
  X509* x = impl->cert.get();
  X509_set_version(x, 2);
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1) throw std::runtime_error("RAND_bytes failed");
  serial[0] &= 0x7f;  // a positive serial number
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(x), -3600);
  X509_gmtime_adj(X509_getm_notAfter(x), kValiditySeconds);
  X509_set_pubkey(x, impl->key.get());
  X509_NAME* name = X509_get_subject_name(x);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("rtcsipd"), -1,
                             -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0);
  X509_set_issuer_name(x, name);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, x, x, nullptr, nullptr, 0);
  const std::string san = "DNS:" + common_name + ",DNS:localhost,IP:127.0.0.1,IP:::1";
  for (const auto& [nid, value] : {std::pair{NID_subject_alt_name, san},
                                   std::pair{NID_basic_constraints, std::string("critical,CA:FALSE")},
                                   std::pair{NID_ext_key_usage, std::string("serverAuth,clientAuth")}}) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    if (!ext) throw std::runtime_error("cannot build certificate extension: " + openssl_error());
    X509_add_ext(x, ext, -1);
    X509_EXTENSION_free(ext);
  }
  if (X509_sign(x, impl->key.get(), EVP_sha256()) == 0) {
    throw std::runtime_error("cannot sign certificate: " + openssl_error());
  }
  TlsIdentity id(std::move(impl));
  id.generated_ = true;
  return id;
}

TlsIdentity TlsIdentity::load_or_generate(const std::filesystem::path& dir, const std::string& stem,
                                          const std::string& common_name) {
  const auto cert_file = dir / (stem + ".crt");
  const auto key_file = dir / (stem + ".key");
  std::error_code ec;
  if (std::filesystem::exists(cert_file, ec) && std::filesystem::exists(key_file, ec)) {
    try {
      auto id = load(cert_file, key_file);
      if (!expires_soon(id.certificate())) {
        id.generated_ = true;
        return id;
      }
    } catch (const std::runtime_error&) {
      // Unusable leftovers are replaced below.
    }
  }
  std::filesystem::create_directories(dir, ec);
  if (ec) fail(dir, "cannot create state directory: " + ec.message());
  auto id = generate_self_signed(common_name);
  write_file(key_file,
             pem_of(
                 [](BIO* b, void* k) {
                   return PEM_write_bio_PrivateKey(b, static_cast<EVP_PKEY*>(k), nullptr, nullptr, 0, nullptr,
                                                   nullptr);
                 },
                 id.private_key()),
             0600);
  write_file(
      cert_file,
      pem_of([](BIO* b, void* c) { return PEM_write_bio_X509(b, static_cast<X509*>(c)); }, id.certificate()),
      0644);
  id.cert_path_ = cert_file;
  return id;
}

std::string TlsIdentity::fingerprint_sha256() const { return sha256_fingerprint(impl_->cert.get()); }

std::string TlsIdentity::subject() const {
  char buf[512];
  X509_NAME_oneline(X509_get_subject_name(impl_->cert.get()), buf, sizeof buf);
  return buf;
}

X509* TlsIdentity::certificate() const { return impl_->cert.get(); }
EVP_PKEY* TlsIdentity::private_key() const { return impl_->key.get(); }
STACK_OF(X509) * TlsIdentity::chain() const { return impl_->chain.get(); }

std::string sha256_fingerprint(X509* cert) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  X509_digest(cert, EVP_sha256(), md, &len);
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(len * 3);
  for (unsigned int i = 0; i < len; ++i) {
    if (i) out.push_back(':');
    out.push_back(kHex[md[i] >> 4]);
    out.push_back(kHex[md[i] & 0xf]);
  }
  return out;
}

}  // namespace rtcsip::core
