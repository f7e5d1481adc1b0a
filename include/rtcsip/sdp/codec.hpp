#pragma once
// Codecs as offer/answer sees them: an RTP payload format identified by its
// encoding name, clock rate, channels and the fmtp parameters that change what
// the bits mean (RFC 3264 §6.1: "the same media format" is the same encoding
// with compatible parameters, whatever payload type number each side gives it).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "rtcsip/sdp/session_description.hpp"

namespace rtcsip::sdp {

struct Codec {
  std::string media = "audio";  // the m= media it belongs to: "audio", "video"
  std::string name;             // encoding name as in a=rtpmap: "opus", "PCMU", "telephone-event", "H264"
  std::uint32_t clock_rate = 8000;
  std::uint32_t channels = 0;  // 0 when not written (one channel for audio)
  std::string fmtp;            // parameters we declare: "0-16", "minptime=10;useinbandfec=1"
  // The payload type we would like when we are the offerer (static codecs use
  // their RFC 3551 number whatever this says).
  std::optional<std::uint8_t> payload_type;
  friend bool operator==(const Codec&, const Codec&) = default;
};

// The codec a payload type of an m= section stands for (its rtpmap, or the
// RFC 3551 static one, and its fmtp); nothing for an unknown dynamic type.
std::optional<Codec> codec_of(const MediaDescription& m, std::uint8_t pt);

// The same media format (RFC 3264 §6.1): encoding name (case-insensitive),
// clock rate and channels equal, and for H.264 the same profile and
// packetization-mode (RFC 6184 §8.2.2). Levels, Opus parameters and
// telephone-event ranges do not make two formats different.
bool same_codec(const Codec& a, const Codec& b);

// RFC 3551 static payload type of a codec, if it has one (PCMU 0, PCMA 8, G722 9, CN 13 ...).
std::optional<std::uint8_t> static_payload_type(const Codec& c);

// Formats that are not a codec of their own: DTMF, comfort noise, redundancy,
// retransmission and FEC. A stream needs at least one other format to be usable.
bool is_auxiliary(const Codec& c);
bool is_telephone_event(const Codec& c);
// Formats whose parameters name other payload types (RFC 4588 rtx "apt=96",
// RFC 2198 red "111/111"): they follow those types and cannot cross legs alone.
bool is_dependent(const Codec& c);

// RFC 4733 §2.4.1 event lists ("0-15,66,70"). An empty list means the default
// 0-15. Returns the events in both, written as ranges, or "" when none.
std::string intersect_events(std::string_view a, std::string_view b);

// The fmtp an answer declares for a format both sides have (RFC 3264 §6.1):
// telephone-event gets the intersection of the event lists, every other
// codec our own parameters when we have some, else the offerer's.
std::optional<std::string> answer_fmtp(const Codec& offered, const Codec& local);

}  // namespace rtcsip::sdp
