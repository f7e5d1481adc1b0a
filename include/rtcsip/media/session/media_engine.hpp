#pragma once
// The signalling thread's handle on the media workers: it places each call's
// MediaSession on a worker (the least loaded), where the session lives until
// it is closed, and talks to it only by posting value messages — commands to
// the worker, results and events back to the signalling io_context. Each
// worker has its own port allocator (its share of the configured range) and,
// as an option, one shared UDP port for all its WebRTC legs.
//
// All member functions are called on the signalling thread; callbacks run
// there too. stop() (or the destructor) closes every session on its worker
// and waits for it.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/udp.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <system_error>
#include <vector>

#include "rtcsip/core/result.hpp"
#include "rtcsip/media/dtls/dtls_context.hpp"
#include "rtcsip/media/dtls/fingerprint.hpp"
#include "rtcsip/media/ice/endpoint.hpp"
#include "rtcsip/media/ice/full_ice_agent.hpp"
#include "rtcsip/media/ice/ice_credentials.hpp"
#include "rtcsip/media/relay/endpoint.hpp"
#include "rtcsip/media/session/media_session.hpp"

namespace rtcsip::media {

class WorkerPool;

struct MediaEngineConfig {
  boost::asio::ip::address bind_address = boost::asio::ip::address_v4::any();
  // The address peers reach us at (behind NAT, cloud 1:1 NAT, Docker): it goes
  // into c= lines and ICE-lite candidates. Unset: the bind address, or with a
  // wildcard bind the first address of an interface that is up.
  std::optional<boost::asio::ip::address> advertised_address;
  // Per-call ports (legacy RTP/RTCP, and WebRTC legs without a shared port).
  std::uint16_t port_min = 20000;
  std::uint16_t port_max = 40000;
  // Non-zero: worker i puts every WebRTC leg on port shared_port + i (ICE-lite).
  std::uint16_t shared_port = 0;
  // Set: full ICE through libnice, with these STUN/TURN servers and timeouts;
  // host candidates on bind_address (every interface when unspecified) and
  // ports from the worker's share of the range.
  std::optional<ice::FullIceConfig> full_ice;
};

using MediaSessionId = std::uint64_t;

// What the SDP of each leg needs once a session exists.
struct MediaSessionInfo {
  MediaSessionId id = 0;
  std::size_t worker = 0;
  // The address for our SDP (c= lines); the ports are those of the endpoints below.
  boost::asio::ip::address sdp_address;
  boost::asio::ip::udp::endpoint webrtc;
  boost::asio::ip::udp::endpoint legacy_rtp;
  boost::asio::ip::udp::endpoint legacy_rtcp;
  ice::IceCredentials ice;
  // Our a=candidate lines: one host candidate at sdp_address (ICE-lite), or
  // all libnice gathered (full ICE).
  std::vector<ice::LocalCandidate> candidates;
};

// A session's counters, read on its worker.
struct MediaSessionStats {
  relay::LegCounters webrtc;  // what the browser sent us and we sent it
  relay::LegCounters legacy;
  WebRtcCounters transport;
  MediaSessionCounters session;
  std::optional<srtp::Profile> srtp_profile;
  WebRtcState state = WebRtcState::new_;
};

class MediaEngine {
 public:
  using OnCreated = std::function<void(core::Result<MediaSessionInfo, std::error_code> created)>;
  using OnEvent = std::function<void(MediaSessionId id, const MediaSessionEvent& event)>;

  // `workers` must be running and outlive the engine.
  MediaEngine(WorkerPool& workers, boost::asio::io_context& signalling,
              std::shared_ptr<const dtls::DtlsContext> dtls, MediaEngineConfig config, OnEvent on_event);
  ~MediaEngine();
  MediaEngine(const MediaEngine&) = delete;
  MediaEngine& operator=(const MediaEngine&) = delete;

  // Opens the shared ports (when configured) on their workers and waits: an
  // error when one cannot be bound.
  std::error_code start();
  // Closes every session on its worker and waits for it. Idempotent.
  void stop();

  // Binds the session's sockets on a worker from its port share (the bind
  // addresses and ports in `config` are chosen here; the rest is kept) and
  // starts receiving. `done` gets the addresses for the SDP (with full ICE
  // once gathering is done), or the error.
  MediaSessionId create(MediaSessionConfig config, OnCreated done);

  // Commands; a session that is gone (closed, failed to create) ignores them.
  void add_remote_candidate(MediaSessionId id, const ice::Endpoint& endpoint, std::uint32_t priority);
  void add_remote_candidate(MediaSessionId id, const ice::RemoteCandidate& candidate);
  void set_remote_credentials(MediaSessionId id, const ice::IceCredentials& remote);
  void end_of_remote_candidates(MediaSessionId id);
  void set_remote_fingerprints(MediaSessionId id, std::vector<dtls::Fingerprint> fingerprints);
  void set_legacy_address(MediaSessionId id, const relay::Endpoint& rtp, const relay::Endpoint& rtcp);
  void expect_media(MediaSessionId id, bool expected);
  // The session's counters, read on its worker; nothing when it is gone.
  void stats(MediaSessionId id, std::function<void(std::optional<MediaSessionStats> stats)> done);
  // Closes the session and frees its ports; no event follows.
  void close(MediaSessionId id);

  [[nodiscard]] std::size_t sessions() const noexcept;
  // Sessions per worker, as the signalling side counts them.
  [[nodiscard]] std::vector<std::size_t> load() const;
  // The address that goes into SDP (see MediaEngineConfig::advertised_address).
  [[nodiscard]] const boost::asio::ip::address& sdp_address() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rtcsip::media
