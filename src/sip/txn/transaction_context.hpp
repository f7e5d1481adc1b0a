#pragma once
// What a transaction needs of the layer that owns it: the clock, the timer
// values, the transport, the counters and a way to end itself. Transactions
// never see the tables or one another.
#include <functional>

#include "rtcsip/core/timer_service.hpp"
#include "rtcsip/sip/transaction_layer.hpp"

namespace rtcsip::sip::txn {

using EventHandler = std::function<void(const ClientEvent&)>;

class TransactionContext {
 public:
  virtual ~TransactionContext() = default;

  virtual core::TimerService& timers() = 0;
  [[nodiscard]] virtual const TimerSettings& settings() const = 0;
  virtual TransactionLayer::Counters& counters() = 0;
  // Passes a message to the transport; if it fails, the transaction `owner`
  // hears of it later through on_transport_error (0: nobody listens).
  virtual void send(const Message& message, const Peer& to, TransactionId owner) = 0;
  // Takes a transaction out of the tables (nothing matches it any more).
  // Its object lives on until the outermost call into the layer returns, so
  // a transaction may retire itself and carry on to report to its TU.
  virtual void retire(TransactionId id) = 0;
  // Tells the TU that a server transaction failed (§17.2.1, §17.2.4).
  virtual void report_server_failure(TransactionId id, std::string_view reason) = 0;
  // Starts a client transaction (the CANCEL of an INVITE, §9.1).
  virtual TransactionId start_client(Message request, Peer to, EventHandler on_event) = 0;

  // Bracket every call into the layer (see InLayer).
  virtual void enter() = 0;
  virtual void leave() = 0;
};

// Marks a call into the layer from outside: an API call, a timer expiry or a
// transport failure. Retired transactions are destroyed only when the
// outermost one ends, so no handler, however it re-enters the layer, can
// destroy an object that is still on the call stack.
class InLayer {
 public:
  explicit InLayer(TransactionContext& ctx) : ctx_(ctx) { ctx_.enter(); }
  ~InLayer() { ctx_.leave(); }
  InLayer(const InLayer&) = delete;
  InLayer& operator=(const InLayer&) = delete;

 private:
  TransactionContext& ctx_;
};

}  // namespace rtcsip::sip::txn
