#pragma once
// The offer/answer model (RFC 3264) on the SDP model: building offers and
// answers from local capabilities, directions and hold, rejected streams,
// SDP versions across re-offers (§8), SDES keys (RFC 4568), BUNDLE (RFC 8843)
// and the payload-type map between the two legs of a call.
//
// It knows nothing of ICE or DTLS beyond accepting a UDP/TLS proto when told
// to; the WebRTC and legacy profiles on top are in translator.hpp.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rtcsip/sdp/attributes.hpp"
#include "rtcsip/sdp/codec.hpp"
#include "rtcsip/sdp/parser.hpp"
#include "rtcsip/sdp/session_description.hpp"

namespace rtcsip::sdp {

// SDES-SRTP (RFC 4568) toward a peer that does not do DTLS.
enum class SrtpMode : std::uint8_t {
  none,      // plain RTP: offer RTP/AVP; an RTP/SAVP offer is rejected, a=crypto on RTP/AVP ignored
  sdes,      // SRTP required: offer RTP/SAVP with a=crypto; a plain offer is rejected
  optional,  // offer RTP/AVP with a=crypto (best effort); answer with SRTP when the offer has a usable key
};

// Our side of one stream.
struct LocalStream {
  std::uint16_t port = 0;                  // 0: we do not take this stream (rejected in an answer)
  std::optional<std::uint16_t> rtcp_port;  // written as a=rtcp (RFC 3605) when not port + 1 and no rtcp-mux
  Direction direction = Direction::sendrecv;  // what we wish to do on it
};

// ---- answers (RFC 3264 §6)
struct AnswerOptions {
  Origin origin;  // username, session id, address; the version follows `previous` (§8)
  std::string session_name = "-";
  Connection connection;               // our session-level c=
  std::vector<Codec> codecs;           // what we take, in our order of preference
  std::vector<LocalStream> streams;    // by m= index of the offer; a stream without entry is rejected
  std::optional<std::uint32_t> ptime;  // a=ptime on accepted audio streams
  SrtpMode srtp = SrtpMode::none;
  std::vector<Crypto> sdes_keys;  // our keys, one per crypto suite we accept (tags are ignored)
  bool accept_dtls = false;       // take UDP/TLS/RTP/SAVP(F); the caller adds fingerprint and setup
  bool rtcp_mux = false;          // echo a=rtcp-mux when offered (RFC 5761 §5.1.1)
  bool rtcp_rsize = false;        // echo a=rtcp-rsize when offered (RFC 5506 §5)
  bool bundle = false;            // accept the offer's BUNDLE group (RFC 8843 §7.3)
};

// The answer: one m= line per offered m= line in the same order; payload
// types, fmtp and the offer's proto as the offerer wrote them; streams we
// cannot take rejected with port 0 and the first offered format. An error when
// no offered stream can be used at all (a 488 reason) or the offer is malformed.
// `previous` is our last SDP in this session, for a re-answer (§8).
Result<SessionDescription> create_answer(const SessionDescription& offer, const AnswerOptions& options,
                                         const SessionDescription* previous = nullptr);

// ---- offers (RFC 3264 §5)
struct PayloadFormat {
  std::uint8_t payload_type = 0;
  Codec codec;
};

struct OfferStream {
  std::string media = "audio";
  std::string proto = "RTP/AVP";
  LocalStream local;                   // port 0 offers the stream disabled
  std::vector<PayloadFormat> formats;  // in order of preference
  std::optional<std::string> mid;
  std::optional<std::uint32_t> ptime;
  std::vector<Crypto> crypto;  // a=crypto lines (RFC 4568 §5.1.1)
  bool rtcp_mux = false;
};

struct OfferOptions {
  Origin origin;
  std::string session_name = "-";
  Connection connection;
  std::vector<OfferStream> streams;
  bool bundle = false;  // a=group:BUNDLE with the mids of the enabled streams
};

// An offer as described; with `previous`, a re-offer that continues it (§8).
SessionDescription create_offer(const OfferOptions& options, const SessionDescription* previous = nullptr);

// RFC 3264 §8: a later SDP of the session keeps the origin's username, session
// id and address, and the port (with its RTCP port) of every stream that had
// one; it has at least the previous m= lines (missing ones are added
// disabled); its version is the previous one plus one, or unchanged when
// nothing else changed.
void continue_session(const SessionDescription& previous, SessionDescription& next);

// "12" -> "13" on a decimal string of any length (the o= version may exceed 64 bits).
std::string increment_version(std::string_view version);

// ---- directions and hold (RFC 3264 §6.1, §8.4)
// The direction of a stream as its sender means it: an RFC 2543 hold
// (c=0.0.0.0) says "do not send to me", so it removes the receiving half.
Direction effective_direction(const SessionDescription& sdp, const MediaDescription& m);
// The direction an answer gives a stream offered as `offered` when we wish `wish`.
Direction answer_direction(Direction offered, Direction wish);
Direction hold_direction(Direction current);    // sendrecv -> sendonly, recvonly -> inactive
Direction resume_direction(Direction current);  // sendonly -> sendrecv, inactive -> recvonly

// ---- SDES (RFC 4568 §7.1.2)
// The offered crypto line we answer and our key for it: the first offered
// line whose suite we have a key for and whose session parameters we take,
// answered with the offerer's tag and our key.
std::optional<Crypto> answer_crypto(const MediaDescription& offered, const std::vector<Crypto>& our_keys);

// ---- payload types across the two legs of a call
// Per payload type of one leg, the payload type of the same codec on the
// other leg. A fixed table: a lookup on the packet path allocates nothing.
class PayloadMap {
 public:
  void set(std::uint8_t from, std::uint8_t to);
  [[nodiscard]] std::optional<std::uint8_t> lookup(std::uint8_t from) const;
  [[nodiscard]] std::size_t size() const;
  friend bool operator==(const PayloadMap&, const PayloadMap&) = default;

 private:
  std::array<std::int16_t, 128> to_{initial()};
  static constexpr std::array<std::int16_t, 128> initial() {
    std::array<std::int16_t, 128> a{};
    a.fill(-1);
    return a;
  }
};

// Maps each payload type of `from` to the payload type of the same codec in
// `to` (telephone-event by clock rate); types with no counterpart are absent.
PayloadMap map_payload_types(const MediaDescription& from, const MediaDescription& to);

}  // namespace rtcsip::sdp
