#pragma once
// What the location service needs of a REGISTER, copied out of the message
// (bindings outlive it). The registrar fills it after authenticating the
// user; the helpers here turn parsed header values into it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rtcsip/sip/headers.hpp"
#include "rtcsip/sip/transport.hpp"

namespace rtcsip::gateway {

struct ContactRequest {
  std::string uri;  // the Contact URI as received (still escaped)
  // Its header parameters as received, from the first ';', without expires
  // (";+sip.instance=\"<urn:uuid:...>\";reg-id=1"): echoed in the 200 OK.
  std::string params;
  std::optional<std::uint32_t> expires;  // the expires parameter
  // RFC 5626 §4.1 +sip.instance, without its quotes; empty when absent.
  std::string instance;
  std::optional<std::uint32_t> reg_id;  // RFC 5626 §4.2 reg-id
};

struct RegisterRequest {
  std::string aor;  // the registered user (the authenticated username)
  std::string call_id;
  std::uint32_t cseq = 0;
  std::optional<std::uint32_t> expires;  // the Expires header
  bool star = false;                     // a "Contact: *" value was present
  std::vector<ContactRequest> contacts;  // the other Contact values, in order; none: a query
  // Where it came from: transport, address and the connection (flow).
  sip::Peer source;
  // True: the bindings die with source.flow (LocationService::on_flow_closed).
  // A WebSocket client can be reached only over its flow (RFC 7118 §5), and
  // so can an RFC 5626 outbound client. False for a binding reachable
  // through its Contact after the connection closes (a TCP phone).
  bool ends_with_flow = true;
};

// An Expires header or expires parameter (delta-seconds). RFC 3261 §20.19
// and §20.10: a malformed value counts as 3600; one beyond 2^32-1 as 2^32-1.
std::uint32_t parse_expires(std::string_view value);

// The parts of a parsed Contact value (not "*") the location service keeps.
ContactRequest contact_request(const sip::ContactValue& contact);

}  // namespace rtcsip::gateway
