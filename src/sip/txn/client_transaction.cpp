#include "client_transaction.hpp"

#include <utility>

namespace rtcsip::sip::txn {

ClientTransaction::ClientTransaction(TransactionContext& ctx, TransactionId id, Message request, Peer to,
                                     EventHandler on_event)
    : ctx_(ctx),
      id_(id),
      request_(std::move(request)),
      peer_(std::move(to)),
      on_event_(std::move(on_event)) {}

void ClientTransaction::on_transport_error(std::string_view reason) {
  if (ended_) return;
  ++ctx_.counters().transport_errors;
  end();
  ClientEvent event;
  event.kind = ClientEvent::Kind::transport_error;
  event.reason = reason;
  report(event);
}

void ClientTransaction::retransmit(const Message& message) {
  ++ctx_.counters().retransmissions_sent;
  send(message);
}

void ClientTransaction::report_response(const Incoming& response) {
  ClientEvent event;
  event.kind = ClientEvent::Kind::response;
  event.response = &response;
  report(event);
}

void ClientTransaction::report_timeout() {
  ++ctx_.counters().timeouts;
  ClientEvent event;
  event.kind = ClientEvent::Kind::timeout;
  report(event);
}

void ClientTransaction::end() {
  if (ended_) return;
  ended_ = true;
  stop_timers();
  ctx_.retire(id_);
}

void ClientTransaction::report(const ClientEvent& event) {
  // Safe even if the handler re-enters the layer: a retired transaction is
  // destroyed only after the outermost call returns (see InLayer).
  if (on_event_) on_event_(event);
}

}  // namespace rtcsip::sip::txn
