// RFC 5764 §4.2 keying material split, and the two DTLS roles talking.
#include "rtcsip/media/srtp/dtls_srtp_keys.hpp"

#include <gtest/gtest.h>

#include "rtcsip/media/srtp/session_pair.hpp"
#include "test_packets.hpp"

namespace rtcsip::media::srtp {
namespace {

using test::Bytes;

constexpr std::array kDtlsProfiles = {Profile::aes_cm_128_hmac_sha1_80, Profile::aes_cm_128_hmac_sha1_32,
                                      Profile::aead_aes_128_gcm, Profile::aead_aes_256_gcm};

Bytes exported(Profile p) {
  Bytes material(dtls_keying_material_length(p));
  for (std::size_t i = 0; i < material.size(); ++i) material[i] = static_cast<std::uint8_t>(i);
  return material;
}

Bytes range(std::size_t from, std::size_t count) {
  Bytes out(count);
  for (std::size_t i = 0; i < count; ++i) out[i] = static_cast<std::uint8_t>(from + i);
  return out;
}

Bytes bytes(std::span<const std::uint8_t> s) { return {s.begin(), s.end()}; }

TEST(DtlsSrtpKeys, MaterialLengths) {
  EXPECT_EQ(dtls_keying_material_length(Profile::aes_cm_128_hmac_sha1_80), 60u);
  EXPECT_EQ(dtls_keying_material_length(Profile::aes_cm_128_hmac_sha1_32), 60u);
  EXPECT_EQ(dtls_keying_material_length(Profile::aead_aes_128_gcm), 56u);
  EXPECT_EQ(dtls_keying_material_length(Profile::aead_aes_256_gcm), 88u);
  EXPECT_EQ(kDtlsSrtpExporterLabel, "EXTRACTOR-dtls_srtp");
}

// client_write_key | server_write_key | client_write_salt | server_write_salt
TEST(DtlsSrtpKeys, SplitFollowsRfc5764Layout) {
  for (Profile p : kDtlsProfiles) {
    SCOPED_TRACE(to_string(p));
    const std::size_t k = master_key_length(p), s = master_salt_length(p);
    const auto client = split_dtls_keying_material(p, DtlsRole::client, exported(p));
    const auto server = split_dtls_keying_material(p, DtlsRole::server, exported(p));
    ASSERT_TRUE(client.ok() && server.ok());
    EXPECT_EQ(bytes(client->local.key()), range(0, k));
    EXPECT_EQ(bytes(client->remote.key()), range(k, k));
    EXPECT_EQ(bytes(client->local.salt()), range(2 * k, s));
    EXPECT_EQ(bytes(client->remote.salt()), range(2 * k + s, s));
    EXPECT_EQ(server->local, client->remote);
    EXPECT_EQ(server->remote, client->local);
    EXPECT_EQ(client->local.profile(), p);
  }
}

TEST(DtlsSrtpKeys, RejectsWrongLengthAndSdesOnlyProfile) {
  Bytes material = exported(Profile::aes_cm_128_hmac_sha1_80);
  material.pop_back();
  EXPECT_EQ(split_dtls_keying_material(Profile::aes_cm_128_hmac_sha1_80, DtlsRole::client, material).error(),
            SrtpError::bad_key);
  EXPECT_EQ(split_dtls_keying_material(Profile::aead_aes_128_gcm, DtlsRole::client, Bytes(60)).error(),
            SrtpError::bad_key);
  EXPECT_EQ(split_dtls_keying_material(Profile::aes_256_cm_hmac_sha1_80, DtlsRole::client, Bytes(92)).error(),
            SrtpError::unsupported_profile);
}

class DtlsRoles : public ::testing::TestWithParam<Profile> {};

// What the DTLS client protects the server unprotects, and the other way;
// neither side can read its own packets (the roles are not mixed up).
TEST_P(DtlsRoles, ClientAndServerInteroperate) {
  const Profile p = GetParam();
  auto client = SessionPair::create(*split_dtls_keying_material(p, DtlsRole::client, exported(p)));
  auto server = SessionPair::create(*split_dtls_keying_material(p, DtlsRole::server, exported(p)));
  ASSERT_TRUE(client.ok() && server.ok());
  struct Leg {
    SessionPair& from;
    SessionPair& to;
    std::uint16_t seq;  // distinct, or the second leg's own-packet check would hit the replay window
  };
  for (auto [from, to, seq] : {Leg{*client, *server, 42}, Leg{*server, *client, 43}}) {
    const Bytes rtp = test::make_rtp(seq);
    Bytes srtp = test::with_room(rtp, kMaxRtpOverhead);
    auto n = from.protect_rtp(srtp, rtp.size());
    ASSERT_TRUE(n.ok());
    srtp.resize(*n);
    Bytes own = srtp;
    EXPECT_EQ(from.unprotect_rtp(own).error(), SrtpError::auth_failure);
    auto m = to.unprotect_rtp(srtp);
    ASSERT_TRUE(m.ok()) << to_string(m.error());
    EXPECT_EQ(Bytes(srtp.begin(), srtp.begin() + static_cast<std::ptrdiff_t>(*m)), rtp);

    const Bytes rtcp = test::make_rtcp();
    Bytes srtcp = test::with_room(rtcp, kMaxRtcpOverhead);
    auto r = from.protect_rtcp(srtcp, rtcp.size());
    ASSERT_TRUE(r.ok());
    srtcp.resize(*r);
    auto s = to.unprotect_rtcp(srtcp);
    ASSERT_TRUE(s.ok()) << to_string(s.error());
    EXPECT_EQ(Bytes(srtcp.begin(), srtcp.begin() + static_cast<std::ptrdiff_t>(*s)), rtcp);
  }
}

INSTANTIATE_TEST_SUITE_P(DtlsProfiles, DtlsRoles, ::testing::ValuesIn(kDtlsProfiles),
                         [](const auto& info) { return std::string(to_string(info.param)); });

TEST(SessionPair, KeysOfDifferentProfilesRejected) {
  const KeyPair mixed{test::make_key(Profile::aes_cm_128_hmac_sha1_80, 1),
                      test::make_key(Profile::aes_cm_128_hmac_sha1_32, 2)};
  EXPECT_EQ(SessionPair::create(mixed).error(), SrtpError::bad_key);
}

TEST(SessionPair, SdesKeysBothWays) {
  // SDES: each side offers the key it sends with (RFC 4568 §6.1).
  const MasterKey a = test::make_key(Profile::aes_cm_128_hmac_sha1_32, 10);
  const MasterKey b = test::make_key(Profile::aes_cm_128_hmac_sha1_32, 90);
  auto alice = SessionPair::create({a, b});
  auto bob = SessionPair::create({b, a});
  ASSERT_TRUE(alice.ok() && bob.ok());
  EXPECT_EQ(alice->profile(), Profile::aes_cm_128_hmac_sha1_32);
  Bytes srtp = test::with_room(test::make_rtp(9), 4);
  ASSERT_EQ(*alice->protect_rtp(srtp, 172), 176u);
  EXPECT_EQ(*bob->unprotect_rtp(srtp), 172u);
}

}  // namespace
}  // namespace rtcsip::media::srtp
