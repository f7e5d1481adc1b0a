#pragma once
// Routing STUN on a shared UDP port (one port per worker, many calls): a
// Binding request names the agent it is for in the first half of its
// USERNAME, "<local ufrag>:<remote ufrag>" (RFC 8445 §7.2.2). These helpers
// read it without authenticating anything, so what they return only chooses
// which IceLiteAgent validates the request; they never decide that a request
// is genuine. They read the datagram in place and do not allocate.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace rtcsip::media::ice {

// Exactly one well-framed STUN message (RFC 8489 §5: leading bits, magic
// cookie, length, attribute framing); says nothing about its integrity.
bool looks_like_stun(std::span<const std::uint8_t> datagram);

// The local ufrag (the part before the first ':') of the USERNAME of a
// well-framed Binding request, as a view into `datagram`. Nothing when the
// datagram is not such a request, has no USERNAME before MESSAGE-INTEGRITY,
// or its USERNAME has no ':' or an empty part on either side of it.
std::optional<std::string_view> stun_local_ufrag(std::span<const std::uint8_t> datagram);

}  // namespace rtcsip::media::ice
