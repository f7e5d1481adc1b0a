// Building offers (RFC 3264 §5) and carrying a session's SDP from one
// version to the next (§8).
#include <algorithm>

#include "grammar.hpp"
#include "oa_common.hpp"
#include "rtcsip/sdp/offer_answer.hpp"

namespace rtcsip::sdp {
namespace {

MediaDescription offer_stream(const OfferStream& s) {
  MediaDescription m;
  m.media = s.media;
  m.port = s.local.port;
  m.proto = s.proto;
  if (s.mid) add_attribute(m.attributes, "mid", *s.mid);
  if (s.local.port == 0) {
    // §5.1: a disabled stream still names a format; nothing else matters.
    m.formats.push_back(s.formats.empty() ? "0" : std::to_string(s.formats.front().payload_type));
    return m;
  }
  oa::add_formats(m, s.formats);
  if (s.ptime && m.media == "audio") add_attribute(m.attributes, "ptime", std::to_string(*s.ptime));
  oa::add_rtcp_port(m, s.local, s.rtcp_mux);
  if (s.rtcp_mux) oa::add_flag(m.attributes, "rtcp-mux");
  for (const auto& c : s.crypto) add_attribute(m.attributes, "crypto", format_crypto(c));
  oa::add_flag(m.attributes, to_string(s.local.direction));
  return m;
}

// A stream that had a port keeps it, and with it the RTCP port it announced
// (a=rtcp, or port + 1 when it had none).
void keep_transport(const MediaDescription& was, MediaDescription& next) {
  next.port = was.port;
  const auto* rtcp = find_attribute(was.attributes, "rtcp");
  auto& attrs = next.attributes;
  const auto at =
      std::find_if(attrs.begin(), attrs.end(), [](const Attribute& a) { return a.name == "rtcp"; });
  if (rtcp == nullptr) {
    remove_attributes(attrs, "rtcp");
  } else if (at != attrs.end()) {
    *at = *rtcp;
  } else {
    const auto dir = std::find_if(attrs.begin(), attrs.end(), [](const Attribute& a) {
      return a.name == "sendrecv" || a.name == "sendonly" || a.name == "recvonly" || a.name == "inactive";
    });
    attrs.insert(dir, *rtcp);
  }
}

}  // namespace

SessionDescription create_offer(const OfferOptions& options, const SessionDescription* previous) {
  SessionDescription offer;
  offer.origin = options.origin;
  offer.session_name = options.session_name;
  offer.connection = options.connection;
  offer.timings.emplace_back();
  std::string group = "BUNDLE";
  for (const auto& s : options.streams) {
    offer.media.push_back(offer_stream(s));
    if (s.mid && s.local.port != 0) group += ' ' + *s.mid;
  }
  if (options.bundle && group != "BUNDLE") add_attribute(offer.attributes, "group", std::move(group));
  if (previous != nullptr) continue_session(*previous, offer);
  return offer;
}

void continue_session(const SessionDescription& previous, SessionDescription& next) {
  const auto& was = previous.origin;
  auto& origin = next.origin;
  origin.username = was.username;
  origin.session_id = was.session_id;
  origin.net_type = was.net_type;
  origin.addr_type = was.addr_type;
  origin.address = was.address;
  const auto common = std::min(previous.media.size(), next.media.size());
  for (std::size_t i = 0; i < common; ++i) {
    const bool both_open = previous.media[i].port != 0 && next.media[i].port != 0;
    if (both_open && previous.media[i].port != next.media[i].port)
      keep_transport(previous.media[i], next.media[i]);
  }
  // §8, §8.2: an m= line is never removed, only disabled with port 0.
  for (std::size_t i = next.media.size(); i < previous.media.size(); ++i) {
    next.media.push_back(oa::disabled_copy(previous.media[i]));
  }
  // §8: the version increments by one, unless the SDP is the same as before.
  origin.session_version = was.session_version;
  if (!(next == previous)) origin.session_version = increment_version(was.session_version);
}

std::string increment_version(std::string_view version) {
  if (!grammar::is_digits(version)) return "1";
  std::string out(version);
  for (auto it = out.rbegin(); it != out.rend(); ++it) {
    if (*it != '9') {
      ++*it;
      return out;
    }
    *it = '0';
  }
  return '1' + out;
}

}  // namespace rtcsip::sdp
