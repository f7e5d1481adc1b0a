#pragma once
// libnice's STUN library, as an ICE-lite agent uses it: validate a received
// datagram with the short-term credential mechanism and FINGERPRINT
// (RFC 8489 §9.1, §14.7; RFC 8445 §7.3), then build the success or error
// response. libnice's StunAgent is shared by the codecs of one thread: a
// lite agent never sends requests, so the agent's only per-transaction state
// (the ids of requests it sent) is never used, and each StunAgent is ~13 KB.
#include <stun/stunagent.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "rtcsip/media/ice/endpoint.hpp"

namespace rtcsip::media::ice {

enum class StunVerdict : std::uint8_t {
  request,              // authenticated request: answer it
  indication,           // e.g. a Binding indication keepalive (RFC 8445 §11): nothing to answer
  not_stun,             // not one STUN message (other protocol, trailing bytes): drop
  truncated,            // shorter than its header says: drop
  malformed,            // no magic cookie (RFC 3489), bad MESSAGE-INTEGRITY size: drop
  bad_fingerprint,      // FINGERPRINT missing or wrong (RFC 8489 §6.3): drop
  missing_credentials,  // request without USERNAME or MESSAGE-INTEGRITY: 400 (§9.1.3)
  unknown_username,     // USERNAME not "<our ufrag>:<theirs>": 401 (§9.1.3)
  bad_integrity,        // MESSAGE-INTEGRITY does not match our password: 401 (§9.1.3)
  unknown_attributes,   // authenticated request with unknown comprehension-required attributes: 420
  not_for_us,           // a response or error (we send no requests), bad indication: drop
};

// What an authenticated request carries for ICE (RFC 8445 §7.1).
struct CheckAttributes {
  bool controlling = false;  // ICE-CONTROLLING present (8 bytes)
  bool controlled = false;   // ICE-CONTROLLED present
  bool has_priority = false;
  std::uint32_t priority = 0;
  bool use_candidate = false;
};

class StunCodec {
 public:
  // The views must outlive the codec: the password is the HMAC key of every
  // message validated or built.
  StunCodec(std::string_view local_ufrag, std::string_view local_password);
  StunCodec(const StunCodec&) = delete;
  StunCodec& operator=(const StunCodec&) = delete;

  // On any verdict but not_stun and truncated, `message` refers to `datagram`
  // and can be answered with the builders below while `datagram` lives.
  StunVerdict validate(std::span<const std::uint8_t> datagram, StunMessage& message);
  [[nodiscard]] static CheckAttributes inspect(const StunMessage& request);
  [[nodiscard]] static bool is_binding(const StunMessage& message);

  // Each returns the length written to `out`, 0 when it could not be built.
  // A success response: XOR-MAPPED-ADDRESS of `from`, MESSAGE-INTEGRITY, FINGERPRINT.
  std::size_t build_success(StunMessage& request, const Endpoint& from, std::span<std::uint8_t> out);
  // An error response; it has MESSAGE-INTEGRITY only when the request was
  // authenticated (RFC 8489 §9.1.3: not for 400 and 401).
  static std::size_t build_error(StunMessage& request, StunError code, std::span<std::uint8_t> out);
  static std::size_t build_unknown_attributes(StunMessage& request, std::span<std::uint8_t> out);

 private:
  static bool check_username(StunAgent* agent, StunMessage* message, std::uint8_t* username,
                             std::uint16_t username_length, std::uint8_t** password,
                             std::size_t* password_length, void* self);
  [[nodiscard]] bool username_is_ours(std::string_view username) const;

  std::string_view ufrag_;
  std::string_view password_;
  bool username_matched_ = false;  // set by check_username during validate()
};

}  // namespace rtcsip::media::ice
