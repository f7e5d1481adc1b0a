#include "client_non_invite_transaction.hpp"

#include "txn_timers.hpp"

namespace rtcsip::sip::txn {

void ClientNonInviteTransaction::start() {
  send(request());
  // §17.1.2.2: Timer E (retransmission) only on unreliable transports,
  // Timer F (timeout) on any.
  if (!reliable()) start_timer_e(settings().t1);
  timer_f_.start(sixty_four_t1(settings()), [this] {
    InLayer in(ctx_);
    on_timer_f();
  });
}

void ClientNonInviteTransaction::on_response(const Incoming& response) {
  if (ended()) return;
  const bool final = response.message.status() >= 200;
  if (state_ == State::completed) {
    // §17.1.2.2: retransmissions of the final response are absorbed.
    if (final) ++ctx_.counters().retransmissions_absorbed;
    return;
  }
  if (final) return on_final(response);
  state_ = State::proceeding;
  report_response(response);
}

void ClientNonInviteTransaction::on_final(const Incoming& response) {
  state_ = State::completed;
  timer_e_.cancel();
  timer_f_.cancel();
  const core::Duration k = t4_unless_reliable(settings(), reliable());
  if (k == core::Duration::zero()) {
    end();
  } else {
    timer_k_.start(k, [this] {
      InLayer in(ctx_);
      end();
    });
  }
  report_response(response);
}

void ClientNonInviteTransaction::start_timer_e(core::Duration interval) {
  timer_e_interval_ = interval;
  timer_e_.start(interval, [this] {
    InLayer in(ctx_);
    on_timer_e();
  });
}

void ClientNonInviteTransaction::on_timer_e() {
  if (state_ == State::completed) return;
  retransmit(request());
  // §17.1.2.2: E doubles up to T2 in Trying; once a provisional response
  // arrived the server is alive and E stays at T2.
  if (state_ == State::proceeding) {
    start_timer_e(settings().t2);
  } else {
    start_timer_e(doubled_up_to_t2(timer_e_interval_, settings()));
  }
}

void ClientNonInviteTransaction::on_timer_f() {
  if (state_ == State::completed) return;
  end();
  report_timeout();  // §8.1.3.1: the TU treats it as a 408
}

void ClientNonInviteTransaction::stop_timers() {
  timer_e_.cancel();
  timer_f_.cancel();
  timer_k_.cancel();
}

}  // namespace rtcsip::sip::txn
