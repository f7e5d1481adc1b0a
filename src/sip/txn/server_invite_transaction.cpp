#include "server_invite_transaction.hpp"

#include <utility>

#include "matching.hpp"
#include "message_builders.hpp"
#include "txn_timers.hpp"

namespace rtcsip::sip::txn {
namespace {

bool is_success(const Message& response) { return response.status() >= 200 && response.status() < 300; }

}  // namespace

void ServerInviteTransaction::start() {
  // §17.2.1: a 100 Trying at once quenches the client's retransmissions;
  // the TU may take longer than 200 ms to answer.
  provisional_ = build_trying(request().message);
  send(*provisional_);
}

void ServerInviteTransaction::respond(Message response) {
  if (ended()) return;
  if (state_ == State::accepted) {
    // RFC 6026 §7.1: the TU retransmits its 2xx itself, through here.
    if (is_success(response)) send(response);
    return;
  }
  if (state_ != State::proceeding) return;
  if (response.status() < 200) {
    provisional_ = std::move(response);
    send(*provisional_);
  } else if (is_success(response)) {
    send_success(std::move(response));
  } else {
    send_failure(std::move(response));
  }
}

void ServerInviteTransaction::on_retransmission() {
  if (ended()) return;
  ++ctx_.counters().retransmissions_absorbed;
  // §17.2.1: Proceeding resends the latest provisional, Completed the final;
  // Confirmed and (RFC 6026) Accepted absorb silently.
  if (state_ == State::proceeding) resend(*provisional_);
  if (state_ == State::completed) resend(*final_);
}

bool ServerInviteTransaction::on_ack() {
  if (ended()) return true;
  switch (state_) {
    case State::accepted:
      return false;  // RFC 6026 §7.1: the ACK of a 2xx is the TU's
    case State::confirmed:
      ++ctx_.counters().retransmissions_absorbed;
      return true;
    case State::proceeding:
      return true;  // nothing was sent to acknowledge yet: drop it
    case State::completed:
      break;
  }
  // §17.2.1: Confirmed absorbs further ACKs for T4 (zero when reliable).
  state_ = State::confirmed;
  timer_g_.cancel();
  timer_h_.cancel();
  const core::Duration i = t4_unless_reliable(settings(), reliable());
  if (i == core::Duration::zero()) {
    end();
  } else {
    timer_i_.start(i, [this] {
      InLayer in(ctx_);
      end();
    });
  }
  return true;
}

bool ServerInviteTransaction::to_tag_matches(const Message& request) const {
  // §17.2.3: an RFC 2543 ACK carries the To tag of the response it acknowledges.
  if (request.method() != Method::ack) return ServerTransaction::to_tag_matches(request);
  return final_ && tag_of(request, HeaderId::to) == tag_of(*final_, HeaderId::to);
}

void ServerInviteTransaction::send_success(Message response) {
  final_ = std::move(response);
  send(*final_);
  // RFC 6026 §7.1: Accepted absorbs retransmitted INVITEs for 64*T1 (Timer L).
  state_ = State::accepted;
  timer_l_.start(sixty_four_t1(settings()), [this] {
    InLayer in(ctx_);
    end();
  });
}

void ServerInviteTransaction::send_failure(Message response) {
  final_ = std::move(response);
  send(*final_);
  state_ = State::completed;
  // §17.2.1: Timer G retransmits the final on UDP; Timer H gives up on the ACK.
  if (!reliable()) {
    timer_g_interval_ = settings().t1;
    timer_g_.start(timer_g_interval_, [this] {
      InLayer in(ctx_);
      on_timer_g();
    });
  }
  timer_h_.start(sixty_four_t1(settings()), [this] {
    InLayer in(ctx_);
    on_timer_h();
  });
}

void ServerInviteTransaction::on_timer_g() {
  if (state_ != State::completed) return;
  resend(*final_);
  timer_g_interval_ = doubled_up_to_t2(timer_g_interval_, settings());
  timer_g_.start(timer_g_interval_, [this] {
    InLayer in(ctx_);
    on_timer_g();
  });
}

void ServerInviteTransaction::on_timer_h() {
  if (state_ != State::completed) return;
  // §17.2.1: the ACK never came; the TU is told of the failure.
  ++ctx_.counters().timeouts;
  end();
  ctx_.report_server_failure(id(), "no ACK for the final response (Timer H)");
}

void ServerInviteTransaction::stop_timers() {
  timer_g_.cancel();
  timer_h_.cancel();
  timer_i_.cancel();
  timer_l_.cancel();
}

}  // namespace rtcsip::sip::txn
