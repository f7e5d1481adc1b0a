#pragma once
// The RFC 3261 §17 transaction layer (with the RFC 6026 corrections for 2xx
// to INVITE): client and server transactions for INVITE and non-INVITE
// requests, their timers on a TimerService, retransmission over UDP,
// absorption of retransmitted requests, the ACK of non-2xx final responses,
// and matching of requests and responses to transactions (§17.1.3, §17.2.3,
// including the RFC 2543 fallback).
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include "rtcsip/core/timer_service.hpp"
#include "rtcsip/sip/message.hpp"
#include "rtcsip/sip/transport.hpp"

namespace rtcsip::sip {

struct TimerSettings {
  core::Duration t1 = std::chrono::milliseconds(500);
  core::Duration t2 = std::chrono::seconds(4);
  core::Duration t4 = std::chrono::seconds(5);
};

using TransactionId = std::uint64_t;  // never 0

// What a client transaction reports to its user.
struct ClientEvent {
  enum class Kind : std::uint8_t {
    response,         // a provisional or final response (each 2xx, also retransmitted ones, RFC 6026)
    timeout,          // Timer B or F fired (the TU treats it as 408, RFC 3261 §8.1.3.1)
    transport_error,  // the request could not be sent (the TU treats it as 503)
  };
  Kind kind = Kind::response;
  const Incoming* response = nullptr;  // for Kind::response
  std::string_view reason;             // for transport_error
};

class TransactionLayer {
 public:
  struct Handlers {
    // A new request with its server transaction (any method but ACK and
    // CANCEL). The TU answers with respond(); for INVITE the layer has sent
    // 100 Trying already.
    std::function<void(TransactionId, const Incoming&)> on_request;
    // A CANCEL with its own server transaction, and the INVITE server
    // transaction it cancels (§9.2), if there is one. The TU answers the
    // CANCEL (200, or 481 when nothing matched) and, if it still can, the
    // INVITE with 487.
    std::function<void(TransactionId cancel, std::optional<TransactionId> invite, const Incoming&)> on_cancel;
    // An ACK that matched no INVITE server transaction in the Completed state:
    // the ACK of a 2xx, for the dialog layer (§17.2.1, §13.3.1.4).
    std::function<void(const Incoming&)> on_ack;
    // A response that matched no client transaction: a retransmitted 2xx
    // after the transaction ended, for the dialog layer to ACK again.
    std::function<void(const Incoming&)> on_stray_response;
    // A server transaction failed (RFC 3261 §17.2.1, §17.2.4): Timer H fired
    // with no ACK for a final response, or a response could not be sent.
    std::function<void(TransactionId, std::string_view reason)> on_server_failure;
  };

  TransactionLayer(core::TimerService& timers, Transport& transport, TimerSettings settings,
                   Handlers handlers);
  ~TransactionLayer();
  TransactionLayer(const TransactionLayer&) = delete;
  TransactionLayer& operator=(const TransactionLayer&) = delete;

  // Every message the transport layer receives (already parsed and validated).
  void receive(Incoming incoming);

  // Starts a client transaction. The request must carry a top Via whose
  // branch starts with the magic cookie "z9hG4bK" (see new_branch()). For
  // ACK no transaction is created: the ACK is sent once and 0 is returned.
  TransactionId send_request(Message request, Peer to, std::function<void(const ClientEvent&)> on_event);

  // Sends a response through a server transaction: provisional responses
  // and the final one; later calls are ignored once a final was sent (2xx to
  // INVITE excepted: retransmissions of it by the TU are passed through while
  // the transaction is in the Accepted state). Returns false when the
  // transaction no longer exists.
  bool respond(TransactionId server, Message response);

  // A CANCEL for a pending client INVITE transaction (§9.1): built from the
  // INVITE and sent as a new client transaction to the same peer, only once a
  // provisional response arrived (otherwise it is sent as soon as one does).
  // Returns false when the transaction is gone or already has a final response.
  bool cancel(TransactionId client_invite, std::function<void(const ClientEvent&)> on_event);

  // A unique branch with the magic cookie, for a new Via.
  std::string new_branch();

  [[nodiscard]] std::size_t client_count() const;
  [[nodiscard]] std::size_t server_count() const;

  struct Counters {
    std::uint64_t retransmissions_sent = 0;
    std::uint64_t retransmissions_absorbed = 0;
    std::uint64_t timeouts = 0;
    std::uint64_t transport_errors = 0;
    std::uint64_t stray_responses = 0;
  };
  [[nodiscard]] const Counters& counters() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rtcsip::sip
