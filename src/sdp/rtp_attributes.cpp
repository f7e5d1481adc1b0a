// RTP payload formats (rtpmap, fmtp, ptime), RTCP feedback and header
// extension maps of an m= section.
#include <array>

#include "grammar.hpp"
#include "rtcsip/sdp/attributes.hpp"

namespace rtcsip::sdp {
namespace {

using grammar::next_field;
using grammar::parse_number;
using grammar::trim;

struct StaticPayload {
  std::uint8_t pt;
  std::string_view encoding;
  std::uint32_t clock_rate;
  std::uint32_t channels;  // 0 = not written, as parse_rtpmap gives for mono
};

// RFC 3551 §6, tables 4 and 5. G722 is 8000 there although it samples at
// 16 kHz: an error kept for compatibility (RFC 3551 §4.5.2).
constexpr std::array<StaticPayload, 24> kStaticPayloads = {{
    {0, "PCMU", 8000, 0},   {3, "GSM", 8000, 0},    {4, "G723", 8000, 0},   {5, "DVI4", 8000, 0},
    {6, "DVI4", 16000, 0},  {7, "LPC", 8000, 0},    {8, "PCMA", 8000, 0},   {9, "G722", 8000, 0},
    {10, "L16", 44100, 2},  {11, "L16", 44100, 0},  {12, "QCELP", 8000, 0}, {13, "CN", 8000, 0},
    {14, "MPA", 90000, 0},  {15, "G728", 8000, 0},  {16, "DVI4", 11025, 0}, {17, "DVI4", 22050, 0},
    {18, "G729", 8000, 0},  {25, "CelB", 90000, 0}, {26, "JPEG", 90000, 0}, {28, "nv", 90000, 0},
    {31, "H261", 90000, 0}, {32, "MPV", 90000, 0},  {33, "MP2T", 90000, 0}, {34, "H263", 90000, 0},
}};

std::optional<RtpMap> static_rtpmap(std::uint8_t pt) {
  for (const auto& s : kStaticPayloads) {
    if (s.pt == pt) return RtpMap{pt, std::string(s.encoding), s.clock_rate, s.channels};
  }
  return std::nullopt;
}

// The payload type a "<pt> <rest>" attribute value (rtpmap, fmtp) is about.
std::optional<std::uint8_t> leading_payload_type(std::string_view& rest) {
  const auto pt = parse_number(next_field(rest), 127);
  if (!pt) return std::nullopt;
  return static_cast<std::uint8_t>(*pt);
}

std::optional<std::uint32_t> parse_packet_time(const MediaDescription& m, std::string_view name) {
  const auto* a = find_attribute(m.attributes, name);
  if (a == nullptr) return std::nullopt;
  // RFC 8866 §6.4 allows a fraction ("a=ptime:20.0" is seen); whole ms are enough here.
  auto value = trim(a->value);
  value = value.substr(0, value.find('.'));
  const auto ms = parse_number(value, UINT32_MAX);
  if (!ms || *ms == 0) return std::nullopt;
  return static_cast<std::uint32_t>(*ms);
}

}  // namespace

// a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]
std::optional<RtpMap> parse_rtpmap(std::string_view value) {
  auto rest = trim(value);
  const auto pt = leading_payload_type(rest);
  if (!pt) return std::nullopt;
  const auto encoding = rest.substr(0, rest.find('/'));
  if (!grammar::is_token(encoding) || encoding.size() == rest.size()) return std::nullopt;
  rest.remove_prefix(encoding.size() + 1);
  const auto slash = rest.find('/');
  const auto clock = parse_number(rest.substr(0, slash), UINT32_MAX);
  if (!clock || *clock == 0) return std::nullopt;
  RtpMap r{*pt, std::string(encoding), static_cast<std::uint32_t>(*clock), 0};
  if (slash != std::string_view::npos) {
    const auto channels = parse_number(rest.substr(slash + 1), UINT32_MAX);
    if (!channels || *channels == 0) return std::nullopt;
    r.channels = static_cast<std::uint32_t>(*channels);
  }
  return r;
}

std::string format_rtpmap(const RtpMap& r) {
  std::string out = std::to_string(r.payload_type) + ' ' + r.encoding + '/' + std::to_string(r.clock_rate);
  if (r.channels != 0) out += '/' + std::to_string(r.channels);
  return out;
}

std::optional<RtpMap> rtpmap_of(const MediaDescription& m, std::uint8_t pt) {
  for (const auto& a : m.attributes) {
    if (a.name != "rtpmap") continue;
    auto r = parse_rtpmap(a.value);
    if (r && r->payload_type == pt) return r;
  }
  return static_rtpmap(pt);
}

std::string fmtp_of(const MediaDescription& m, std::uint8_t pt) {
  for (const auto& a : m.attributes) {
    if (a.name != "fmtp") continue;
    auto rest = trim(a.value);
    if (leading_payload_type(rest) == pt) return std::string(rest);
  }
  return {};
}

std::vector<std::pair<std::string, std::string>> parse_fmtp_params(std::string_view params) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!params.empty()) {
    const auto semi = params.find(';');
    const auto item = trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
    if (item.empty()) continue;
    const auto eq = item.find('=');
    auto value = eq == std::string_view::npos ? std::string_view{} : trim(item.substr(eq + 1));
    out.emplace_back(grammar::to_lower(trim(item.substr(0, eq))), std::string(value));
  }
  return out;
}

std::vector<std::uint8_t> payload_types(const MediaDescription& m) {
  std::vector<std::uint8_t> out;
  for (const auto& f : m.formats) {
    if (auto pt = parse_number(f, 127)) out.push_back(static_cast<std::uint8_t>(*pt));
  }
  return out;
}

std::optional<std::uint32_t> ptime(const MediaDescription& m) { return parse_packet_time(m, "ptime"); }

std::optional<std::uint32_t> maxptime(const MediaDescription& m) { return parse_packet_time(m, "maxptime"); }

// a=rtcp-fb:<pt or *> <type> [<parameters>] (RFC 4585 §4.2)
std::vector<RtcpFeedback> rtcp_feedback(const MediaDescription& m) {
  std::vector<RtcpFeedback> out;
  for (const auto& a : m.attributes) {
    if (a.name != "rtcp-fb") continue;
    auto rest = trim(a.value);
    const auto pt = next_field(rest);
    if ((pt != "*" && !parse_number(pt, 127)) || rest.empty()) continue;
    out.push_back(RtcpFeedback{std::string(pt), std::string(rest)});
  }
  return out;
}

// a=extmap:<id>[/<direction>] <URI> [<extension attributes>] (RFC 8285 §5)
std::vector<ExtMap> extmaps(const MediaDescription& m) {
  std::vector<ExtMap> out;
  for (const auto& a : m.attributes) {
    if (a.name != "extmap") continue;
    auto rest = trim(a.value);
    auto id_dir = next_field(rest);
    const auto slash = id_dir.find('/');
    const auto id = parse_number(id_dir.substr(0, slash), 65535);
    const auto dir = slash == std::string_view::npos ? std::string_view{} : id_dir.substr(slash + 1);
    const auto uri = next_field(rest);
    const bool dir_ok = slash == std::string_view::npos || dir == "sendrecv" || dir == "sendonly" ||
                        dir == "recvonly" || dir == "inactive";
    if (!id || *id == 0 || !dir_ok || !grammar::is_non_ws(uri)) continue;
    out.push_back(
        ExtMap{static_cast<std::uint16_t>(*id), std::string(dir), std::string(uri), std::string(rest)});
  }
  return out;
}

}  // namespace rtcsip::sdp
