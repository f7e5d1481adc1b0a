#pragma once
// Full ICE (RFC 8445) for one WebRTC leg, for gateways that must learn their
// public address with STUN or relay through TURN. A libnice agent in the
// CONTROLLED role (the browser controls, RFC 8445 §6.1.1), one stream with
// one component (rtcp-mux, RFC 5761), UDP only, trickle ICE (RFC 8838) and
// consent freshness (RFC 7675).
//
// Each agent has its own small GMainContext, driven by the io_context it is
// created on: no GMainLoop thread, no lock, every callback on that thread.
// Everything about one agent (create, calls, destruction) happens on the
// io_context's thread.
//
// Which datagrams reach Events::datagram (CVE-2023-49786 class: media or
// DTLS accepted from anyone before ICE has verified them):
//   - libnice 0.1.21 itself drops a datagram whose source is not one of its
//     validated remote candidates (an address that sent us an authenticated
//     check or answered ours); such a datagram never reaches this class and
//     is not counted here.
//   - Of what libnice hands over, with its source address, only datagrams
//     from a verified remote (is_verified()) are delivered; the others are
//     counted in unverified_dropped.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "rtcsip/core/result.hpp"
#include "rtcsip/media/ice/endpoint.hpp"
#include "rtcsip/media/ice/ice_credentials.hpp"

namespace boost::asio {
class io_context;
}

namespace rtcsip::media::ice {

enum class FullIceError : std::uint8_t {
  invalid_credentials = 1,  // local ufrag/pwd not valid per RFC 8839 §5.4
  invalid_config,           // port range, STUN or TURN server not usable
  agent_failed,             // libnice could not create the agent or its stream
};
const std::error_category& full_ice_category() noexcept;
std::error_code make_error_code(FullIceError e) noexcept;

enum class CandidateType : std::uint8_t { host, server_reflexive, peer_reflexive, relayed };

// One of our candidates, always component 1 over UDP (RFC 8839 §5.1).
struct LocalCandidate {
  std::string foundation;
  std::uint32_t priority = 0;
  CandidateType type = CandidateType::host;
  Endpoint address;
  std::optional<Endpoint> related;  // raddr/rport: the base of a reflexive or relayed candidate
};

// A candidate of the browser, from its SDP or trickled (component 1, UDP).
struct RemoteCandidate {
  std::string foundation;
  std::uint32_t priority = 0;
  CandidateType type = CandidateType::host;
  Endpoint address;
};

struct TurnServer {  // TURN over UDP (RFC 8656)
  Endpoint address;
  std::string username;
  std::string password;
};

struct FullIceConfig {
  IceCredentials local;  // our a=ice-ufrag and a=ice-pwd
  // Host candidates only on these addresses (ports ignored); empty: libnice
  // uses every interface it finds.
  std::vector<Endpoint> local_addresses;
  std::uint16_t port_min = 0;  // 0/0: any port
  std::uint16_t port_max = 0;
  std::optional<Endpoint> stun_server;    // for a server-reflexive candidate
  std::optional<TurnServer> turn_server;  // for a relayed candidate
  // Largest datagram accepted; a longer one is dropped and counted.
  std::size_t receive_buffer = 2048;
  // The first retransmission timeout of STUN requests to the STUN/TURN
  // server while gathering (RFC 8489 §6.2.1 RTO; connectivity checks use
  // RFC 8445 §14.3's instead), and how many times requests, checks included,
  // are retransmitted. Unset: libnice's defaults (7 retransmissions).
  std::optional<std::chrono::milliseconds> stun_initial_timeout;
  std::optional<unsigned> stun_max_retransmissions;
  // How long libnice waits, once every check has ended without a nominated
  // pair, before ICE fails (its idle-timeout, default 5 s): a controlled
  // agent gives the controlling one time to nominate (RFC 8445 §8.1.2).
  std::optional<std::chrono::milliseconds> failure_delay;
};

struct FullIceCounters {
  std::uint64_t datagrams_received = 0;   // non-STUN datagrams libnice handed over
  std::uint64_t datagrams_delivered = 0;  // given to Events::datagram
  std::uint64_t unverified_dropped = 0;   // dropped: source not verified (or ICE failed)
  std::uint64_t truncated = 0;            // dropped: longer than receive_buffer
  std::uint64_t receive_errors = 0;       // libnice reported an error while receiving
  std::uint64_t datagrams_sent = 0;
  std::uint64_t send_failures = 0;  // no selected pair, or the socket refused it
  std::uint64_t selections = 0;     // the selected pair was set or switched
};

class FullIceAgent {
 public:
  // Events are called last in what triggers them, from the io_context (never
  // from inside a call to this class), so they may destroy the agent.
  struct Events {
    std::function<void()> gathering_done;
    // A pair was selected (RFC 8445 §8.1.1) or switched: media goes to this remote.
    std::function<void(const Endpoint& remote)> selected;
    // ICE failed, or consent was lost (RFC 7675 §5.1). Final: an ICE
    // restart needs a new agent.
    std::function<void(std::string_view reason)> failed;
    // A non-STUN datagram (DTLS, SRTP...) from a verified source; the bytes
    // are only valid during the call.
    std::function<void(const Endpoint& from, std::span<std::uint8_t> datagram)> datagram;
  };

  static core::Result<std::unique_ptr<FullIceAgent>, std::error_code> create(boost::asio::io_context& io,
                                                                             FullIceConfig config,
                                                                             Events events);
  // Tears libnice down on this thread; no event afterwards.
  ~FullIceAgent();
  FullIceAgent(const FullIceAgent&) = delete;
  FullIceAgent& operator=(const FullIceAgent&) = delete;

  // Starts gathering; gathering_done follows. False when no host candidate
  // could be made (no usable address, or the port range is used up).
  bool gather();
  [[nodiscard]] bool gathered() const;
  [[nodiscard]] std::vector<LocalCandidate> local_candidates() const;

  // The browser's a=ice-ufrag and a=ice-pwd; false when they are not valid.
  bool set_remote_credentials(const IceCredentials& remote);
  // From the SDP or trickled, before or after checks started; false when
  // libnice refused it (no address, or not UDP-able).
  bool add_remote_candidate(const RemoteCandidate& candidate);
  // a=end-of-candidates (RFC 8838 §8.2): without more candidates, checks
  // that all failed make ICE fail.
  void end_of_remote_candidates();

  // Sends on the selected pair; false when there is none or the socket refused.
  bool send(std::span<const std::uint8_t> datagram) noexcept;

  // True when `from` is the remote side of a pair that passed our checks
  // (every pair that was selected), and ICE has not failed.
  [[nodiscard]] bool is_verified(const Endpoint& from) const;
  [[nodiscard]] std::optional<Endpoint> selected() const;
  [[nodiscard]] const IceCredentials& local_credentials() const;
  [[nodiscard]] const FullIceCounters& counters() const;

  // Stops ICE and releases libnice's sockets; no event afterwards.
  void close();

 private:
  struct Impl;
  explicit FullIceAgent(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace rtcsip::media::ice

template <>
struct std::is_error_code_enum<rtcsip::media::ice::FullIceError> : std::true_type {};
