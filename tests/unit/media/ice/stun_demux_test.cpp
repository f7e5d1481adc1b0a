// Routing STUN on a shared port by the local ufrag in USERNAME.
#include "rtcsip/media/ice/stun_demux.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "agent_fixture.hpp"

namespace rtcsip::media::ice::test {
namespace {

std::span<const std::uint8_t> bytes(const std::vector<std::uint8_t>& v) { return {v.data(), v.size()}; }

// A Binding request whose USERNAME is written as given, before
// MESSAGE-INTEGRITY or (integrity_first) after it. Not signed properly:
// the demux never looks.
std::vector<std::uint8_t> request_with_username(const std::string& username, bool integrity_first = false) {
  std::vector<std::uint8_t> m = {0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42};
  m.resize(20, 0x5a);
  const auto attribute = [&m](std::uint16_t type, std::vector<std::uint8_t> value) {
    m.push_back(static_cast<std::uint8_t>(type >> 8));
    m.push_back(static_cast<std::uint8_t>(type));
    m.push_back(static_cast<std::uint8_t>(value.size() >> 8));
    m.push_back(static_cast<std::uint8_t>(value.size()));
    m.insert(m.end(), value.begin(), value.end());
    while (m.size() % 4 != 0) m.push_back(0);
  };
  const std::vector<std::uint8_t> name(username.begin(), username.end());
  if (integrity_first) attribute(0x0008, std::vector<std::uint8_t>(20, 0));
  attribute(0x0006, name);
  if (!integrity_first) attribute(0x0008, std::vector<std::uint8_t>(20, 0));
  const std::size_t length = m.size() - 20;
  m[2] = static_cast<std::uint8_t>(length >> 8);
  m[3] = static_cast<std::uint8_t>(length);
  return m;
}

TEST(StunDemux, LocalUfragOfABrowserCheck) {
  FakeBrowser browser;
  const auto check = browser.check();
  const auto ufrag = stun_local_ufrag(bytes(check));
  ASSERT_TRUE(ufrag.has_value());
  EXPECT_EQ(*ufrag, kLiteUfrag);
  // A view into the datagram, not a copy.
  EXPECT_GE(reinterpret_cast<const std::uint8_t*>(ufrag->data()), check.data());
  EXPECT_LT(reinterpret_cast<const std::uint8_t*>(ufrag->data()), check.data() + check.size());
  EXPECT_TRUE(looks_like_stun(bytes(check)));
}

TEST(StunDemux, DoesNotAuthenticate) {
  FakeBrowser browser;
  CheckOptions o;
  o.password = "NotTheRightPasswordAtAll";
  auto check = browser.check(o);
  check.back() ^= 0xff;  // FINGERPRINT too
  EXPECT_EQ(stun_local_ufrag(bytes(check)), kLiteUfrag);
}

TEST(StunDemux, ReadsOnlyWellFormedUsernames) {
  EXPECT_EQ(stun_local_ufrag(bytes(request_with_username("abcd:efgh"))), "abcd");
  EXPECT_EQ(stun_local_ufrag(bytes(request_with_username("a:b:c"))), "a");
  EXPECT_FALSE(stun_local_ufrag(bytes(request_with_username("abcdefgh"))).has_value());
  EXPECT_FALSE(stun_local_ufrag(bytes(request_with_username(":efgh"))).has_value());
  EXPECT_FALSE(stun_local_ufrag(bytes(request_with_username("abcd:"))).has_value());
  EXPECT_FALSE(stun_local_ufrag(bytes(request_with_username(""))).has_value());
  // RFC 8489 §14.5: what follows MESSAGE-INTEGRITY is not part of the request.
  EXPECT_FALSE(stun_local_ufrag(bytes(request_with_username("abcd:efgh", true))).has_value());
}

TEST(StunDemux, OnlyBindingRequests) {
  FakeBrowser browser;
  EXPECT_FALSE(stun_local_ufrag(bytes(browser.indication())).has_value());
  auto response = request_with_username("abcd:efgh");
  response[1] = 0x01;
  response[0] = 0x01;  // 0x0101: Binding success response
  EXPECT_FALSE(stun_local_ufrag(bytes(response)).has_value());
  EXPECT_TRUE(looks_like_stun(bytes(response)));
  EXPECT_FALSE(stun_local_ufrag(bytes(browser.bare_request({.method = STUN_ALLOCATE}))).has_value());
}

TEST(StunDemux, RejectsWhatIsNotOneStunMessage) {
  FakeBrowser browser;
  const auto check = browser.check();
  for (std::size_t n = 0; n < check.size(); ++n) {
    const std::vector<std::uint8_t> prefix(check.begin(), check.begin() + static_cast<std::ptrdiff_t>(n));
    EXPECT_FALSE(stun_local_ufrag(bytes(prefix)).has_value()) << n;
    EXPECT_FALSE(looks_like_stun(bytes(prefix))) << n;
  }
  auto longer = check;
  longer.push_back(0);
  EXPECT_FALSE(looks_like_stun(bytes(longer)));
  auto no_cookie = check;
  no_cookie[5] ^= 1;
  EXPECT_FALSE(stun_local_ufrag(bytes(no_cookie)).has_value());
  auto rtp = check;
  rtp[0] = 0x80;
  EXPECT_FALSE(looks_like_stun(bytes(rtp)));
  auto overlong_attribute = request_with_username("abcd:efgh");
  overlong_attribute[22] = 0x7f;  // USERNAME's length runs past the end
  EXPECT_FALSE(stun_local_ufrag(bytes(overlong_attribute)).has_value());
}

TEST(StunDemux, RoutesChecksOnASharedPortToTheRightAgent) {
  core::ManualTimerService timers;
  std::map<std::string, std::unique_ptr<IceLiteAgent>, std::less<>> agents;
  std::map<std::string, int, std::less<>> answered;
  for (const char* ufrag : {"CallOne1", "CallTwo2", kLiteUfrag}) {
    IceLiteConfig config;
    config.local = {ufrag, kLitePwd};
    agents[ufrag] = std::make_unique<IceLiteAgent>(
        timers, config,
        [&answered, name = std::string(ufrag)](const Endpoint&, std::span<const std::uint8_t>) {
          ++answered[name];
        },
        IceLiteAgent::Events{});
  }
  FakeBrowser browser;
  const auto check = browser.check();
  const auto ufrag = stun_local_ufrag(bytes(check));
  ASSERT_TRUE(ufrag.has_value());
  const auto it = agents.find(*ufrag);
  ASSERT_NE(it, agents.end());
  EXPECT_EQ(it->second->handle_stun(endpoint("192.0.2.10", 4000), bytes(check)), StunOutcome::answered);
  EXPECT_EQ(answered[kLiteUfrag], 1);
  EXPECT_EQ(answered["CallOne1"], 0);
  // The same request given to another call's agent is refused (401).
  EXPECT_EQ(agents["CallOne1"]->handle_stun(endpoint("192.0.2.10", 4000), bytes(check)),
            StunOutcome::rejected_unauthorized);
}

}  // namespace
}  // namespace rtcsip::media::ice::test
