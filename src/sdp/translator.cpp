// WebRTC <-> legacy SDP translation: offers are rebuilt for the other leg's
// profile, answers are built with create_answer() from what the other leg
// answered, and the codec choice is made in bridge_codecs().
#include "rtcsip/sdp/translator.hpp"

#include <algorithm>
#include <bitset>

#include "oa_common.hpp"
#include "stream_slots.hpp"
#include "webrtc_profile.hpp"

namespace rtcsip::sdp {
namespace {

// DTMF and comfort noise go with a real codec of the same clock rate; alone
// they are of no use (RFC 4733 §2.1, RFC 3389 §5 use the codec's clock).
void drop_orphans(std::vector<Codec>& codecs) {
  std::vector<std::pair<std::string, std::uint32_t>> real;
  for (const auto& c : codecs) {
    if (!is_auxiliary(c)) real.emplace_back(c.media, c.clock_rate);
  }
  std::erase_if(codecs, [&](const Codec& c) {
    return is_auxiliary(c) &&
           std::find(real.begin(), real.end(), std::pair{c.media, c.clock_rate}) == real.end();
  });
}

}  // namespace

std::vector<Codec> bridge_codecs(const MediaDescription& source, const std::vector<Codec>& allowed,
                                 bool source_order) {
  std::vector<std::pair<std::size_t, Codec>> picked;
  for (const auto pt : payload_types(source)) {
    auto codec = codec_of(source, pt);
    if (!codec || is_dependent(*codec)) continue;  // their payload types differ across legs
    const auto it = std::find_if(allowed.begin(), allowed.end(), [&](const Codec& a) {
      return a.media == source.media && same_codec(a, *codec);
    });
    if (it == allowed.end()) continue;
    const bool twice = std::any_of(picked.begin(), picked.end(),
                                   [&](const auto& p) { return same_codec(p.second, *codec); });
    if (twice) continue;  // one payload type per format on the other leg
    if (is_telephone_event(*codec)) {
      codec->fmtp = intersect_events(codec->fmtp, it->fmtp);
      if (codec->fmtp.empty()) continue;
    }
    const auto rank = source_order ? picked.size() : static_cast<std::size_t>(it - allowed.begin());
    picked.emplace_back(rank, std::move(*codec));
  }
  std::stable_sort(picked.begin(), picked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Codec> out;
  out.reserve(picked.size());
  for (auto& p : picked) out.push_back(std::move(p.second));
  drop_orphans(out);
  return out;
}

namespace {

Error no_common_codec() { return Error{"No common codec", 0}; }
Error no_common_media() { return Error{"No common media", 0}; }

// ---- payload types of the offers we make

const Codec* preferred(const std::vector<Codec>& policy, const Codec& c) {
  const auto it =
      std::find_if(policy.begin(), policy.end(), [&](const Codec& p) { return same_codec(p, c); });
  return it == policy.end() ? nullptr : &*it;
}

// The payload type this leg already uses for a codec (RFC 3264 §8.3.2: in a
// re-offer a number keeps meaning the same format).
std::optional<std::uint8_t> established(const MediaDescription* previous, const Codec& c) {
  if (previous == nullptr) return std::nullopt;
  for (const auto pt : payload_types(*previous)) {
    const auto was = codec_of(*previous, pt);
    if (was && same_codec(*was, c)) return pt;
  }
  return std::nullopt;
}

// Static codecs keep their RFC 3551 number; a dynamic one keeps the number
// this leg already knows it by, else takes the first free of its candidates
// (the policy's wish and the source leg's number, in the order given), else
// the first free number of 96-127 (RFC 3551 §3). Numbers the previous SDP
// gave to other formats are not reused.
std::vector<PayloadFormat> assign_payload_types(const std::vector<Codec>& codecs,
                                                const std::vector<Codec>& policy, bool policy_first,
                                                const MediaDescription* previous) {
  std::bitset<128> used;
  for (const auto& c : codecs) {
    if (auto pt = static_payload_type(c)) used.set(*pt);
  }
  if (previous != nullptr) {
    for (const auto pt : payload_types(*previous)) used.set(pt);
  }
  std::vector<PayloadFormat> out;
  for (const auto& c : codecs) {
    auto pt = static_payload_type(c);
    if (!pt) pt = established(previous, c);
    const auto* pref = preferred(policy, c);
    std::vector<std::optional<std::uint8_t>> wishes{pref ? pref->payload_type : std::nullopt, c.payload_type};
    if (!policy_first) std::swap(wishes[0], wishes[1]);
    for (const auto& w : wishes) {
      if (!pt && w && *w >= 96 && *w <= 127 && !used.test(*w)) pt = w;
    }
    for (std::uint8_t n = 96; !pt && n <= 127; ++n) {
      if (!used.test(n)) pt = n;
    }
    if (!pt) continue;  // more than 32 dynamic codecs: the rest is left out
    used.set(*pt);
    Codec codec = c;
    codec.payload_type = pt;
    out.push_back(PayloadFormat{*pt, std::move(codec)});
  }
  return out;
}

// The m= line of a kind in the last SDP we sent on a leg.
const MediaDescription* previous_stream(const SessionDescription* previous, std::string_view media) {
  if (previous == nullptr) return nullptr;
  const auto i = slots::carried_index(*previous, media);
  return i ? &previous->media[*i] : nullptr;
}

// ---- origins

Origin legacy_origin(const TranslationPolicy& p) {
  return Origin{p.origin_username, p.legacy.session_id, "1", "IN", oa::address_type(p.legacy.address),
                p.legacy.address};
}

Connection legacy_connection(const TranslationPolicy& p) {
  return Connection{"IN", oa::address_type(p.legacy.address), p.legacy.address};
}

Origin webrtc_origin(const TranslationPolicy& p) {
  const auto c = webrtc::connection(p.webrtc);
  return Origin{p.origin_username, p.webrtc.session_id, "1", "IN", c.addr_type, c.address};
}

const MediaPorts& legacy_ports(const TranslationPolicy& p, std::string_view media) {
  return media == "video" ? p.legacy.video : p.legacy.audio;
}

// The streams of `source` carried to the other leg, with their codecs, for
// an offer; `make` gives the stream of the other leg's profile.
template <class Make>
Result<std::vector<OfferStream>> carried_streams(const SessionDescription& source, const TranslationPolicy& p,
                                                 Make make) {
  if (auto error = oa::check_description(source)) return *error;
  std::vector<OfferStream> out;
  bool any_codec = false;
  for (std::size_t i = 0; i < source.media.size(); ++i) {
    const auto& m = source.media[i];
    if (!slots::carries(p, m.media) || slots::carried_index(source, m.media) != i) continue;
    auto codecs = bridge_codecs(m, p.codecs);
    const bool enabled = oa::is_enabled(source, m) && !codecs.empty();
    any_codec = any_codec || enabled;
    out.push_back(make(m, codecs, enabled));
  }
  if (out.empty()) return no_common_media();
  if (!any_codec) return no_common_codec();
  return out;
}

// The codecs the answering leg kept, as local capabilities for our answer.
std::vector<Codec> answered_codecs(const SessionDescription& answer, const TranslationPolicy& p) {
  std::vector<Codec> out;
  for (std::size_t i = 0; i < answer.media.size(); ++i) {
    const auto& m = answer.media[i];
    if (!oa::is_enabled(answer, m) || !slots::carries(p, m.media) ||
        slots::carried_index(answer, m.media) != i) {
      continue;
    }
    auto codecs = bridge_codecs(m, p.codecs, true);
    out.insert(out.end(), codecs.begin(), codecs.end());
  }
  return out;
}

SessionDescription finish_offer(OfferOptions options, const slots::Arranged& arranged,
                                const SessionDescription* previous) {
  options.streams = arranged.streams;
  auto offer = create_offer(options);
  if (previous != nullptr) slots::restore_disabled(offer, arranged, *previous);
  return offer;
}

}  // namespace

// ---- the browser calls out

Result<SessionDescription> legacy_offer_from_webrtc(const SessionDescription& webrtc_offer,
                                                    const TranslationPolicy& policy,
                                                    const SessionDescription* previous) {
  const auto& leg = policy.legacy;
  auto streams =
      carried_streams(webrtc_offer, policy, [&](const MediaDescription& m, const auto& codecs, bool on) {
        OfferStream s;
        s.media = m.media;
        s.proto = leg.srtp == SrtpMode::sdes ? "RTP/SAVP" : "RTP/AVP";
        const auto& ports = legacy_ports(policy, m.media);
        s.local =
            LocalStream{on ? ports.rtp : std::uint16_t{0}, ports.rtcp, effective_direction(webrtc_offer, m)};
        s.formats = assign_payload_types(codecs, policy.codecs, true, previous_stream(previous, m.media));
        s.ptime = leg.ptime;
        if (leg.srtp != SrtpMode::none) s.crypto = leg.sdes_keys;
        return s;
      });
  if (!streams) return streams.error();
  OfferOptions options{legacy_origin(policy), policy.session_name, legacy_connection(policy), {}, false};
  auto offer = finish_offer(options, slots::arrange(std::move(*streams), previous, false), previous);
  if (previous != nullptr) continue_session(*previous, offer);
  return offer;
}

namespace {

// Our ports toward the browser for its offer's m= lines: the one transport
// goes to the carried streams the legacy side accepted that are in the BUNDLE
// group (or to the first of them when the browser did not offer BUNDLE).
std::vector<LocalStream> webrtc_answer_streams(const SessionDescription& offer,
                                               const SessionDescription& answer, const TranslationPolicy& p) {
  const auto group = bundle_group(offer);
  std::vector<LocalStream> out(offer.media.size());
  bool transport_used = false;
  for (std::size_t i = 0; i < offer.media.size(); ++i) {
    const auto j = slots::counterpart(offer, i, answer, p);
    if (!j || !oa::is_enabled(answer, answer.media[*j])) continue;
    const auto id = mid(offer.media[i]);
    const bool bundled = id && std::find(group.begin(), group.end(), *id) != group.end();
    if (!bundled && (!group.empty() || transport_used)) continue;
    out[i] = LocalStream{webrtc::port(p.webrtc), std::nullopt, effective_direction(answer, answer.media[*j])};
    transport_used = true;
  }
  return out;
}

}  // namespace

Result<SessionDescription> webrtc_answer_from_legacy(const SessionDescription& webrtc_offer,
                                                     const SessionDescription& legacy_answer,
                                                     const TranslationPolicy& policy,
                                                     const SessionDescription* previous) {
  if (auto error = oa::check_description(legacy_answer)) return *error;
  AnswerOptions o;
  o.origin = webrtc_origin(policy);
  o.session_name = policy.session_name;
  o.connection = webrtc::connection(policy.webrtc);
  o.codecs = answered_codecs(legacy_answer, policy);
  o.streams = webrtc_answer_streams(webrtc_offer, legacy_answer, policy);
  o.accept_dtls = true;
  o.rtcp_mux = true;
  o.rtcp_rsize = true;
  o.bundle = true;
  auto answer = create_answer(webrtc_offer, o);
  if (!answer) return answer;
  webrtc::add_transport(*answer, policy.webrtc, webrtc::answer_role(webrtc_offer, policy.webrtc));
  if (previous != nullptr) continue_session(*previous, *answer);
  return answer;
}

// ---- the legacy side calls in

Result<SessionDescription> webrtc_offer_from_legacy(const SessionDescription& legacy_offer,
                                                    const TranslationPolicy& policy,
                                                    const SessionDescription* previous) {
  auto streams =
      carried_streams(legacy_offer, policy, [&](const MediaDescription& m, const auto& codecs, bool on) {
        OfferStream s;
        s.media = m.media;
        s.proto = "UDP/TLS/RTP/SAVPF";
        s.local = LocalStream{on ? webrtc::port(policy.webrtc) : std::uint16_t{0}, std::nullopt,
                              effective_direction(legacy_offer, m)};
        s.formats = assign_payload_types(codecs, policy.codecs, false, previous_stream(previous, m.media));
        s.rtcp_mux = true;
        return s;
      });
  if (!streams) return streams.error();
  OfferOptions options{
      webrtc_origin(policy), policy.session_name, webrtc::connection(policy.webrtc), {}, true};
  auto offer = finish_offer(options, slots::arrange(std::move(*streams), previous, true), previous);
  webrtc::add_transport(offer, policy.webrtc, webrtc::offer_role(previous));
  if (previous != nullptr) continue_session(*previous, offer);
  return offer;
}

Result<SessionDescription> legacy_answer_from_webrtc(const SessionDescription& legacy_offer,
                                                     const SessionDescription& webrtc_answer,
                                                     const TranslationPolicy& policy,
                                                     const SessionDescription* previous) {
  if (auto error = oa::check_description(webrtc_answer)) return *error;
  const auto& leg = policy.legacy;
  AnswerOptions o;
  o.origin = legacy_origin(policy);
  o.session_name = policy.session_name;
  o.connection = legacy_connection(policy);
  o.codecs = answered_codecs(webrtc_answer, policy);
  o.streams.resize(legacy_offer.media.size());
  for (std::size_t i = 0; i < legacy_offer.media.size(); ++i) {
    const auto j = slots::counterpart(legacy_offer, i, webrtc_answer, policy);
    if (!j || !oa::is_enabled(webrtc_answer, webrtc_answer.media[*j])) continue;
    const auto& ports = legacy_ports(policy, legacy_offer.media[i].media);
    o.streams[i] =
        LocalStream{ports.rtp, ports.rtcp, effective_direction(webrtc_answer, webrtc_answer.media[*j])};
  }
  o.ptime = leg.ptime;
  o.srtp = leg.srtp;
  o.sdes_keys = leg.sdes_keys;
  return create_answer(legacy_offer, o, previous);
}

}  // namespace rtcsip::sdp
