#include "stun_codec.hpp"

#include <stun/usages/ice.h>

#include <memory>

#include "stun_wire.hpp"

namespace rtcsip::media::ice {

namespace {

// Comprehension-required attributes (type < 0x8000, RFC 8489 §14) that an
// ICE connectivity check may carry (RFC 8445 §7.1, §16.1); any other makes
// libnice report STUN_VALIDATION_UNKNOWN_REQUEST_ATTRIBUTE. The optional
// range (ICE-CONTROLLING, FINGERPRINT, SOFTWARE, ...) needs no listing.
// Zero-terminated, and it must outlive every StunAgent that points to it.
constexpr std::uint16_t kKnownAttributes[] = {
    STUN_ATTRIBUTE_USERNAME,           STUN_ATTRIBUTE_MESSAGE_INTEGRITY,
    STUN_ATTRIBUTE_ERROR_CODE,         STUN_ATTRIBUTE_UNKNOWN_ATTRIBUTES,
    STUN_ATTRIBUTE_XOR_MAPPED_ADDRESS, STUN_ATTRIBUTE_PRIORITY,
    STUN_ATTRIBUTE_USE_CANDIDATE,      0};

// One StunAgent per thread (see the header). Indications are not
// authenticated (RFC 8445 §11: keepalive indications carry no credentials).
StunAgent& thread_agent() {
  thread_local std::unique_ptr<StunAgent> agent;
  if (!agent) {
    agent = std::make_unique<StunAgent>();
    stun_agent_init(agent.get(), kKnownAttributes, STUN_COMPATIBILITY_RFC5389,
                    static_cast<StunAgentUsageFlags>(STUN_AGENT_USAGE_SHORT_TERM_CREDENTIALS |
                                                     STUN_AGENT_USAGE_USE_FINGERPRINT |
                                                     STUN_AGENT_USAGE_NO_INDICATION_AUTH));
  }
  return *agent;
}

// libnice 0.1.21 compares 20 bytes at MESSAGE-INTEGRITY and hashes up to its
// end without checking the attribute's length, so a shorter one with a
// valid FINGERPRINT after it makes it read past the datagram. Such a message
// breaks RFC 8489 §14.5 and is refused before libnice sees it.
bool has_bad_integrity_size(std::span<const std::uint8_t> datagram) {
  if (!wire::is_framed_message(datagram)) return false;  // libnice refuses it before that point
  bool bad = false;
  wire::for_each_attribute(datagram, [&bad](std::uint16_t type, std::span<const std::uint8_t> value) {
    if (type == wire::kAttrMessageIntegrity && value.size() != wire::kMessageIntegritySize) bad = true;
    return !bad;
  });
  return bad;
}

StunVerdict classify_success(const StunMessage& message) {
  switch (stun_message_get_class(&message)) {
    case STUN_REQUEST:
      return StunVerdict::request;
    case STUN_INDICATION:
      return StunVerdict::indication;
    default:
      return StunVerdict::not_for_us;
  }
}

}  // namespace

StunCodec::StunCodec(std::string_view local_ufrag, std::string_view local_password)
    : ufrag_(local_ufrag), password_(local_password) {}

StunVerdict StunCodec::validate(std::span<const std::uint8_t> datagram, StunMessage& message) {
  if (has_bad_integrity_size(datagram)) return StunVerdict::malformed;
  username_matched_ = false;
  const StunValidationStatus status = stun_agent_validate(&thread_agent(), &message, datagram.data(),
                                                          datagram.size(), &StunCodec::check_username, this);
  const bool is_request = status != STUN_VALIDATION_NOT_STUN && status != STUN_VALIDATION_INCOMPLETE_STUN &&
                          stun_message_get_class(&message) == STUN_REQUEST;
  switch (status) {
    case STUN_VALIDATION_SUCCESS:
      return classify_success(message);
    case STUN_VALIDATION_NOT_STUN:
      return StunVerdict::not_stun;
    case STUN_VALIDATION_INCOMPLETE_STUN:
      return StunVerdict::truncated;
    case STUN_VALIDATION_BAD_REQUEST:
      // libnice's word for "no magic cookie" and for a missing or wrong FINGERPRINT.
      return wire::read32(datagram.data() + 4) == wire::kMagicCookie ? StunVerdict::bad_fingerprint
                                                                     : StunVerdict::malformed;
    case STUN_VALIDATION_UNAUTHORIZED_BAD_REQUEST:
      return is_request ? StunVerdict::missing_credentials : StunVerdict::not_for_us;
    case STUN_VALIDATION_UNAUTHORIZED:
      if (!is_request) return StunVerdict::not_for_us;
      return username_matched_ ? StunVerdict::bad_integrity : StunVerdict::unknown_username;
    case STUN_VALIDATION_UNKNOWN_REQUEST_ATTRIBUTE:
      return StunVerdict::unknown_attributes;
    default:
      return StunVerdict::not_for_us;  // unmatched response, unknown attribute in a non-request
  }
}

bool StunCodec::username_is_ours(std::string_view username) const {
  // RFC 8445 §7.3: valid when it is two values separated by a colon, the
  // first our ufrag. The peer's half is not checked: checks may arrive before
  // its candidates and ufrag do.
  if (username.size() > wire::kMaxUsernameSize || username.size() < ufrag_.size() + 2) return false;
  return username.substr(0, ufrag_.size()) == ufrag_ && username[ufrag_.size()] == ':';
}

bool StunCodec::check_username(StunAgent* /*agent*/, StunMessage* /*message*/, std::uint8_t* username,
                               std::uint16_t username_length, std::uint8_t** password,
                               std::size_t* password_length, void* self) {
  auto* codec = static_cast<StunCodec*>(self);
  if (username == nullptr) return false;
  if (!codec->username_is_ours({reinterpret_cast<const char*>(username), username_length})) return false;
  codec->username_matched_ = true;
  // libnice only reads the key (as the HMAC key); its API is not const.
  *password = const_cast<std::uint8_t*>(reinterpret_cast<const std::uint8_t*>(codec->password_.data()));
  *password_length = codec->password_.size();
  return true;
}

bool StunCodec::is_binding(const StunMessage& message) {
  return stun_message_get_method(&message) == STUN_BINDING;
}

CheckAttributes StunCodec::inspect(const StunMessage& request) {
  CheckAttributes a;
  std::uint64_t tiebreaker = 0;
  a.controlling = stun_message_find64(&request, STUN_ATTRIBUTE_ICE_CONTROLLING, &tiebreaker) ==
                  STUN_MESSAGE_RETURN_SUCCESS;
  a.controlled = stun_message_find64(&request, STUN_ATTRIBUTE_ICE_CONTROLLED, &tiebreaker) ==
                 STUN_MESSAGE_RETURN_SUCCESS;
  a.has_priority =
      stun_message_find32(&request, STUN_ATTRIBUTE_PRIORITY, &a.priority) == STUN_MESSAGE_RETURN_SUCCESS;
  a.use_candidate = stun_usage_ice_conncheck_use_candidate(&request);
  return a;
}

std::size_t StunCodec::build_success(StunMessage& request, const Endpoint& from,
                                     std::span<std::uint8_t> out) {
  sockaddr_storage source{};
  const socklen_t source_length = from.to_sockaddr(source);
  if (source_length == 0) return 0;
  StunMessage reply{};
  std::size_t length = out.size();
  // We are controlled and the caller has already refused ICE-CONTROLLED, so
  // libnice finds no role conflict; the tiebreaker is then never compared.
  bool controlling = false;
  const StunUsageIceReturn result = stun_usage_ice_conncheck_create_reply(
      &thread_agent(), &request, &reply, out.data(), &length, &source, source_length, &controlling, 0,
      STUN_USAGE_ICE_COMPATIBILITY_RFC5245);
  return result == STUN_USAGE_ICE_RETURN_SUCCESS && !controlling ? length : 0;
}

std::size_t StunCodec::build_error(StunMessage& request, StunError code, std::span<std::uint8_t> out) {
  StunMessage reply{};
  if (!stun_agent_init_error(&thread_agent(), &reply, out.data(), out.size(), &request, code)) return 0;
  // The request's key, if it was authenticated, signs the error (init_error copied it).
  return stun_agent_finish_message(&thread_agent(), &reply, nullptr, 0);
}

std::size_t StunCodec::build_unknown_attributes(StunMessage& request, std::span<std::uint8_t> out) {
  StunMessage reply{};
  return stun_agent_build_unknown_attributes_error(&thread_agent(), &reply, out.data(), out.size(), &request);
}

}  // namespace rtcsip::media::ice
