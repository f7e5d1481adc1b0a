// RFC 8122 §5 fingerprints: parsing, printing, and matching a certificate.
#include "rtcsip/media/dtls/fingerprint.hpp"

#include <gtest/gtest.h>

#include "dtls_fixture.hpp"
#include "rtcsip/media/dtls/srtp_keying_material.hpp"
#include "rtcsip/media/dtls/srtp_protection_profile.hpp"

namespace rtcsip::media::dtls::test {
namespace {

X509* cert_a() { return context_a()->identity().certificate(); }
X509* cert_b() { return context_b()->identity().certificate(); }

std::string hex_of_length(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += (i ? ":" : "") + std::string("0A");
  return out;
}

TEST(FingerprintTest, ParsesEverySupportedHash) {
  for (const auto& [name, length] : std::vector<std::pair<std::string, std::size_t>>{
           {"sha-1", 20}, {"sha-224", 28}, {"sha-256", 32}, {"sha-384", 48}, {"sha-512", 64}}) {
    SCOPED_TRACE(name);
    const auto f = parse_fingerprint(name, hex_of_length(length));
    ASSERT_TRUE(f.ok());
    EXPECT_EQ(to_string(f->hash), name);
    EXPECT_EQ(f->digest, std::vector<std::uint8_t>(length, 0x0a));
    EXPECT_EQ(to_string(*f), name + " " + hex_of_length(length));
  }
}

TEST(FingerprintTest, HashNamesAndHexAreCaseInsensitive) {
  std::string value = "ab:CD:ef";
  for (int i = 0; i < 29; ++i) value += ":00";
  const auto f = parse_fingerprint("SHA-256", value);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->hash, HashFunction::sha_256);
  EXPECT_EQ(format_digest(*f).substr(0, 8), "AB:CD:EF");
}

TEST(FingerprintTest, RefusesMalformedValues) {
  const std::string good = hex_of_length(32);
  EXPECT_EQ(parse_fingerprint("md5", hex_of_length(16)).error(), DtlsError::unsupported_hash);
  EXPECT_EQ(parse_fingerprint("sha-3", good).error(), DtlsError::unsupported_hash);
  EXPECT_EQ(parse_fingerprint("", good).error(), DtlsError::unsupported_hash);
  for (const std::string& bad : {std::string(), hex_of_length(31), hex_of_length(33), good + ":",
                                 "0G" + good.substr(2), good.substr(0, 2) + "-" + good.substr(3),
                                 std::string(good.size(), ':'), good.substr(0, good.size() - 1) + " "}) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(parse_fingerprint("sha-256", bad).error(), DtlsError::bad_fingerprint);
  }
}

TEST(FingerprintTest, ParsesTheAttributeValue) {
  const std::string sdp = context_a()->sdp_fingerprint();
  const auto f = parse_fingerprint_attribute(" " + sdp + "\r");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(*f, context_a()->fingerprint());
  EXPECT_EQ(parse_fingerprint_attribute("sha-256").error(), DtlsError::bad_fingerprint);
  EXPECT_EQ(to_string(DtlsError::bad_fingerprint), "malformed fingerprint");
  EXPECT_EQ(std::error_code(DtlsError::timeout).category().name(), std::string("dtls"));
}

TEST(FingerprintTest, MatchesTheCertificateItWasTakenFrom) {
  for (const HashFunction h : {HashFunction::sha_1, HashFunction::sha_224, HashFunction::sha_256,
                               HashFunction::sha_384, HashFunction::sha_512}) {
    const auto a = fingerprint_of(cert_a(), h);
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(a->digest.size(), digest_length(h));
    const std::vector<Fingerprint> list{*a};
    EXPECT_TRUE(certificate_matches(cert_a(), list));
    EXPECT_FALSE(certificate_matches(cert_b(), list));
  }
  EXPECT_FALSE(certificate_matches(cert_a(), {}));
  EXPECT_FALSE(certificate_matches(nullptr, std::vector<Fingerprint>{context_a()->fingerprint()}));
}

TEST(FingerprintTest, OnlyTheStrongestHashOfferedCounts) {
  // RFC 8122 §5: select the fingerprints of the strongest hash function.
  const auto a256 = *fingerprint_of(cert_a(), HashFunction::sha_256);
  const auto a512 = *fingerprint_of(cert_a(), HashFunction::sha_512);
  const auto b256 = *fingerprint_of(cert_b(), HashFunction::sha_256);
  const auto b512 = *fingerprint_of(cert_b(), HashFunction::sha_512);
  EXPECT_TRUE(certificate_matches(cert_a(), std::vector{b256, a512}));
  EXPECT_FALSE(certificate_matches(cert_a(), std::vector{a256, b512}));
  // Several of the strongest: any one matches (a certificate change in flight).
  EXPECT_TRUE(certificate_matches(cert_a(), std::vector{b256, a256}));
}

TEST(SrtpKeyingMaterialTest, SplitsAsRfc5764Section4_2) {
  std::vector<std::uint8_t> material(60);
  for (std::size_t i = 0; i < material.size(); ++i) material[i] = static_cast<std::uint8_t>(i);
  const SrtpKeyingMaterial keys(0x0001, 16, 14, material);
  EXPECT_EQ(keys.profile_id(), 0x0001);
  EXPECT_EQ(keys.material().size(), 60u);
  EXPECT_EQ(keys.client_write_key()[0], 0);
  EXPECT_EQ(keys.server_write_key()[0], 16);
  EXPECT_EQ(keys.client_write_salt()[0], 32);
  EXPECT_EQ(keys.server_write_salt()[0], 46);
  EXPECT_EQ(keys.server_write_salt().size(), 14u);
  EXPECT_TRUE(SrtpKeyingMaterial(0x0001, 16, 14, std::span(material).first(59)).material().empty());
}

TEST(SrtpProfileTest, KnowsTheDtlsSrtpProfiles) {
  EXPECT_EQ(srtp_profile_info(0x0007)->openssl_name, "SRTP_AEAD_AES_128_GCM");
  EXPECT_EQ(srtp_profile_info(0x0007)->salt_length, 12);
  EXPECT_EQ(srtp_profile_info(SrtpProfileId::aes128_cm_hmac_sha1_80)->name, "AES_CM_128_HMAC_SHA1_80");
  EXPECT_EQ(srtp_profile_info(0x0008)->key_length, 32);
  EXPECT_FALSE(srtp_profile_info(0x0005));  // NULL cipher: never
  EXPECT_FALSE(srtp_profile_info(0));
}

}  // namespace
}  // namespace rtcsip::media::dtls::test
