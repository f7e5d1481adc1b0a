#pragma once
// What the two server transaction machines of RFC 3261 §17.2 share: the
// request and where it came from (responses go back there, on the same flow
// for stream transports, §18.2.2), sending, matching by To tag, and ending.
#include "transaction_context.hpp"

namespace rtcsip::sip::txn {

class ServerTransaction {
 public:
  ServerTransaction(TransactionContext& ctx, TransactionId id, Incoming request);
  virtual ~ServerTransaction() = default;
  ServerTransaction(const ServerTransaction&) = delete;
  ServerTransaction& operator=(const ServerTransaction&) = delete;

  // Called once the transaction is in the tables, before the TU sees it.
  virtual void start() {}
  // A response from the TU.
  virtual void respond(Message response) = 0;
  // A retransmission of the request that created the transaction (§17.2.3).
  virtual void on_retransmission() = 0;
  // An ACK matched to this transaction: true when the transaction absorbs
  // it, false when it belongs to the TU (the ACK of a 2xx).
  virtual bool on_ack() { return false; }
  // §17.2.3, RFC 2543 matching: whether the To tag of `request` fits.
  [[nodiscard]] virtual bool to_tag_matches(const Message& request) const;
  // §17.2.1, §17.2.2: a response could not be sent; the transaction ends.
  void on_transport_error();

  [[nodiscard]] TransactionId id() const { return id_; }
  [[nodiscard]] const Incoming& request() const { return request_; }

 protected:
  [[nodiscard]] bool reliable() const { return is_reliable(request_.from.transport); }
  [[nodiscard]] bool ended() const { return ended_; }
  [[nodiscard]] const TimerSettings& settings() const { return ctx_.settings(); }
  void send(const Message& response) { ctx_.send(response, request_.from, id_); }
  void resend(const Message& response);
  // Stops every timer and takes the transaction out of the tables.
  void end();
  virtual void stop_timers() = 0;

  TransactionContext& ctx_;

 private:
  TransactionId id_;
  Incoming request_;
  bool ended_ = false;
};

}  // namespace rtcsip::sip::txn
