#pragma once
// SDP text <-> model. The parser is strict about the line grammar (RFC 8866
// §5: "<type>=<value>" lines in the defined order, CRLF or LF endings) and
// keeps everything it does not interpret; it never throws.
#include <cstddef>
#include <string>
#include <string_view>

#include "rtcsip/core/result.hpp"
#include "rtcsip/sdp/session_description.hpp"

namespace rtcsip::sdp {

// Bounds on what is accepted from the network.
struct Limits {
  std::size_t max_bytes = 64 * 1024;
  std::size_t max_lines = 4096;
  std::size_t max_media = 32;
  std::size_t max_attributes = 1024;  // per section
  std::size_t max_candidates = 64;    // a=candidate per m= section
};

struct Error {
  std::string reason;    // fit for a 488 reason phrase: "Malformed m= line", "Too many m= lines"
  std::size_t line = 0;  // 1-based line number; 0 when it concerns the whole description
  friend bool operator==(const Error&, const Error&) = default;
};

template <class T>
using Result = core::Result<T, Error>;

Result<SessionDescription> parse(std::string_view text, const Limits& limits = {});

// CRLF line endings, the RFC's line order; every field as held in the model.
std::string serialize(const SessionDescription& sdp);

}  // namespace rtcsip::sdp
