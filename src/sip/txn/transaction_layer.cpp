// TransactionLayer forwards to its Impl (layer_impl.hpp), which keeps the
// transactions and their private types out of the public header.
#include "rtcsip/sip/transaction_layer.hpp"

#include <utility>

#include "layer_impl.hpp"

namespace rtcsip::sip {

TransactionLayer::TransactionLayer(core::TimerService& timers, Transport& transport, TimerSettings settings,
                                   Handlers handlers)
    : impl_(std::make_unique<Impl>(timers, transport, settings, std::move(handlers))) {}

TransactionLayer::~TransactionLayer() = default;

void TransactionLayer::receive(Incoming incoming) { impl_->receive(std::move(incoming)); }

TransactionId TransactionLayer::send_request(Message request, Peer to,
                                             std::function<void(const ClientEvent&)> on_event) {
  return impl_->send_request(std::move(request), std::move(to), std::move(on_event));
}

bool TransactionLayer::respond(TransactionId server, Message response) {
  return impl_->respond(server, std::move(response));
}

bool TransactionLayer::cancel(TransactionId client_invite, std::function<void(const ClientEvent&)> on_event) {
  return impl_->cancel(client_invite, std::move(on_event));
}

std::string TransactionLayer::new_branch() { return impl_->new_branch(); }

std::size_t TransactionLayer::client_count() const { return impl_->table_.client_count(); }

std::size_t TransactionLayer::server_count() const { return impl_->table_.server_count(); }

const TransactionLayer::Counters& TransactionLayer::counters() const { return impl_->counters_; }

}  // namespace rtcsip::sip
