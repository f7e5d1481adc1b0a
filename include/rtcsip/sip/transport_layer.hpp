#pragma once
// The socket side of SIP: UDP, TCP, TLS, WS and WSS listeners (RFC 3261 §18,
// RFC 3581, RFC 7118), the connections they accept or open, and the flow
// table that lets responses and in-dialog requests reach a client over the
// connection it used. Received messages are parsed, checked, stamped with
// received/rport and handed to a sink; what cannot be parsed is answered
// statelessly with 400 when it can be, and dropped and counted otherwise.
// Runs on the signalling io_context.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "rtcsip/core/tls_identity.hpp"
#include "rtcsip/sip/transport.hpp"

namespace boost::asio {
class io_context;
}

namespace rtcsip::sip {

struct ListenerSpec {
  TransportKind transport = TransportKind::udp;
  std::string address = "0.0.0.0";
  std::uint16_t port = 5060;
  std::shared_ptr<const core::TlsIdentity> identity;  // TLS and WSS
  bool verify_client = false;                         // TLS: require a client certificate
  std::string ca_file;                                // TLS: CAs for verify_client
  std::vector<std::string> allowed_origins;           // WS/WSS; empty allows any
};

struct TransportLimits {
  std::size_t max_message_size = 65535;
  std::size_t max_connections = 10000;
  std::size_t max_connections_per_address = 100;
  std::chrono::milliseconds handshake_timeout{10'000};
  std::chrono::milliseconds idle_timeout{600'000};
};

struct TransportCounters {
  std::uint64_t received = 0;
  std::uint64_t sent = 0;
  std::uint64_t bad_requests_answered = 0;  // stateless 400/413
  std::uint64_t dropped = 0;                // unanswerable input
  std::uint64_t connections_accepted = 0;
  std::uint64_t connections_refused = 0;  // over a limit or a bad handshake
  std::uint64_t connections_open = 0;
  std::uint64_t send_failures = 0;
  std::uint64_t healthz = 0;
};

class TransportLayer final : public Transport {
 public:
  using Sink = std::function<void(Incoming)>;

  TransportLayer(boost::asio::io_context& io, TransportLimits limits, Sink sink);
  ~TransportLayer() override;
  TransportLayer(const TransportLayer&) = delete;
  TransportLayer& operator=(const TransportLayer&) = delete;

  // Binds a listener; throws std::runtime_error naming it when it cannot.
  void listen(const ListenerSpec& spec);
  // The port a listener got (useful when it asked for port 0).
  [[nodiscard]] std::uint16_t bound_port(std::size_t listener_index) const;
  // Stops accepting and closes every connection.
  void close();

  void send(const Message& message, const Peer& to, Failed on_failed) override;

  [[nodiscard]] const TransportCounters& counters() const;
  [[nodiscard]] std::size_t connection_count() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// "udp 127.0.0.1:5060", "wss [::1]:7443"
std::string describe(const ListenerSpec& spec);

}  // namespace rtcsip::sip
