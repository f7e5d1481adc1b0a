#include "webrtc_profile.hpp"

#include <algorithm>

#include "oa_common.hpp"

namespace rtcsip::sdp::webrtc {
namespace {

// RFC 8445 §5.1.2.1: (2^24) type preference (126 for host) + (2^8) local
// preference (65535 for the first address, one less for each next) + (256 - component).
std::uint32_t host_priority(std::size_t index) {
  const auto local_preference = static_cast<std::uint32_t>(65535 - std::min<std::size_t>(index, 65535));
  return (126U << 24) + (local_preference << 8) + (256 - 1);
}

std::vector<Attribute>::iterator after_mid(std::vector<Attribute>& attrs) {
  const auto mid =
      std::find_if(attrs.begin(), attrs.end(), [](const Attribute& a) { return a.name == "mid"; });
  return mid == attrs.end() ? attrs.begin() : mid + 1;
}

void add_media_transport(MediaDescription& m, const WebRtcLeg& leg, Setup role) {
  const std::vector<Attribute> transport = {
      {"ice-ufrag", leg.ice.ufrag, true},
      {"ice-pwd", leg.ice.pwd, true},
      {"fingerprint", leg.fingerprint.hash + ' ' + leg.fingerprint.value, true},
      {"setup", std::string(to_string(role)), true},
  };
  m.attributes.insert(after_mid(m.attributes), transport.begin(), transport.end());
  if (!rtcp_mux(m)) {
    // Before the direction, where create_offer/create_answer put it.
    const auto dir = std::find_if(m.attributes.begin(), m.attributes.end(), [](const Attribute& a) {
      return a.name == "sendrecv" || a.name == "sendonly" || a.name == "recvonly" || a.name == "inactive";
    });
    m.attributes.insert(dir, Attribute{"rtcp-mux", {}, false});
  }
  for (std::size_t i = 0; i < leg.candidates.size(); ++i) {
    const auto& host = leg.candidates[i];
    Candidate c;
    c.foundation = std::to_string(i + 1);
    c.component = 1;
    c.transport = "udp";
    c.priority = host_priority(i);
    c.address = host.address;
    c.port = host.port;
    c.type = "host";
    add_attribute(m.attributes, "candidate", format_candidate(c));
  }
  oa::add_flag(m.attributes, "end-of-candidates");  // RFC 8840 §4.1: lite agents gather nothing more
}

}  // namespace

Connection connection(const WebRtcLeg& leg) {
  const std::string address = leg.candidates.empty() ? "0.0.0.0" : leg.candidates.front().address;
  return Connection{"IN", oa::address_type(address), address};
}

std::uint16_t port(const WebRtcLeg& leg) { return leg.candidates.empty() ? 0 : leg.candidates.front().port; }

Setup answer_role(const SessionDescription& offer, const WebRtcLeg& leg) {
  const auto mine = leg.answer_setup == Setup::passive ? Setup::passive : Setup::active;
  for (const auto& m : offer.media) {
    if (m.port == 0) continue;
    const auto theirs = setup(offer, m);
    if (theirs == Setup::active) return Setup::passive;
    if (theirs == Setup::passive) return Setup::active;
    return mine;
  }
  return mine;
}

Setup offer_role(const SessionDescription* previous) {
  if (previous == nullptr) return Setup::actpass;
  for (const auto& m : previous->media) {
    if (m.port == 0) continue;
    const auto role = setup(*previous, m);
    if (role == Setup::active || role == Setup::passive) return *role;
  }
  return Setup::actpass;
}

void add_transport(SessionDescription& sdp, const WebRtcLeg& leg, Setup role) {
  // RFC 8445 §5.1.1: a lite implementation says so at session level.
  sdp.attributes.insert(sdp.attributes.begin(), Attribute{"ice-lite", {}, false});
  for (auto& m : sdp.media) {
    if (m.port != 0) add_media_transport(m, leg, role);
  }
}

}  // namespace rtcsip::sdp::webrtc
