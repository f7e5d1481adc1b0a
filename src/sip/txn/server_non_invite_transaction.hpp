#pragma once
// The non-INVITE server transaction of RFC 3261 §17.2.2.
#include <cstdint>
#include <optional>

#include "server_transaction.hpp"

namespace rtcsip::sip::txn {

class ServerNonInviteTransaction final : public ServerTransaction {
 public:
  using ServerTransaction::ServerTransaction;

  void respond(Message response) override;
  void on_retransmission() override;

 private:
  enum class State : std::uint8_t { trying, proceeding, completed };

  void stop_timers() override { timer_j_.cancel(); }

  State state_ = State::trying;
  std::optional<Message> last_response_;  // resent on a retransmitted request
  core::Timer timer_j_{ctx_.timers()};
};

}  // namespace rtcsip::sip::txn
