#pragma once
// One call's audio stream on one media worker: the WebRTC leg (a
// WebRtcTransport: ICE-lite, DTLS-SRTP, rtcp-mux), the legacy leg (plain RTP
// on UDP port p and RTCP on p + 1, or both on p with rtcp-mux, RFC 5761) and
// a relay::RelayStream between them. Created, used and destroyed on the
// worker's io_context thread only.
//
// Packet path: WebRTC rtp/rtcp events and legacy datagrams go into
// RelayStream::receive(); what the relay sends goes out through
// WebRtcTransport::send_rtp/send_rtcp or the legacy socket. The receive and
// send buffers belong to the session: no heap allocation per packet.
//
// Events are plain values so the signalling side can asio::post them to its
// own thread. The callback must not destroy the session synchronously.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <system_error>

#include "rtcsip/core/result.hpp"
#include "rtcsip/core/timer_service.hpp"
#include "rtcsip/media/dtls/dtls_context.hpp"
#include "rtcsip/media/relay/leg_counters.hpp"
#include "rtcsip/media/relay/relay_config.hpp"
#include "rtcsip/media/webrtc/webrtc_transport.hpp"

namespace rtcsip::media {

struct MediaSessionConfig {
  WebRtcTransportConfig webrtc;
  // Payload types, SSRCs and the legacy SDP addresses (relay.legacy_rtp/_rtcp).
  relay::RelayConfig relay;
  // Our legacy RTP address. Port 0: the kernel chooses an even port p with
  // p + 1 free for RTCP (RFC 3550 §11); with rtcp-mux any free port.
  boost::asio::ip::udp::endpoint legacy_bind;
  // RFC 5761: RTCP shares the RTP port on the legacy leg.
  bool legacy_rtcp_mux = false;
  // Largest legacy datagram read; longer ones are truncated and dropped.
  std::size_t receive_buffer = 1500;
};

struct MediaSessionEvent {
  enum class Kind : std::uint8_t {
    gathered,       // full ICE: the WebRTC leg's local candidates are complete
    connected,      // the WebRTC leg is up: ICE selected a pair, DTLS keyed SRTP
    failed,         // the WebRTC leg failed for good (`failure`, `reason`)
    rtp_timeout,    // no RTP from `leg` for RelayConfig::rtp_timeout
    media_resumed,  // RTP from `leg` again after a timeout
    latched,        // the legacy leg latched to a source (RFC 4961)
  };
  Kind kind = Kind::connected;
  relay::Leg leg = relay::Leg::webrtc;
  WebRtcFailure failure = WebRtcFailure::dtls_failed;  // for `failed` only
  std::string reason;                                  // for `failed` only
};

struct MediaSessionCounters {
  std::uint64_t legacy_datagrams_received = 0;
  std::uint64_t legacy_truncated = 0;
  std::uint64_t legacy_receive_errors = 0;
  std::uint64_t legacy_send_errors = 0;
  std::uint64_t webrtc_send_failed = 0;  // send_rtp/send_rtcp did not send
};

class MediaSession {
 public:
  using Config = MediaSessionConfig;
  using Event = MediaSessionEvent;
  using OnEvent = std::function<void(const Event& event)>;

  // Binds the sockets and builds the transport and the relay; nothing is
  // received before start(). An error when a socket cannot be bound or the
  // DTLS transport cannot be created. The RTP timeouts run from here on
  // (RelayStream expects media from the start).
  static core::Result<std::unique_ptr<MediaSession>, std::error_code> create(
      boost::asio::io_context& io, core::TimerService& timers, std::shared_ptr<const dtls::DtlsContext> dtls,
      Config config, OnEvent on_event);

  ~MediaSession();
  MediaSession(const MediaSession&) = delete;
  MediaSession& operator=(const MediaSession&) = delete;

  void start();
  // Closes the WebRTC leg (DTLS close_notify) and the legacy sockets; no event follows.
  void close();

  [[nodiscard]] WebRtcTransport& webrtc() noexcept;
  [[nodiscard]] const WebRtcTransport& webrtc() const noexcept;
  // What goes into our legacy SDP: c= address and m= port (and a=rtcp).
  [[nodiscard]] boost::asio::ip::udp::endpoint legacy_rtp_endpoint() const;
  [[nodiscard]] boost::asio::ip::udp::endpoint legacy_rtcp_endpoint() const;

  // A new legacy SDP (re-INVITE): new addresses, latching starts over.
  void set_legacy_address(const relay::Endpoint& rtp, const relay::Endpoint& rtcp) noexcept;
  // False while the call is on hold: the RTP timeouts are suspended.
  void expect_media(bool expected);

  [[nodiscard]] relay::LegCounters relay_counters(relay::Leg leg) const noexcept;
  [[nodiscard]] const MediaSessionCounters& counters() const noexcept;

 private:
  struct Impl;
  explicit MediaSession(std::unique_ptr<Impl> impl);

  std::unique_ptr<Impl> impl_;
};

}  // namespace rtcsip::media
