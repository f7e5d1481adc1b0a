#pragma once
// An IceLiteAgent on a manual clock, with every datagram it sends and every
// event it reports recorded, and a FakeBrowser to talk to it.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "fake_browser.hpp"
#include "rtcsip/core/manual_timer_service.hpp"
#include "rtcsip/media/ice/ice_lite_agent.hpp"

namespace rtcsip::media::ice::test {

struct SentDatagram {
  Endpoint to;
  std::vector<std::uint8_t> bytes;
};

inline Endpoint endpoint(const char* ip, std::uint16_t port) {
  auto e = Endpoint::parse(ip, port);
  if (!e) throw std::invalid_argument(ip);
  return *e;
}

class AgentTest : public ::testing::Test {
 protected:
  static IceLiteConfig default_config() {
    IceLiteConfig config;
    config.local = {kLiteUfrag, kLitePwd};
    return config;
  }

  void make_agent(IceLiteConfig config) {
    IceLiteAgent::Events events;
    events.selected = [this](const Endpoint& e) { selections.push_back(e); };
    events.failed = [this] { ++failures; };
    agent = std::make_unique<IceLiteAgent>(
        timers, std::move(config),
        [this](const Endpoint& to, std::span<const std::uint8_t> d) {
          sent.push_back({to, std::vector<std::uint8_t>(d.begin(), d.end())});
        },
        std::move(events));
  }

  void SetUp() override { make_agent(default_config()); }

  StunOutcome deliver(const std::vector<std::uint8_t>& datagram, const Endpoint& from) {
    // An exact-size heap copy, so that ASan sees any read past the datagram.
    const auto copy = std::make_unique<std::uint8_t[]>(datagram.size());
    std::copy(datagram.begin(), datagram.end(), copy.get());
    return agent->handle_stun(from, std::span<const std::uint8_t>(copy.get(), datagram.size()));
  }

  // The browser's reading of the last datagram the agent sent.
  ParsedAnswer last_answer() {
    if (sent.empty()) {
      ADD_FAILURE() << "nothing was sent";
      return {};
    }
    return browser.parse(sent.back().bytes);
  }

  core::ManualTimerService timers;
  FakeBrowser browser;
  std::vector<SentDatagram> sent;
  std::vector<Endpoint> selections;
  int failures = 0;
  std::unique_ptr<IceLiteAgent> agent;
  const Endpoint peer = endpoint("198.51.100.7", 50000);
  const Endpoint other_peer = endpoint("203.0.113.9", 61000);
};

}  // namespace rtcsip::media::ice::test
