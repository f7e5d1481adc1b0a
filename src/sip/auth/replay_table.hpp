#pragma once
// The highest nonce-count accepted for each nonce in use (RFC 7616 §3.4: the
// client counts its requests per nonce, so a repeated nc betrays a replay).
// Only accepted requests are recorded: a wrong response cannot use up the
// counts of a nonce it overheard. Bounded: when full, the entry of the
// oldest nonce is dropped and every nonce issued up to it is "forgotten",
// answered as stale so its client takes a fresh one. So a flood of nonces
// costs no memory beyond the bound and never reopens a replay.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>

#include "nonce.hpp"

namespace rtcsip::sip::auth::detail {

class ReplayTable {
 public:
  enum class Use : std::uint8_t { fresh, replayed, forgotten };

  explicit ReplayTable(std::size_t capacity) : capacity_(capacity) {}

  // With qop: fresh (and remembered) only when nc is above every count
  // accepted before for this nonce.
  Use use(const NonceKey& key, std::uint32_t nc);
  // Without qop (RFC 2069): fresh only for the nonce's first use.
  Use use_once(const NonceKey& key);
  // Drops the entries of nonces issued at or before `issued_ms` (expired).
  void expire_through(std::uint64_t issued_ms);

  [[nodiscard]] std::size_t size() const { return highest_.size(); }

 private:
  Use record(const NonceKey& key, std::uint32_t nc, bool once);
  void make_room();

  std::size_t capacity_;
  std::map<NonceKey, std::uint32_t> highest_;  // ordered by issue time
  std::optional<NonceKey> forgotten_through_;
};

}  // namespace rtcsip::sip::auth::detail
