#pragma once
// The INVITE client transaction: RFC 3261 §17.1.1 with the Accepted state of
// RFC 6026 §7.2, and the CANCEL of §9.1.
#include <cstdint>
#include <optional>

#include "client_transaction.hpp"

namespace rtcsip::sip::txn {

class ClientInviteTransaction final : public ClientTransaction {
 public:
  using ClientTransaction::ClientTransaction;

  void start() override;
  void on_response(const Incoming& response) override;
  bool cancel(EventHandler on_event) override;

 private:
  enum class State : std::uint8_t { calling, proceeding, completed, accepted };
  enum class Cancel : std::uint8_t { none, waiting_for_provisional, sent };

  void on_provisional(const Incoming& response);
  void on_success(const Incoming& response);
  void on_failure(const Incoming& response);
  void on_timer_a();
  void on_timer_b();
  void on_cancel_timeout();
  void send_cancel();
  void leave_pending_states();
  void stop_timers() override;

  State state_ = State::calling;
  Cancel cancel_ = Cancel::none;
  EventHandler cancel_handler_;
  std::optional<Message> ack_;
  core::Duration timer_a_interval_{};
  core::Timer timer_a_{ctx_.timers()};
  core::Timer timer_b_{ctx_.timers()};
  core::Timer timer_d_{ctx_.timers()};
  core::Timer timer_m_{ctx_.timers()};
  core::Timer cancel_timer_{ctx_.timers()};
};

}  // namespace rtcsip::sip::txn
