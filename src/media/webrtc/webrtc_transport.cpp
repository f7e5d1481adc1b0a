#include "rtcsip/media/webrtc/webrtc_transport.hpp"

#include <sys/socket.h>

#include <boost/asio/socket_base.hpp>
#include <string>
#include <utility>

#include "rtcsip/core/log.hpp"
#include "rtcsip/media/net/udp_batch_reader.hpp"
#include "rtcsip/media/net/udp_endpoint.hpp"
#include "rtcsip/media/rtp/demux.hpp"
#include "rtcsip/media/srtp/dtls_srtp_keys.hpp"
#include "rtcsip/media/srtp/library.hpp"
#include "rtcsip/media/srtp/session_pair.hpp"

namespace rtcsip::media {

namespace asio = boost::asio;
using udp = asio::ip::udp;

namespace {

// A leg's own socket carries one call: a few datagrams per wake-up at most.
constexpr std::size_t kOwnSocketBatch = 4;

constexpr std::uint32_t kHostPriority = (126u << 24) | (65535u << 8) | (256u - 1u);

}  // namespace

std::string_view to_string(WebRtcFailure failure) noexcept {
  switch (failure) {
    case WebRtcFailure::ice_consent_expired:
      return "ICE consent expired";
    case WebRtcFailure::ice_failed:
      return "ICE failed";
    case WebRtcFailure::dtls_failed:
      return "DTLS failed";
    case WebRtcFailure::srtp_setup_failed:
      return "SRTP setup failed";
    case WebRtcFailure::dtls_closed:
      return "DTLS closed by the peer";
  }
  return "unknown";
}

struct WebRtcTransport::Impl final : SharedUdpPort::Receiver {
  Impl(asio::io_context& io, core::TimerService& timers, Config config, Events events)
      : socket(io), config(std::move(config)), events(std::move(events)), timers(timers) {}

  // Our own socket, unless the leg is on a worker's shared port.
  udp::socket socket;
  std::optional<net::UdpBatchReader> reader;
  Config config;
  Events events;
  core::TimerService& timers;
  std::unique_ptr<ice::IceLiteAgent> ice;   // ICE-lite
  std::unique_ptr<ice::FullIceAgent> full;  // or full ICE through libnice
  std::unique_ptr<dtls::DtlsTransport> dtls;
  std::optional<srtp::SessionPair> srtp;
  // Where DTLS goes before a pair is selected: the verified source of the
  // last DTLS datagram (a browser may start DTLS as soon as a check succeeds).
  std::optional<ice::Endpoint> dtls_peer;
  WebRtcState state = WebRtcState::new_;
  bool dtls_started = false;
  bool receiving = false;
  WebRtcCounters counters;
  std::shared_ptr<bool> alive = std::make_shared<bool>(true);  // events may destroy us

  std::error_code open();
  bool make_agents(std::shared_ptr<const dtls::DtlsContext> context, std::error_code& ec);
  bool make_ice(std::error_code& ec);
  [[nodiscard]] std::optional<ice::Endpoint> selected_remote() const {
    return full ? full->selected() : ice->selected();
  }
  [[nodiscard]] bool verified(const ice::Endpoint& from) const {
    return full ? full->is_verified(from) : ice->is_verified(from);
  }
  void on_datagram(const ice::Endpoint& from, std::span<std::uint8_t> datagram) override;
  void on_stun(const ice::Endpoint& from, std::span<const std::uint8_t> datagram);
  void on_dtls_datagram(const ice::Endpoint& from, std::span<const std::uint8_t> datagram);
  void on_media(const ice::Endpoint& from, std::span<std::uint8_t> packet);
  bool send_to(const ice::Endpoint& to, std::span<const std::uint8_t> datagram) noexcept;
  void send_dtls(std::span<const std::uint8_t> datagram);
  void on_selected();
  void on_dtls_connected(const dtls::SrtpKeyingMaterial& keys);
  void maybe_connected();
  void fail(WebRtcFailure failure, std::string_view reason);
  SendStatus send_media(std::span<std::uint8_t> buffer, std::size_t length, bool rtcp) noexcept;
};

std::error_code WebRtcTransport::Impl::open() {
  if (config.full_ice) return {};  // libnice opens its own sockets
  if (config.shared_port != nullptr) {
    if (!config.shared_port->attach(config.ice.local.ufrag, *this)) {
      return std::make_error_code(std::errc::address_in_use);  // the ufrag is another leg's
    }
    return {};
  }
  boost::system::error_code ec;
  socket.open(config.bind.protocol(), ec);
  if (!ec) socket.bind(config.bind, ec);
  // Sends never block the worker: a full socket buffer drops the datagram.
  if (!ec) socket.non_blocking(true, ec);
  return ec ? std::error_code(ec.value(), std::system_category()) : std::error_code{};
}

bool WebRtcTransport::Impl::make_ice(std::error_code& ec) {
  if (config.full_ice) {
    ice::FullIceConfig full_config = *config.full_ice;
    full_config.local = config.ice.local;  // one source for our credentials
    auto& io = static_cast<asio::io_context&>(socket.get_executor().context());
    auto created = ice::FullIceAgent::create(
        io, std::move(full_config),
        ice::FullIceAgent::Events{
            .gathering_done =
                [this] {
                  if (events.gathered) events.gathered();
                },
            .selected = [this](const ice::Endpoint&) { on_selected(); },
            .failed = [this](std::string_view reason) { fail(WebRtcFailure::ice_failed, reason); },
            // libnice answered the checks itself: what comes here is DTLS or SRTP.
            .datagram = [this](const ice::Endpoint& from,
                               std::span<std::uint8_t> datagram) { on_datagram(from, datagram); },
        });
    if (!created) {
      ec = created.error();
      return false;
    }
    full = std::move(*created);
    return true;
  }
  ice = std::make_unique<ice::IceLiteAgent>(
      timers, config.ice,
      [this](const ice::Endpoint& to, std::span<const std::uint8_t> datagram) { send_to(to, datagram); },
      ice::IceLiteAgent::Events{
          .selected = [this](const ice::Endpoint&) { on_selected(); },
          .failed =
              [this] {
                fail(WebRtcFailure::ice_consent_expired,
                     "no valid check on the selected pair in time (RFC 7675 §5.1)");
              },
      });
  return true;
}

bool WebRtcTransport::Impl::make_agents(std::shared_ptr<const dtls::DtlsContext> context,
                                        std::error_code& ec) {
  if (!make_ice(ec)) return false;
  dtls::DtlsTransport::Callbacks callbacks{
      .send = [this](std::span<const std::uint8_t> datagram) { send_dtls(datagram); },
      .connected = [this](const dtls::SrtpKeyingMaterial& keys) { on_dtls_connected(keys); },
      .failed = [this](dtls::DtlsError,
                       std::string_view reason) { fail(WebRtcFailure::dtls_failed, reason); },
      .closed = [this] { fail(WebRtcFailure::dtls_closed, "the peer sent close_notify"); },
  };
  auto created = dtls::DtlsTransport::create(std::move(context), timers, config.dtls_role,
                                             std::move(callbacks), config.dtls);
  if (!created) {
    ec = dtls::make_error_code(created.error());
    return false;
  }
  dtls = std::move(*created);
  if (!config.remote_fingerprints.empty()) dtls->set_remote_fingerprints(config.remote_fingerprints);
  return true;
}

void WebRtcTransport::Impl::on_datagram(const ice::Endpoint& from, std::span<std::uint8_t> datagram) {
  ++counters.datagrams_received;
  if (!receiving) return;
  switch (rtp::classify_datagram(datagram)) {
    case rtp::DatagramKind::stun:
      ++counters.stun_received;
      on_stun(from, datagram);
      return;
    case rtp::DatagramKind::dtls:
      on_dtls_datagram(from, datagram);
      return;
    case rtp::DatagramKind::rtp_or_rtcp:
      on_media(from, datagram);
      return;
    default:
      ++counters.unknown_kind;
      return;
  }
}

void WebRtcTransport::Impl::on_stun(const ice::Endpoint& from, std::span<const std::uint8_t> datagram) {
  const std::weak_ptr<bool> weak = alive;
  ice->handle_stun(from, datagram);
  if (weak.expired()) return;
  // On a shared port, a source that passed a check is routed to us from now on.
  if (config.shared_port != nullptr && ice->is_verified(from)) config.shared_port->claim(from, *this);
}

void WebRtcTransport::Impl::on_dtls_datagram(const ice::Endpoint& from,
                                             std::span<const std::uint8_t> datagram) {
  // RFC 8445 §7.3 / RFC 5763 §5: DTLS only with a peer that proved it knows
  // our ICE password; anyone else could race the browser's handshake.
  if (!verified(from)) {
    if (++counters.dtls_unverified == 1) {  // logged once per leg; the counter tells the rest
      core::log::get("media").warn("DTLS from {}, which passed no ICE check, ignored", from.to_string());
    }
    return;
  }
  ++counters.dtls_received;
  if (!selected_remote()) dtls_peer = from;
  dtls->receive(datagram);
}

void WebRtcTransport::Impl::on_media(const ice::Endpoint& from, std::span<std::uint8_t> packet) {
  const auto selected = selected_remote();
  if (!selected || *selected != from) {
    if (++counters.media_unselected == 1) {
      core::log::get("media").info("media from {}, not the selected pair, dropped", from.to_string());
    }
    return;
  }
  if (!srtp) {
    ++counters.media_before_keys;
    return;
  }
  // RFC 5761 §4: one port carries both; the packet type tells them apart.
  if (rtp::is_rtcp(packet)) {
    auto plain = srtp->unprotect_rtcp(packet);
    if (!plain) {
      ++counters.rtcp_unprotect_failed;
      return;
    }
    ++counters.rtcp_received;
    if (events.rtcp) events.rtcp(packet.first(*plain));
  } else {
    auto plain = srtp->unprotect_rtp(packet);
    if (!plain) {
      ++counters.rtp_unprotect_failed;
      return;
    }
    ++counters.rtp_received;
    if (events.rtp) events.rtp(packet.first(*plain));
  }
}

bool WebRtcTransport::Impl::send_to(const ice::Endpoint& to,
                                    std::span<const std::uint8_t> datagram) noexcept {
  if (full) {
    // libnice sends on its selected pair, which is where DTLS and media go.
    if (full->send(datagram)) return true;
    ++counters.send_errors;
    return false;
  }
  if (config.shared_port != nullptr) {
    if (config.shared_port->send_to(to, datagram)) return true;
    ++counters.send_errors;
    return false;
  }
  sockaddr_storage address;
  const socklen_t length = to.to_sockaddr_for(config.bind.protocol() == udp::v6(), address);
  if (length == 0 || ::sendto(socket.native_handle(), datagram.data(), datagram.size(), MSG_DONTWAIT,
                              reinterpret_cast<const sockaddr*>(&address), length) < 0) {
    ++counters.send_errors;
    return false;
  }
  return true;
}

void WebRtcTransport::Impl::send_dtls(std::span<const std::uint8_t> datagram) {
  if (auto selected = selected_remote()) {
    send_to(*selected, datagram);
  } else if (dtls_peer) {
    send_to(*dtls_peer, datagram);
  } else {
    ++counters.send_errors;  // nowhere to send yet; DTLS retransmits
  }
}

void WebRtcTransport::Impl::on_selected() {
  if (state == WebRtcState::failed || state == WebRtcState::closed) return;
  if (!dtls_started) {
    // The DTLS client speaks first, to the nominated pair (RFC 5763 §5);
    // a server's handshake timer starts now, or with the first ClientHello.
    dtls_started = true;
    const std::weak_ptr<bool> weak = alive;
    dtls->start();
    if (weak.expired()) return;
  }
  maybe_connected();
}

void WebRtcTransport::Impl::on_dtls_connected(const dtls::SrtpKeyingMaterial& keys) {
  const auto profile = srtp::profile_from_dtls_id(keys.profile_id());
  if (!profile) {
    fail(WebRtcFailure::srtp_setup_failed, "unsupported SRTP protection profile");
    return;
  }
  // RFC 5764 §4.2: each side protects with its own write key.
  const auto role = config.dtls_role == dtls::Role::client ? srtp::DtlsRole::client : srtp::DtlsRole::server;
  auto key_pair = srtp::split_dtls_keying_material(*profile, role, keys.material());
  if (!key_pair) {
    fail(WebRtcFailure::srtp_setup_failed, srtp::to_string(key_pair.error()));
    return;
  }
  auto pair = srtp::SessionPair::create(*key_pair);
  if (!pair) {
    fail(WebRtcFailure::srtp_setup_failed, srtp::to_string(pair.error()));
    return;
  }
  srtp.emplace(std::move(*pair));
  maybe_connected();
}

void WebRtcTransport::Impl::maybe_connected() {
  if (state != WebRtcState::new_ || !srtp || !selected_remote()) return;
  state = WebRtcState::connected;
  if (events.connected) events.connected();
}

void WebRtcTransport::Impl::fail(WebRtcFailure failure, std::string_view reason) {
  if (state == WebRtcState::failed || state == WebRtcState::closed) return;
  state = WebRtcState::failed;
  srtp.reset();
  core::log::get("media").info("WebRTC transport failed: {}: {}", to_string(failure), reason);
  if (events.failed) events.failed(failure, reason);
}

SendStatus WebRtcTransport::Impl::send_media(std::span<std::uint8_t> packet, std::size_t length,
                                             bool rtcp) noexcept {
  const auto selected = selected_remote();
  if (state != WebRtcState::connected || !srtp || !selected) {
    ++counters.send_not_connected;
    return SendStatus::not_connected;
  }
  auto out = rtcp ? srtp->protect_rtcp(packet, length) : srtp->protect_rtp(packet, length);
  if (!out) {
    ++counters.protect_failed;
    return SendStatus::protect_failed;
  }
  if (!send_to(*selected, packet.first(*out))) return SendStatus::socket_error;
  ++(rtcp ? counters.rtcp_sent : counters.rtp_sent);
  return SendStatus::sent;
}

core::Result<std::unique_ptr<WebRtcTransport>, std::error_code> WebRtcTransport::create(
    asio::io_context& io, core::TimerService& timers, std::shared_ptr<const dtls::DtlsContext> dtls,
    Config config, Events events) {
  if (auto ec = srtp::initialize()) return ec;
  auto impl = std::make_unique<Impl>(io, timers, std::move(config), std::move(events));
  if (auto ec = impl->open()) return ec;
  std::error_code ec;
  if (!impl->make_agents(std::move(dtls), ec)) return ec;
  return std::unique_ptr<WebRtcTransport>(new WebRtcTransport(std::move(impl)));
}

WebRtcTransport::WebRtcTransport(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

WebRtcTransport::~WebRtcTransport() {
  if (impl_->config.shared_port != nullptr) impl_->config.shared_port->detach(*impl_);
  impl_->reader.reset();  // off the poller before the socket closes
  boost::system::error_code ignored;
  impl_->socket.close(ignored);
}

void WebRtcTransport::start() {
  if (impl_->receiving || impl_->state != WebRtcState::new_) return;
  impl_->receiving = true;
  if (impl_->full) {
    if (!impl_->full->gather()) {
      impl_->fail(WebRtcFailure::ice_failed,
                  "no local candidate could be gathered (no address or port left)");
    }
    return;
  }
  if (impl_->config.shared_port != nullptr) return;  // the port calls on_datagram
  Impl& impl = *impl_;
  impl.reader.emplace(impl.socket, impl.config.receive_buffer, kOwnSocketBatch);
  impl.reader->start(
      [&impl](const net::UdpBatchReader::Datagram& datagram) {
        if (datagram.truncated) {
          ++impl.counters.datagrams_received;
          ++impl.counters.truncated;
          return;
        }
        if (const auto from = ice::Endpoint::from_sockaddr(datagram.from, datagram.from_length))
          impl.on_datagram(*from, datagram.bytes);
      },
      [&impl](int) { ++impl.counters.receive_errors; });  // e.g. ICMP port unreachable: keep going
}

void WebRtcTransport::close() {
  if (impl_->state == WebRtcState::closed) return;
  impl_->state = WebRtcState::closed;
  impl_->receiving = false;
  impl_->srtp.reset();
  impl_->dtls->close();
  if (impl_->full) impl_->full->close();
  if (impl_->reader) impl_->reader->stop();
  if (impl_->config.shared_port != nullptr) impl_->config.shared_port->detach(*impl_);
  boost::system::error_code ignored;
  impl_->socket.cancel(ignored);
}

void WebRtcTransport::receive(const ice::Endpoint& from, std::span<std::uint8_t> datagram) {
  impl_->on_datagram(from, datagram);
}

std::vector<ice::LocalCandidate> WebRtcTransport::local_candidates() const {
  if (impl_->full) return impl_->full->local_candidates();
  const auto local = net::from_udp(local_endpoint());
  if (!local) return {};
  // RFC 8445 §5.1.2.1: type preference 126 (host), local preference 65535, component 1.
  ice::LocalCandidate host;
  host.foundation = "1";
  host.priority = kHostPriority;
  host.address = *local;
  return {host};
}

bool WebRtcTransport::set_remote_credentials(const ice::IceCredentials& remote) {
  // ICE-lite answers checks with our password only: the browser's is not needed.
  return impl_->full ? impl_->full->set_remote_credentials(remote) : remote.valid();
}

bool WebRtcTransport::add_remote_candidate(const ice::RemoteCandidate& candidate) {
  if (impl_->full) return impl_->full->add_remote_candidate(candidate);
  return impl_->ice->add_remote_candidate(candidate.address, candidate.priority);
}

void WebRtcTransport::end_of_remote_candidates() {
  if (impl_->full) impl_->full->end_of_remote_candidates();
}

bool WebRtcTransport::add_remote_candidate(const ice::Endpoint& endpoint, std::uint32_t priority) {
  if (impl_->full) {
    return impl_->full->add_remote_candidate(
        ice::RemoteCandidate{.foundation = "1", .priority = priority, .address = endpoint});
  }
  return impl_->ice->add_remote_candidate(endpoint, priority);
}

void WebRtcTransport::set_remote_fingerprints(std::vector<dtls::Fingerprint> fingerprints) {
  impl_->dtls->set_remote_fingerprints(std::move(fingerprints));
}

SendStatus WebRtcTransport::send_rtp(std::span<std::uint8_t> buffer, std::size_t length) noexcept {
  return impl_->send_media(buffer, length, false);
}

SendStatus WebRtcTransport::send_rtcp(std::span<std::uint8_t> buffer, std::size_t length) noexcept {
  return impl_->send_media(buffer, length, true);
}

udp::endpoint WebRtcTransport::local_endpoint() const {
  if (impl_->full) {
    for (const auto& candidate : impl_->full->local_candidates()) {
      if (candidate.type != ice::CandidateType::host) continue;
      if (auto endpoint =
              net::to_udp(candidate.address,
                          candidate.address.family() == ice::Endpoint::Family::v6 ? udp::v6() : udp::v4()))
        return *endpoint;
    }
    return {};
  }
  if (impl_->config.shared_port != nullptr) return impl_->config.shared_port->local_endpoint();
  boost::system::error_code ec;
  return impl_->socket.local_endpoint(ec);
}

const ice::IceCredentials& WebRtcTransport::local_credentials() const { return impl_->config.ice.local; }
std::optional<ice::Endpoint> WebRtcTransport::selected() const { return impl_->selected_remote(); }
WebRtcState WebRtcTransport::state() const noexcept { return impl_->state; }
dtls::State WebRtcTransport::dtls_state() const noexcept { return impl_->dtls->state(); }
std::optional<srtp::Profile> WebRtcTransport::srtp_profile() const noexcept {
  return impl_->srtp ? std::optional(impl_->srtp->profile()) : std::nullopt;
}
const WebRtcCounters& WebRtcTransport::counters() const noexcept { return impl_->counters; }
const ice::IceLiteCounters& WebRtcTransport::ice_counters() const {
  static const ice::IceLiteCounters kNone;  // full ICE: libnice answers the checks
  return impl_->ice ? impl_->ice->counters() : kNone;
}
const dtls::DtlsStats& WebRtcTransport::dtls_stats() const { return impl_->dtls->stats(); }

}  // namespace rtcsip::media
