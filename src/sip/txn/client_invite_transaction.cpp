#include "client_invite_transaction.hpp"

#include <utility>

#include "message_builders.hpp"
#include "txn_timers.hpp"

namespace rtcsip::sip::txn {

void ClientInviteTransaction::start() {
  send(request());
  // §17.1.1.2: Timer A (retransmission) only on unreliable transports,
  // Timer B (timeout) on any.
  if (!reliable()) {
    timer_a_interval_ = settings().t1;
    timer_a_.start(timer_a_interval_, [this] {
      InLayer in(ctx_);
      on_timer_a();
    });
  }
  timer_b_.start(sixty_four_t1(settings()), [this] {
    InLayer in(ctx_);
    on_timer_b();
  });
}

void ClientInviteTransaction::on_response(const Incoming& response) {
  if (ended()) return;
  const int status = response.message.status();
  switch (state_) {
    case State::calling:
    case State::proceeding:
      if (status < 200) return on_provisional(response);
      if (status < 300) return on_success(response);
      return on_failure(response);
    case State::accepted:
      // RFC 6026 §7.2: every 2xx (retransmitted or from another fork) goes
      // to the TU, which ACKs it; anything else is dropped.
      if (status >= 200 && status < 300) report_response(response);
      return;
    case State::completed:
      // §17.1.1.2: a retransmitted final is answered with the ACK again and
      // not passed up.
      if (status >= 300) {
        ++ctx_.counters().retransmissions_absorbed;
        retransmit(*ack_);
      }
      return;
  }
}

bool ClientInviteTransaction::cancel(EventHandler on_event) {
  if (ended() || cancel_ != Cancel::none) return false;
  if (state_ != State::calling && state_ != State::proceeding) return false;
  cancel_handler_ = std::move(on_event);
  // §9.1: a CANCEL must not be sent before a provisional response arrived.
  if (state_ == State::proceeding) {
    send_cancel();
  } else {
    cancel_ = Cancel::waiting_for_provisional;
  }
  return true;
}

void ClientInviteTransaction::on_provisional(const Incoming& response) {
  state_ = State::proceeding;
  // §17.1.1.2: no more retransmissions; Timer B only matters in Calling.
  timer_a_.cancel();
  timer_b_.cancel();
  if (cancel_ == Cancel::waiting_for_provisional) send_cancel();
  report_response(response);
}

void ClientInviteTransaction::on_success(const Incoming& response) {
  leave_pending_states();
  // RFC 6026 §7.2: Accepted, to pass retransmitted 2xx to the TU for 64*T1.
  state_ = State::accepted;
  timer_m_.start(sixty_four_t1(settings()), [this] {
    InLayer in(ctx_);
    end();
  });
  report_response(response);
}

void ClientInviteTransaction::on_failure(const Incoming& response) {
  leave_pending_states();
  state_ = State::completed;
  // §17.1.1.3: the transaction itself ACKs a non-2xx final response.
  ack_ = build_ack(request(), response.message);
  send(*ack_);
  const core::Duration d = timer_d(settings(), reliable());
  if (d == core::Duration::zero()) {
    end();
  } else {
    timer_d_.start(d, [this] {
      InLayer in(ctx_);
      end();
    });
  }
  report_response(response);
}

void ClientInviteTransaction::on_timer_a() {
  if (state_ != State::calling) return;
  retransmit(request());
  timer_a_interval_ *= 2;  // §17.1.1.2: Timer A doubles with no cap
  timer_a_.start(timer_a_interval_, [this] {
    InLayer in(ctx_);
    on_timer_a();
  });
}

void ClientInviteTransaction::on_timer_b() {
  if (state_ != State::calling) return;
  end();
  report_timeout();  // §8.1.3.1: the TU treats it as a 408
}

void ClientInviteTransaction::on_cancel_timeout() {
  if (state_ != State::proceeding) return;
  // §9.1: no final response 64*T1 after the CANCEL: the INVITE is
  // considered cancelled and its transaction destroyed.
  end();
  report_timeout();
}

void ClientInviteTransaction::send_cancel() {
  cancel_ = Cancel::sent;
  ctx_.start_client(build_cancel(request()), peer(), std::move(cancel_handler_));
  cancel_timer_.start(sixty_four_t1(settings()), [this] {
    InLayer in(ctx_);
    on_cancel_timeout();
  });
}

void ClientInviteTransaction::leave_pending_states() {
  timer_a_.cancel();
  timer_b_.cancel();
  cancel_timer_.cancel();
  // §9.1: once a final response arrived a CANCEL is not sent any more.
  if (cancel_ == Cancel::waiting_for_provisional) cancel_handler_ = nullptr;
}

void ClientInviteTransaction::stop_timers() {
  timer_a_.cancel();
  timer_b_.cancel();
  timer_d_.cancel();
  timer_m_.cancel();
  cancel_timer_.cancel();
}

}  // namespace rtcsip::sip::txn
