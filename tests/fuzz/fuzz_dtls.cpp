// libFuzzer target: arbitrary datagrams fed to a DtlsTransport. The first
// octet picks the victim: bit 0 clear, a fresh server (whose handshake can
// never complete: the fuzzer has no key for the fingerprint it expects); bit
// 0 set, one end of an association just established in memory (bit 1: the
// client end). Bits 2-3 pick the MTU. The rest is datagrams, each preceded by
// a two-octet big-endian length (the last one takes what is left). Nothing
// may crash or leak, every datagram sent fits the MTU, and the end of a
// transport is reported at most once. Seeds: tests/fuzz/seeds/dtls, written
// by the CaptureFuzzSeeds unit test (see there).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <memory>
#include <span>
#include <vector>

#include "rtcsip/core/manual_timer_service.hpp"
#include "rtcsip/media/dtls/dtls_context.hpp"
#include "rtcsip/media/dtls/dtls_transport.hpp"

namespace {

using namespace rtcsip;
using namespace std::chrono_literals;
using media::dtls::DtlsContext;
using media::dtls::DtlsError;
using media::dtls::DtlsTransport;
using media::dtls::Role;
using media::dtls::State;

constexpr std::size_t kMtus[] = {1200, 256, 576, 1500};

void check(bool condition, const char* what) {
  if (condition) return;
  (void)std::fprintf(stderr, "fuzz_dtls: %s\n", what);
  std::abort();
}

const std::shared_ptr<const DtlsContext>& server_context() {
  static const auto context = DtlsContext::create_self_signed();
  return context;
}

const std::shared_ptr<const DtlsContext>& client_context() {
  static const auto context = DtlsContext::create_self_signed();
  return context;
}

std::vector<std::span<const std::uint8_t>> split(std::span<const std::uint8_t> data) {
  std::vector<std::span<const std::uint8_t>> out;
  while (data.size() >= 2) {
    const std::size_t length = std::size_t{data[0]} << 8 | data[1];
    data = data.subspan(2);
    const std::size_t take = length < data.size() ? length : data.size();
    out.push_back(data.first(take));
    data = data.subspan(take);
  }
  if (!data.empty()) out.push_back(data);
  return out;
}

// One end: its transport and what it reported.
struct End {
  std::unique_ptr<DtlsTransport> transport;
  int connected = 0;
  int failed = 0;
  int closed = 0;

  void check_reports() const {
    check(connected <= 1 && failed <= 1 && closed <= 1, "an event was reported twice");
    check(failed + closed <= 1, "both failed and closed");
    check(closed == 0 || connected == 1, "closed without having connected");
    if (failed == 1)
      check(transport->state() == State::failed && transport->error().has_value(), "failed state");
  }
};

// Datagrams in flight between the two ends, delivered in order by pump().
struct Wire {
  std::size_t mtu = 1200;
  std::deque<std::pair<int, std::vector<std::uint8_t>>> queue;
  End* ends[2] = {nullptr, nullptr};

  void pump() {
    for (int guard = 0; guard < 1000 && !queue.empty(); ++guard) {
      auto [to, datagram] = std::move(queue.front());
      queue.pop_front();
      if (ends[to] != nullptr && ends[to]->transport) ends[to]->transport->receive(datagram);
    }
    queue.clear();
  }
};

std::unique_ptr<DtlsTransport> make_end(End& end, Wire& wire, int self, core::TimerService& timers, Role role,
                                        const std::shared_ptr<const DtlsContext>& context,
                                        const std::shared_ptr<const DtlsContext>& peer) {
  DtlsTransport::Callbacks callbacks;
  callbacks.send = [&wire, self](std::span<const std::uint8_t> d) {
    check(d.size() <= wire.mtu, "a datagram exceeds the MTU");
    wire.queue.emplace_back(1 - self, std::vector<std::uint8_t>(d.begin(), d.end()));
  };
  callbacks.connected = [&end](const media::dtls::SrtpKeyingMaterial& keys) {
    ++end.connected;
    check(!keys.material().empty(), "connected without keys");
  };
  callbacks.failed = [&end](DtlsError, std::string_view reason) {
    ++end.failed;
    check(!reason.empty(), "failed without a reason");
  };
  callbacks.closed = [&end] { ++end.closed; };
  auto t = DtlsTransport::create(context, timers, role, std::move(callbacks), {.mtu = wire.mtu});
  check(t.ok(), "create failed");
  (*t)->set_remote_fingerprints({peer->fingerprint()});
  return std::move(*t);
}

void fuzz_fresh_server(std::size_t mtu, const std::vector<std::span<const std::uint8_t>>& datagrams) {
  core::ManualTimerService timers;
  Wire wire{.mtu = mtu};
  End server;
  server.transport = make_end(server, wire, 0, timers, Role::server, server_context(), client_context());
  server.transport->start();
  for (const auto& d : datagrams) {
    server.transport->receive(d);
    wire.queue.clear();  // nobody listens
    server.check_reports();
    timers.advance(250ms);
  }
  timers.advance(31s);
  server.check_reports();
  check(server.connected == 0, "a fresh server connected to the fuzzer");
  check(server.transport->state() == State::failed, "the handshake did not time out");
}

void fuzz_established(std::size_t mtu, bool to_client,
                      const std::vector<std::span<const std::uint8_t>>& datagrams) {
  core::ManualTimerService timers;
  Wire wire{.mtu = mtu};
  End ends[2];  // 0 server, 1 client
  ends[0].transport = make_end(ends[0], wire, 0, timers, Role::server, server_context(), client_context());
  ends[1].transport = make_end(ends[1], wire, 1, timers, Role::client, client_context(), server_context());
  wire.ends[0] = &ends[0];
  wire.ends[1] = &ends[1];
  ends[0].transport->start();
  ends[1].transport->start();
  wire.pump();
  check(ends[0].connected == 1 && ends[1].connected == 1, "the in-memory handshake failed");
  End& victim = ends[to_client ? 1 : 0];
  for (const auto& d : datagrams) {
    victim.transport->receive(d);
    wire.pump();
    ends[0].check_reports();
    ends[1].check_reports();
  }
  timers.advance(61s);
  ends[0].check_reports();
  ends[1].check_reports();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  const auto datagrams = split({data + 1, size - 1});
  if (datagrams.size() > 64) return 0;  // keeps one input cheap
  const std::size_t mtu = kMtus[(mode >> 2) & 3];
  if ((mode & 1) == 0) {
    fuzz_fresh_server(mtu, datagrams);
  } else {
    fuzz_established(mtu, (mode & 2) != 0, datagrams);
  }
  return 0;
}
