#pragma once
// One WebRTC leg's transport on its own UDP socket or on the worker's shared
// port: ICE-lite, DTLS-SRTP and rtcp-mux (RFC 5761) on one port, run on one
// io_context (a media worker's) and used from that thread only.
//
// Every datagram received is demultiplexed by its first byte (RFC 7983 §7):
//   STUN      -> the IceLiteAgent; its answers go back on the socket
//   DTLS      -> the DtlsTransport, only from an address that passed an ICE
//                check (RFC 8445 §7.3; accepting DTLS from anyone is the
//                CVE-2023-49786 class of bug); otherwise counted and ignored
//   SRTP/SRTCP-> only from the selected (nominated) address and once DTLS has
//                keyed SRTP; unprotected in place and handed to `rtp`/`rtcp`
//   anything else is counted and dropped.
//
// Events run last in what triggers them and may destroy the transport.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <system_error>
#include <vector>

#include "rtcsip/core/result.hpp"
#include "rtcsip/core/timer_service.hpp"
#include "rtcsip/media/dtls/dtls_context.hpp"
#include "rtcsip/media/dtls/dtls_transport.hpp"
#include "rtcsip/media/dtls/fingerprint.hpp"
#include "rtcsip/media/ice/endpoint.hpp"
#include "rtcsip/media/ice/full_ice_agent.hpp"
#include "rtcsip/media/ice/ice_lite_agent.hpp"
#include "rtcsip/media/srtp/profile.hpp"
#include "rtcsip/media/webrtc/shared_udp_port.hpp"

namespace rtcsip::media {

struct WebRtcTransportConfig {
  // Where the leg's own socket is bound; port 0 lets the kernel choose.
  boost::asio::ip::udp::endpoint bind;
  // Instead of a socket of its own: the media worker's shared port (which
  // must outlive the transport); the leg is found there by ice.local.ufrag,
  // which must be unique on the port.
  SharedUdpPort* shared_port = nullptr;
  // Set: full ICE through a libnice agent that opens its own sockets (bind
  // and shared_port unused; its credentials are ice.local), for gateways
  // behind NAT that need STUN or TURN. Unset: ICE-lite.
  std::optional<ice::FullIceConfig> full_ice;
  ice::IceLiteConfig ice;
  // RFC 5763 §5: our a=setup:active makes us the DTLS client, passive the server.
  dtls::Role dtls_role = dtls::Role::server;
  // The remote a=fingerprint values; may also come later (set_remote_fingerprints).
  std::vector<dtls::Fingerprint> remote_fingerprints;
  dtls::DtlsSettings dtls;
  // Largest datagram read on the leg's own socket; longer ones are dropped.
  std::size_t receive_buffer = 2048;
};

enum class WebRtcState : std::uint8_t {
  new_,       // waiting for ICE and DTLS
  connected,  // ICE selected a pair and DTLS keyed SRTP
  failed,     // final
  closed,     // close() was called
};

enum class WebRtcFailure : std::uint8_t {
  ice_consent_expired,  // RFC 7675 §5.1
  ice_failed,           // full ICE: no pair, or libnice lost consent
  dtls_failed,          // handshake failure, fingerprint mismatch, timeout...
  srtp_setup_failed,    // the negotiated profile or keys were refused by libsrtp
  dtls_closed,          // the peer sent close_notify
};

std::string_view to_string(WebRtcFailure failure) noexcept;

enum class SendStatus : std::uint8_t {
  sent,
  not_connected,   // no selected pair or no SRTP keys yet
  protect_failed,  // bad packet or no room for the tag (see srtp::rtp_overhead)
  socket_error,    // the kernel refused the datagram (would block, unreachable...)
};

struct WebRtcCounters {
  std::uint64_t datagrams_received = 0;
  std::uint64_t stun_received = 0;
  std::uint64_t dtls_received = 0;         // handed to the DtlsTransport
  std::uint64_t dtls_unverified = 0;       // ignored: source never passed an ICE check
  std::uint64_t rtp_received = 0;          // unprotected and delivered
  std::uint64_t rtcp_received = 0;         // unprotected and delivered
  std::uint64_t media_unselected = 0;      // SRTP/SRTCP dropped: not from the selected address
  std::uint64_t media_before_keys = 0;     // SRTP/SRTCP dropped: DTLS not done yet
  std::uint64_t rtp_unprotect_failed = 0;  // auth, replay or bad packet
  std::uint64_t rtcp_unprotect_failed = 0;
  std::uint64_t unknown_kind = 0;  // ZRTP, TURN channel, unknown first byte, empty
  std::uint64_t truncated = 0;     // larger than the receive buffer
  std::uint64_t receive_errors = 0;
  std::uint64_t rtp_sent = 0;
  std::uint64_t rtcp_sent = 0;
  std::uint64_t send_not_connected = 0;
  std::uint64_t protect_failed = 0;
  std::uint64_t send_errors = 0;  // every datagram: STUN, DTLS and media
};

class WebRtcTransport {
 public:
  using Config = WebRtcTransportConfig;
  using Packet = std::function<void(std::span<const std::uint8_t> packet)>;
  struct Events {
    std::function<void()> connected;  // once: ICE selected and DTLS-SRTP keyed
    std::function<void()> gathered;   // full ICE: local_candidates() is complete
    std::function<void(WebRtcFailure failure, std::string_view reason)> failed;  // at most once
    Packet rtp;   // a plain RTP packet, valid during the call
    Packet rtcp;  // a plain (compound) RTCP packet, valid during the call
  };

  // Opens and binds the socket and sets up ICE and DTLS; receiving starts
  // with start(). An error for a socket that cannot be bound or a DTLS
  // transport that cannot be created (a dtls::DtlsError code).
  static core::Result<std::unique_ptr<WebRtcTransport>, std::error_code> create(
      boost::asio::io_context& io, core::TimerService& timers, std::shared_ptr<const dtls::DtlsContext> dtls,
      Config config, Events events);

  ~WebRtcTransport();
  WebRtcTransport(const WebRtcTransport&) = delete;
  WebRtcTransport& operator=(const WebRtcTransport&) = delete;

  void start();
  // Sends DTLS close_notify when connected and stops receiving; no event follows.
  void close();

  // One datagram for this leg and its source, as the leg's socket or the
  // shared port delivers it (they call this themselves); dropped before
  // start(). The bytes may be rewritten in place.
  void receive(const ice::Endpoint& from, std::span<std::uint8_t> datagram);

  // What goes into our SDP: one host candidate (ICE-lite), or what libnice
  // gathered (full ICE, complete after the `gathered` event).
  [[nodiscard]] std::vector<ice::LocalCandidate> local_candidates() const;
  // The browser's a=ice-ufrag/a=ice-pwd (full ICE checks with them); false when not valid.
  bool set_remote_credentials(const ice::IceCredentials& remote);
  bool add_remote_candidate(const ice::RemoteCandidate& candidate);
  // a=end-of-candidates (RFC 8838 §8.2).
  void end_of_remote_candidates();
  // Trickled or SDP candidates of the peer (not trusted until checked).
  bool add_remote_candidate(const ice::Endpoint& endpoint, std::uint32_t priority);
  void set_remote_fingerprints(std::vector<dtls::Fingerprint> fingerprints);

  // `buffer` holds a plain RTP (RTCP) packet in its first `length` octets and
  // has room for srtp::kMaxRtpOverhead (kMaxRtcpOverhead) more; it is
  // protected in place and sent to the selected address.
  SendStatus send_rtp(std::span<std::uint8_t> buffer, std::size_t length) noexcept;
  SendStatus send_rtcp(std::span<std::uint8_t> buffer, std::size_t length) noexcept;

  [[nodiscard]] boost::asio::ip::udp::endpoint local_endpoint() const;
  [[nodiscard]] const ice::IceCredentials& local_credentials() const;
  [[nodiscard]] std::optional<ice::Endpoint> selected() const;
  [[nodiscard]] WebRtcState state() const noexcept;
  [[nodiscard]] dtls::State dtls_state() const noexcept;
  [[nodiscard]] std::optional<srtp::Profile> srtp_profile() const noexcept;
  [[nodiscard]] const WebRtcCounters& counters() const noexcept;
  [[nodiscard]] const ice::IceLiteCounters& ice_counters() const;
  [[nodiscard]] const dtls::DtlsStats& dtls_stats() const;

 private:
  struct Impl;
  explicit WebRtcTransport(std::unique_ptr<Impl> impl);

  std::unique_ptr<Impl> impl_;
};

}  // namespace rtcsip::media
