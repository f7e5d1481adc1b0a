#include "rtcsip/media/srtp/session_pair.hpp"

namespace rtcsip::media::srtp {

core::Result<SessionPair, SrtpError> SessionPair::create(const KeyPair& keys, const SessionOptions& options) {
  // RFC 4568 §6 and RFC 5764 §4.1.2: both directions run the one negotiated suite.
  if (keys.local.profile() != keys.remote.profile()) return SrtpError::bad_key;
  auto outbound = Session::create(Direction::outbound, keys.local, options);
  if (!outbound) return outbound.error();
  auto inbound = Session::create(Direction::inbound, keys.remote, options);
  if (!inbound) return inbound.error();
  return SessionPair(std::move(*outbound), std::move(*inbound));
}

}  // namespace rtcsip::media::srtp
