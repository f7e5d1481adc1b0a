#pragma once
// The messages the transaction layer writes itself: the 100 Trying of an
// INVITE server transaction, the ACK of a non-2xx final response, and the
// CANCEL of a pending INVITE.
#include "rtcsip/sip/message.hpp"

namespace rtcsip::sip::txn {

// RFC 3261 §17.2.1 and §8.2.6: Via lines, From, To (no tag added), Call-ID,
// CSeq and Timestamp of the request.
[[nodiscard]] Message build_trying(const Message& invite);

// RFC 3261 §17.1.1.3: Request-URI, Call-ID, From and CSeq number of the
// request, To of the response (with its tag), the single top Via of the
// request and its Route headers.
[[nodiscard]] Message build_ack(const Message& invite, const Message& response);

// RFC 3261 §9.1: Request-URI, Call-ID, From, To and CSeq number of the
// request, its single top Via (so the CANCEL follows the INVITE's path and
// shares its branch) and its Route headers.
[[nodiscard]] Message build_cancel(const Message& invite);

}  // namespace rtcsip::sip::txn
