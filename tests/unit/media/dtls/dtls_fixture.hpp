#pragma once
// Two DtlsTransports, A and B, wired through a DatagramLink on a manual clock
// that OpenSSL's DTLS timer follows too.
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "datagram_link.hpp"
#include "openssl_clock.hpp"
#include "rtcsip/core/manual_timer_service.hpp"
#include "rtcsip/media/dtls/dtls_context.hpp"
#include "rtcsip/media/dtls/dtls_transport.hpp"

namespace rtcsip::media::dtls::test {

// Generated once per test binary (key generation is the slow part).
std::shared_ptr<const DtlsContext> context_a();
std::shared_ptr<const DtlsContext> context_b();
// B's certificate with other SRTP profiles.
std::shared_ptr<const DtlsContext> context_with(std::vector<SrtpProfileId> profiles);

struct Endpoint {
  std::unique_ptr<DtlsTransport> transport;
  std::optional<SrtpKeyingMaterial> keys;
  int connected = 0;
  int failed = 0;
  int closed = 0;
  std::optional<DtlsError> error;
  std::string reason;
  std::optional<core::TimePoint> connected_at;
  std::function<void()> on_event;  // after any of the three callbacks
};

struct PairOptions {
  Role a_role = Role::client;
  std::shared_ptr<const DtlsContext> a_context{};  // context_a() when null
  std::shared_ptr<const DtlsContext> b_context{};  // context_b() when null
  DtlsSettings settings{};
  bool a_knows_b = true;  // remote fingerprint given before start()
  bool b_knows_a = true;
};

class DtlsPairTest : public ::testing::Test {
 protected:
  static constexpr core::TimePoint kStart = core::TimePoint{} + std::chrono::hours(1);

  void make(const PairOptions& options = {});
  void start();
  // Advances the clock timer by timer until `done` or `limit` from now.
  bool run_until(const std::function<bool()>& done, core::Duration limit = std::chrono::seconds(60));
  void run_for(core::Duration d) { timers_.advance(d); }
  [[nodiscard]] bool both_connected() const { return a_.connected == 1 && b_.connected == 1; }
  [[nodiscard]] bool both_ended() const;
  Endpoint& client() { return options_.a_role == Role::client ? a_ : b_; }
  Endpoint& server() { return options_.a_role == Role::client ? b_ : a_; }
  Direction from_client() const {
    return options_.a_role == Role::client ? Direction::a_to_b : Direction::b_to_a;
  }
  Direction from_server() const {
    return options_.a_role == Role::client ? Direction::b_to_a : Direction::a_to_b;
  }

  core::ManualTimerService timers_{kStart};
  OpenSslClock clock_{timers_};
  DatagramLink link_{timers_};
  PairOptions options_;
  Endpoint a_;
  Endpoint b_;

 private:
  std::unique_ptr<DtlsTransport> make_endpoint(Endpoint& e, Direction out, Role role,
                                               std::shared_ptr<const DtlsContext> context);
};

}  // namespace rtcsip::media::dtls::test
