#pragma once
// A SIP UAC's side of digest authentication for the tests: it reads a
// challenge and answers it, hashing with OpenSSL directly rather than with
// the module under test, so a round trip checks the server against an
// independent computation (RFC 7616 §3.4.1, RFC 2069 without qop).
#include <cstdint>
#include <string>
#include <string_view>

namespace rtcsip::sip::auth::test {

struct Challenge {
  std::string realm{}, nonce{}, opaque{}, algorithm{}, qop{}, stale{};
};
Challenge parse_challenge(std::string_view value);

struct Answer {
  std::string username = "alice";
  std::string password = "secret";
  std::string method = "REGISTER";
  std::string uri = "sip:example.com";
  std::uint32_t nc = 1;
  std::string cnonce = "0a4f113b";
  bool with_qop = true;
};

// Lower-case hex digest by algorithm name ("MD5", "SHA-256", "-sess" alike).
std::string reference_hash(std::string_view algorithm, std::string_view data);
std::string reference_response(const Challenge& c, const Answer& a);
// The Authorization value a well-behaved client sends.
std::string authorization(const Challenge& c, const Answer& a);

}  // namespace rtcsip::sip::auth::test
