#include "server_transaction.hpp"

#include <utility>

#include "matching.hpp"

namespace rtcsip::sip::txn {

ServerTransaction::ServerTransaction(TransactionContext& ctx, TransactionId id, Incoming request)
    : ctx_(ctx), id_(id), request_(std::move(request)) {}

bool ServerTransaction::to_tag_matches(const Message& request) const {
  return tag_of(request, HeaderId::to) == tag_of(request_.message, HeaderId::to);
}

void ServerTransaction::on_transport_error() {
  if (ended_) return;
  ++ctx_.counters().transport_errors;
  end();
  // §17.2.4: a response that cannot be sent is a transaction failure for the TU.
  ctx_.report_server_failure(id_, "the response could not be sent");
}

void ServerTransaction::resend(const Message& response) {
  ++ctx_.counters().retransmissions_sent;
  send(response);
}

void ServerTransaction::end() {
  if (ended_) return;
  ended_ = true;
  stop_timers();
  ctx_.retire(id_);
}

}  // namespace rtcsip::sip::txn
