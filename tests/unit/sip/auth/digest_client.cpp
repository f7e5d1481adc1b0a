#include "digest_client.hpp"

#include <openssl/evp.h>

#include <cstdio>

#include "rtcsip/sip/headers.hpp"

namespace rtcsip::sip::auth::test {
namespace {

bool starts_with_sha256(std::string_view algorithm) { return algorithm.substr(0, 7) == "SHA-256"; }
bool is_sess(std::string_view algorithm) { return algorithm.ends_with("-sess"); }

std::string nc_text(std::uint32_t nc) {
  char text[9];
  (void)std::snprintf(text, sizeof text, "%08x", nc);
  return text;
}

}  // namespace

Challenge parse_challenge(std::string_view value) {
  Challenge c;
  const auto auth = parse_auth(value);
  if (!auth) return c;
  auth->for_each([&](std::string_view name, std::string_view v, bool) {
    if (name == "realm") c.realm = v;
    if (name == "nonce") c.nonce = v;
    if (name == "opaque") c.opaque = v;
    if (name == "algorithm") c.algorithm = v;
    if (name == "qop") c.qop = v;
    if (name == "stale") c.stale = v;
  });
  return c;
}

std::string reference_hash(std::string_view algorithm, std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), md, &size, starts_with_sha256(algorithm) ? EVP_sha256() : EVP_md5(),
             nullptr);
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) {
    char two[3];
    (void)std::snprintf(two, sizeof two, "%02x", md[i]);
    hex += two;
  }
  return hex;
}

std::string reference_response(const Challenge& c, const Answer& a) {
  std::string_view alg = c.algorithm;
  if (alg.empty()) alg = "MD5";  // RFC 7616 §3.3: the default
  std::string ha1 = reference_hash(alg, a.username + ":" + c.realm + ":" + a.password);
  if (is_sess(alg)) ha1 = reference_hash(alg, ha1 + ":" + c.nonce + ":" + a.cnonce);
  const std::string ha2 = reference_hash(alg, a.method + ":" + a.uri);
  if (!a.with_qop) return reference_hash(alg, ha1 + ":" + c.nonce + ":" + ha2);
  return reference_hash(alg, ha1 + ":" + c.nonce + ":" + nc_text(a.nc) + ":" + a.cnonce + ":auth:" + ha2);
}

std::string authorization(const Challenge& c, const Answer& a) {
  std::string out = "Digest username=\"" + a.username + "\", realm=\"" + c.realm + "\", nonce=\"" + c.nonce +
                    "\", uri=\"" + a.uri + "\", response=\"" + reference_response(c, a) + "\"";
  if (!c.algorithm.empty()) out += ", algorithm=" + c.algorithm;
  if (!c.opaque.empty()) out += ", opaque=\"" + c.opaque + "\"";
  if (a.with_qop) out += ", qop=auth, nc=" + nc_text(a.nc) + ", cnonce=\"" + a.cnonce + "\"";
  return out;
}

}  // namespace rtcsip::sip::auth::test
