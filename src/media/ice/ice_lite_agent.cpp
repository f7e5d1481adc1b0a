#include "rtcsip/media/ice/ice_lite_agent.hpp"

#include <array>
#include <utility>

#include "consent_monitor.hpp"
#include "remote_candidates.hpp"
#include "rtcsip/core/log.hpp"
#include "stun_codec.hpp"

namespace rtcsip::media::ice {

namespace {

// Our largest reply is a success response echoing a 512-byte USERNAME
// (libnice copies it): 20 + 24 (XOR-MAPPED-ADDRESS, IPv6) + 516 + 24
// (MESSAGE-INTEGRITY) + 8 (FINGERPRINT) = 592 bytes.
constexpr std::size_t kReplyCapacity = 1024;

}  // namespace

struct IceLiteAgent::Impl {
  Impl(core::TimerService& t, IceLiteConfig c, Send s, Events e)
      : timers(t),
        config(std::move(c)),
        send(std::move(s)),
        events(std::move(e)),
        codec(config.local.ufrag, config.local.pwd),
        candidates(config.max_remote_candidates),
        consent(t, config.consent_timeout, [this] { on_consent_expired(); }) {}

  StunOutcome handle(const Endpoint& from, std::span<const std::uint8_t> datagram);
  StunOutcome answer_check(const Endpoint& from, StunMessage& request);
  StunOutcome accept_check(const Endpoint& from, const CheckAttributes& check);
  StunOutcome reject(const Endpoint& to, StunMessage& request, StunError code, std::uint64_t& counter,
                     StunOutcome outcome);
  StunOutcome send_reply(const Endpoint& to, std::size_t length, StunOutcome outcome);
  StunOutcome drop(std::uint64_t& counter) {
    ++counter;
    return StunOutcome::dropped;
  }
  void on_consent_expired();

  core::TimerService& timers;
  const IceLiteConfig config;  // codec holds views of its credentials
  Send send;
  Events events;
  StunCodec codec;
  RemoteCandidateTable candidates;
  ConsentMonitor consent;
  IceLiteCounters counters;
  std::optional<Endpoint> selected;
  IceLiteState state = IceLiteState::checking;
  std::array<std::uint8_t, kReplyCapacity> reply{};
};

StunOutcome IceLiteAgent::Impl::handle(const Endpoint& from, std::span<const std::uint8_t> datagram) {
  ++counters.received;
  StunMessage request{};
  const StunVerdict verdict = codec.validate(datagram, request);
  switch (verdict) {
    case StunVerdict::not_stun:
      return drop(counters.not_stun);
    case StunVerdict::truncated:
      return drop(counters.truncated);
    case StunVerdict::malformed:
      return drop(counters.malformed);
    case StunVerdict::bad_fingerprint:
      return drop(counters.bad_fingerprint);
    case StunVerdict::not_for_us:
      return drop(counters.unsupported);
    case StunVerdict::indication:
      ++counters.indications;
      return StunOutcome::ignored;
    default:
      break;
  }
  // RFC 8489 §6.3: an unsupported method is discarded before authentication.
  if (!StunCodec::is_binding(request)) return drop(counters.unsupported);
  switch (verdict) {
    case StunVerdict::missing_credentials:
      return reject(from, request, STUN_ERROR_BAD_REQUEST, counters.bad_requests,
                    StunOutcome::rejected_bad_request);
    case StunVerdict::unknown_username:
      return reject(from, request, STUN_ERROR_UNAUTHORIZED, counters.unknown_username,
                    StunOutcome::rejected_unauthorized);
    case StunVerdict::bad_integrity:
      return reject(from, request, STUN_ERROR_UNAUTHORIZED, counters.bad_integrity,
                    StunOutcome::rejected_unauthorized);
    case StunVerdict::unknown_attributes:
      ++counters.unknown_attributes;
      return send_reply(from, StunCodec::build_unknown_attributes(request, reply),
                        StunOutcome::rejected_unknown_attribute);
    default:
      return answer_check(from, request);
  }
}

StunOutcome IceLiteAgent::Impl::answer_check(const Endpoint& from, StunMessage& request) {
  const CheckAttributes check = StunCodec::inspect(request);
  // RFC 8445 §6.1.1: the lite agent is always controlled, so it can never
  // take the "switch to controlling" branch of §7.3.1.1; a peer that also
  // claims the controlled role is told to switch with 487.
  if (check.controlled && !check.controlling) {
    return reject(from, request, STUN_ERROR_ROLE_CONFLICT, counters.role_conflicts,
                  StunOutcome::rejected_role_conflict);
  }
  // RFC 8445 §7.1.1, §7.1.3: a check carries PRIORITY and exactly one role.
  if (!check.controlling || check.controlled || !check.has_priority) {
    return reject(from, request, STUN_ERROR_BAD_REQUEST, counters.bad_requests,
                  StunOutcome::rejected_bad_request);
  }
  const std::size_t length = codec.build_success(request, from, reply);
  if (send_reply(from, length, StunOutcome::answered) != StunOutcome::answered) return StunOutcome::dropped;
  ++counters.checks_answered;
  return accept_check(from, check);
}

StunOutcome IceLiteAgent::Impl::accept_check(const Endpoint& from, const CheckAttributes& check) {
  // RFC 8445 §7.3.1.3: an unknown source is a new peer-reflexive candidate.
  const auto learned = candidates.verify(from, check.priority, timers.now(), selected.value_or(Endpoint{}));
  if (learned.peer_reflexive) ++counters.peer_reflexive;
  if (learned.evicted) ++counters.candidates_evicted;
  // RFC 8445 §7.3.2, §8.2: USE-CANDIDATE from the controlling agent
  // nominates the pair, which becomes the selected one. Lite pairs have no
  // priority of their own (§7.3.2: "arbitrary"), so the latest nomination
  // wins: that is how a browser moves a call to another path.
  const bool switching = check.use_candidate && selected != from;
  if (!switching) {
    if (selected == from) consent.refresh();  // RFC 7675: a check on the selected pair
    return StunOutcome::answered;
  }
  selected = from;
  state = IceLiteState::connected;
  ++counters.nominations;
  consent.refresh();
  core::log::get("media").debug("ice-lite {}: selected {}", config.local.ufrag, from.to_string());
  if (events.selected) events.selected(from);  // last: it may destroy the agent
  return StunOutcome::answered;
}

StunOutcome IceLiteAgent::Impl::reject(const Endpoint& to, StunMessage& request, StunError code,
                                       std::uint64_t& counter, StunOutcome outcome) {
  ++counter;
  return send_reply(to, StunCodec::build_error(request, code, reply), outcome);
}

StunOutcome IceLiteAgent::Impl::send_reply(const Endpoint& to, std::size_t length, StunOutcome outcome) {
  if (length == 0) return drop(counters.reply_failures);
  send(to, std::span<const std::uint8_t>(reply.data(), length));
  return outcome;
}

void IceLiteAgent::Impl::on_consent_expired() {
  state = IceLiteState::failed;
  ++counters.consent_expired;
  core::log::get("media").info("ice-lite {}: consent of {} expired", config.local.ufrag,
                               selected ? selected->to_string() : "-");
  if (events.failed) events.failed();  // last: it may destroy the agent
}

IceLiteAgent::IceLiteAgent(core::TimerService& timers, IceLiteConfig config, Send send, Events events)
    : impl_(std::make_unique<Impl>(timers, std::move(config), std::move(send), std::move(events))) {}

IceLiteAgent::~IceLiteAgent() = default;

StunOutcome IceLiteAgent::handle_stun(const Endpoint& from, std::span<const std::uint8_t> datagram) {
  // RFC 7675 §5.1: once consent is lost the leg is over; answering would
  // tell the browser the path still works.
  if (impl_->state == IceLiteState::failed) {
    ++impl_->counters.received;
    return impl_->drop(impl_->counters.after_failure);
  }
  return impl_->handle(from, datagram);
}

bool IceLiteAgent::add_remote_candidate(const Endpoint& endpoint, std::uint32_t priority) {
  if (impl_->candidates.add_signalled(endpoint, priority)) return true;
  ++impl_->counters.candidates_refused;
  return false;
}

bool IceLiteAgent::is_verified(const Endpoint& endpoint) const {
  return impl_->state != IceLiteState::failed && impl_->candidates.is_verified(endpoint);
}

std::optional<Endpoint> IceLiteAgent::selected() const { return impl_->selected; }
IceLiteState IceLiteAgent::state() const { return impl_->state; }
const IceCredentials& IceLiteAgent::local_credentials() const { return impl_->config.local; }
const IceLiteCounters& IceLiteAgent::counters() const { return impl_->counters; }
std::size_t IceLiteAgent::remote_candidate_count() const { return impl_->candidates.size(); }

}  // namespace rtcsip::media::ice
