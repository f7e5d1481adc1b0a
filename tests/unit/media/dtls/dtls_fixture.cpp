#include "dtls_fixture.hpp"

#include <map>

namespace rtcsip::media::dtls::test {

std::shared_ptr<const DtlsContext> context_a() {
  static const auto context = DtlsContext::create_self_signed();
  return context;
}

std::shared_ptr<const DtlsContext> context_b() {
  static const auto context = DtlsContext::create_self_signed();
  return context;
}

std::shared_ptr<const DtlsContext> context_with(std::vector<SrtpProfileId> profiles) {
  static std::map<std::vector<SrtpProfileId>, std::shared_ptr<const DtlsContext>> cache;
  auto& slot = cache[profiles];
  if (!slot) {
    // B's certificate, so that fingerprints stay those of context_b().
    auto identity = std::shared_ptr<const core::TlsIdentity>(context_b(), &context_b()->identity());
    slot = DtlsContext::create(std::move(identity), DtlsContext::Options{std::move(profiles)});
  }
  return slot;
}

void DtlsPairTest::make(const PairOptions& options) {
  options_ = options;
  if (!options_.a_context) options_.a_context = context_a();
  if (!options_.b_context) options_.b_context = context_b();
  const Role b_role = options_.a_role == Role::client ? Role::server : Role::client;
  a_.transport = make_endpoint(a_, Direction::a_to_b, options_.a_role, options_.a_context);
  b_.transport = make_endpoint(b_, Direction::b_to_a, b_role, options_.b_context);
  link_.attach(a_.transport.get(), b_.transport.get());
  if (options_.a_knows_b) a_.transport->set_remote_fingerprints({options_.b_context->fingerprint()});
  if (options_.b_knows_a) b_.transport->set_remote_fingerprints({options_.a_context->fingerprint()});
}

std::unique_ptr<DtlsTransport> DtlsPairTest::make_endpoint(Endpoint& e, Direction out, Role role,
                                                           std::shared_ptr<const DtlsContext> context) {
  DtlsTransport::Callbacks callbacks;
  callbacks.send = [this, send = link_.sender(out)](std::span<const std::uint8_t> datagram) {
    EXPECT_LE(datagram.size(), options_.settings.mtu) << "every datagram fits the MTU";
    send(datagram);
  };
  callbacks.connected = [this, &e](const SrtpKeyingMaterial& keys) {
    ++e.connected;
    e.keys = keys;
    e.connected_at = timers_.now();
    if (e.on_event) e.on_event();
  };
  callbacks.failed = [&e](DtlsError error, std::string_view reason) {
    ++e.failed;
    e.error = error;
    e.reason = std::string(reason);
    if (e.on_event) e.on_event();
  };
  callbacks.closed = [&e] {
    ++e.closed;
    if (e.on_event) e.on_event();
  };
  auto transport =
      DtlsTransport::create(std::move(context), timers_, role, std::move(callbacks), options_.settings);
  EXPECT_TRUE(transport.ok());
  return transport.ok() ? std::move(*transport) : nullptr;
}

void DtlsPairTest::start() {
  // The server first, as a WebRTC answerer would be ready before the offerer's ClientHello.
  server().transport->start();
  client().transport->start();
}

bool DtlsPairTest::run_until(const std::function<bool()>& done, core::Duration limit) {
  const core::TimePoint deadline = timers_.now() + limit;
  while (!done()) {
    const auto next = timers_.next_expiry();
    if (!next || *next > deadline) {
      timers_.advance_to(deadline);
      return done();
    }
    timers_.advance_to(*next);
  }
  return true;
}

bool DtlsPairTest::both_ended() const {
  const auto ended = [](const Endpoint& e) {
    const State s = e.transport ? e.transport->state() : State::failed;
    return s == State::failed || s == State::closed;
  };
  return ended(a_) && ended(b_);
}

}  // namespace rtcsip::media::dtls::test
