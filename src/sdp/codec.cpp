// Codec identity and the fmtp rules of offer/answer: H.264 profiles
// (RFC 6184 §8.1, §8.2.2) and telephone-event ranges (RFC 4733 §2.4.1).
#include "rtcsip/sdp/codec.hpp"

#include <algorithm>
#include <array>
#include <bitset>

#include "grammar.hpp"
#include "rtcsip/sdp/attributes.hpp"

namespace rtcsip::sdp {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && grammar::to_lower(a) == grammar::to_lower(b);
}

std::uint32_t channel_count(const Codec& c) { return c.channels == 0 ? 1 : c.channels; }

std::string fmtp_param(std::string_view fmtp, std::string_view name) {
  for (auto& [key, value] : parse_fmtp_params(fmtp)) {
    if (key == name) return value;
  }
  return {};
}

int hex_byte(std::string_view s) {
  int v = 0;
  for (char c : s.substr(0, 2)) {
    if (!grammar::is_hex(c)) return -1;
    v = v * 16 + (grammar::is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
  }
  return v;
}

// RFC 6184 §8.1: profile_idc plus the constraint flags of profile-iop name the
// profile; Constrained Baseline has three spellings (42 with set1, 4D with set0,
// 58 with set0 and set1). The level is not part of the identity.
std::string h264_profile(std::string_view fmtp) {
  std::string plid = fmtp_param(fmtp, "profile-level-id");
  if (plid.empty()) plid = "42000a";  // RFC 6184 §8.1: Baseline, level 1, when absent
  const int idc = plid.size() == 6 ? hex_byte(plid) : -1;
  const int iop = plid.size() == 6 ? hex_byte(std::string_view(plid).substr(2)) : -1;
  if (idc < 0 || iop < 0 || hex_byte(std::string_view(plid).substr(4)) < 0) return "invalid:" + plid;
  if ((idc == 0x42 && (iop & 0x40)) || (idc == 0x4d && (iop & 0x80)) ||
      (idc == 0x58 && (iop & 0xc0) == 0xc0)) {
    return "constrained-baseline";
  }
  if (idc == 0x42 || (idc == 0x58 && (iop & 0x80))) return "baseline";
  if (idc == 0x4d) return "main";
  if (idc == 0x58) return "extended";
  if (idc == 0x64) return (iop & 0x0c) == 0x0c ? "constrained-high" : "high";
  return "idc:" + std::to_string(idc);
}

std::string h264_packetization_mode(std::string_view fmtp) {
  auto mode = fmtp_param(fmtp, "packetization-mode");
  return mode.empty() ? "0" : mode;
}

using EventSet = std::bitset<256>;

EventSet parse_events(std::string_view list) {
  EventSet out;
  if (grammar::trim(list).empty()) list = "0-15";  // RFC 4733 §2.4.1 default
  while (!list.empty()) {
    const auto comma = list.find(',');
    const auto item = grammar::trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    const auto dash = item.find('-');
    const auto lo = grammar::parse_number(item.substr(0, dash), 255);
    const auto hi = dash == std::string_view::npos ? lo : grammar::parse_number(item.substr(dash + 1), 255);
    if (!lo || !hi || *hi < *lo) continue;  // a bad element is skipped, not the whole list
    for (auto e = *lo; e <= *hi; ++e) out.set(e);
  }
  return out;
}

std::string format_events(const EventSet& events) {
  std::string out;
  for (std::size_t e = 0; e < events.size(); ++e) {
    if (!events.test(e)) continue;
    std::size_t last = e;
    while (last + 1 < events.size() && events.test(last + 1)) ++last;
    if (!out.empty()) out += ',';
    out += std::to_string(e);
    if (last > e) out += '-' + std::to_string(last);
    e = last;
  }
  return out;
}

struct StaticCodec {
  std::uint8_t pt;
  std::string_view name;
  std::uint32_t clock_rate;
  std::uint32_t channels;
};

// RFC 3551 §6 tables 4 and 5, the entries a gateway may offer.
constexpr std::array<StaticCodec, 17> kStaticCodecs = {{
    {0, "PCMU", 8000, 1},
    {3, "GSM", 8000, 1},
    {4, "G723", 8000, 1},
    {5, "DVI4", 8000, 1},
    {6, "DVI4", 16000, 1},
    {7, "LPC", 8000, 1},
    {8, "PCMA", 8000, 1},
    {9, "G722", 8000, 1},
    {10, "L16", 44100, 2},
    {11, "L16", 44100, 1},
    {12, "QCELP", 8000, 1},
    {13, "CN", 8000, 1},
    {15, "G728", 8000, 1},
    {18, "G729", 8000, 1},
    {31, "H261", 90000, 1},
    {32, "MPV", 90000, 1},
    {34, "H263", 90000, 1},
}};

}  // namespace

std::optional<Codec> codec_of(const MediaDescription& m, std::uint8_t pt) {
  const auto map = rtpmap_of(m, pt);
  if (!map) return std::nullopt;
  return Codec{m.media, map->encoding, map->clock_rate, map->channels, fmtp_of(m, pt), pt};
}

bool same_codec(const Codec& a, const Codec& b) {
  if (!iequals(a.name, b.name) || a.clock_rate != b.clock_rate) return false;
  if (a.media == "audio" && channel_count(a) != channel_count(b)) return false;
  if (iequals(a.name, "H264")) {
    return h264_profile(a.fmtp) == h264_profile(b.fmtp) &&
           h264_packetization_mode(a.fmtp) == h264_packetization_mode(b.fmtp);
  }
  return true;
}

std::optional<std::uint8_t> static_payload_type(const Codec& c) {
  for (const auto& s : kStaticCodecs) {
    if (iequals(c.name, s.name) && c.clock_rate == s.clock_rate && channel_count(c) == s.channels)
      return s.pt;
  }
  return std::nullopt;
}

bool is_telephone_event(const Codec& c) { return iequals(c.name, "telephone-event"); }

bool is_auxiliary(const Codec& c) {
  constexpr std::array<std::string_view, 6> kAuxiliary = {"telephone-event", "CN",        "red", "rtx",
                                                          "ulpfec",          "flexfec-03"};
  return std::any_of(kAuxiliary.begin(), kAuxiliary.end(),
                     [&](std::string_view n) { return iequals(c.name, n); });
}

bool is_dependent(const Codec& c) {
  const auto name = grammar::to_lower(c.name);
  return name == "rtx" || name == "red";
}

std::string intersect_events(std::string_view a, std::string_view b) {
  return format_events(parse_events(a) & parse_events(b));
}

std::optional<std::string> answer_fmtp(const Codec& offered, const Codec& local) {
  if (is_telephone_event(offered)) {
    auto events = intersect_events(offered.fmtp, local.fmtp);
    if (events.empty()) return std::nullopt;
    return events;
  }
  // rtx and red name payload types: the offerer's numbers, which the answer keeps.
  if (is_dependent(offered)) return offered.fmtp;
  return local.fmtp.empty() ? offered.fmtp : local.fmtp;
}

}  // namespace rtcsip::sdp
