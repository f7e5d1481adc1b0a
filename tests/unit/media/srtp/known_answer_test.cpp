// Known answers: the RFC 3711 Appendix B, RFC 6188 §7 and RFC 7714 §16/§17
// vectors and libsrtp's published reference packets, checked through Session
// wherever a vector starts from a master key, and through the independent
// reference implementation (itself checked against those vectors) where a
// vector starts from session keys, which no libsrtp session accepts.
#include <gtest/gtest.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "reference_srtp.hpp"
#include "rtcsip/media/srtp/session.hpp"
#include "test_packets.hpp"

namespace rtcsip::media::srtp {
namespace {

using reference::Bytes;
using reference::hex;
using reference::to_hex;

// RFC 3711 Appendix B.3 master key and salt (also libsrtp's srtp_driver test key).
const Bytes kB3MasterKey = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
const Bytes kB3MasterSalt = hex("0EC675AD498AFEEBB6960B3AABE6");
// RFC 6188 §7.2 AES-256 master key and salt.
const Bytes kRfc6188MasterKey = hex("f0f04914b513f2763a1b1fa130f10e2998f6f6e43e4309d1e622a0e332b9f1b6");
const Bytes kRfc6188MasterSalt = hex("3b04803de51ee7c96423ab5b78d2");
// RFC 7714 §16: key, salt ("Quid pro quo") and the RTP packet ("Gallia est omnis divisa in partes tres").
const Bytes kRfc7714Key128 = hex("000102030405060708090a0b0c0d0e0f");
const Bytes kRfc7714Key256 = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
const Bytes kRfc7714Salt = hex("517569642070726f2071756f");
const Bytes kRfc7714Rtp =
    hex("8040f17b8041f8d35501a0b2"
        "47616c6c696120657374206f6d6e69732064697669736120696e207061727465732074726573");
// RFC 7714 §17.1-§17.4 operate on this RTCP packet, SRTCP index 0x5d4.
const Bytes kRfc7714Rtcp =
    hex("81c8000d4d6172734e5450314e545032525450200000042a0000e9304c756e61"
        "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef");

MasterKey master(Profile profile, const Bytes& key, const Bytes& salt) {
  return *MasterKey::create(profile, key, salt);
}

Session outbound(const MasterKey& key) { return std::move(*Session::create(Direction::outbound, key)); }
Session inbound(const MasterKey& key) { return std::move(*Session::create(Direction::inbound, key)); }

Bytes protect_rtp(Session& s, const Bytes& packet) {
  Bytes buffer = test::with_room(packet, kMaxRtpOverhead);
  auto n = s.protect_rtp(buffer, packet.size());
  EXPECT_TRUE(n.ok()) << (n.ok() ? "" : to_string(n.error()));
  buffer.resize(n.ok() ? *n : 0);
  return buffer;
}

Bytes protect_rtcp(Session& s, const Bytes& packet) {
  Bytes buffer = test::with_room(packet, kMaxRtcpOverhead);
  auto n = s.protect_rtcp(buffer, packet.size());
  EXPECT_TRUE(n.ok()) << (n.ok() ? "" : to_string(n.error()));
  buffer.resize(n.ok() ? *n : 0);
  return buffer;
}

Bytes unprotect(Session& s, Bytes packet, bool rtcp) {
  auto n = rtcp ? s.unprotect_rtcp(packet) : s.unprotect_rtp(packet);
  EXPECT_TRUE(n.ok()) << (n.ok() ? "" : to_string(n.error()));
  packet.resize(n.ok() ? *n : 0);
  return packet;
}

// ---- the reference implementation against the RFCs' own vectors

TEST(Reference, Rfc3711B2AesCmKeystream) {
  const Bytes stream = reference::aes_cm_keystream(hex("2B7E151628AED2A6ABF7158809CF4F3C"),
                                                   hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000"), 48);
  EXPECT_EQ(to_hex(stream), to_hex(hex("E03EAD0935C95E80E166B16DD92B4EB4"
                                       "D23513162B02D0F72A43A2FE4A5F97AB"
                                       "41E95B3BB0A2E8DD477901E4FCA894C0")));
}

TEST(Reference, Rfc3711B3KeyDerivation) {
  using enum reference::Label;
  EXPECT_EQ(to_hex(reference::derive(kB3MasterKey, kB3MasterSalt, rtp_encryption, 16)),
            "c61e7a93744f39ee10734afe3ff7a087");
  EXPECT_EQ(to_hex(reference::derive(kB3MasterKey, kB3MasterSalt, rtp_salt, 14)),
            "30cbbc08863d8c85d49db34a9ae1");
  EXPECT_EQ(to_hex(reference::derive(kB3MasterKey, kB3MasterSalt, rtp_authentication, 20)),
            "cebe321f6ff7716b6fd4ab49af256a156d38baa4");
}

TEST(Reference, Rfc6188Aes256KeyDerivation) {
  using enum reference::Label;
  EXPECT_EQ(to_hex(reference::derive(kRfc6188MasterKey, kRfc6188MasterSalt, rtp_encryption, 32)),
            "5ba1064e30ec51613cad926c5a28ef731ec7fb397f70a960653caf06554cd8c4");
  EXPECT_EQ(to_hex(reference::derive(kRfc6188MasterKey, kRfc6188MasterSalt, rtp_salt, 14)),
            "fa31791685ca444a9e07c6c64e93");
  EXPECT_EQ(to_hex(reference::derive(kRfc6188MasterKey, kRfc6188MasterSalt, rtp_authentication, 20)),
            "fd9c32d39ed5fbb5a9dc96b30818454d1313dc05");
}

TEST(Reference, Rfc7714Section16Rtp) {
  const reference::SessionKeys k128{kRfc7714Key128, kRfc7714Salt, {}};
  EXPECT_EQ(to_hex(reference::protect_rtp(Profile::aead_aes_128_gcm, k128, kRfc7714Rtp, 0)),
            "8040f17b8041f8d35501a0b2"
            "f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a51c7d19b36de3adf8833"
            "899d7f27beb16a9152cf765ee4390cce");  // §16.1.1
  const reference::SessionKeys k256{kRfc7714Key256, kRfc7714Salt, {}};
  EXPECT_EQ(to_hex(reference::protect_rtp(Profile::aead_aes_256_gcm, k256, kRfc7714Rtp, 0)),
            "8040f17b8041f8d35501a0b2"
            "32b1de78a822fe12ef9f78fa332e33aab18012389a58e2f3b50b2a0276ffae0f1ba63799b87b"
            "7aa3db36dfffd6b0f9bb7878d7a76c13");  // §16.2.1
}

TEST(Reference, Rfc7714Section17Rtcp) {
  const reference::SessionKeys k128{kRfc7714Key128, kRfc7714Salt, {}};
  EXPECT_EQ(to_hex(reference::protect_rtcp(Profile::aead_aes_128_gcm, k128, kRfc7714Rtcp, 0x5d4)),
            "81c8000d4d61727363e94885dcdab67ca727d7662f6b7e997ff5c0f76c06f32dc676a5f1730d6fda4ce09b4686303ded"
            "0bb9275bc84aa45896cf4d2fc5abf87245d9eade800005d4");  // §17.1
  const reference::SessionKeys k256{kRfc7714Key256, kRfc7714Salt, {}};
  EXPECT_EQ(to_hex(reference::protect_rtcp(Profile::aead_aes_256_gcm, k256, kRfc7714Rtcp, 0x5d4)),
            "81c8000d4d617273d50ae4d1f5ce5d304ba297e47d470c282c3ece5dbffe0a50a2eaa5c1110555be8415f658c61de047"
            "6f1b6fad1d1eb30c4446839f57ff6f6cb26ac3be800005d4");  // §17.2
}

// ---- sessions against published answers

// RFC 3711 B.3's master key through a session: SSRC 0 and index 0 make the
// ciphertext of zeros the AES-CM keystream (B.2's construction) under B.3's
// derived cipher key and salt, and the tag HMAC-SHA1 under B.3's auth key.
TEST(KnownAnswer, Rfc3711AppendixBThroughSession) {
  Session tx = outbound(master(Profile::aes_cm_128_hmac_sha1_80, kB3MasterKey, kB3MasterSalt));
  Bytes packet(12 + 48, 0);
  packet[0] = 0x80;
  const Bytes srtp = protect_rtp(tx, packet);
  ASSERT_EQ(srtp.size(), 12 + 48 + 10u);
  const Bytes keystream = reference::aes_cm_keystream(hex("C61E7A93744F39EE10734AFE3FF7A087"),
                                                      hex("30CBBC08863D8C85D49DB34A9AE10000"), 48);
  EXPECT_EQ(to_hex({srtp.data() + 12, 48}), to_hex(keystream));

  Bytes authenticated(srtp.begin(), srtp.begin() + 12 + 48);
  authenticated.resize(authenticated.size() + 4, 0);  // ROC 0
  const Bytes auth_key = hex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4");
  std::uint8_t mac[20];
  unsigned int mac_length = 0;
  HMAC(EVP_sha1(), auth_key.data(), 20, authenticated.data(), authenticated.size(), mac, &mac_length);
  EXPECT_EQ(to_hex({srtp.data() + 60, 10}), to_hex({mac, 10}));
}

// libsrtp's srtp_driver reference packets for AES_CM_128_HMAC_SHA1_80.
TEST(KnownAnswer, LibsrtpReferencePackets) {
  const MasterKey key = master(Profile::aes_cm_128_hmac_sha1_80, kB3MasterKey, kB3MasterSalt);
  Session tx = outbound(key);
  Session rx = inbound(key);
  const Bytes rtp = hex("800f1234decafbadcafebabe abababababababababababababababab");
  const Bytes srtp = protect_rtp(tx, rtp);
  EXPECT_EQ(to_hex(srtp), "800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb");
  EXPECT_EQ(unprotect(rx, srtp, false), rtp);

  const Bytes rtcp = hex("81c8000bcafebabe abababababababababababababababab");
  const Bytes srtcp = protect_rtcp(tx, rtcp);
  EXPECT_EQ(to_hex(srtcp), "81c8000bcafebabe7128035be487b9bdbef89041f977a5a880000001993e08cd54d6c1230798");
  EXPECT_EQ(unprotect(rx, srtcp, true), rtcp);
}

// libsrtp's AES_256_CM_HMAC_SHA1_80 reference packet, under RFC 6188 §7.2's key.
TEST(KnownAnswer, Aes256CmReferencePacket) {
  const MasterKey key = master(Profile::aes_256_cm_hmac_sha1_80, kRfc6188MasterKey, kRfc6188MasterSalt);
  Session tx = outbound(key);
  const Bytes rtp = hex("800f1234decafbadcafebabe abababababababababababababababab");
  const std::string expected = "800f1234decafbadcafebabef1d9de17ff251ff1aa007774b0b4b40da08d9d9a5b3a55d8873b";
  EXPECT_EQ(to_hex(protect_rtp(tx, rtp)), expected);
  EXPECT_EQ(to_hex(reference::protect_rtp(key.profile(), reference::derive_rtp_keys(key), rtp, 0)), expected);
}

std::uint32_t srtcp_index(Profile profile, const Bytes& srtcp) {
  const bool gcm = traits(profile).rtp_tag_length == 16;
  const std::size_t at = srtcp.size() - kSrtcpIndexLength - (gcm ? 0 : traits(profile).rtcp_tag_length);
  return (std::uint32_t(srtcp[at]) << 24 | srtcp[at + 1] << 16 | srtcp[at + 2] << 8 | srtcp[at + 3]) &
         0x7FFFFFFF;
}

// RFC 7714 §16/§17's key and salt as a master key: the session derives its
// session keys (RFC 7714 §11) and must then match the RFC 7714 construction.
TEST(KnownAnswer, Rfc7714PacketsThroughGcmSessions) {
  for (Profile p : {Profile::aead_aes_128_gcm, Profile::aead_aes_256_gcm}) {
    SCOPED_TRACE(to_string(p));
    const MasterKey key =
        master(p, p == Profile::aead_aes_128_gcm ? kRfc7714Key128 : kRfc7714Key256, kRfc7714Salt);
    Session tx = outbound(key);
    Session rx = inbound(key);
    const Bytes srtp = protect_rtp(tx, kRfc7714Rtp);
    EXPECT_EQ(to_hex(srtp),
              to_hex(reference::protect_rtp(p, reference::derive_rtp_keys(key), kRfc7714Rtp, 0)));
    EXPECT_EQ(unprotect(rx, srtp, false), kRfc7714Rtp);

    const Bytes srtcp = protect_rtcp(tx, kRfc7714Rtcp);
    const std::uint32_t index = srtcp_index(p, srtcp);
    EXPECT_EQ(to_hex(srtcp),
              to_hex(reference::protect_rtcp(p, reference::derive_rtcp_keys(key), kRfc7714Rtcp, index)));
    EXPECT_EQ(unprotect(rx, srtcp, true), kRfc7714Rtcp);
  }
}

// Every profile against the reference, with a CSRC list, a header extension
// and a sequence number wrap (ROC 0 -> 1), and SRTCP indexes 1, 2, 3...
class ReferenceMatch : public ::testing::TestWithParam<Profile> {};

TEST_P(ReferenceMatch, RtpAcrossSequenceWrap) {
  const MasterKey key = test::make_key(GetParam(), 0x40);
  Session tx = outbound(key);
  const auto keys = reference::derive_rtp_keys(key);
  std::uint32_t roc = 0;
  for (std::uint16_t seq : {65533, 65534, 65535, 0, 1}) {
    if (seq == 0) ++roc;
    Bytes rtp = test::make_rtp(seq, 0xcafebabe, 37);
    // Add one CSRC and a one-word RFC 8285 extension: header becomes 12 + 4 + 8.
    rtp[0] = 0x91;
    rtp.insert(rtp.begin() + 12, {0xde, 0xad, 0xbe, 0xef, 0xbe, 0xde, 0x00, 0x01, 0x10, 0xff, 0x00, 0x00});
    EXPECT_EQ(to_hex(protect_rtp(tx, rtp)), to_hex(reference::protect_rtp(GetParam(), keys, rtp, roc)))
        << "seq " << seq;
  }
  EXPECT_EQ(tx.rollover_counter(0xcafebabe), 1u);
}

TEST_P(ReferenceMatch, Rtcp) {
  const MasterKey key = test::make_key(GetParam(), 0x80);
  Session tx = outbound(key);
  const auto keys = reference::derive_rtcp_keys(key);
  for (std::uint32_t expected_index = 1; expected_index <= 3; ++expected_index) {
    const Bytes rtcp = test::make_rtcp(0x01020304, 4 * expected_index);
    const Bytes srtcp = protect_rtcp(tx, rtcp);
    EXPECT_EQ(srtcp_index(GetParam(), srtcp), expected_index);
    EXPECT_EQ(to_hex(srtcp), to_hex(reference::protect_rtcp(GetParam(), keys, rtcp, expected_index)));
  }
}

INSTANTIATE_TEST_SUITE_P(AllProfiles, ReferenceMatch, ::testing::ValuesIn(kAllProfiles),
                         [](const auto& info) { return std::string(to_string(info.param)); });

}  // namespace
}  // namespace rtcsip::media::srtp
