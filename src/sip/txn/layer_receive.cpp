// The receive path of TransactionLayer::Impl: responses to client
// transactions (§17.1.3), requests to server transactions (§17.2.3), new
// server transactions for the TU, CANCEL (§9.2) and ACK.
#include <utility>

#include "layer_impl.hpp"
#include "server_invite_transaction.hpp"
#include "server_non_invite_transaction.hpp"

namespace rtcsip::sip {
namespace {

constexpr std::string_view kInvite = "INVITE";

}  // namespace

void TransactionLayer::Impl::receive(Incoming incoming) {
  txn::InLayer in(*this);
  if (incoming.message.is_request()) {
    receive_request(std::move(incoming));
  } else {
    receive_response(incoming);
  }
}

void TransactionLayer::Impl::receive_response(const Incoming& response) {
  auto key = txn::client_key(response.message);
  if (txn::ClientTransaction* client = key ? table_.find_client(*key) : nullptr) {
    client->on_response(response);
    return;
  }
  // A 2xx retransmitted after its transaction ended, or junk: the dialog
  // layer decides (§13.2.2.4: it ACKs each 2xx).
  ++counters_.stray_responses;
  if (handlers_.on_stray_response) handlers_.on_stray_response(response);
}

void TransactionLayer::Impl::receive_request(Incoming request) {
  if (request.message.method() == Method::ack) return receive_ack(request);
  if (txn::ServerTransaction* server = match_server(request.message, request.message.method_text())) {
    server->on_retransmission();
    return;
  }
  start_server(std::move(request));
}

void TransactionLayer::Impl::receive_ack(const Incoming& ack) {
  // §17.2.3: an ACK matches the INVITE transaction whose final it acknowledges.
  txn::ServerTransaction* server = match_server(ack.message, kInvite);
  if (server != nullptr && server->on_ack()) return;
  if (handlers_.on_ack) handlers_.on_ack(ack);
}

void TransactionLayer::Impl::start_server(Incoming request) {
  const TransactionId id = next_id_++;
  std::unique_ptr<txn::ServerTransaction> server;
  if (request.message.method() == Method::invite) {
    server = std::make_unique<txn::ServerInviteTransaction>(*this, id, std::move(request));
  } else {
    server = std::make_unique<txn::ServerNonInviteTransaction>(*this, id, std::move(request));
  }
  txn::ServerTransaction& started = *server;
  const Message& message = started.request().message;
  table_.add_server(std::move(server), txn::server_key(message, message.method_text()));
  started.start();
  // Handed to the TU by reference: the object outlives this call even if the
  // TU's answer ends the transaction (see InLayer).
  const Incoming& incoming = started.request();
  if (message.method() != Method::cancel) {
    if (handlers_.on_request) handlers_.on_request(id, incoming);
    return;
  }
  // §9.2: the CANCEL gets its own transaction; the INVITE it cancels is
  // found by the same rules with the method INVITE.
  std::optional<TransactionId> invite;
  if (txn::ServerTransaction* cancelled = match_server(message, kInvite)) invite = cancelled->id();
  if (handlers_.on_cancel) handlers_.on_cancel(id, invite, incoming);
}

txn::ServerTransaction* TransactionLayer::Impl::match_server(const Message& request,
                                                             std::string_view method) const {
  auto key = txn::server_key(request, method);
  if (!key) return nullptr;
  txn::ServerTransaction* server = table_.find_server(*key);
  if (server != nullptr && key->legacy && !server->to_tag_matches(request)) return nullptr;
  return server;
}

}  // namespace rtcsip::sip
