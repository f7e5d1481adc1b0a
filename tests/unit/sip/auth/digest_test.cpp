// The digest computation against the RFCs' worked examples.
#include "rtcsip/sip/auth/digest.hpp"

#include <gtest/gtest.h>

#include "digest_client.hpp"

namespace rtcsip::sip::auth {
namespace {

// RFC 7616 §3.9.1 (password as corrected by erratum 4495: "Circle of Life").
constexpr std::string_view kUser = "Mufasa";
constexpr std::string_view kPassword = "Circle of Life";
constexpr std::string_view kRealm = "http-auth@example.org";
constexpr std::string_view kNonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
constexpr std::string_view kCnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

std::string rfc7616_response(Algorithm algorithm) {
  const std::string ha1 = compute_ha1(hash_of(algorithm), kUser, kRealm, kPassword);
  return compute_response({.algorithm = algorithm,
                           .ha1 = ha1,
                           .nonce = kNonce,
                           .cnonce = kCnonce,
                           .nc = "00000001",
                           .qop = "auth",
                           .method = "GET",
                           .uri = "/dir/index.html"});
}

TEST(Digest, Rfc7616Md5Example) {
  EXPECT_EQ(rfc7616_response(Algorithm::md5), "8ca523f5e9506fed4657c9700eebdbec");
}

TEST(Digest, Rfc7616Sha256Example) {
  EXPECT_EQ(rfc7616_response(Algorithm::sha256),
            "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
}

// RFC 2617 §3.5, the older example (password "Circle Of Life", capital O).
TEST(Digest, Rfc2617Example) {
  const std::string ha1 = compute_ha1(Hash::md5, "Mufasa", "testrealm@host.com", "Circle Of Life");
  EXPECT_EQ(compute_response({.algorithm = Algorithm::md5,
                              .ha1 = ha1,
                              .nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                              .cnonce = "0a4f113b",
                              .nc = "00000001",
                              .qop = "auth",
                              .method = "GET",
                              .uri = "/dir/index.html"}),
            "6629fae49393a05397450978507c4ef1");
}

TEST(Digest, SessionAndNoQopVariantsMatchTheReferenceClient) {
  for (std::string_view name : {"MD5", "MD5-sess", "SHA-256", "SHA-256-sess"}) {
    const auto algorithm = parse_algorithm(name);
    ASSERT_TRUE(algorithm.has_value()) << name;
    const test::Challenge c{.realm = "example.com", .nonce = "n0nce", .algorithm = std::string(name)};
    for (bool with_qop : {true, false}) {
      if (is_session(*algorithm) && !with_qop) continue;
      const test::Answer a{.nc = 7, .with_qop = with_qop};
      const std::string ha1 = compute_ha1(hash_of(*algorithm), a.username, c.realm, a.password);
      EXPECT_EQ(compute_response({.algorithm = *algorithm,
                                  .ha1 = ha1,
                                  .nonce = c.nonce,
                                  .cnonce = a.cnonce,
                                  .nc = with_qop ? "00000007" : "",
                                  .qop = with_qop ? "auth" : "",
                                  .method = a.method,
                                  .uri = a.uri}),
                test::reference_response(c, a))
          << name << " qop " << with_qop;
    }
  }
}

TEST(Digest, AlgorithmNamesFollowRfc8760) {
  EXPECT_EQ(algorithm_name(Algorithm::sha256), "SHA-256");
  EXPECT_EQ(algorithm_name(Algorithm::md5_sess), "MD5-sess");
  EXPECT_EQ(parse_algorithm("sha-256"), Algorithm::sha256);
  EXPECT_EQ(parse_algorithm("SHA-256-SESS"), Algorithm::sha256_sess);
  EXPECT_FALSE(parse_algorithm("SHA-512-256").has_value());
  EXPECT_FALSE(parse_algorithm("").has_value());
  EXPECT_EQ(hex_length(Hash::md5), 32u);
  EXPECT_EQ(hex_length(Hash::sha256), 64u);
  EXPECT_EQ(compute_ha1(Hash::sha256, "a", "b", "c").size(), 64u);
}

}  // namespace
}  // namespace rtcsip::sip::auth
