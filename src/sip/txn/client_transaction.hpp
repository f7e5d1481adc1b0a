#pragma once
// What the two client transaction machines of RFC 3261 §17.1 share: the
// request and where it goes, the TU's event handler, sending, reporting and
// ending.
#include <string_view>

#include "transaction_context.hpp"

namespace rtcsip::sip::txn {

class ClientTransaction {
 public:
  ClientTransaction(TransactionContext& ctx, TransactionId id, Message request, Peer to,
                    EventHandler on_event);
  virtual ~ClientTransaction() = default;
  ClientTransaction(const ClientTransaction&) = delete;
  ClientTransaction& operator=(const ClientTransaction&) = delete;

  // Sends the request and starts the timers of the initial state.
  virtual void start() = 0;
  // A response matched to this transaction (§17.1.3).
  virtual void on_response(const Incoming& response) = 0;
  // §9.1: only INVITE transactions can be cancelled.
  virtual bool cancel(EventHandler /*on_event*/) { return false; }
  // §17.1.1.2, §17.1.2.2, §8.1.3.1: the TU hears of it (as a 503) and the
  // transaction ends.
  void on_transport_error(std::string_view reason);

  [[nodiscard]] TransactionId id() const { return id_; }
  [[nodiscard]] const Message& request() const { return request_; }

 protected:
  [[nodiscard]] const Peer& peer() const { return peer_; }
  [[nodiscard]] bool reliable() const { return is_reliable(peer_.transport); }
  [[nodiscard]] bool ended() const { return ended_; }
  [[nodiscard]] const TimerSettings& settings() const { return ctx_.settings(); }
  void send(const Message& message) { ctx_.send(message, peer_, id_); }
  void retransmit(const Message& message);
  void report_response(const Incoming& response);
  void report_timeout();
  // Stops every timer and takes the transaction out of the tables.
  void end();
  virtual void stop_timers() = 0;

  TransactionContext& ctx_;

 private:
  void report(const ClientEvent& event);

  TransactionId id_;
  Message request_;
  Peer peer_;
  EventHandler on_event_;
  bool ended_ = false;
};

}  // namespace rtcsip::sip::txn
