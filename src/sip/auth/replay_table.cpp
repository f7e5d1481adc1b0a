#include "replay_table.hpp"

#include <limits>

namespace rtcsip::sip::auth::detail {
namespace {

// A count no later request can exceed: the nonce is used up.
constexpr std::uint32_t kUsedUp = std::numeric_limits<std::uint32_t>::max();

}  // namespace

ReplayTable::Use ReplayTable::use(const NonceKey& key, std::uint32_t nc) { return record(key, nc, false); }

ReplayTable::Use ReplayTable::use_once(const NonceKey& key) { return record(key, kUsedUp, true); }

ReplayTable::Use ReplayTable::record(const NonceKey& key, std::uint32_t nc, bool once) {
  if (const auto it = highest_.find(key); it != highest_.end()) {
    if (once || nc <= it->second) return Use::replayed;
    it->second = nc;
    return Use::fresh;
  }
  if (forgotten_through_ && key <= *forgotten_through_) return Use::forgotten;
  make_room();
  highest_.emplace(key, nc);
  return Use::fresh;
}

void ReplayTable::make_room() {
  while (!highest_.empty() && highest_.size() >= capacity_) {
    forgotten_through_ = highest_.begin()->first;
    highest_.erase(highest_.begin());
  }
}

void ReplayTable::expire_through(std::uint64_t ms) {
  while (!highest_.empty() && issued_ms(highest_.begin()->first) <= ms) highest_.erase(highest_.begin());
}

}  // namespace rtcsip::sip::auth::detail
