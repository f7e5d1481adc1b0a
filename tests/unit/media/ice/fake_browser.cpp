#include "fake_browser.hpp"

#include <stun/usages/ice.h>

#include <stdexcept>

namespace rtcsip::media::ice::test {

namespace {

constexpr std::size_t kBufferSize = 1500;

std::string default_username() { return std::string(kLiteUfrag) + ':' + kBrowserUfrag; }

}  // namespace

FakeBrowser::FakeBrowser() {
  stun_agent_init(&agent_, STUN_ALL_KNOWN_ATTRIBUTES, STUN_COMPATIBILITY_RFC5389,
                  static_cast<StunAgentUsageFlags>(STUN_AGENT_USAGE_SHORT_TERM_CREDENTIALS |
                                                   STUN_AGENT_USAGE_USE_FINGERPRINT));
}

std::vector<std::uint8_t> FakeBrowser::check(const CheckOptions& options) {
  const std::string username = options.username.value_or(default_username());
  const std::string& key = keys_.emplace_back(options.password.value_or(kLitePwd));
  std::vector<std::uint8_t> out(kBufferSize);
  StunMessage message{};
  const std::size_t length = stun_usage_ice_conncheck_create(
      &agent_, &message, out.data(), out.size(), reinterpret_cast<const std::uint8_t*>(username.data()),
      username.size(), reinterpret_cast<const std::uint8_t*>(key.data()), key.size(), options.use_candidate,
      options.controlling, options.priority, options.tiebreaker, nullptr,
      STUN_USAGE_ICE_COMPATIBILITY_RFC5245);
  if (length == 0) throw std::runtime_error("libnice could not build the check");
  out.resize(length);
  return out;
}

std::vector<std::uint8_t> FakeBrowser::bare_request(const Bare& what) {
  const std::string username = default_username();
  const std::string& key = keys_.emplace_back(kLitePwd);
  std::vector<std::uint8_t> out(kBufferSize);
  StunMessage message{};
  bool ok = stun_agent_init_request(&agent_, &message, out.data(), out.size(), what.method);
  if (what.priority) ok = ok && stun_message_append32(&message, STUN_ATTRIBUTE_PRIORITY, 1234) == 0;
  if (what.controlling) ok = ok && stun_message_append64(&message, STUN_ATTRIBUTE_ICE_CONTROLLING, 42) == 0;
  if (what.extra_attribute != 0) {
    ok = ok && stun_message_append32(&message, static_cast<StunAttribute>(what.extra_attribute), 7) == 0;
  }
  ok = ok &&
       stun_message_append_bytes(&message, STUN_ATTRIBUTE_USERNAME, username.data(), username.size()) == 0;
  const std::size_t length =
      ok ? stun_agent_finish_message(&agent_, &message, reinterpret_cast<const std::uint8_t*>(key.data()),
                                     key.size())
         : 0;
  if (length == 0) throw std::runtime_error("libnice could not build the request");
  out.resize(length);
  return out;
}

std::vector<std::uint8_t> FakeBrowser::short_integrity_request() {
  const std::string username = default_username();
  std::vector<std::uint8_t> out(kBufferSize);
  StunMessage message{};
  bool ok = stun_agent_init_request(&agent_, &message, out.data(), out.size(), STUN_BINDING);
  ok = ok &&
       stun_message_append_bytes(&message, STUN_ATTRIBUTE_USERNAME, username.data(), username.size()) == 0;
  ok = ok && stun_message_append_bytes(&message, STUN_ATTRIBUTE_MESSAGE_INTEGRITY, nullptr, 0) == 0;
  // No key: libnice adds only the FINGERPRINT, computed over the empty MESSAGE-INTEGRITY.
  const std::size_t length = ok ? stun_agent_finish_message(&agent_, &message, nullptr, 0) : 0;
  if (length == 0) throw std::runtime_error("libnice could not build the request");
  out.resize(length);
  return out;
}

std::vector<std::uint8_t> FakeBrowser::indication() {
  std::vector<std::uint8_t> out(kBufferSize);
  StunMessage message{};
  if (!stun_agent_init_indication(&agent_, &message, out.data(), out.size(), STUN_BINDING)) {
    throw std::runtime_error("libnice could not start the indication");
  }
  const std::size_t length = stun_agent_finish_message(&agent_, &message, nullptr, 0);
  out.resize(length);
  return out;
}

ParsedAnswer FakeBrowser::parse(std::span<const std::uint8_t> answer) {
  ParsedAnswer parsed;
  StunMessage message{};
  parsed.status = stun_agent_validate(&agent_, &message, answer.data(), answer.size(), nullptr, nullptr);
  if (parsed.status != STUN_VALIDATION_SUCCESS) return parsed;
  parsed.message_class = stun_message_get_class(&message);
  parsed.has_integrity = stun_message_has_attribute(&message, STUN_ATTRIBUTE_MESSAGE_INTEGRITY);
  parsed.has_fingerprint = stun_message_has_attribute(&message, STUN_ATTRIBUTE_FINGERPRINT);
  if (parsed.message_class == STUN_ERROR) {
    stun_message_find_error(&message, &parsed.error_code);
    return parsed;
  }
  sockaddr_storage mapped{};
  socklen_t mapped_length = sizeof mapped;
  if (stun_usage_ice_conncheck_process(&message, &mapped, &mapped_length,
                                       STUN_USAGE_ICE_COMPATIBILITY_RFC5245) ==
      STUN_USAGE_ICE_RETURN_SUCCESS) {
    parsed.mapped = Endpoint::from_sockaddr(reinterpret_cast<const sockaddr*>(&mapped), mapped_length);
  }
  return parsed;
}

}  // namespace rtcsip::media::ice::test
