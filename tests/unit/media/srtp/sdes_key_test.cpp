// SDES inline keys (RFC 4568 §6.1) and the base64 under them (RFC 4648).
#include "rtcsip/media/srtp/sdes_key.hpp"

#include <gtest/gtest.h>

#include <set>

#include "base64.hpp"
#include "test_packets.hpp"

namespace rtcsip::media::srtp {
namespace {

using test::Bytes;

std::string b64(std::string_view text) {
  return base64::encode({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
}

std::optional<std::string> unb64(std::string_view text) {
  std::array<std::uint8_t, 16> out{};
  const auto n = base64::decode(text, out);
  if (!n) return std::nullopt;
  return std::string(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(*n));
}

// RFC 4648 §10 test vectors.
TEST(Base64, Rfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(b64(plain), encoded);
    EXPECT_EQ(unb64(encoded), plain);
  }
}

TEST(Base64, PaddingRules) {
  EXPECT_EQ(unb64("Zm8"), "fo") << "unpadded accepted";
  EXPECT_EQ(unb64("Zg"), "f");
  EXPECT_FALSE(unb64("Zm8==")) << "too much padding";
  EXPECT_FALSE(unb64("Zg=")) << "padded length not a multiple of 4";
  EXPECT_FALSE(unb64("Zg===")) << "three pad characters";
  EXPECT_FALSE(unb64("Z===")) << "4n+1 data characters";
  EXPECT_FALSE(unb64("Z")) << "4n+1 data characters";
  EXPECT_FALSE(unb64("Zm=9v")) << "padding in the middle";
  EXPECT_FALSE(unb64("Zm9v\n")) << "whitespace";
  EXPECT_FALSE(unb64("Zm9-")) << "URL-safe alphabet";
  EXPECT_FALSE(unb64("AAAAAAAAAAAAAAAAAAAAAAAA")) << "18 octets into 16";
}

TEST(SdesKey, EncodedLengthsAndPadding) {
  struct Row {
    Profile p;
    std::size_t chars;
    std::size_t pad;
  };
  for (const Row& r : {Row{Profile::aes_cm_128_hmac_sha1_80, 40, 0},
                       Row{Profile::aes_cm_128_hmac_sha1_32, 40, 0}, Row{Profile::aead_aes_128_gcm, 40, 2},
                       Row{Profile::aead_aes_256_gcm, 60, 1}, Row{Profile::aes_256_cm_hmac_sha1_80, 64, 2}}) {
    SCOPED_TRACE(to_string(r.p));
    auto key = generate_master_key(r.p);
    ASSERT_TRUE(key.ok());
    const std::string text = encode_sdes_key_salt(*key);
    EXPECT_EQ(text.size(), r.chars);
    EXPECT_EQ(text.size() - text.find_last_not_of('=') - 1, r.pad);
    EXPECT_EQ(*decode_sdes_key_salt(r.p, text), *key);
    // Peers that strip the padding are understood.
    EXPECT_EQ(*decode_sdes_key_salt(r.p, text.substr(0, text.size() - r.pad)), *key);
  }
}

TEST(SdesKey, GeneratedKeysAreFreshAndInline) {
  std::set<std::string> seen;
  for (int i = 0; i < 32; ++i) {
    auto inline_key = generate_sdes_inline(Profile::aes_cm_128_hmac_sha1_80);
    ASSERT_TRUE(inline_key.ok());
    ASSERT_EQ(inline_key->size(), 7u + 40u);
    EXPECT_TRUE(inline_key->starts_with("inline:"));
    EXPECT_TRUE(seen.insert(*inline_key).second) << "repeated key";
    auto parsed = parse_sdes_inline(Profile::aes_cm_128_hmac_sha1_80, *inline_key);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(format_sdes_inline(parsed->key), *inline_key);
    EXPECT_FALSE(parsed->lifetime || parsed->mki);
  }
}

// RFC 4568 §6.1's example key-params.
TEST(SdesKey, Rfc4568Example) {
  auto parsed = parse_sdes_inline(Profile::aes_cm_128_hmac_sha1_80,
                                  "inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4");
  ASSERT_TRUE(parsed.ok()) << to_string(parsed.error());
  const std::string_view expected = "=-n@%^x!Bjufr9)?,#5h\\`=&]{qiPQ";  // the key's octets happen to be ASCII
  EXPECT_EQ(std::string(parsed->key.key_salt().begin(), parsed->key.key_salt().end()), expected);
  EXPECT_EQ(parsed->lifetime, std::uint64_t{1} << 20);
  EXPECT_EQ(parsed->mki, (Mki{1, 4}));
}

TEST(SdesKey, LifetimeAndMkiForms) {
  const std::string key = encode_sdes_key_salt(test::make_key(Profile::aead_aes_128_gcm, 3));
  const auto parse = [&](std::string_view tail) {
    return parse_sdes_inline(Profile::aead_aes_128_gcm, "inline:" + key + std::string(tail));
  };
  EXPECT_EQ(parse("|2^31")->lifetime, std::uint64_t{1} << 31);
  EXPECT_EQ(parse("|1048576")->lifetime, 1048576u);
  EXPECT_EQ(parse("|2^48")->lifetime, std::uint64_t{1} << 48);
  EXPECT_EQ(parse("|7:1")->mki, (Mki{7, 1}));
  EXPECT_FALSE(parse("|7:1")->lifetime);
  EXPECT_EQ(parse("|2^20|255:1")->mki, (Mki{255, 1}));
}

TEST(SdesKey, ParseErrors) {
  const Profile p = Profile::aes_cm_128_hmac_sha1_80;
  const std::string key = encode_sdes_key_salt(test::make_key(p, 3));
  const auto error = [&](std::string_view params) {
    auto r = parse_sdes_inline(p, params);
    return r.ok() ? SdesError{} : r.error();
  };
  EXPECT_EQ(error(key), SdesError::not_inline);
  EXPECT_EQ(error("INLINE:" + key), SdesError::not_inline);
  EXPECT_EQ(error("uri:" + key), SdesError::not_inline);
  EXPECT_EQ(error("inline:"), SdesError::wrong_length);
  EXPECT_EQ(error("inline:" + key.substr(0, 36)), SdesError::wrong_length);
  EXPECT_EQ(error("inline:" + key + "AAAA"), SdesError::wrong_length);
  EXPECT_EQ(error("inline:" + std::string(400, 'A')), SdesError::wrong_length);
  EXPECT_EQ(error("inline:" + std::string(64, 'A')), SdesError::wrong_length);
  EXPECT_EQ(error("inline:" + std::string(120, 'A')), SdesError::wrong_length);
  EXPECT_EQ(error("inline:" + std::string(121, 'A')), SdesError::wrong_length);
  EXPECT_EQ(error("inline:" + key.substr(0, 39) + "!"), SdesError::bad_base64);
  EXPECT_EQ(error("inline:" + key + "=="), SdesError::bad_base64);
  EXPECT_EQ(error("inline:" + key.substr(0, 20) + "=" + key.substr(21)), SdesError::bad_base64);
  for (const char* bad : {"|", "|2^", "|2^49", "|2^x", "|0", "|abc", "|-5", "|2^20|2^20", "|1:4|2^20"}) {
    EXPECT_EQ(error("inline:" + key + bad), SdesError::bad_lifetime) << bad;
  }
  for (const char* bad : {"|1:0", "|1:129", "|x:4", "|1:", "|:4", "|256:1", "|1:4|1:4", "|1:4:4"}) {
    EXPECT_EQ(error("inline:" + key + bad), SdesError::bad_mki) << bad;
  }
  // A key-salt of another profile's length.
  const std::string gcm = encode_sdes_key_salt(test::make_key(Profile::aead_aes_256_gcm, 3));
  EXPECT_EQ(error("inline:" + gcm), SdesError::wrong_length);
  EXPECT_EQ(decode_sdes_key_salt(Profile::aead_aes_256_gcm, gcm)->profile(), Profile::aead_aes_256_gcm);
}

}  // namespace
}  // namespace rtcsip::media::srtp
