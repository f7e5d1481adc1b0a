#pragma once
// The properties fuzz_sdp checks on every input, shared with the unit test
// that replays tests/fuzz/regressions/sdp/: a description that parses must
// serialize to text that parses again to the same model, and every typed
// attribute reader must survive every section.
#include <cstddef>
#include <limits>
#include <string_view>

#include "rtcsip/sdp/attributes.hpp"
#include "rtcsip/sdp/parser.hpp"

namespace rtcsip::sdp::fuzz {

inline std::size_t read_every_attribute(const SessionDescription& sdp, const MediaDescription& m) {
  std::size_t n = 0;
  n += static_cast<std::size_t>(direction(sdp, m)) + (is_legacy_hold(sdp, m) ? 1 : 0);
  n += connection_of(sdp, m).has_value() ? 1 : 0;
  for (const auto pt : payload_types(m)) {
    if (auto r = rtpmap_of(m, pt)) n += format_rtpmap(*r).size();
    n += parse_fmtp_params(fmtp_of(m, pt)).size();
  }
  for (const auto& a : m.attributes) {
    if (auto r = parse_rtpmap(a.value)) n += format_rtpmap(*r).size();
    if (auto c = parse_candidate(a.value)) n += format_candidate(*c).size();
    if (auto c = parse_crypto(a.value)) n += format_crypto(*c).size();
    n += parse_fmtp_params(a.value).size();
  }
  n += ptime(m).value_or(0) + maxptime(m).value_or(0);
  n += candidates(m).size() + cryptos(m).size() + rtcp_feedback(m).size() + extmaps(m).size();
  n += ice_credentials(sdp, m).has_value() ? 1 : 0;
  n += ice_options(sdp, m).size();
  n += fingerprint(sdp, m).has_value() ? 1 : 0;
  n += setup(sdp, m).has_value() ? 1 : 0;
  n += mid(m).value_or("").size() + (rtcp_mux(m) ? 1 : 0);
  n += rtcp_attribute(m).has_value() ? 1 : 0;
  return n;
}

// False when a property does not hold (the fuzzer aborts on it).
inline bool properties_hold(std::string_view text) {
  const auto sdp = parse(text);
  if (!sdp.ok()) return !sdp.error().reason.empty();
  // The text serialize() writes may be longer (CRLF for LF): no byte limit.
  Limits unbounded;
  unbounded.max_bytes = std::numeric_limits<std::size_t>::max();
  const auto again = parse(serialize(*sdp), unbounded);
  if (!again.ok() || !(*again == *sdp)) return false;
  std::size_t n = bundle_group(*sdp).size() + (ice_lite(*sdp) ? 1 : 0);
  for (const auto& m : sdp->media) n += read_every_attribute(*sdp, m);
  MediaDescription session_as_media;  // session-level attributes through the section readers too
  session_as_media.attributes = sdp->attributes;
  n += read_every_attribute(*sdp, session_as_media);
  return n != std::numeric_limits<std::size_t>::max();
}

}  // namespace rtcsip::sdp::fuzz
