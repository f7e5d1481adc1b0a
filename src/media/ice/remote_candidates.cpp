#include "remote_candidates.hpp"

#include <algorithm>

namespace rtcsip::media::ice {

// At least two entries, so that a full table always has one besides the
// selected candidate to give up for a new one.
RemoteCandidateTable::RemoteCandidateTable(std::size_t capacity)
    : capacity_(std::max<std::size_t>(capacity, 2)) {
  entries_.reserve(capacity_);
}

RemoteCandidate* RemoteCandidateTable::find(const Endpoint& endpoint) {
  for (RemoteCandidate& c : entries_) {
    if (c.endpoint == endpoint) return &c;
  }
  return nullptr;
}

const RemoteCandidate* RemoteCandidateTable::find(const Endpoint& endpoint) const {
  return const_cast<RemoteCandidateTable*>(this)->find(endpoint);
}

bool RemoteCandidateTable::is_verified(const Endpoint& endpoint) const {
  const RemoteCandidate* c = find(endpoint);
  return c != nullptr && c->verified;
}

bool RemoteCandidateTable::add_signalled(const Endpoint& endpoint, std::uint32_t priority) {
  if (endpoint.empty()) return false;
  if (RemoteCandidate* c = find(endpoint)) {
    // RFC 8445 §7.3.1.3: a signalled candidate that was learned as
    // peer-reflexive takes the signalled attributes.
    c->priority = priority;
    c->peer_reflexive = false;
    return true;
  }
  if (entries_.size() == capacity_) return false;
  entries_.push_back(RemoteCandidate{endpoint, priority, false, false, {}});
  return true;
}

std::size_t RemoteCandidateTable::eviction_victim(const Endpoint& keep) const {
  std::size_t victim = entries_.size();
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const RemoteCandidate& c = entries_[i];
    if (c.endpoint == keep) continue;
    if (victim == entries_.size()) {
      victim = i;
      continue;
    }
    const RemoteCandidate& v = entries_[victim];
    // Unverified before verified, then the one checked longest ago.
    if (c.verified != v.verified ? !c.verified : c.last_check < v.last_check) victim = i;
  }
  return victim;
}

RemoteCandidateTable::Learned RemoteCandidateTable::verify(const Endpoint& endpoint, std::uint32_t priority,
                                                           core::TimePoint now, const Endpoint& keep) {
  Learned learned;
  RemoteCandidate* c = find(endpoint);
  if (c == nullptr) {
    learned.peer_reflexive = true;
    if (entries_.size() == capacity_) {
      const std::size_t victim = eviction_victim(keep);
      if (victim == entries_.size()) return {};  // cannot happen with capacity_ >= 2
      entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(victim));
      learned.evicted = true;
    }
    // RFC 8445 §7.3.1.3: priority from the PRIORITY attribute of the request.
    entries_.push_back(RemoteCandidate{endpoint, priority, true, false, {}});
    c = &entries_.back();
  }
  c->verified = true;
  c->last_check = now;
  return learned;
}

}  // namespace rtcsip::media::ice
