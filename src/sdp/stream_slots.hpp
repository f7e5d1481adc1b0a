#pragma once
// Which m= line of one leg pairs with which of the other, and where the
// streams of an offer go when it continues a session (RFC 3264 §8: m= lines
// keep their place; new ones are appended).
#include <optional>
#include <string_view>
#include <vector>

#include "rtcsip/sdp/translator.hpp"

namespace rtcsip::sdp::slots {

// Whether the policy carries this kind of media between the legs.
bool carries(const TranslationPolicy& policy, std::string_view media);

// The carried stream of a kind: the first RTP m= line of that media.
std::optional<std::size_t> carried_index(const SessionDescription& sdp, std::string_view media);

// The m= line of `other` that pairs with line `index` of `sdp`, when that line is carried.
std::optional<std::size_t> counterpart(const SessionDescription& sdp, std::size_t index,
                                       const SessionDescription& other, const TranslationPolicy& policy);

// Orders the streams of an offer after the m= lines of `previous`: each
// previous line takes the first unplaced stream of its media (and gives it
// its mid), lines left without one come back disabled, and the rest follow.
// With `mids`, every stream ends with a mid unique in the offer.
struct Arranged {
  std::vector<OfferStream> streams;
  std::vector<std::optional<std::size_t>> disabled_from;  // per stream: the previous line it stands in for
};
Arranged arrange(std::vector<OfferStream> streams, const SessionDescription* previous, bool mids);

// Replaces the stand-ins of create_offer() by copies of the previous lines.
void restore_disabled(SessionDescription& offer, const Arranged& arranged,
                      const SessionDescription& previous);

}  // namespace rtcsip::sdp::slots
