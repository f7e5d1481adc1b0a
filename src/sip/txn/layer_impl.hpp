#pragma once
// The inside of TransactionLayer: the context its transactions run in, the
// tables, and the receive path that matches messages to transactions.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "rtcsip/sip/transaction_layer.hpp"
#include "transaction_context.hpp"
#include "transaction_table.hpp"

namespace rtcsip::sip {

struct TransactionLayer::Impl final : txn::TransactionContext {
  Impl(core::TimerService& timers, Transport& transport, TimerSettings settings, Handlers handlers);
  ~Impl() override;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  // txn::TransactionContext
  core::TimerService& timers() override { return timers_; }
  [[nodiscard]] const TimerSettings& settings() const override { return settings_; }
  Counters& counters() override { return counters_; }
  void send(const Message& message, const Peer& to, TransactionId owner) override;
  void retire(TransactionId id) override { table_.retire(id); }
  void report_server_failure(TransactionId id, std::string_view reason) override {
    if (handlers_.on_server_failure) handlers_.on_server_failure(id, reason);
  }
  TransactionId start_client(Message request, Peer to, txn::EventHandler on_event) override;
  void enter() override { ++depth_; }
  void leave() override;

  // The public operations (layer_impl.cpp).
  TransactionId send_request(Message request, Peer to, txn::EventHandler on_event);
  bool respond(TransactionId server, Message response);
  bool cancel(TransactionId client_invite, txn::EventHandler on_event);
  std::string new_branch();
  void on_send_failed(TransactionId owner, std::string_view reason);

  // The receive path (layer_receive.cpp).
  void receive(Incoming incoming);
  void receive_response(const Incoming& response);
  void receive_request(Incoming request);
  void receive_ack(const Incoming& ack);
  void start_server(Incoming request);
  [[nodiscard]] txn::ServerTransaction* match_server(const Message& request, std::string_view method) const;

  core::TimerService& timers_;
  Transport& transport_;
  TimerSettings settings_;
  Handlers handlers_;
  Counters counters_;
  txn::TransactionTable table_;
  TransactionId next_id_ = 1;
  std::uint64_t branch_seed_ = 0;
  std::uint64_t branch_count_ = 0;
  int depth_ = 0;
  // Transport callbacks hold a weak reference: one that comes after the
  // layer is gone finds nothing.
  std::shared_ptr<Impl*> self_;
};

}  // namespace rtcsip::sip
