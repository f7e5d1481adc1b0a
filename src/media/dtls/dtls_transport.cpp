#include "rtcsip/media/dtls/dtls_transport.hpp"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>
#include <array>
#include <utility>

#include "datagram_bio.hpp"
#include "openssl_errors.hpp"
#include "rtcsip/core/log.hpp"
#include "srtp_key_export.hpp"

namespace rtcsip::media::dtls {
namespace {

using namespace std::chrono_literals;

// DTLSv1_get_timeout() reports under 15 ms left as 0: never re-arm on nothing.
constexpr core::Duration kMinTimerDelay = 1ms;

int transport_index() {
  static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

DtlsTransport* transport_of(const SSL* ssl) {
  return static_cast<DtlsTransport*>(SSL_get_ex_data(ssl, transport_index()));
}

std::string describe(core::Duration d) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
}

std::string mismatch_reason(X509* certificate, std::span<const Fingerprint> expected) {
  const HashFunction strongest = std::ranges::max_element(expected, {}, &Fingerprint::hash)->hash;
  std::string reason = "the peer's certificate";
  if (const auto actual = fingerprint_of(certificate, strongest)) reason += " (" + to_string(*actual) + ")";
  reason += " matches no a=fingerprint of the remote SDP (RFC 8122 §5); expected";
  for (const auto& f : expected) {
    if (f.hash == strongest) reason += " " + to_string(f);
  }
  return reason;
}

}  // namespace

std::string_view to_string(Role role) noexcept { return role == Role::client ? "client" : "server"; }

std::string_view to_string(State state) noexcept {
  switch (state) {
    case State::idle:
      return "idle";
    case State::connecting:
      return "connecting";
    case State::connected:
      return "connected";
    case State::failed:
      return "failed";
    case State::closed:
      return "closed";
  }
  return "unknown";
}

bool is_dtls(std::span<const std::uint8_t> datagram) noexcept {
  return !datagram.empty() && datagram[0] >= 20 && datagram[0] <= 63;
}

void DtlsTransport::SslFree::operator()(SSL* ssl) const { SSL_free(ssl); }

core::Result<std::unique_ptr<DtlsTransport>, DtlsError> DtlsTransport::create(
    std::shared_ptr<const DtlsContext> context, core::TimerService& timers, Role role, Callbacks callbacks,
    DtlsSettings settings) {
  if (!context || !callbacks.send || settings.mtu < kMinMtu || settings.mtu > kMaxMtu ||
      settings.handshake_timeout <= core::Duration::zero()) {
    return DtlsError::bad_settings;
  }
  std::unique_ptr<DtlsTransport> transport(
      new DtlsTransport(std::move(context), timers, role, std::move(callbacks), settings));
  if (!transport->init_ssl()) {
    drain_openssl_errors();
    return DtlsError::internal;
  }
  return core::Result<std::unique_ptr<DtlsTransport>, DtlsError>(std::move(transport));
}

DtlsTransport::DtlsTransport(std::shared_ptr<const DtlsContext> context, core::TimerService& timers,
                             Role role, Callbacks callbacks, DtlsSettings settings)
    : context_(std::move(context)),
      role_(role),
      callbacks_(std::move(callbacks)),
      settings_(settings),
      bio_(std::make_unique<DatagramBio>()),
      retransmit_timer_(timers),
      handshake_timer_(timers) {}

DtlsTransport::~DtlsTransport() {
  if (ssl_) SSL_set_ex_data(ssl_.get(), transport_index(), nullptr);
  OPENSSL_cleanse(&keys_, sizeof keys_);
}

bool DtlsTransport::init_ssl() {
  ERR_clear_error();
  if (transport_index() < 0) return false;
  ssl_.reset(SSL_new(context_->native_handle()));
  BIO* bio = ssl_ ? bio_->make_bio() : nullptr;
  if (bio == nullptr) return false;
  SSL* ssl = ssl_.get();
  SSL_set_bio(ssl, bio, bio);  // takes the one reference
  SSL_set_ex_data(ssl, transport_index(), this);
  SSL_set_info_callback(ssl, &info_thunk);
  // RFC 5763 §5: both ends present a certificate, which the SDP fingerprint
  // vouches for (on_verify), not a certificate authority.
  SSL_set_verify(ssl, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, &verify_thunk);
  SSL_set_options(ssl, SSL_OP_NO_QUERY_MTU);
  if (SSL_set_mtu(ssl, static_cast<long>(settings_.mtu)) <= 0) return false;
  if (role_ == Role::client) {
    SSL_set_connect_state(ssl);
  } else {
    SSL_set_accept_state(ssl);
  }
  return true;
}

void DtlsTransport::set_remote_fingerprints(std::vector<Fingerprint> fingerprints) {
  if (state_ == State::connected || ended()) return;
  remote_fingerprints_ = std::move(fingerprints);
  if (state_ == State::connecting && handshake_done_ && !remote_fingerprints_.empty()) {
    complete();
    deliver();
  }
}

void DtlsTransport::start() {
  if (state_ != State::idle) return;
  begin();
  if (role_ == Role::client) advance_handshake();  // writes the ClientHello
  deliver();
}

void DtlsTransport::receive(std::span<const std::uint8_t> datagram) {
  ++stats_.datagrams_received;
  if (!is_dtls(datagram)) {
    ++stats_.not_dtls;
    return;
  }
  if (ended()) {
    ++stats_.after_end;
    return;
  }
  if (state_ == State::idle) begin();
  bio_->set_incoming(datagram);
  if (handshake_done_) {
    read_records();
  } else {
    advance_handshake();
  }
  bio_->clear_incoming();
  deliver();
}

void DtlsTransport::close() {
  if (ended()) return;
  if (handshake_done_) {
    ERR_clear_error();
    SSL_shutdown(ssl_.get());  // RFC 5246 §7.2.1 close_notify
    ERR_clear_error();
  }
  state_ = State::closed;
  pending_ = Event::none;
  retransmit_timer_.cancel();
  handshake_timer_.cancel();
  deliver();
}

std::optional<std::uint16_t> DtlsTransport::srtp_profile_id() const noexcept {
  if (keys_.profile_id() == 0) return std::nullopt;
  return keys_.profile_id();
}

void DtlsTransport::begin() {
  state_ = State::connecting;
  handshake_timer_.start(settings_.handshake_timeout, [this] { on_handshake_timer(); });
}

void DtlsTransport::advance_handshake() {
  ERR_clear_error();
  const int result = SSL_do_handshake(ssl_.get());
  if (result == 1) {
    handshake_done_ = true;
    on_handshake_done();
    return;
  }
  const int code = SSL_get_error(ssl_.get(), result);
  if (code == SSL_ERROR_WANT_READ || code == SSL_ERROR_WANT_WRITE) {
    ERR_clear_error();
    return;
  }
  auto [error, reason] = handshake_failure();
  fail(error, std::move(reason));
}

std::pair<DtlsError, std::string> DtlsTransport::handshake_failure() {
  bool no_certificate = false;
  const std::string openssl = drain_openssl_errors(&no_certificate);
  std::pair<DtlsError, std::string> out{DtlsError::handshake_failed, "DTLS handshake failed"};
  if (certificate_rejected_) {
    out = {DtlsError::fingerprint_mismatch, rejection_};
  } else if (no_certificate) {
    out = {DtlsError::no_certificate, "the peer sent no certificate (RFC 5763 §5)"};
  }
  if (!openssl.empty()) out.second += " [" + openssl + "]";
  if (received_alert_ != nullptr) out.second += std::string("; peer sent alert: ") + received_alert_;
  if (sent_alert_ != nullptr) out.second += std::string("; sent alert: ") + sent_alert_;
  return out;
}

void DtlsTransport::on_handshake_done() {
  // RFC 5763 §5: the client's certificate is enforced by
  // SSL_VERIFY_FAIL_IF_NO_PEER_CERT, the server's by the cipher list (no
  // anonymous suites); checked again here before any key leaves.
  if (SSL_get0_peer_certificate(ssl_.get()) == nullptr) {
    fail_after_handshake(DtlsError::no_certificate, "the peer sent no certificate (RFC 5763 §5)");
  } else if (SSL_get_selected_srtp_profile(ssl_.get()) == nullptr) {
    // RFC 5764 §4.1.3: a server with no profile in common omits use_srtp;
    // WebRTC cannot do without SRTP (RFC 8827 §6.5).
    fail_after_handshake(DtlsError::no_srtp_profile,
                         "no use_srtp protection profile in common (RFC 5764 §4.1.3)");
  } else if (!remote_fingerprints_.empty()) {
    complete();
  }
  // Otherwise the keys wait for set_remote_fingerprints().
}

void DtlsTransport::complete() {
  SSL* ssl = ssl_.get();
  X509* peer = SSL_get0_peer_certificate(ssl);
  if (!certificate_matches(peer, remote_fingerprints_)) {
    fail_after_handshake(DtlsError::fingerprint_mismatch, mismatch_reason(peer, remote_fingerprints_));
    return;
  }
  std::string error;
  auto keys = export_srtp_keying_material(ssl, error);
  if (!keys) {
    fail_after_handshake(DtlsError::internal, std::move(error));
    return;
  }
  keys_ = *keys;
  OPENSSL_cleanse(&*keys, sizeof *keys);
  state_ = State::connected;
  handshake_timer_.cancel();
  pending_ = Event::connected;
}

void DtlsTransport::read_records() {
  // Application data (data channels) is not taken yet: read and dropped.
  std::array<std::uint8_t, 2048> scratch{};
  for (;;) {
    ERR_clear_error();
    const int n = SSL_read(ssl_.get(), scratch.data(), static_cast<int>(scratch.size()));
    if (n > 0) {
      ++stats_.application_data;
      continue;
    }
    const int code = SSL_get_error(ssl_.get(), n);
    if (code == SSL_ERROR_WANT_READ || code == SSL_ERROR_WANT_WRITE) {
      ERR_clear_error();
      return;
    }
    if (code == SSL_ERROR_ZERO_RETURN) {
      on_peer_close();
      return;
    }
    std::string reason = "DTLS connection error [" + drain_openssl_errors() + "]";
    if (received_alert_ != nullptr) reason += std::string("; peer sent alert: ") + received_alert_;
    fail(DtlsError::connection_error, std::move(reason));
    return;
  }
}

void DtlsTransport::on_peer_close() {
  // RFC 5246 §7.2.1: answer close_notify with close_notify.
  ERR_clear_error();
  SSL_shutdown(ssl_.get());
  ERR_clear_error();
  if (state_ != State::connected) {
    fail(DtlsError::handshake_failed, "the peer closed before its certificate could be checked");
    return;
  }
  state_ = State::closed;
  pending_ = Event::closed;
  retransmit_timer_.cancel();
  handshake_timer_.cancel();
}

void DtlsTransport::fail(DtlsError error, std::string reason) {
  if (ended()) return;
  state_ = State::failed;
  error_ = error;
  reason_ = std::move(reason);
  pending_ = Event::failed;
  retransmit_timer_.cancel();
  handshake_timer_.cancel();
  ERR_clear_error();
  core::log::get("media").debug("DTLS {}: {}", to_string(role_), reason_);
}

void DtlsTransport::fail_after_handshake(DtlsError error, std::string reason) {
  // After the handshake OpenSSL can only send close_notify, which ends the peer too.
  ERR_clear_error();
  SSL_shutdown(ssl_.get());
  fail(error, std::move(reason));
}

void DtlsTransport::on_retransmit_timer() {
  if (ended()) return;
  ERR_clear_error();
  // RFC 6347 §4.2.4: resend the last flight. OpenSSL checks its own clock
  // and does nothing when that says it is early; the re-arm waits for the rest.
  const int result = DTLSv1_handle_timeout(ssl_.get());
  if (result > 0) {
    ++stats_.retransmissions;
  } else if (result < 0) {
    fail(DtlsError::timeout, "DTLS retransmission limit reached [" + drain_openssl_errors() + "]");
  }
  ERR_clear_error();
  deliver();
}

void DtlsTransport::on_handshake_timer() {
  if (state_ != State::connecting) return;
  fail(DtlsError::timeout,
       handshake_done_ ? "no remote fingerprint to check the certificate against after " +
                             describe(settings_.handshake_timeout)
                       : "DTLS handshake not complete after " + describe(settings_.handshake_timeout));
  deliver();
}

void DtlsTransport::arm_retransmit_timer() {
  timeval left{};
  if ((state_ != State::connecting && state_ != State::connected) ||
      DTLSv1_get_timeout(ssl_.get(), &left) != 1) {
    retransmit_timer_.cancel();
    return;
  }
  const core::Duration delay = std::chrono::seconds(left.tv_sec) + std::chrono::microseconds(left.tv_usec);
  retransmit_timer_.start(std::max(delay, kMinTimerDelay), [this] { on_retransmit_timer(); });
}

void DtlsTransport::deliver() {
  if (!flush()) return;
  arm_retransmit_timer();
  // Copies: the callback may destroy this transport.
  switch (std::exchange(pending_, Event::none)) {
    case Event::connected:
      if (callbacks_.connected) {
        SrtpKeyingMaterial keys = keys_;
        callbacks_.connected(keys);
        OPENSSL_cleanse(&keys, sizeof keys);
      }
      break;
    case Event::failed:
      if (callbacks_.failed) {
        const std::string reason = reason_;
        callbacks_.failed(*error_, reason);
      }
      break;
    case Event::closed:
      if (callbacks_.closed) callbacks_.closed();
      break;
    case Event::none:
      break;
  }
}

bool DtlsTransport::flush() {
  if (!bio_->has_outgoing()) return true;
  const std::weak_ptr<bool> alive = alive_;
  for (const auto& datagram : bio_->take_outgoing()) {
    ++stats_.datagrams_sent;
    callbacks_.send(datagram);
    if (alive.expired()) return false;
  }
  return true;
}

int DtlsTransport::verify_thunk(int /*preverify_ok*/, X509_STORE_CTX* store) {
  const auto* ssl =
      static_cast<const SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
  DtlsTransport* self = ssl != nullptr ? transport_of(ssl) : nullptr;
  return self != nullptr ? self->on_verify(X509_STORE_CTX_get0_cert(store), store) : 0;
}

int DtlsTransport::on_verify(X509* leaf, X509_STORE_CTX* store) {
  // RFC 5763 §5, RFC 8122 §5: the certificate is self-signed and vouched for
  // by the SDP, so OpenSSL's chain verdict is ignored and only the leaf, the
  // one the fingerprint covers, is checked (this runs for every chain element).
  if (remote_fingerprints_.empty()) return 1;  // checked when the SDP arrives
  if (certificate_matches(leaf, remote_fingerprints_)) return 1;
  if (!certificate_rejected_) {
    certificate_rejected_ = true;
    rejection_ = mismatch_reason(leaf, remote_fingerprints_);
  }
  X509_STORE_CTX_set_error(store, X509_V_ERR_CERT_REJECTED);  // sent as bad_certificate
  return 0;
}

void DtlsTransport::info_thunk(const SSL* ssl, int where, int value) {
  if ((where & SSL_CB_ALERT) == 0) return;
  if (DtlsTransport* self = transport_of(ssl)) self->on_info(where, value);
}

void DtlsTransport::on_info(int where, int value) {
  // OpenSSL's descriptions are static strings: kept as pointers.
  ((where & SSL_CB_READ) != 0 ? received_alert_ : sent_alert_) = SSL_alert_desc_string_long(value);
}

}  // namespace rtcsip::media::dtls
