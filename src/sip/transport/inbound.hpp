#pragma once
// What the transport layer does with received bytes before anything else
// sees them: parse, check, stamp the top Via (RFC 3261 §18.2.1, RFC 3581),
// or build a stateless error answer, or drop.
#include <optional>
#include <string>

#include "rtcsip/sip/message.hpp"
#include "rtcsip/sip/transport.hpp"

namespace rtcsip::sip::detail {

struct InboundResult {
  std::optional<Incoming> incoming;  // a message for the layers above
  std::optional<Message> answer;     // a stateless response to send back
  std::string_view problem;          // why it was refused, when it was
};

// `datagram` is true for UDP and WebSocket frames (a message per unit, the
// body runs to its end when Content-Length is absent).
InboundResult process_inbound(Message::Buffer bytes, const Peer& from, const Address& local, bool datagram,
                              std::size_t max_message_size);

// The top Via of a request with received= and, when the client asked for it,
// rport= set to where the request really came from.
void stamp_via(Message& request, const Address& source);

// A 400 (or another status) for bytes that did not parse, built from the
// header lines that can still be found; nothing when they are not enough to
// answer (no request line, or no Via, From, To, Call-ID or CSeq).
std::optional<Message> salvage_answer(std::string_view bytes, int status, std::string_view reason);

}  // namespace rtcsip::sip::detail
