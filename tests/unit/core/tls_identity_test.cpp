#include "rtcsip/core/tls_identity.hpp"

#include <gtest/gtest.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>

using rtcsip::core::TlsIdentity;
namespace fs = std::filesystem;

namespace {

class TlsIdentityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("rtcsip-tls-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

std::string error_of(const fs::path& cert, const fs::path& key) {
  try {
    TlsIdentity::load(cert, key);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_F(TlsIdentityTest, GeneratedCertificateIsEcdsaP256WithAFingerprint) {
  auto id = TlsIdentity::generate_self_signed("gw.example.com");
  EXPECT_TRUE(std::regex_match(id.fingerprint_sha256(), std::regex("([0-9A-F]{2}:){31}[0-9A-F]{2}")));
  EXPECT_EQ(id.subject(), "/O=rtcsipd/CN=gw.example.com");
  EXPECT_EQ(EVP_PKEY_get_base_id(id.private_key()), EVP_PKEY_EC);
  EXPECT_EQ(EVP_PKEY_get_bits(id.private_key()), 256);
  EXPECT_EQ(X509_check_private_key(id.certificate(), id.private_key()), 1);
  EXPECT_EQ(X509_check_host(id.certificate(), "localhost", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_ip_asc(id.certificate(), "127.0.0.1", 0), 1);
  EXPECT_EQ(X509_check_ip_asc(id.certificate(), "::1", 0), 1);
  EXPECT_NE(TlsIdentity::generate_self_signed("gw.example.com").fingerprint_sha256(),
            id.fingerprint_sha256());
}

TEST_F(TlsIdentityTest, LoadOrGenerateKeepsTheCertificateAcrossRestarts) {
  auto first = TlsIdentity::load_or_generate(dir_, "wss", "host");
  ASSERT_TRUE(fs::exists(dir_ / "wss.crt"));
  ASSERT_TRUE(fs::exists(dir_ / "wss.key"));
  struct stat st {};
  ASSERT_EQ(::stat((dir_ / "wss.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto second = TlsIdentity::load_or_generate(dir_, "wss", "host");
  EXPECT_EQ(first.fingerprint_sha256(), second.fingerprint_sha256());
  EXPECT_EQ(second.certificate_path(), dir_ / "wss.crt");
  // The files are ordinary PEM that load() accepts.
  auto loaded = TlsIdentity::load(dir_ / "wss.crt", dir_ / "wss.key");
  EXPECT_EQ(loaded.fingerprint_sha256(), first.fingerprint_sha256());
}

TEST_F(TlsIdentityTest, LoadOrGenerateReplacesAnUnusablePair) {
  fs::create_directories(dir_);
  std::ofstream(dir_ / "wss.crt") << "garbage";
  std::ofstream(dir_ / "wss.key") << "garbage";
  auto id = TlsIdentity::load_or_generate(dir_, "wss", "host");
  EXPECT_EQ(TlsIdentity::load(dir_ / "wss.crt", dir_ / "wss.key").fingerprint_sha256(),
            id.fingerprint_sha256());
}

TEST_F(TlsIdentityTest, LoadErrorsNameTheFileAndTheReason) {
  TlsIdentity::load_or_generate(dir_ / "a", "x", "host");
  TlsIdentity::load_or_generate(dir_ / "b", "x", "host");
  std::ofstream(dir_ / "junk.pem") << "not pem\n";
  EXPECT_EQ(error_of(dir_ / "missing.crt", dir_ / "a/x.key"),
            (dir_ / "missing.crt").string() + ": cannot read: No such file or directory");
  EXPECT_EQ(error_of(dir_ / "junk.pem", dir_ / "a/x.key")
                .rfind((dir_ / "junk.pem").string() + ": not a PEM certificate", 0),
            0u);
  EXPECT_EQ(error_of(dir_ / "a/x.crt", dir_ / "junk.pem")
                .rfind((dir_ / "junk.pem").string() + ": not a PEM private key", 0),
            0u);
  EXPECT_EQ(error_of(dir_ / "a/x.crt", dir_ / "b/x.key"), (dir_ / "b/x.key").string() +
                                                              ": private key does not match certificate " +
                                                              (dir_ / "a/x.crt").string());
}
