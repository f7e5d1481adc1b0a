#include "server_non_invite_transaction.hpp"

#include <utility>

#include "txn_timers.hpp"

namespace rtcsip::sip::txn {

void ServerNonInviteTransaction::respond(Message response) {
  if (ended() || state_ == State::completed) return;  // §17.2.2: one final only
  const bool final = response.status() >= 200;
  last_response_ = std::move(response);
  send(*last_response_);
  if (!final) {
    state_ = State::proceeding;
    return;
  }
  state_ = State::completed;
  // §17.2.2: Timer J absorbs retransmitted requests; zero when reliable.
  const core::Duration j = timer_j(settings(), reliable());
  if (j == core::Duration::zero()) {
    end();
  } else {
    timer_j_.start(j, [this] {
      InLayer in(ctx_);
      end();
    });
  }
}

void ServerNonInviteTransaction::on_retransmission() {
  if (ended()) return;
  ++ctx_.counters().retransmissions_absorbed;
  // §17.2.2: Trying has nothing to resend; Proceeding and Completed resend
  // the latest response.
  if (last_response_) resend(*last_response_);
}

}  // namespace rtcsip::sip::txn
