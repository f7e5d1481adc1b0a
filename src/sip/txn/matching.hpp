#pragma once
// The keys that match messages to transactions: RFC 3261 §17.1.3 for
// responses, §17.2.3 for requests (branch and sent-by of the top Via), with
// the RFC 2543 fallback when the branch lacks the magic cookie. A key holds
// views into the message it was made from.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "rtcsip/sip/message.hpp"

namespace rtcsip::sip::txn {

inline constexpr std::string_view kMagicCookie = "z9hG4bK";

struct MatchKey {
  bool legacy = false;      // RFC 2543 peer: no magic cookie in the branch
  std::string_view method;  // of the request that created the transaction
  // RFC 3261: the branch, and for server transactions the sent-by.
  std::string_view branch;
  std::string_view sent_by_host;
  std::optional<std::uint16_t> sent_by_port;
  // RFC 2543: Request-URI, From tag, Call-ID, CSeq number and top Via. The
  // To tag is checked apart (§17.2.3: for ACK it is the tag of the response).
  std::string_view request_uri;
  std::string_view from_tag;
  std::string_view call_id;
  std::uint32_t cseq = 0;
  std::string_view top_via;

  friend bool operator==(const MatchKey& a, const MatchKey& b);
};

struct MatchKeyHash {
  std::size_t operator()(const MatchKey& key) const noexcept;
};

[[nodiscard]] bool has_magic_cookie(std::string_view branch);
// The first value of the first Via line; empty when there is none.
[[nodiscard]] std::string_view top_via(const Message& message);
// The tag of the From or To header; empty when absent or unparsable.
[[nodiscard]] std::string_view tag_of(const Message& message, HeaderId id);

// §17.1.3: the branch of the top Via and the method (the CSeq method of a
// response). Nothing when the top Via has no magic-cookie branch.
[[nodiscard]] std::optional<MatchKey> client_key(const Message& message);
// §17.2.3: the key of `request` as if its method were `method` (INVITE to
// match an ACK, or the INVITE a CANCEL cancels). Nothing when the request
// lacks what the key needs.
[[nodiscard]] std::optional<MatchKey> server_key(const Message& request, std::string_view method);

}  // namespace rtcsip::sip::txn
