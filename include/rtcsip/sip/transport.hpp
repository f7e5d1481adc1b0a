#pragma once
// What the transaction and dialog layers need of the transport layer: where a
// message came from, and a way to send one. The socket side lives in
// sip/transport; tests use a fake that records, drops, delays and fails.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "rtcsip/sip/message.hpp"

namespace rtcsip::sip {

enum class TransportKind : std::uint8_t { udp, tcp, tls, ws, wss };

// RFC 3261 §17: everything but UDP is reliable (no retransmissions).
constexpr bool is_reliable(TransportKind k) { return k != TransportKind::udp; }
// The transport as written in Via: "UDP", "TCP", "TLS", "WS", "WSS".
std::string_view via_name(TransportKind k);

// A connection of a stream transport (TCP, TLS, WS, WSS); 0 for none.
using FlowId = std::uint64_t;
inline constexpr FlowId kNoFlow = 0;

struct Address {
  std::string ip;  // "192.0.2.1", "2001:db8::1" (no brackets)
  std::uint16_t port = 0;
  friend bool operator==(const Address&, const Address&) = default;
};

// The other end of a message.
struct Peer {
  TransportKind transport = TransportKind::udp;
  Address address;
  // The connection a message arrived on, or should leave on. Responses and
  // in-dialog requests toward a WebSocket client must use its flow (RFC 3261
  // §18.2.2, RFC 7118 §5): there is no other way to reach it.
  FlowId flow = kNoFlow;
};

struct Incoming {
  Message message;
  Peer from;
  Address local;  // the listener's address it arrived on
};

class Transport {
 public:
  // Called at most once, when the message could not be sent (no route,
  // connection refused or lost, flow gone). Never called from inside send().
  using Failed = std::function<void(std::string_view reason)>;

  virtual ~Transport() = default;
  virtual void send(const Message& message, const Peer& to, Failed on_failed) = 0;
};

}  // namespace rtcsip::sip
