#pragma once
// DTLS 1.2 (RFC 6347) for one WebRTC leg, keying SRTP (RFC 5764). No socket:
// the caller hands in the datagrams demultiplexed as DTLS (RFC 7983 §7: first
// octet 20..63) and sends what the `send` callback gives it. Handshake
// retransmission follows OpenSSL's DTLSv1_get_timeout() (RFC 6347 §4.2.4.1:
// 1 s, doubling, at most 60 s) on a core::Timer; an overall limit on another.
//
// The peer's certificate is accepted when it matches a fingerprint from the
// remote SDP (RFC 5763 §5, RFC 8122 §5). The fingerprints may arrive after the
// handshake has started, or even finished (an answer racing the ClientHello):
// keys are only handed out once they have been checked.
//
// Every callback runs outside OpenSSL, from start(), receive(), close(),
// set_remote_fingerprints() or a timer, and may destroy the transport.
// connected runs at most once; failed or closed at most once, and only one
// of them (closed only after connected).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <openssl/types.h>

#include "rtcsip/core/result.hpp"
#include "rtcsip/core/timer_service.hpp"
#include "rtcsip/media/dtls/dtls_context.hpp"
#include "rtcsip/media/dtls/dtls_error.hpp"
#include "rtcsip/media/dtls/fingerprint.hpp"
#include "rtcsip/media/dtls/srtp_keying_material.hpp"

namespace rtcsip::media::dtls {

// RFC 5763 §5 with RFC 4145 §4: a=setup:active is the DTLS client,
// a=setup:passive the server.
enum class Role : std::uint8_t { client, server };
enum class State : std::uint8_t { idle, connecting, connected, failed, closed };

std::string_view to_string(Role role) noexcept;
std::string_view to_string(State state) noexcept;

// RFC 7983 §7: a datagram whose first octet is 20..63 is DTLS.
bool is_dtls(std::span<const std::uint8_t> datagram) noexcept;

struct DtlsSettings {
  // The largest datagram sent, in octets (UDP payload); 1200 leaves room for
  // IPv6, TURN and tunnel headers on a 1280-octet path.
  std::size_t mtu = 1200;
  // The whole handshake, including the wait for the remote fingerprint.
  core::Duration handshake_timeout = std::chrono::seconds(30);
};

struct DtlsStats {
  std::uint64_t datagrams_received = 0;
  std::uint64_t datagrams_sent = 0;
  std::uint64_t not_dtls = 0;          // first octet outside 20..63: dropped
  std::uint64_t after_end = 0;         // arrived after failure or close: dropped
  std::uint64_t retransmissions = 0;   // flights resent by the retransmission timer
  std::uint64_t application_data = 0;  // records dropped: no data channel yet
};

class DtlsTransport {
 public:
  struct Callbacks {
    std::function<void(std::span<const std::uint8_t> datagram)> send{};  // required
    std::function<void(const SrtpKeyingMaterial& keys)> connected{};
    std::function<void(DtlsError error, std::string_view reason)> failed{};
    std::function<void()> closed{};  // the peer sent close_notify after connecting
  };

  static constexpr std::size_t kMinMtu = 256;  // OpenSSL's smallest DTLS link MTU
  static constexpr std::size_t kMaxMtu = 65507;

  // bad_settings for an MTU outside kMinMtu..kMaxMtu, a non-positive timeout or
  // no send callback; internal when OpenSSL cannot create the connection.
  static core::Result<std::unique_ptr<DtlsTransport>, DtlsError> create(
      std::shared_ptr<const DtlsContext> context, core::TimerService& timers, Role role, Callbacks callbacks,
      DtlsSettings settings = {});

  ~DtlsTransport();
  DtlsTransport(const DtlsTransport&) = delete;
  DtlsTransport& operator=(const DtlsTransport&) = delete;

  // The a=fingerprint values of the remote SDP. May come before start() or at
  // any time during the handshake; once connected, later calls change nothing
  // (a new fingerprint means a new DTLS association, RFC 8842 §5.5).
  void set_remote_fingerprints(std::vector<Fingerprint> fingerprints);
  // Starts the handshake timer; a client sends its ClientHello. A server also
  // starts on its first datagram.
  void start();
  // One received DTLS datagram; anything else is counted and dropped.
  void receive(std::span<const std::uint8_t> datagram);
  // Sends close_notify when connected and stops; no callback follows.
  void close();

  [[nodiscard]] State state() const noexcept { return state_; }
  [[nodiscard]] Role role() const noexcept { return role_; }
  [[nodiscard]] std::optional<DtlsError> error() const noexcept { return error_; }
  [[nodiscard]] const std::string& failure_reason() const noexcept { return reason_; }
  // The negotiated SRTPProtectionProfile, once connected.
  [[nodiscard]] std::optional<std::uint16_t> srtp_profile_id() const noexcept;
  [[nodiscard]] const DtlsStats& stats() const noexcept { return stats_; }

 private:
  class DatagramBio;
  struct SslFree {
    void operator()(SSL* ssl) const;
  };
  enum class Event : std::uint8_t { none, connected, failed, closed };

  DtlsTransport(std::shared_ptr<const DtlsContext> context, core::TimerService& timers, Role role,
                Callbacks callbacks, DtlsSettings settings);
  bool init_ssl();
  [[nodiscard]] bool ended() const noexcept { return state_ == State::failed || state_ == State::closed; }

  void begin();
  void advance_handshake();
  void on_handshake_done();
  void complete();
  void read_records();
  void on_peer_close();
  void fail(DtlsError error, std::string reason);
  void fail_after_handshake(DtlsError error, std::string reason);
  std::pair<DtlsError, std::string> handshake_failure();
  void on_retransmit_timer();
  void on_handshake_timer();
  void arm_retransmit_timer();
  // Sends what OpenSSL wrote, re-arms the timer, then runs the pending
  // callback. Every public entry point ends here.
  void deliver();
  bool flush();

  static int verify_thunk(int preverify_ok, X509_STORE_CTX* store);
  static void info_thunk(const SSL* ssl, int where, int value);
  int on_verify(X509* leaf, X509_STORE_CTX* store);
  void on_info(int where, int value);

  std::shared_ptr<const DtlsContext> context_;
  Role role_;
  Callbacks callbacks_;
  DtlsSettings settings_;
  std::unique_ptr<DatagramBio> bio_;  // outlives ssl_, which owns the BIO
  std::unique_ptr<SSL, SslFree> ssl_;
  core::Timer retransmit_timer_;
  core::Timer handshake_timer_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);  // callbacks may destroy us

  State state_ = State::idle;
  Event pending_ = Event::none;
  bool handshake_done_ = false;
  bool certificate_rejected_ = false;
  std::vector<Fingerprint> remote_fingerprints_;
  SrtpKeyingMaterial keys_;
  std::optional<DtlsError> error_;
  std::string reason_;
  std::string rejection_;                 // why on_verify refused the certificate
  const char* received_alert_ = nullptr;  // OpenSSL's static alert descriptions
  const char* sent_alert_ = nullptr;
  DtlsStats stats_;
};

}  // namespace rtcsip::media::dtls
