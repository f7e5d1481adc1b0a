#include "stream_slots.hpp"

#include <algorithm>
#include <set>

#include "oa_common.hpp"

namespace rtcsip::sdp::slots {

bool carries(const TranslationPolicy& policy, std::string_view media) {
  const MediaPorts* ports = media == "audio"   ? &policy.legacy.audio
                            : media == "video" ? &policy.legacy.video
                                               : nullptr;
  if (ports == nullptr || ports->rtp == 0) return false;
  return std::any_of(policy.codecs.begin(), policy.codecs.end(),
                     [&](const Codec& c) { return c.media == media; });
}

std::optional<std::size_t> carried_index(const SessionDescription& sdp, std::string_view media) {
  for (std::size_t i = 0; i < sdp.media.size(); ++i) {
    if (sdp.media[i].media == media && oa::is_rtp(sdp.media[i])) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> counterpart(const SessionDescription& sdp, std::size_t index,
                                       const SessionDescription& other, const TranslationPolicy& policy) {
  const auto& kind = sdp.media[index].media;
  if (!carries(policy, kind) || carried_index(sdp, kind) != index) return std::nullopt;
  return carried_index(other, kind);
}

namespace {

std::string fresh_mid(std::set<std::string>& used) {
  for (std::size_t n = 0;; ++n) {
    auto candidate = std::to_string(n);
    if (used.insert(candidate).second) return candidate;
  }
}

}  // namespace

Arranged arrange(std::vector<OfferStream> streams, const SessionDescription* previous, bool mids) {
  Arranged out;
  std::set<std::string> used_mids;
  std::vector<bool> placed(streams.size(), false);
  if (previous != nullptr) {
    for (const auto& m : previous->media) {
      if (auto id = mid(m)) used_mids.insert(*id);
    }
    for (std::size_t j = 0; j < previous->media.size(); ++j) {
      const auto& was = previous->media[j];
      std::size_t k = 0;
      while (k < streams.size() && (placed[k] || streams[k].media != was.media || !oa::is_rtp(was))) ++k;
      if (k == streams.size()) {
        OfferStream stand_in;  // replaced by a disabled copy of `was` after create_offer()
        stand_in.media = was.media;
        out.streams.push_back(std::move(stand_in));
        out.disabled_from.emplace_back(j);
        continue;
      }
      placed[k] = true;
      if (mids) streams[k].mid = mid(was);
      out.streams.push_back(std::move(streams[k]));
      out.disabled_from.emplace_back();
    }
  }
  for (std::size_t k = 0; k < streams.size(); ++k) {
    if (placed[k]) continue;
    out.streams.push_back(std::move(streams[k]));
    out.disabled_from.emplace_back();
  }
  if (mids) {
    for (auto& s : out.streams) {
      if (!s.mid) s.mid = fresh_mid(used_mids);
    }
  }
  return out;
}

void restore_disabled(SessionDescription& offer, const Arranged& arranged,
                      const SessionDescription& previous) {
  for (std::size_t i = 0; i < arranged.disabled_from.size() && i < offer.media.size(); ++i) {
    if (const auto j = arranged.disabled_from[i]) offer.media[i] = oa::disabled_copy(previous.media[*j]);
  }
}

}  // namespace rtcsip::sdp::slots
