#include "oa_common.hpp"

#include <algorithm>

namespace rtcsip::sdp::oa {

bool is_rtp(const MediaDescription& m) { return m.proto.find("RTP/") != std::string::npos; }

bool is_dtls(std::string_view proto) { return proto.find("TLS/RTP/") != std::string_view::npos; }

bool is_sdes_secure(std::string_view proto) { return proto == "RTP/SAVP" || proto == "RTP/SAVPF"; }

std::optional<Error> check_description(const SessionDescription& sdp) {
  for (const auto& m : sdp.media) {
    if (m.formats.empty()) return Error{"Malformed m= line", 0};
    if (is_rtp(m) && payload_types(m).size() != m.formats.size()) return Error{"Malformed payload type", 0};
    if (m.port != 0 && !connection_of(sdp, m)) return Error{"Missing connection address", 0};
  }
  return std::nullopt;
}

bool is_enabled(const SessionDescription& sdp, const MediaDescription& m) {
  if (m.port != 0) return true;
  if (!has_attribute(m.attributes, "bundle-only")) return false;
  const auto id = mid(m);
  const auto group = bundle_group(sdp);
  return id && std::find(group.begin(), group.end(), *id) != group.end();
}

std::string address_type(std::string_view address) {
  return address.find(':') == std::string_view::npos ? "IP4" : "IP6";
}

MediaDescription disabled_copy(const MediaDescription& m) {
  MediaDescription out;
  out.media = m.media;
  out.port = 0;
  out.proto = m.proto;
  if (!m.formats.empty()) out.formats.push_back(m.formats.front());
  if (const auto* mid = find_attribute(m.attributes, "mid")) out.attributes.push_back(*mid);
  return out;
}

void add_formats(MediaDescription& m, const std::vector<PayloadFormat>& formats) {
  for (const auto& f : formats) {
    m.formats.push_back(std::to_string(f.payload_type));
    const RtpMap map{f.payload_type, f.codec.name, f.codec.clock_rate, f.codec.channels};
    add_attribute(m.attributes, "rtpmap", format_rtpmap(map));
    if (!f.codec.fmtp.empty()) {
      add_attribute(m.attributes, "fmtp", std::to_string(f.payload_type) + ' ' + f.codec.fmtp);
    }
  }
}

void add_flag(std::vector<Attribute>& attrs, std::string_view name) { add_attribute(attrs, name, {}, false); }

void add_rtcp_port(MediaDescription& m, const LocalStream& local, bool muxed) {
  if (muxed || !local.rtcp_port || *local.rtcp_port == local.port + 1 || local.port == 0) return;
  add_attribute(m.attributes, "rtcp", std::to_string(*local.rtcp_port));
}

}  // namespace rtcsip::sdp::oa
