#pragma once
// The browser side of ICE for the tests: a full, controlling agent whose
// connectivity checks are built by libnice's STUN library (as real
// encodings, not hand-made bytes), and which validates the answers it gets
// with the credentials it used.
#include <stun/stunagent.h>

#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "rtcsip/media/ice/endpoint.hpp"

namespace rtcsip::media::ice::test {

// The credentials of the agent under test, also used by the fuzz seeds.
inline constexpr const char* kLiteUfrag = "LiteUfrg";
inline constexpr const char* kLitePwd = "LitePasswordOf24Chars+/";
inline constexpr const char* kBrowserUfrag = "BrwS";

struct CheckOptions {
  bool use_candidate = false;
  bool controlling = true;  // false: the request carries ICE-CONTROLLED
  std::uint32_t priority = 0x6e7f1eff;
  std::uint64_t tiebreaker = 0x0123456789abcdefULL;
  std::optional<std::string> username;  // default "<lite ufrag>:<browser ufrag>"; "" leaves it out
  std::optional<std::string> password;  // default the lite agent's password
};

struct ParsedAnswer {
  StunValidationStatus status = STUN_VALIDATION_NOT_STUN;
  StunClass message_class = STUN_REQUEST;
  int error_code = 0;  // 0 for a success response
  std::optional<Endpoint> mapped;
  bool has_integrity = false;
  bool has_fingerprint = false;
};

class FakeBrowser {
 public:
  FakeBrowser();

  // A Binding request as a browser's connectivity check.
  std::vector<std::uint8_t> check(const CheckOptions& options = {});
  // A Binding request with exactly these optional ICE attributes, signed
  // with the lite agent's password: for requests no ICE agent would make.
  struct Bare {
    StunMethod method = STUN_BINDING;
    bool controlling = true;
    bool priority = true;
    std::uint16_t extra_attribute = 0;  // a 4-byte attribute of this type, when not 0
  };
  std::vector<std::uint8_t> bare_request(const Bare& what);
  // A Binding request whose MESSAGE-INTEGRITY is empty (not the 20 bytes
  // of RFC 8489 §14.5), followed by a correct FINGERPRINT.
  std::vector<std::uint8_t> short_integrity_request();
  // A Binding indication (RFC 8445 §11 keepalive).
  std::vector<std::uint8_t> indication();

  // Validates an answer to one of our requests, with the key that request used.
  ParsedAnswer parse(std::span<const std::uint8_t> answer);

 private:
  StunAgent agent_{};
  std::deque<std::string> keys_;  // stable storage: libnice keeps pointers to the keys of requests
};

}  // namespace rtcsip::media::ice::test
