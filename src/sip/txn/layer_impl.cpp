#include "layer_impl.hpp"

#include <charconv>
#include <random>
#include <utility>

#include "client_invite_transaction.hpp"
#include "client_non_invite_transaction.hpp"
#include "rtcsip/sip/headers.hpp"

namespace rtcsip::sip {
namespace {

std::uint64_t random_seed() {
  std::random_device device;
  return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

void append_hex(std::string& out, std::uint64_t value) {
  char digits[16];
  auto result = std::to_chars(digits, digits + sizeof digits, value, 16);
  out.append(digits, result.ptr);
}

std::unique_ptr<txn::ClientTransaction> make_client(txn::TransactionContext& ctx, TransactionId id,
                                                    Message request, Peer to, txn::EventHandler on_event) {
  if (request.method() == Method::invite) {
    return std::make_unique<txn::ClientInviteTransaction>(ctx, id, std::move(request), std::move(to),
                                                          std::move(on_event));
  }
  return std::make_unique<txn::ClientNonInviteTransaction>(ctx, id, std::move(request), std::move(to),
                                                           std::move(on_event));
}

}  // namespace

TransactionLayer::Impl::Impl(core::TimerService& timers, Transport& transport, TimerSettings settings,
                             Handlers handlers)
    : timers_(timers),
      transport_(transport),
      settings_(settings),
      handlers_(std::move(handlers)),
      branch_seed_(random_seed()),
      self_(std::make_shared<Impl*>(this)) {}

TransactionLayer::Impl::~Impl() { self_.reset(); }

void TransactionLayer::Impl::leave() {
  if (--depth_ == 0) table_.sweep();
}

void TransactionLayer::Impl::send(const Message& message, const Peer& to, TransactionId owner) {
  if (owner == 0) {
    transport_.send(message, to, [](std::string_view) {});
    return;
  }
  // Transaction ids are looked up again: the transaction may be gone by then.
  transport_.send(message, to, [weak = std::weak_ptr<Impl*>(self_), owner](std::string_view reason) {
    if (auto self = weak.lock()) (*self)->on_send_failed(owner, reason);
  });
}

TransactionId TransactionLayer::Impl::start_client(Message request, Peer to, txn::EventHandler on_event) {
  if (!parse_cseq(request.header(HeaderId::cseq))) return 0;  // the ACK and CANCEL need it
  const TransactionId id = next_id_++;
  auto client = make_client(*this, id, std::move(request), std::move(to), std::move(on_event));
  txn::ClientTransaction& started = *client;
  // The key views the transaction's own copy of the request.
  auto key = txn::client_key(started.request());
  if (!key || !table_.add_client(std::move(client), *key)) return 0;
  started.start();
  return id;
}

TransactionId TransactionLayer::Impl::send_request(Message request, Peer to, txn::EventHandler on_event) {
  txn::InLayer in(*this);
  // §17.1.1.3, §13.2.2.4: the ACK of a 2xx is its own transaction, sent once.
  if (request.method() == Method::ack) {
    send(request, to, 0);
    return 0;
  }
  return start_client(std::move(request), std::move(to), std::move(on_event));
}

bool TransactionLayer::Impl::respond(TransactionId server, Message response) {
  txn::InLayer in(*this);
  txn::ServerTransaction* txn = table_.server(server);
  if (txn == nullptr || response.is_request()) return false;
  txn->respond(std::move(response));
  return true;
}

bool TransactionLayer::Impl::cancel(TransactionId client_invite, txn::EventHandler on_event) {
  txn::InLayer in(*this);
  txn::ClientTransaction* txn = table_.client(client_invite);
  return txn != nullptr && txn->cancel(std::move(on_event));
}

std::string TransactionLayer::Impl::new_branch() {
  // §8.1.1.7: unique across space and time: a random seed per layer and a count.
  std::string branch(txn::kMagicCookie);
  append_hex(branch, branch_seed_);
  branch += '.';
  append_hex(branch, ++branch_count_);
  return branch;
}

void TransactionLayer::Impl::on_send_failed(TransactionId owner, std::string_view reason) {
  txn::InLayer in(*this);
  if (auto* client = table_.client(owner)) {
    client->on_transport_error(reason);
  } else if (auto* server = table_.server(owner)) {
    server->on_transport_error();
  }
}

}  // namespace rtcsip::sip
