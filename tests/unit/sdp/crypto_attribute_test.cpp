// SDES a=crypto (RFC 4568 §9.1).
#include <gtest/gtest.h>

#include "rtcsip/sdp/attributes.hpp"
#include "rtcsip/sdp/parser.hpp"
#include "sdp_test_support.hpp"

namespace rtcsip::sdp {
namespace {

TEST(Crypto, SimpleInlineKey) {
  const auto c = parse_crypto("1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->tag, 1U);
  EXPECT_EQ(c->suite, "AES_CM_128_HMAC_SHA1_80");
  ASSERT_EQ(c->keys.size(), 1U);
  EXPECT_EQ(c->keys[0].method, "inline");
  EXPECT_EQ(c->keys[0].key_salt, "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz");
  EXPECT_TRUE(c->keys[0].lifetime.empty());
  EXPECT_TRUE(c->keys[0].mki.empty());
  EXPECT_TRUE(c->session_params.empty());
}

TEST(Crypto, LifetimeMkiSeveralKeysAndSessionParams) {
  // RFC 4568 §9.1 / the example of §10.
  const auto c = parse_crypto(
      "2 F8_128_HMAC_SHA1_80 inline:MTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5QUJjZGVm|2^20|1:4;"
      "inline:QUJjZGVmMTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5|2^20|2:4 FEC_ORDER=FEC_SRTP UNENCRYPTED_SRTCP");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->tag, 2U);
  ASSERT_EQ(c->keys.size(), 2U);
  EXPECT_EQ(c->keys[0].lifetime, "2^20");
  EXPECT_EQ(c->keys[0].mki, "1:4");
  EXPECT_EQ(c->keys[1].key_salt, "QUJjZGVmMTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5");
  EXPECT_EQ(c->keys[1].mki, "2:4");
  EXPECT_EQ(c->session_params, (std::vector<std::string>{"FEC_ORDER=FEC_SRTP", "UNENCRYPTED_SRTCP"}));
}

TEST(Crypto, LifetimeOrMkiAlone) {
  const auto lifetime =
      parse_crypto("1 AES_CM_128_HMAC_SHA1_32 inline:NzkyM2FjNzQ2ZDgxYjg0MzQwMGVmMGUxMzdmNWFm|2^31");
  ASSERT_TRUE(lifetime.has_value());
  EXPECT_EQ(lifetime->keys[0].lifetime, "2^31");
  EXPECT_TRUE(lifetime->keys[0].mki.empty());
  const auto decimal =
      parse_crypto("1 AES_CM_128_HMAC_SHA1_32 inline:NzkyM2FjNzQ2ZDgxYjg0MzQwMGVmMGUxMzdmNWFm|1048576");
  EXPECT_EQ(decimal->keys[0].lifetime, "1048576");
  const auto mki =
      parse_crypto("1 AES_CM_128_HMAC_SHA1_32 inline:NzkyM2FjNzQ2ZDgxYjg0MzQwMGVmMGUxMzdmNWFm|1:4");
  ASSERT_TRUE(mki.has_value());
  EXPECT_TRUE(mki->keys[0].lifetime.empty());
  EXPECT_EQ(mki->keys[0].mki, "1:4");
}

TEST(Crypto, PaddedKeysAndOtherMethods) {
  const auto c = parse_crypto(
      "3 AES_256_CM_HMAC_SHA1_80 inline:M9UR+6n8F8DZ5mh/V5vh2VKdYZ+5Hb4K3mwepx8oM9aIQYb7RzdfJE42ezOTcQ==");
  ASSERT_TRUE(c.has_value());
  EXPECT_TRUE(c->keys[0].key_salt.ends_with("=="));
  const auto ext = parse_crypto("1 AES_CM_128_HMAC_SHA1_80 future:whatever|goes");
  ASSERT_TRUE(ext.has_value());
  EXPECT_EQ(ext->keys[0].method, "future");
  EXPECT_EQ(ext->keys[0].key_salt, "whatever|goes");
}

TEST(Crypto, Malformed) {
  for (const char* bad : {
           "",
           "1",
           "1 AES_CM_128_HMAC_SHA1_80",
           "x AES_CM_128_HMAC_SHA1_80 inline:QUJD",
           "1234567890 AES_CM_128_HMAC_SHA1_80 inline:QUJD",  // tag = 1*9DIGIT
           "1 AES-CM inline:QUJD",
           "1 AES_CM_128_HMAC_SHA1_80 inline",
           "1 AES_CM_128_HMAC_SHA1_80 inline:",
           "1 AES_CM_128_HMAC_SHA1_80 inline:QU=JD",
           "1 AES_CM_128_HMAC_SHA1_80 inline:QUJD!",
           "1 AES_CM_128_HMAC_SHA1_80 inline:QUJD|",
           "1 AES_CM_128_HMAC_SHA1_80 inline:QUJD|2^x",
           "1 AES_CM_128_HMAC_SHA1_80 inline:QUJD|1:4|2^20",  // lifetime before MKI
           "1 AES_CM_128_HMAC_SHA1_80 inline:QUJD|1:1234",    // mki-length = 1*3DIGIT
           "1 AES_CM_128_HMAC_SHA1_80 inline:QUJD;",
           ":1 AES_CM_128_HMAC_SHA1_80 inline:QUJD",
       }) {
    EXPECT_FALSE(parse_crypto(bad).has_value()) << bad;
  }
}

TEST(Crypto, FormatRoundTrips) {
  for (const char* v : {
           "1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz",
           "1 AES_CM_128_HMAC_SHA1_32 inline:NzkyM2FjNzQ2ZDgxYjg0MzQwMGVmMGUxMzdmNWFm|2^31",
           "2 F8_128_HMAC_SHA1_80 inline:MTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5QUJjZGVm|2^20|1:4;"
           "inline:QUJjZGVmMTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5|2^20|2:4 FEC_ORDER=FEC_SRTP",
           "5 AEAD_AES_256_GCM_8 inline:QUJjZGVmMTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5 KDR=1 UNENCRYPTED_SRTCP",
       }) {
    const auto c = parse_crypto(v);
    ASSERT_TRUE(c.has_value()) << v;
    EXPECT_EQ(format_crypto(*c), v);
  }
}

TEST(Crypto, FormatFromFields) {
  Crypto c;
  c.tag = 7;
  c.suite = "AES_CM_128_HMAC_SHA1_80";
  c.keys.push_back(CryptoKey{"inline", "QUJjZGVmMTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5", "2^31", ""});
  EXPECT_EQ(format_crypto(c),
            "7 AES_CM_128_HMAC_SHA1_80 inline:QUJjZGVmMTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5|2^31");
}

TEST(Crypto, AllOfASection) {
  auto r = parse(test::golden("freeswitch_srtp_offer"));
  ASSERT_TRUE(r.ok());
  const auto cs = cryptos(r->media[0]);
  ASSERT_EQ(cs.size(), 5U);
  EXPECT_EQ(cs[0].suite, "AEAD_AES_256_GCM_8");
  EXPECT_EQ(cs[1].suite, "AES_256_CM_HMAC_SHA1_80");
  EXPECT_EQ(cs[1].keys[0].key_salt.size(), 64U);  // 46 bytes of key and salt
  EXPECT_EQ(cs[3].suite, "AES_CM_128_HMAC_SHA1_80");
  EXPECT_EQ(cs[3].keys[0].key_salt.size(), 40U);  // 30 bytes
  for (std::size_t i = 0; i < cs.size(); ++i) EXPECT_EQ(cs[i].tag, i + 1);
  MediaDescription m;
  m.attributes = {{"crypto", "nonsense", true}};
  EXPECT_TRUE(cryptos(m).empty());
}

}  // namespace
}  // namespace rtcsip::sdp
