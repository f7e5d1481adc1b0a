#pragma once
// The ICE-lite agent of one media transport (RFC 8445 §2.5, RFC 8839 with
// a=ice-lite). It never sends checks: it answers the connectivity checks of
// the browser, which is the full, controlling agent (RFC 8445 §6.1.1), and
// follows its nominations. No sockets: the owner hands it every STUN
// datagram received with the source address, and it sends what it answers
// through a callback. Runs on one media worker thread; checks are validated
// and answered with libnice's STUN library without allocating.
//
//   received request                             what is sent back
//   ----------------------------------------------------------------------------
//   not STUN, truncated, trailing bytes          nothing (dropped)
//   no magic cookie, bad/missing FINGERPRINT     nothing (RFC 8489 §6.3, RFC 8445 §7.3)
//   method other than Binding                    nothing (RFC 8489 §6.3)
//   no USERNAME or no MESSAGE-INTEGRITY          400, unsigned (RFC 8489 §9.1.3)
//   USERNAME not "<local ufrag>:<remote ufrag>"  401, unsigned (RFC 8489 §9.1.3, RFC 8445 §7.3)
//   MESSAGE-INTEGRITY not with our password      401, unsigned (RFC 8489 §9.1.3)
//   unknown comprehension-required attribute     420 with UNKNOWN-ATTRIBUTES (RFC 8489 §6.3.1.1)
//   ICE-CONTROLLED (the peer thinks it is
//     controlled too)                            487 Role Conflict (RFC 8445 §7.3.1.1)
//   no ICE-CONTROLLING or no PRIORITY            400 (RFC 8445 §7.1.1, §7.1.3)
//   valid check                                  success with XOR-MAPPED-ADDRESS
//   Binding indication (keepalive, §11)          nothing
//   anything once consent has expired            nothing (RFC 7675 §5.1)
//
// Every outcome is counted. Only sources of valid checks become verified
// (is_verified()), so media and DTLS from anywhere else can be ignored.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>

#include "rtcsip/core/timer_service.hpp"
#include "rtcsip/media/ice/endpoint.hpp"
#include "rtcsip/media/ice/ice_credentials.hpp"

namespace rtcsip::media::ice {

struct IceLiteConfig {
  IceCredentials local;  // our a=ice-ufrag and a=ice-pwd
  // RFC 7675 §5.1: consent expires 30 s after the last valid check on the selected pair.
  core::Duration consent_timeout = std::chrono::seconds(30);
  // Remote candidates kept (signalled and peer-reflexive); at least 2.
  std::size_t max_remote_candidates = 16;
};

enum class IceLiteState : std::uint8_t {
  checking,   // no pair nominated yet
  connected,  // a pair is selected
  failed,     // consent expired: final, an ICE restart needs a new agent
};

enum class StunOutcome : std::uint8_t {
  answered,                    // success response sent
  rejected_bad_request,        // 400 sent
  rejected_unauthorized,       // 401 sent
  rejected_unknown_attribute,  // 420 sent
  rejected_role_conflict,      // 487 sent
  ignored,                     // valid STUN with nothing to answer (indication, response)
  dropped,                     // silently discarded
};

struct IceLiteCounters {
  std::uint64_t received = 0;            // datagrams given to handle_stun()
  std::uint64_t checks_answered = 0;     // success responses
  std::uint64_t not_stun = 0;            // dropped: not one STUN message
  std::uint64_t truncated = 0;           // dropped: shorter than the header says
  std::uint64_t malformed = 0;           // dropped: no magic cookie, bad MESSAGE-INTEGRITY size
  std::uint64_t bad_fingerprint = 0;     // dropped: FINGERPRINT missing or wrong
  std::uint64_t unsupported = 0;         // dropped: not Binding, or a response/error to us
  std::uint64_t indications = 0;         // ignored Binding indications
  std::uint64_t bad_requests = 0;        // 400 sent
  std::uint64_t unknown_username = 0;    // 401 sent: not our ufrag
  std::uint64_t bad_integrity = 0;       // 401 sent: wrong MESSAGE-INTEGRITY
  std::uint64_t unknown_attributes = 0;  // 420 sent
  std::uint64_t role_conflicts = 0;      // 487 sent
  std::uint64_t reply_failures = 0;      // a reply that could not be built (dropped)
  std::uint64_t peer_reflexive = 0;      // peer-reflexive candidates learned
  std::uint64_t candidates_evicted = 0;  // remote candidates dropped for lack of room
  std::uint64_t candidates_refused = 0;  // signalled candidates refused for lack of room
  std::uint64_t nominations = 0;         // times the selected pair was set or switched
  std::uint64_t consent_expired = 0;
  std::uint64_t after_failure = 0;  // dropped: received after consent expired
};

class IceLiteAgent {
 public:
  // Called synchronously from handle_stun(); the datagram is only valid
  // during the call. It must not destroy the agent or call it back.
  using Send = std::function<void(const Endpoint& to, std::span<const std::uint8_t> datagram)>;
  struct Events {
    // The browser nominated a pair: media goes to (and is accepted from)
    // this endpoint. Called again when a later nomination switches pairs.
    std::function<void(const Endpoint& remote)> selected;
    // Consent for the selected pair expired (RFC 7675 §5.1): the leg failed.
    std::function<void()> failed;
  };

  // Events are called last in what triggers them, so they may destroy the agent.
  IceLiteAgent(core::TimerService& timers, IceLiteConfig config, Send send, Events events);
  ~IceLiteAgent();
  IceLiteAgent(const IceLiteAgent&) = delete;
  IceLiteAgent& operator=(const IceLiteAgent&) = delete;

  // One received datagram that demultiplexed as STUN (RFC 7983), from `from`.
  StunOutcome handle_stun(const Endpoint& from, std::span<const std::uint8_t> datagram);

  // A remote candidate from the peer's SDP or a trickled a=candidate: known,
  // not verified until a valid check comes from it. False when there is no room.
  bool add_remote_candidate(const Endpoint& endpoint, std::uint32_t priority);

  // True when a valid check came from `endpoint` (and the agent has not
  // failed): only then may media or DTLS from it be accepted.
  [[nodiscard]] bool is_verified(const Endpoint& endpoint) const;
  [[nodiscard]] std::optional<Endpoint> selected() const;
  [[nodiscard]] IceLiteState state() const;
  [[nodiscard]] const IceCredentials& local_credentials() const;
  [[nodiscard]] const IceLiteCounters& counters() const;
  [[nodiscard]] std::size_t remote_candidate_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rtcsip::media::ice
