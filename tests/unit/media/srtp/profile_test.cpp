// Profile tables, names and ids, and what the linked libsrtp supports.
#include "rtcsip/media/srtp/profile.hpp"

#include <gtest/gtest.h>

#include <iostream>
#include <thread>
#include <vector>

#include "rtcsip/media/srtp/error.hpp"
#include "rtcsip/media/srtp/library.hpp"
#include "rtcsip/media/srtp/session_pair.hpp"
#include "test_packets.hpp"

namespace rtcsip::media::srtp {
namespace {

TEST(Profile, Lengths) {
  struct Row {
    Profile p;
    std::size_t key, salt, rtp, rtcp;
  };
  for (const Row& r :
       {Row{Profile::aes_cm_128_hmac_sha1_80, 16, 14, 10, 14},
        Row{Profile::aes_cm_128_hmac_sha1_32, 16, 14, 4, 14}, Row{Profile::aead_aes_128_gcm, 16, 12, 16, 20},
        Row{Profile::aead_aes_256_gcm, 32, 12, 16, 20},
        Row{Profile::aes_256_cm_hmac_sha1_80, 32, 14, 10, 14}}) {
    SCOPED_TRACE(to_string(r.p));
    EXPECT_EQ(master_key_length(r.p), r.key);
    EXPECT_EQ(master_salt_length(r.p), r.salt);
    EXPECT_EQ(rtp_overhead(r.p), r.rtp);
    EXPECT_EQ(rtcp_overhead(r.p), r.rtcp);
    EXPECT_LE(rtp_overhead(r.p), kMaxRtpOverhead);
    EXPECT_LE(rtcp_overhead(r.p), kMaxRtcpOverhead);
    EXPECT_LE(master_key_length(r.p) + master_salt_length(r.p), kMaxKeySaltLength);
  }
}

TEST(Profile, BufferBounds) {
  EXPECT_EQ(kMaxRtpOverhead, 16u);
  EXPECT_EQ(kMaxRtcpOverhead, 20u);
  EXPECT_EQ(kMaxKeySaltLength, 46u);
}

TEST(Profile, SdesNames) {
  for (Profile p : kAllProfiles) EXPECT_EQ(profile_from_sdes_name(sdes_name(p)), p);
  EXPECT_EQ(profile_from_sdes_name("AES_CM_128_HMAC_SHA1_80"), Profile::aes_cm_128_hmac_sha1_80);
  EXPECT_EQ(profile_from_sdes_name("AES_CM_128_HMAC_SHA1_32"), Profile::aes_cm_128_hmac_sha1_32);
  EXPECT_EQ(profile_from_sdes_name("AEAD_AES_128_GCM"), Profile::aead_aes_128_gcm);
  EXPECT_EQ(profile_from_sdes_name("AEAD_AES_256_GCM"), Profile::aead_aes_256_gcm);
  EXPECT_EQ(profile_from_sdes_name("AES_256_CM_HMAC_SHA1_80"), Profile::aes_256_cm_hmac_sha1_80);
  for (const char* unknown :
       {"", "aes_cm_128_hmac_sha1_80", "AES_CM_128_HMAC_SHA1_80 ", "F8_128_HMAC_SHA1_80",
        "AES_192_CM_HMAC_SHA1_80", "AES_256_CM_HMAC_SHA1_32", "NULL_HMAC_SHA1_80"}) {
    EXPECT_FALSE(profile_from_sdes_name(unknown).has_value()) << unknown;
  }
}

TEST(Profile, DtlsIds) {
  EXPECT_EQ(profile_from_dtls_id(0x0001), Profile::aes_cm_128_hmac_sha1_80);
  EXPECT_EQ(profile_from_dtls_id(0x0002), Profile::aes_cm_128_hmac_sha1_32);
  EXPECT_EQ(profile_from_dtls_id(0x0007), Profile::aead_aes_128_gcm);
  EXPECT_EQ(profile_from_dtls_id(0x0008), Profile::aead_aes_256_gcm);
  for (std::uint16_t id : {0x0000, 0x0003, 0x0004, 0x0005, 0x0006, 0x0009, 0x0100, 0xFFFF}) {
    EXPECT_FALSE(profile_from_dtls_id(id).has_value()) << id;
  }
  EXPECT_EQ(dtls_id(Profile::aead_aes_256_gcm), 0x0008);
  EXPECT_FALSE(dtls_id(Profile::aes_256_cm_hmac_sha1_80).has_value());
}

TEST(Profile, ErrorCodes) {
  const std::error_code ec = SrtpError::auth_failure;
  EXPECT_EQ(ec.category().name(), std::string("srtp"));
  EXPECT_EQ(ec.message(), "authentication failed");
  EXPECT_TRUE(ec);
}

// Reports, in the test log, which profiles the linked libsrtp can run; the
// session tests skip (and say so) any it cannot.
TEST(Library, ReportsSupportedProfiles) {
  ASSERT_FALSE(initialize());
  EXPECT_FALSE(library_version().empty());
  std::cout << "[ info     ] " << library_version() << ":";
  for (Profile p : kAllProfiles) std::cout << ' ' << to_string(p) << (is_supported(p) ? "=yes" : "=NO");
  std::cout << '\n';
  // AES-CM-128 with HMAC-SHA1 is built into every libsrtp2; AES-GCM and
  // AES-256 come from its crypto backend (OpenSSL, NSS or mbedTLS).
  for (Profile p : {Profile::aes_cm_128_hmac_sha1_80, Profile::aes_cm_128_hmac_sha1_32})
    EXPECT_TRUE(is_supported(p));
  ::testing::Test::RecordProperty("libsrtp", std::string(library_version()));
  ::testing::Test::RecordProperty("aes_256_cm",
                                  is_supported(Profile::aes_256_cm_hmac_sha1_80) ? "yes" : "no");
  ::testing::Test::RecordProperty("aead_gcm", is_supported(Profile::aead_aes_128_gcm) ? "yes" : "no");
}

// Under CTest each test runs in a process of its own, so here the threads race
// to be first to initialise libsrtp (and NSS under it).
TEST(Library, FirstUseFromManyThreads) {
  std::vector<std::thread> threads;
  std::array<bool, 4> ok{};
  for (std::size_t t = 0; t < ok.size(); ++t) {
    threads.emplace_back([t, &ok] {
      const Profile p = kAllProfiles[t % kAllProfiles.size()];
      const MasterKey key = test::make_key(p, static_cast<std::uint8_t>(t));
      auto pair = SessionPair::create({key, key});
      if (!pair) return;
      test::Bytes packet = test::with_room(test::make_rtp(1), kMaxRtpOverhead);
      auto n = pair->protect_rtp(packet, 172);
      ok[t] = n.ok() && pair->unprotect_rtp(std::span(packet.data(), *n)).ok();
    });
  }
  for (auto& t : threads) t.join();
  for (bool b : ok) EXPECT_TRUE(b);
}

}  // namespace
}  // namespace rtcsip::media::srtp
