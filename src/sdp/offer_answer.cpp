// Building an answer to an offer (RFC 3264 §6) and the direction and SDES
// rules it follows.
#include "rtcsip/sdp/offer_answer.hpp"

#include <algorithm>

#include "grammar.hpp"
#include "oa_common.hpp"

namespace rtcsip::sdp {
namespace {

struct AcceptedFormat {
  std::uint8_t payload_type;
  Codec codec;       // as offered, with the fmtp of the answer
  std::size_t rank;  // position of the matching local codec: our preference
};

const Codec* find_local(const std::vector<Codec>& local, const Codec& offered) {
  const auto it = std::find_if(local.begin(), local.end(), [&](const Codec& c) {
    return c.media == offered.media && same_codec(c, offered);
  });
  return it == local.end() ? nullptr : &*it;
}

bool is_accepted(const std::vector<AcceptedFormat>& accepted, std::string_view pt) {
  const auto n = grammar::parse_number(grammar::trim(pt), 127);
  return n &&
         std::any_of(accepted.begin(), accepted.end(), [&](const auto& f) { return f.payload_type == *n; });
}

// RFC 4588 rtx (apt=) and RFC 2198 red ("111/111") only make sense along
// with the formats they refer to.
bool references_accepted(const Codec& c, const std::vector<AcceptedFormat>& accepted) {
  if (grammar::to_lower(c.name) == "rtx") {
    for (auto& [key, value] : parse_fmtp_params(c.fmtp)) {
      if (key == "apt") return is_accepted(accepted, value);
    }
    return false;
  }
  if (grammar::to_lower(c.name) != "red") return true;
  std::string_view list = c.fmtp;
  if (list.empty()) return false;
  while (!list.empty()) {
    const auto slash = list.find('/');
    if (!is_accepted(accepted, list.substr(0, slash))) return false;
    list = slash == std::string_view::npos ? std::string_view{} : list.substr(slash + 1);
  }
  return true;
}

// RFC 3264 §6.1: the formats of the offer we also have, with the offer's
// payload types, in our order of preference; empty unless one is a real codec.
std::vector<AcceptedFormat> negotiate_formats(const MediaDescription& m, const std::vector<Codec>& local) {
  std::vector<AcceptedFormat> accepted;
  std::vector<std::pair<std::uint8_t, Codec>> dependent;
  for (const auto pt : payload_types(m)) {
    auto offered = codec_of(m, pt);
    if (!offered) continue;  // a dynamic type without rtpmap names nothing we know
    const Codec* ours = find_local(local, *offered);
    if (ours == nullptr) continue;
    auto fmtp = answer_fmtp(*offered, *ours);
    if (!fmtp) continue;
    offered->fmtp = std::move(*fmtp);
    const auto rank = static_cast<std::size_t>(ours - local.data());
    if (is_dependent(*offered)) {
      dependent.emplace_back(pt, std::move(*offered));
    } else {
      accepted.push_back(AcceptedFormat{pt, std::move(*offered), rank});
    }
  }
  if (std::all_of(accepted.begin(), accepted.end(), [](const auto& f) { return is_auxiliary(f.codec); }))
    return {};
  for (auto& [pt, codec] : dependent) {
    if (!references_accepted(codec, accepted)) continue;
    const auto rank = static_cast<std::size_t>(find_local(local, codec) - local.data());
    accepted.push_back(AcceptedFormat{pt, std::move(codec), rank});
  }
  std::stable_sort(accepted.begin(), accepted.end(),
                   [](const auto& a, const auto& b) { return a.rank < b.rank; });
  return accepted;
}

struct Keying {
  std::optional<Crypto> crypto;
  std::string reject;  // why the stream cannot be taken; empty when it can
};

// RFC 4568 §7.1.2 and the SRTP mode: which key the answer carries, if any.
Keying sdes_keying(const MediaDescription& m, const AnswerOptions& o) {
  const bool secure = oa::is_sdes_secure(m.proto);
  if (o.srtp == SrtpMode::none) {
    // a=crypto on RTP/AVP is a best-effort offer; plain RTP is an answer to it.
    return secure ? Keying{std::nullopt, "SRTP not supported"} : Keying{};
  }
  auto crypto = answer_crypto(m, o.sdes_keys);
  if (secure && !crypto) return {std::nullopt, "No acceptable SRTP crypto suite"};
  if (!secure && !crypto && o.srtp == SrtpMode::sdes) return {std::nullopt, "SRTP required"};
  return {std::move(crypto), {}};
}

struct StreamAnswer {
  MediaDescription m;
  std::string reject;  // empty when accepted, or when the offerer disabled the stream
  bool accepted = false;
};

MediaDescription accepted_stream(const MediaDescription& offered, const LocalStream& local,
                                 const std::vector<AcceptedFormat>& formats,
                                 const std::optional<Crypto>& crypto, Direction direction,
                                 const AnswerOptions& o) {
  MediaDescription m;
  m.media = offered.media;
  m.port = local.port;
  m.proto = offered.proto;
  if (const auto* mid = find_attribute(offered.attributes, "mid")) m.attributes.push_back(*mid);
  std::vector<PayloadFormat> list;
  list.reserve(formats.size());
  for (const auto& f : formats) list.push_back(PayloadFormat{f.payload_type, f.codec});
  oa::add_formats(m, list);
  if (o.ptime && m.media == "audio") add_attribute(m.attributes, "ptime", std::to_string(*o.ptime));
  const bool mux = o.rtcp_mux && rtcp_mux(offered);
  oa::add_rtcp_port(m, local, mux);
  if (mux) oa::add_flag(m.attributes, "rtcp-mux");
  if (o.rtcp_rsize && has_attribute(offered.attributes, "rtcp-rsize"))
    oa::add_flag(m.attributes, "rtcp-rsize");
  if (crypto) add_attribute(m.attributes, "crypto", format_crypto(*crypto));
  oa::add_flag(m.attributes, to_string(direction));
  return m;
}

StreamAnswer answer_stream(const SessionDescription& offer, std::size_t index, const AnswerOptions& o) {
  const auto& offered = offer.media[index];
  StreamAnswer out{oa::disabled_copy(offered), {}, false};
  // §6: a stream the offerer disabled stays disabled; a bundle-only one is
  // live only for an answerer that takes BUNDLE (RFC 8843 §6).
  const bool enabled = offered.port != 0 || (o.bundle && oa::is_enabled(offer, offered));
  if (!enabled) return out;
  const auto reject = [&](std::string reason) {
    out.reject = std::move(reason);
    return out;
  };
  if (!oa::is_rtp(offered)) return reject("Unsupported media transport");
  if (index >= o.streams.size() || o.streams[index].port == 0) return reject("Unsupported media stream");
  Keying keying;
  if (oa::is_dtls(offered.proto)) {
    if (!o.accept_dtls) return reject("DTLS-SRTP not supported");
  } else {
    keying = sdes_keying(offered, o);
    if (!keying.reject.empty()) return reject(keying.reject);
  }
  const auto formats = negotiate_formats(offered, o.codecs);
  if (formats.empty()) return reject("No common codec");
  const auto& local = o.streams[index];
  const auto dir = answer_direction(effective_direction(offer, offered), local.direction);
  return StreamAnswer{accepted_stream(offered, local, formats, keying.crypto, dir, o), {}, true};
}

// RFC 8843 §7.3: the accepted m= sections of the offered group, in its order,
// share the answerer BUNDLE address, that of the first of them.
void answer_bundle(const SessionDescription& offer, const std::vector<StreamAnswer>& streams,
                   SessionDescription& answer) {
  std::vector<std::size_t> bundled;
  for (const auto& tag : bundle_group(offer)) {
    for (std::size_t i = 0; i < streams.size(); ++i) {
      if (streams[i].accepted && mid(offer.media[i]) == tag) bundled.push_back(i);
    }
  }
  if (bundled.empty()) return;
  std::string group = "BUNDLE";
  for (const auto i : bundled) {
    group += ' ' + *mid(offer.media[i]);
    answer.media[i].port = answer.media[bundled.front()].port;
  }
  add_attribute(answer.attributes, "group", std::move(group));
}

}  // namespace

Result<SessionDescription> create_answer(const SessionDescription& offer, const AnswerOptions& options,
                                         const SessionDescription* previous) {
  if (auto error = oa::check_description(offer)) return *error;
  SessionDescription answer;
  answer.origin = options.origin;
  answer.session_name = options.session_name;
  answer.connection = options.connection;
  answer.timings = offer.timings;  // §6: "The t= line in the answer MUST equal that of the offer"
  std::vector<StreamAnswer> streams;
  for (std::size_t i = 0; i < offer.media.size(); ++i) streams.push_back(answer_stream(offer, i, options));
  const bool any = std::any_of(streams.begin(), streams.end(), [](const auto& s) { return s.accepted; });
  if (!any) {
    const auto it =
        std::find_if(streams.begin(), streams.end(), [](const auto& s) { return !s.reject.empty(); });
    if (it != streams.end()) return Error{it->reject, 0};
  }
  for (auto& s : streams) answer.media.push_back(std::move(s.m));
  if (options.bundle) answer_bundle(offer, streams, answer);
  if (previous != nullptr) continue_session(*previous, answer);
  return answer;
}

// ---- directions

namespace {

constexpr unsigned kSend = 1;
constexpr unsigned kRecv = 2;

unsigned bits(Direction d) {
  switch (d) {
    case Direction::sendrecv:
      return kSend | kRecv;
    case Direction::sendonly:
      return kSend;
    case Direction::recvonly:
      return kRecv;
    case Direction::inactive:
      return 0;
  }
  return 0;
}

Direction from_bits(unsigned b) {
  if (b == (kSend | kRecv)) return Direction::sendrecv;
  if (b == kSend) return Direction::sendonly;
  if (b == kRecv) return Direction::recvonly;
  return Direction::inactive;
}

}  // namespace

// RFC 3264 §8.4: "neither RTP nor RTCP should be sent to the peer". Not for
// a section that uses ICE, where c=0.0.0.0 is a placeholder for candidates
// still to come (RFC 8839 §4.2.1.1, JSEP's "c=IN IP4 0.0.0.0" with port 9).
Direction effective_direction(const SessionDescription& sdp, const MediaDescription& m) {
  const auto d = direction(sdp, m);
  const bool held = is_legacy_hold(sdp, m) && !ice_credentials(sdp, m);
  return held ? from_bits(bits(d) & ~kRecv) : d;
}

// RFC 3264 §6.1: sendonly is answered recvonly or inactive, recvonly with
// sendonly or inactive, inactive with inactive, sendrecv as we wish.
Direction answer_direction(Direction offered, Direction wish) {
  return from_bits(bits(reverse(offered)) & bits(wish));
}

Direction hold_direction(Direction current) { return from_bits(bits(current) & ~kRecv); }

Direction resume_direction(Direction current) { return from_bits(bits(current) | kRecv); }

// ---- SDES

std::optional<Crypto> answer_crypto(const MediaDescription& offered, const std::vector<Crypto>& our_keys) {
  for (const auto& c : cryptos(offered)) {
    // Session parameters (UNENCRYPTED_SRTCP, KDR ...) change how SRTP runs;
    // none of them is supported, so such a line is not taken (RFC 4568 §6.3).
    if (!c.session_params.empty() || c.keys.empty()) continue;
    const auto ours = std::find_if(our_keys.begin(), our_keys.end(), [&](const Crypto& k) {
      return grammar::to_upper(k.suite) == grammar::to_upper(c.suite) && !k.keys.empty();
    });
    if (ours == our_keys.end()) continue;
    return Crypto{c.tag, c.suite, ours->keys, {}};
  }
  return std::nullopt;
}

}  // namespace rtcsip::sdp
