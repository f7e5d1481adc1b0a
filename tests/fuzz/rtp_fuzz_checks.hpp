#pragma once
// What must hold for any datagram given to the media/rtp views: shared by
// fuzz_rtp/fuzz_rtcp and the unit test that replays their seeds and
// regressions under the sanitizers. Each check returns nullptr or a short
// description of the first broken invariant.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "rtcsip/media/rtp/app.hpp"
#include "rtcsip/media/rtp/bye.hpp"
#include "rtcsip/media/rtp/demux.hpp"
#include "rtcsip/media/rtp/feedback.hpp"
#include "rtcsip/media/rtp/fir.hpp"
#include "rtcsip/media/rtp/nack.hpp"
#include "rtcsip/media/rtp/pli.hpp"
#include "rtcsip/media/rtp/receiver_report.hpp"
#include "rtcsip/media/rtp/remb.hpp"
#include "rtcsip/media/rtp/rtcp_compound.hpp"
#include "rtcsip/media/rtp/rtcp_ssrc_rewrite.hpp"
#include "rtcsip/media/rtp/rtp_packet.hpp"
#include "rtcsip/media/rtp/sdes.hpp"
#include "rtcsip/media/rtp/sender_report.hpp"

namespace rtcsip::media::rtp::fuzz {

#define RTCSIP_FUZZ_CHECK(condition, what) \
  do {                                     \
    if (!(condition)) return what;         \
  } while (0)

template <class Part, class Whole>
bool inside(std::span<Part> part, std::span<Whole> whole) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(part.data());
  const auto* w = reinterpret_cast<const std::uint8_t*>(whole.data());
  if (part.empty()) return true;
  return p >= w && p + part.size() <= w + whole.size();
}

// Touches every byte of a span, so ASan sees a view that points outside.
inline std::uint32_t touch(std::span<const std::uint8_t> bytes) {
  std::uint32_t sum = 0;
  for (const std::uint8_t b : bytes) sum += b;
  return sum;
}

inline const char* check_extension(const ConstRtpPacket& p) {
  const auto ext = p.extension();
  RTCSIP_FUZZ_CHECK(ext.has_value() == p.has_extension(), "extension() disagrees with X");
  if (!ext) return nullptr;
  RTCSIP_FUZZ_CHECK(inside(ext->data(), p.header()), "extension data outside the header");
  RTCSIP_FUZZ_CHECK(ext->data().size() % 4 == 0, "extension data not whole words");
  std::size_t count = 0;
  for (const auto e : *ext) {
    RTCSIP_FUZZ_CHECK(++count <= ext->data().size(), "more elements than bytes");
    RTCSIP_FUZZ_CHECK(inside(e.data, ext->data()), "element outside the block");
    RTCSIP_FUZZ_CHECK(e.id != 0, "element with id 0");
    if (ext->form() == ExtensionForm::one_byte) {
      RTCSIP_FUZZ_CHECK(e.id < 15 && !e.data.empty() && e.data.size() <= 16, "bad one-byte element");
    }
    touch(e.data);
    const auto first = ext->find(e.id);
    RTCSIP_FUZZ_CHECK(first && first->data() <= e.data.data(), "find() missed an element");
  }
  RTCSIP_FUZZ_CHECK(ext->form() != ExtensionForm::opaque || count == 0, "elements in an opaque block");
  (void)ext->well_formed();
  return nullptr;
}

inline const char* check_rtp_layout(const ConstRtpPacket& p, std::span<const std::uint8_t> datagram) {
  RTCSIP_FUZZ_CHECK(p.bytes().data() == datagram.data() && p.bytes().size() == datagram.size(), "bytes()");
  RTCSIP_FUZZ_CHECK(p.version() == 2, "version");
  RTCSIP_FUZZ_CHECK(p.header().size() >= kRtpHeaderSize + 4 * std::size_t{p.csrc_count()},
                    "header too small");
  RTCSIP_FUZZ_CHECK(p.header().size() + p.payload().size() + p.padding_size() == datagram.size(), "sizes");
  RTCSIP_FUZZ_CHECK(inside(p.payload(), datagram), "payload outside");
  RTCSIP_FUZZ_CHECK(p.has_padding() == (p.padding_size() > 0), "padding size disagrees with P");
  if (p.has_padding()) RTCSIP_FUZZ_CHECK(p.padding_size() == datagram.back(), "padding count");
  for (std::size_t i = 0; i < p.csrc_count(); ++i) (void)p.csrc(i);
  touch(p.payload());
  RTCSIP_FUZZ_CHECK(classify_datagram(datagram) == DatagramKind::rtp_or_rtcp, "RTP not classified as RTP");
  return check_extension(p);
}

// Rewrites the relay's fields on a copy and checks that exactly they changed.
inline const char* check_rtp_rewrite(const ConstRtpPacket& p, std::span<const std::uint8_t> datagram) {
  std::vector<std::uint8_t> copy(datagram.begin(), datagram.end());
  auto w = RtpPacket::parse(copy);
  RTCSIP_FUZZ_CHECK(w.has_value(), "writable parse disagrees");
  const std::uint32_t ssrc = ~p.ssrc();
  const auto seq = static_cast<std::uint16_t>(p.sequence_number() + 1);
  const std::uint32_t ts = p.timestamp() ^ 0x9e3779b9U;
  const auto pt = static_cast<std::uint8_t>(p.payload_type() ^ 0x55);
  const bool marker = !p.marker();
  w->set_ssrc(ssrc);
  w->set_sequence_number(seq);
  w->set_timestamp(ts);
  w->set_payload_type(pt);
  w->set_marker(marker);
  const auto r = ConstRtpPacket::parse(copy);
  RTCSIP_FUZZ_CHECK(r.has_value(), "rewritten packet no longer parses");
  RTCSIP_FUZZ_CHECK(r->ssrc() == ssrc && r->sequence_number() == seq && r->timestamp() == ts, "rewrite lost");
  RTCSIP_FUZZ_CHECK(r->payload_type() == (pt & 0x7F) && r->marker() == marker, "PT/marker rewrite lost");
  RTCSIP_FUZZ_CHECK(r->header().size() == p.header().size() && r->payload().size() == p.payload().size(),
                    "rewrite moved the payload");
  RTCSIP_FUZZ_CHECK(copy[0] == datagram[0], "first byte changed");
  RTCSIP_FUZZ_CHECK(std::equal(copy.begin() + 12, copy.end(), datagram.begin() + 12),
                    "bytes past 12 changed");
  return nullptr;
}

inline const char* check_rtp(std::span<const std::uint8_t> datagram) {
  (void)is_rtcp(datagram);
  const auto p = ConstRtpPacket::parse(datagram);
  RTCSIP_FUZZ_CHECK(p.has_value() == (validate_rtp(datagram) == RtpError::none),
                    "parse and validate disagree");
  if (!p) return nullptr;
  if (const char* e = check_rtp_layout(*p, datagram)) return e;
  return check_rtp_rewrite(*p, datagram);
}

// Reads every field of every view the packet parses as.
inline const char* check_rtcp_views(const ConstRtcpPacket& packet) {
  const auto body = packet.body();
  if (const auto sr = ConstSenderReport::parse(packet)) {
    RTCSIP_FUZZ_CHECK(packet.is(RtcpType::sr), "SR view on another type");
    (void)(sr->sender_ssrc() + sr->ntp_timestamp() + sr->rtp_timestamp() + sr->packet_count() +
           sr->octet_count());
    for (const ConstReportBlock b : sr->report_blocks()) {
      RTCSIP_FUZZ_CHECK(inside(std::span<const std::uint8_t>(b.bytes()), body), "report block outside");
      (void)(b.ssrc() + b.fraction_lost() + b.cumulative_lost() + b.jitter() + b.last_sr() +
             b.delay_since_last_sr());
    }
    RTCSIP_FUZZ_CHECK(inside(sr->profile_extension(), body), "SR extension outside");
  }
  if (const auto rr = ConstReceiverReport::parse(packet)) {
    RTCSIP_FUZZ_CHECK(packet.is(RtcpType::rr), "RR view on another type");
    for (const ConstReportBlock b : rr->report_blocks()) {
      RTCSIP_FUZZ_CHECK(inside(std::span<const std::uint8_t>(b.bytes()), body), "report block outside");
      (void)(b.extended_highest_sequence() + b.cumulative_lost());
    }
    touch(rr->profile_extension());
  }
  if (const auto sdes = ConstSdes::parse(packet)) {
    std::size_t chunks = 0;
    for (const ConstSdesChunk chunk : *sdes) {
      ++chunks;
      RTCSIP_FUZZ_CHECK(inside(chunk.bytes(), body) && chunk.bytes().size() % 4 == 0, "SDES chunk outside");
      for (const auto item : chunk.items()) {
        RTCSIP_FUZZ_CHECK(item.type != 0 && inside(item.value, chunk.bytes()), "SDES item outside");
        touch(item.value);
      }
      if (const auto cname = chunk.cname()) (void)cname->size();
    }
    RTCSIP_FUZZ_CHECK(chunks == sdes->chunk_count(), "SDES chunk count");
  }
  if (const auto bye = ConstBye::parse(packet)) {
    for (std::size_t i = 0; i < bye->ssrc_count(); ++i) (void)bye->ssrc(i);
    if (const auto reason = bye->reason()) {
      touch(std::span(reinterpret_cast<const std::uint8_t*>(reason->data()), reason->size()));
      RTCSIP_FUZZ_CHECK(inside(std::span(reason->data(), reason->size()), body), "BYE reason outside");
    }
  }
  if (const auto app = ConstApp::parse(packet)) {
    (void)(app->subtype() + app->ssrc() + app->name().size());
    RTCSIP_FUZZ_CHECK(inside(app->data(), body), "APP data outside");
  }
  return nullptr;
}

inline const char* check_feedback_views(const ConstRtcpPacket& packet) {
  const auto fb = ConstFeedback::parse(packet);
  if (!fb) return nullptr;
  RTCSIP_FUZZ_CHECK(inside(fb->fci(), packet.body()), "FCI outside");
  if (const auto nack = ConstNack::parse(packet)) {
    for (const ConstNackItem item : nack->items()) {
      std::size_t lost = 0;
      item.for_each_lost([&](std::uint16_t) { ++lost; });
      RTCSIP_FUZZ_CHECK(lost == item.lost_count() && lost >= 1 && lost <= 17, "NACK lost count");
    }
  }
  if (const auto pli = ConstPli::parse(packet)) (void)(pli->sender_ssrc() + pli->media_ssrc());
  if (const auto fir = ConstFir::parse(packet)) {
    for (const ConstFirEntry entry : fir->entries()) (void)(entry.ssrc() + entry.sequence_number());
  }
  if (const auto remb = ConstRemb::parse(packet)) {
    const std::uint64_t bps = remb->bitrate_bps();
    RTCSIP_FUZZ_CHECK(bps >= remb->mantissa() || remb->exponent() == 0, "REMB bitrate below its mantissa");
    for (std::size_t i = 0; i < remb->ssrc_count(); ++i) (void)remb->ssrc(i);
  }
  return nullptr;
}

// (field, value) of every SSRC the rewriter visits, read without changing.
inline std::vector<std::pair<SsrcField, std::uint32_t>> visit_ssrcs(std::span<std::uint8_t> datagram,
                                                                    RtcpError& error) {
  std::vector<std::pair<SsrcField, std::uint32_t>> seen;
  error = rewrite_rtcp_ssrcs(datagram, [&](SsrcField f, std::uint32_t s) {
    seen.emplace_back(f, s);
    return s;
  });
  return seen;
}

// Renames every SSRC on a copy: structure must not change, each field must
// read back renamed, and renaming again restores the original bytes.
inline const char* check_rtcp_rewrite(std::span<const std::uint8_t> datagram, RtcpError valid) {
  constexpr std::uint32_t kFlip = 0x5a5a5a5a;
  std::vector<std::uint8_t> copy(datagram.begin(), datagram.end());
  RtcpError e1 = RtcpError::none;
  const auto before = visit_ssrcs(copy, e1);
  RTCSIP_FUZZ_CHECK(e1 == valid, "rewrite and validate disagree");
  RTCSIP_FUZZ_CHECK(std::equal(copy.begin(), copy.end(), datagram.begin()), "identity rewrite changed bytes");
  if (valid != RtcpError::none) return nullptr;
  (void)rewrite_rtcp_ssrcs(copy, [&](SsrcField, std::uint32_t s) { return s ^ kFlip; });
  RTCSIP_FUZZ_CHECK(validate_rtcp(copy) == RtcpError::none, "rewritten datagram invalid");
  RtcpError e2 = RtcpError::none;
  const auto after = visit_ssrcs(copy, e2);
  RTCSIP_FUZZ_CHECK(after.size() == before.size(), "rewrite changed the fields");
  for (std::size_t i = 0; i < after.size(); ++i) {
    RTCSIP_FUZZ_CHECK(after[i].first == before[i].first, "rewrite changed a field's kind");
    RTCSIP_FUZZ_CHECK(after[i].second == (before[i].second ^ kFlip), "rewrite lost a value");
  }
  (void)rewrite_rtcp_ssrcs(copy, [&](SsrcField, std::uint32_t s) { return s ^ kFlip; });
  RTCSIP_FUZZ_CHECK(std::equal(copy.begin(), copy.end(), datagram.begin()),
                    "double rewrite not the original");
  return nullptr;
}

inline const char* check_rtcp(std::span<const std::uint8_t> datagram) {
  const RtcpError valid = validate_rtcp(datagram);
  const RtcpError compound = validate_compound(datagram);
  const RtcpError tiling = ConstRtcpCompound(datagram).error();
  RTCSIP_FUZZ_CHECK(compound != RtcpError::none || valid == RtcpError::none, "compound valid, rtcp not");
  RTCSIP_FUZZ_CHECK(valid == RtcpError::none || compound == valid, "compound hides an rtcp error");
  RTCSIP_FUZZ_CHECK(tiling == RtcpError::none || valid == tiling, "tiling error not reported");
  std::size_t walked = 0;
  for (const ConstRtcpPacket packet : ConstRtcpCompound(datagram)) {
    RTCSIP_FUZZ_CHECK(packet.bytes().data() == datagram.data() + walked, "packet not where the last ended");
    RTCSIP_FUZZ_CHECK(packet.bytes().size() == (std::size_t{packet.length_field()} + 1) * 4, "packet size");
    RTCSIP_FUZZ_CHECK(inside(packet.body(), packet.bytes()), "body outside");
    walked += packet.bytes().size();
    RTCSIP_FUZZ_CHECK(walked <= datagram.size(), "walked past the end");
    if (const char* e = check_rtcp_views(packet)) return e;
    if (const char* e = check_feedback_views(packet)) return e;
  }
  RTCSIP_FUZZ_CHECK((tiling == RtcpError::none) == (walked == datagram.size() && walked > 0),
                    "walk vs tiling");
  if (compound == RtcpError::none) RTCSIP_FUZZ_CHECK(is_rtcp(datagram), "valid compound not demuxed as RTCP");
  return check_rtcp_rewrite(datagram, valid);
}

#undef RTCSIP_FUZZ_CHECK

}  // namespace rtcsip::media::rtp::fuzz
