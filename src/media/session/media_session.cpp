#include "rtcsip/media/session/media_session.hpp"

#include <algorithm>
#include <boost/asio/error.hpp>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "legacy_socket.hpp"
#include "rtcsip/media/relay/relay_stream.hpp"
#include "rtcsip/media/rtp/demux.hpp"
#include "rtcsip/media/srtp/profile.hpp"

namespace rtcsip::media {

namespace asio = boost::asio;
using asio::ip::udp;
using relay::Leg;

namespace {

// How often a kernel-chosen port is tried for an even RTP port with p + 1 free.
constexpr int kPortPairAttempts = 64;

}  // namespace

struct MediaSession::Impl {
  Impl(asio::io_context& io, core::TimerService& timers, const Config& config, OnEvent on_event)
      : rtcp_mux(config.legacy_rtcp_mux),
        on_event(std::move(on_event)),
        rtp_socket(io, config.receive_buffer, counters),
        rtcp_socket(io, config.receive_buffer, counters),
        webrtc_work(config.webrtc.receive_buffer),
        send_buffer(std::max(config.webrtc.receive_buffer, config.receive_buffer) +
                    std::max(srtp::kMaxRtpOverhead, srtp::kMaxRtcpOverhead)),
        stream(
            timers, config.relay,
            [this](Leg to, const relay::Endpoint& destination, std::span<const std::uint8_t> datagram) {
              send(to, destination, datagram);
            },
            [this](const relay::RelayEvent& event) { on_relay_event(event); }) {}

  bool bind_legacy(const udp::endpoint& local, boost::system::error_code& ec);
  bool bind_pair_anywhere(const udp::endpoint& local, boost::system::error_code& ec);
  WebRtcTransport::Events webrtc_events();
  void start();
  void send(Leg to, const relay::Endpoint& destination, std::span<const std::uint8_t> datagram) noexcept;
  void on_webrtc_packet(std::span<const std::uint8_t> packet);
  void on_relay_event(const relay::RelayEvent& event);
  void emit(Event event) const {
    if (on_event) on_event(event);
  }

  bool rtcp_mux;
  OnEvent on_event;
  MediaSessionCounters counters;
  LegacySocket rtp_socket;
  LegacySocket rtcp_socket;               // unused with rtcp-mux
  std::vector<std::uint8_t> webrtc_work;  // a WebRTC packet, rewritten in place by the relay
  std::vector<std::uint8_t> send_buffer;  // a packet toward WebRTC, with room for the SRTP tag
  relay::RelayStream stream;
  std::unique_ptr<WebRtcTransport> transport;
};

bool MediaSession::Impl::bind_legacy(const udp::endpoint& local, boost::system::error_code& ec) {
  if (rtcp_mux) {
    rtp_socket.bind(local, ec);
    return !ec;
  }
  if (local.port() == 0) return bind_pair_anywhere(local, ec);
  rtp_socket.bind(local, ec);
  if (!ec) rtcp_socket.bind(udp::endpoint(local.address(), static_cast<std::uint16_t>(local.port() + 1)), ec);
  return !ec;
}

// RFC 3550 §11: RTP on an even port p, RTCP on p + 1.
bool MediaSession::Impl::bind_pair_anywhere(const udp::endpoint& local, boost::system::error_code& ec) {
  for (int attempt = 0; attempt < kPortPairAttempts; ++attempt) {
    rtp_socket.bind(local, ec);
    if (ec) return false;
    const std::uint16_t port = rtp_socket.local_endpoint().port();
    if (port % 2 != 0 || port == 0xFFFF) continue;
    rtcp_socket.bind(udp::endpoint(local.address(), static_cast<std::uint16_t>(port + 1)), ec);
    if (!ec) return true;
  }
  rtp_socket.close();
  ec = asio::error::address_in_use;
  return false;
}

WebRtcTransport::Events MediaSession::Impl::webrtc_events() {
  return WebRtcTransport::Events{
      .connected =
          [this] {
            if (const auto selected = transport->selected()) stream.set_webrtc_remote(*selected);
            Event event;
            event.kind = Event::Kind::connected;
            emit(std::move(event));
          },
      .gathered =
          [this] {
            Event event;
            event.kind = Event::Kind::gathered;
            emit(std::move(event));
          },
      .failed =
          [this](WebRtcFailure failure, std::string_view reason) {
            stream.set_webrtc_remote({});
            Event event;
            event.kind = Event::Kind::failed;
            event.failure = failure;
            event.reason = std::string(reason);
            emit(std::move(event));
          },
      .rtp = [this](std::span<const std::uint8_t> packet) { on_webrtc_packet(packet); },
      .rtcp = [this](std::span<const std::uint8_t> packet) { on_webrtc_packet(packet); },
  };
}

void MediaSession::Impl::start() {
  transport->start();
  rtp_socket.start([this](const relay::Endpoint& from, std::span<std::uint8_t> datagram) {
    stream.receive(Leg::legacy, from, datagram);
  });
  if (!rtcp_mux)
    rtcp_socket.start([this](const relay::Endpoint& from, std::span<std::uint8_t> datagram) {
      stream.receive(Leg::legacy, from, datagram);
    });
}

// The transport passes only ICE-verified, unprotected packets: `from` does not decide.
void MediaSession::Impl::on_webrtc_packet(std::span<const std::uint8_t> packet) {
  if (packet.size() > webrtc_work.size()) return;  // the transport's buffer is no larger
  std::memcpy(webrtc_work.data(), packet.data(), packet.size());
  stream.receive(Leg::webrtc, relay::Endpoint{}, std::span<std::uint8_t>(webrtc_work.data(), packet.size()));
}

void MediaSession::Impl::send(Leg to, const relay::Endpoint& destination,
                              std::span<const std::uint8_t> datagram) noexcept {
  const bool rtcp = rtp::is_rtcp(datagram);
  if (to == Leg::legacy) {
    (rtcp && !rtcp_mux ? rtcp_socket : rtp_socket).send_to(datagram, destination);
    return;
  }
  const std::size_t overhead = rtcp ? srtp::kMaxRtcpOverhead : srtp::kMaxRtpOverhead;
  if (datagram.size() + overhead > send_buffer.size()) {
    ++counters.webrtc_send_failed;
    return;
  }
  std::memcpy(send_buffer.data(), datagram.data(), datagram.size());
  const SendStatus status = rtcp ? transport->send_rtcp(send_buffer, datagram.size())
                                 : transport->send_rtp(send_buffer, datagram.size());
  if (status != SendStatus::sent) ++counters.webrtc_send_failed;
}

void MediaSession::Impl::on_relay_event(const relay::RelayEvent& event) {
  Event out;
  out.leg = event.leg;
  switch (event.kind) {
    case relay::RelayEvent::Kind::rtp_timeout:
      out.kind = Event::Kind::rtp_timeout;
      break;
    case relay::RelayEvent::Kind::media_resumed:
      out.kind = Event::Kind::media_resumed;
      break;
    case relay::RelayEvent::Kind::latched:
      out.kind = Event::Kind::latched;
      break;
  }
  emit(std::move(out));
}

core::Result<std::unique_ptr<MediaSession>, std::error_code> MediaSession::create(
    asio::io_context& io, core::TimerService& timers, std::shared_ptr<const dtls::DtlsContext> dtls,
    Config config, OnEvent on_event) {
  auto impl = std::make_unique<Impl>(io, timers, config, std::move(on_event));
  boost::system::error_code ec;
  if (!impl->bind_legacy(config.legacy_bind, ec)) return std::error_code(ec);
  auto transport =
      WebRtcTransport::create(io, timers, std::move(dtls), std::move(config.webrtc), impl->webrtc_events());
  if (!transport.ok()) return transport.error();
  impl->transport = std::move(*transport);
  return std::unique_ptr<MediaSession>(new MediaSession(std::move(impl)));
}

MediaSession::MediaSession(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

MediaSession::~MediaSession() = default;

void MediaSession::start() { impl_->start(); }

void MediaSession::close() {
  impl_->transport->close();
  impl_->rtp_socket.close();
  impl_->rtcp_socket.close();
  impl_->stream.expect_media(false);
}

WebRtcTransport& MediaSession::webrtc() noexcept { return *impl_->transport; }
const WebRtcTransport& MediaSession::webrtc() const noexcept { return *impl_->transport; }

udp::endpoint MediaSession::legacy_rtp_endpoint() const { return impl_->rtp_socket.local_endpoint(); }

udp::endpoint MediaSession::legacy_rtcp_endpoint() const {
  return impl_->rtcp_mux ? impl_->rtp_socket.local_endpoint() : impl_->rtcp_socket.local_endpoint();
}

void MediaSession::set_legacy_address(const relay::Endpoint& rtp, const relay::Endpoint& rtcp) noexcept {
  impl_->stream.set_legacy_address(rtp, rtcp);
}

void MediaSession::expect_media(bool expected) { impl_->stream.expect_media(expected); }

relay::LegCounters MediaSession::relay_counters(Leg leg) const noexcept {
  return impl_->stream.counters(leg);
}

const MediaSessionCounters& MediaSession::counters() const noexcept { return impl_->counters; }

}  // namespace rtcsip::media
