#pragma once
// The non-INVITE client transaction of RFC 3261 §17.1.2 (and so the CANCEL
// of §9.1).
#include <cstdint>

#include "client_transaction.hpp"

namespace rtcsip::sip::txn {

class ClientNonInviteTransaction final : public ClientTransaction {
 public:
  using ClientTransaction::ClientTransaction;

  void start() override;
  void on_response(const Incoming& response) override;

 private:
  enum class State : std::uint8_t { trying, proceeding, completed };

  void on_final(const Incoming& response);
  void start_timer_e(core::Duration interval);
  void on_timer_e();
  void on_timer_f();
  void stop_timers() override;

  State state_ = State::trying;
  core::Duration timer_e_interval_{};
  core::Timer timer_e_{ctx_.timers()};
  core::Timer timer_f_{ctx_.timers()};
  core::Timer timer_k_{ctx_.timers()};
};

}  // namespace rtcsip::sip::txn
