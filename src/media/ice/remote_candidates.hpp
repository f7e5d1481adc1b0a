#pragma once
// The remote candidates of one ICE-lite agent: those signalled in SDP or
// trickled, and the peer-reflexive ones learned from checks (RFC 8445
// §7.3.1.3). Bounded: the table never grows past its capacity, so a peer
// cannot make it allocate by sending from many addresses.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "rtcsip/core/timer_service.hpp"
#include "rtcsip/media/ice/endpoint.hpp"

namespace rtcsip::media::ice {

struct RemoteCandidate {
  Endpoint endpoint;
  std::uint32_t priority = 0;
  bool peer_reflexive = false;
  bool verified = false;         // a valid check came from it
  core::TimePoint last_check{};  // of the latest valid check
};

class RemoteCandidateTable {
 public:
  explicit RemoteCandidateTable(std::size_t capacity);

  // A candidate from the peer's SDP or trickle: known but not verified.
  // False when the table is full (an existing entry only updates its priority).
  bool add_signalled(const Endpoint& endpoint, std::uint32_t priority);

  struct Learned {
    bool peer_reflexive = false;  // the endpoint was unknown: a new peer-reflexive candidate
    bool evicted = false;         // another candidate was dropped to make room
  };
  // A valid check came from `endpoint`. Marks it verified, learning it first
  // when it is unknown; when the table is full that evicts the stalest entry
  // other than `keep` (the selected one), preferring unverified entries.
  Learned verify(const Endpoint& endpoint, std::uint32_t priority, core::TimePoint now, const Endpoint& keep);

  [[nodiscard]] const RemoteCandidate* find(const Endpoint& endpoint) const;
  [[nodiscard]] bool is_verified(const Endpoint& endpoint) const;
  [[nodiscard]] std::size_t size() const { return entries_.size(); }
  [[nodiscard]] std::size_t capacity() const { return capacity_; }

 private:
  RemoteCandidate* find(const Endpoint& endpoint);
  std::size_t eviction_victim(const Endpoint& keep) const;

  std::size_t capacity_;
  std::vector<RemoteCandidate> entries_;  // reserved to capacity_ once
};

}  // namespace rtcsip::media::ice
