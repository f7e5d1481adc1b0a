#pragma once
// The INVITE server transaction: RFC 3261 §17.2.1 with the Accepted state of
// RFC 6026 §7.1.
#include <cstdint>
#include <optional>

#include "server_transaction.hpp"

namespace rtcsip::sip::txn {

class ServerInviteTransaction final : public ServerTransaction {
 public:
  using ServerTransaction::ServerTransaction;

  void start() override;
  void respond(Message response) override;
  void on_retransmission() override;
  bool on_ack() override;
  [[nodiscard]] bool to_tag_matches(const Message& request) const override;

 private:
  enum class State : std::uint8_t { proceeding, completed, confirmed, accepted };

  void send_success(Message response);
  void send_failure(Message response);
  void on_timer_g();
  void on_timer_h();
  void stop_timers() override;

  State state_ = State::proceeding;
  std::optional<Message> provisional_;  // the latest, resent on a retransmitted INVITE
  std::optional<Message> final_;        // the first final response
  core::Duration timer_g_interval_{};
  core::Timer timer_g_{ctx_.timers()};
  core::Timer timer_h_{ctx_.timers()};
  core::Timer timer_i_{ctx_.timers()};
  core::Timer timer_l_{ctx_.timers()};
};

}  // namespace rtcsip::sip::txn
