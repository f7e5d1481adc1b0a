// FullIceAgent against real libnice peers over loopback: the io_context and
// the peers' GMainContexts are run in turn on the test thread.
#include "rtcsip/media/ice/full_ice_agent.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fake_browser.hpp"
#include "nice_peer.hpp"

namespace rtcsip::media::ice::test {
namespace {

namespace asio = boost::asio;
using udp = asio::ip::udp;
using Bytes = std::vector<std::uint8_t>;
using namespace std::chrono_literals;

const Endpoint kLoopback = *Endpoint::parse("127.0.0.1", 0);
constexpr std::uint32_t kHostPriority = (126u << 24) | (65535u << 8) | 255u;  // RFC 8445 §5.1.2.1

struct Received {
  Endpoint from;
  Bytes bytes;
};

// What an agent reported, in order.
struct Recorder {
  int gathering_done = 0;
  std::vector<Endpoint> selections;
  std::vector<std::string> failures;
  std::vector<Received> datagrams;
  std::function<void()> on_datagram;  // runs after a datagram is recorded

  FullIceAgent::Events events() {
    return {
        .gathering_done = [this] { ++gathering_done; },
        .selected = [this](const Endpoint& remote) { selections.push_back(remote); },
        .failed = [this](std::string_view reason) { failures.emplace_back(reason); },
        .datagram =
            [this](const Endpoint& from, std::span<std::uint8_t> datagram) {
              datagrams.push_back({from, Bytes(datagram.begin(), datagram.end())});
              if (on_datagram) on_datagram();
            },
    };
  }
  [[nodiscard]] std::size_t events_seen() const {
    return static_cast<std::size_t>(gathering_done) + selections.size() + failures.size() + datagrams.size();
  }
};

Endpoint endpoint_of(const udp::endpoint& e) {
  return *Endpoint::from_sockaddr(e.data(), static_cast<socklen_t>(e.size()));
}

udp::endpoint udp_of(const Endpoint& e) {  // the tests' endpoints are all IPv4
  asio::ip::address_v4::bytes_type bytes{};
  std::copy(e.address().begin(), e.address().end(), bytes.begin());
  return {asio::ip::address_v4(bytes), e.port()};
}

Bytes numbered(std::uint8_t tag, int i) {
  // Not STUN (RFC 7983: first byte 128..191 is RTP/RTCP), distinct per index.
  Bytes bytes(40 + i, static_cast<std::uint8_t>(i));
  bytes[0] = tag;
  bytes[1] = static_cast<std::uint8_t>(i);
  return bytes;
}

class FullIceAgentTest : public ::testing::Test {
 protected:
  static FullIceConfig loopback_config(const std::string& ufrag) {
    FullIceConfig config;
    config.local = {ufrag, "GatewayPasswordOf24Char"};
    config.local_addresses = {kLoopback};
    return config;
  }

  std::unique_ptr<FullIceAgent> make_agent(FullIceConfig config, Recorder& recorder) {
    auto created = FullIceAgent::create(io, std::move(config), recorder.events());
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message());
    return created.ok() ? std::move(*created) : nullptr;
  }

  // Runs the io_context and the peers in turn until `done` or `timeout`.
  template <class Done>
  bool run_until(Done done, std::chrono::milliseconds timeout = 5s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      io.restart();
      io.run_for(1ms);
      for (auto* peer : peers) peer->iterate();
    }
    return true;
  }
  void run_for(std::chrono::milliseconds duration) {
    run_until([] { return false; }, duration);
  }

  NicePeer& add_peer(const std::string& ufrag) {
    owned_peers.push_back(std::make_unique<NicePeer>(ufrag));
    peers.push_back(owned_peers.back().get());
    return *owned_peers.back();
  }

  Endpoint host_candidate(FullIceAgent& agent) {
    EXPECT_TRUE(run_until([&] { return agent.gathered(); }));
    const auto candidates = agent.local_candidates();
    EXPECT_FALSE(candidates.empty());
    return candidates.empty() ? Endpoint{} : candidates.front().address;
  }

  static RemoteCandidate host(const Endpoint& address) {
    return {.foundation = "1", .priority = kHostPriority, .type = CandidateType::host, .address = address};
  }

  // Both sides learn each other's credentials and candidates up front.
  void exchange(FullIceAgent& agent, NicePeer& peer) {
    ASSERT_TRUE(agent.gather());
    const Endpoint ours = host_candidate(agent);
    peer.set_remote_credentials(agent.local_credentials());
    peer.add_remote_candidate(ours);
    ASSERT_TRUE(agent.set_remote_credentials(peer.credentials()));
    ASSERT_TRUE(agent.add_remote_candidate(host(peer.candidate())));
    agent.end_of_remote_candidates();
  }

  void connect(FullIceAgent& agent, NicePeer& peer, Recorder& recorder) {
    exchange(agent, peer);
    ASSERT_TRUE(run_until([&] { return !recorder.selections.empty() && peer.ready(); }));
  }

  asio::io_context io;
  std::vector<std::unique_ptr<NicePeer>> owned_peers;
  std::vector<NicePeer*> peers;
};

TEST_F(FullIceAgentTest, GathersAHostCandidateWithARealPortOnTheGivenAddress) {
  Recorder recorder;
  auto agent = make_agent(loopback_config("GwGather"), recorder);
  ASSERT_TRUE(agent);
  EXPECT_FALSE(agent->gathered());
  ASSERT_TRUE(agent->gather());
  ASSERT_TRUE(run_until([&] { return recorder.gathering_done > 0; }));
  run_for(50ms);
  EXPECT_EQ(recorder.gathering_done, 1);
  EXPECT_TRUE(agent->gathered());
  const auto candidates = agent->local_candidates();
  ASSERT_EQ(candidates.size(), 1u);
  EXPECT_EQ(candidates[0].type, CandidateType::host);
  EXPECT_EQ(candidates[0].address.to_string().rfind("127.0.0.1:", 0), 0u);
  EXPECT_NE(candidates[0].address.port(), 0);
  EXPECT_FALSE(candidates[0].foundation.empty());
  EXPECT_GT(candidates[0].priority, 0u);
  EXPECT_FALSE(candidates[0].related.has_value());
  EXPECT_EQ(agent->local_credentials().ufrag, "GwGather");
}

TEST_F(FullIceAgentTest, HonoursThePortRange) {
  // A port free a moment ago, as a one-port range.
  udp::socket probe(io, udp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  const std::uint16_t port = probe.local_endpoint().port();
  probe.close();

  auto config = loopback_config("GwRange1");
  config.port_min = port;
  config.port_max = port;
  Recorder first_events;
  auto first = make_agent(config, first_events);
  ASSERT_TRUE(first && first->gather());
  EXPECT_EQ(host_candidate(*first).port(), port);

  // The range is used up: a second agent cannot get a host candidate in it.
  config.local.ufrag = "GwRange2";
  Recorder second_events;
  auto second = make_agent(config, second_events);
  ASSERT_TRUE(second);
  EXPECT_FALSE(second->gather());
}

TEST_F(FullIceAgentTest, RefusesInvalidConfigurations) {
  Recorder recorder;
  auto bad_credentials = loopback_config("GwBad");
  bad_credentials.local.pwd = "short";
  auto created = FullIceAgent::create(io, bad_credentials, recorder.events());
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error(), FullIceError::invalid_credentials);

  auto bad_range = loopback_config("GwBad");
  bad_range.port_min = 5000;
  bad_range.port_max = 4000;
  created = FullIceAgent::create(io, bad_range, recorder.events());
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error(), FullIceError::invalid_config);

  auto bad_stun = loopback_config("GwBad");
  bad_stun.stun_server = Endpoint{};
  created = FullIceAgent::create(io, bad_stun, recorder.events());
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error(), FullIceError::invalid_config);
}

TEST_F(FullIceAgentTest, ConnectsWithCandidatesExchangedUpFront) {
  Recorder recorder;
  auto agent = make_agent(loopback_config("GwUpFront"), recorder);
  auto& peer = add_peer("PeerUpFront");
  ASSERT_TRUE(agent);
  EXPECT_FALSE(agent->send(numbered(0x80, 0)));  // no pair yet
  ASSERT_NO_FATAL_FAILURE(connect(*agent, peer, recorder));

  ASSERT_EQ(recorder.selections.size(), 1u);
  EXPECT_EQ(recorder.selections[0], peer.candidate());
  EXPECT_EQ(agent->selected(), peer.candidate());
  EXPECT_TRUE(agent->is_verified(peer.candidate()));
  EXPECT_FALSE(agent->is_verified(*Endpoint::parse("127.0.0.1", 9)));
  EXPECT_EQ(peer.selected_remote(), host_candidate(*agent));
  EXPECT_EQ(agent->counters().selections, 1u);
  EXPECT_TRUE(recorder.failures.empty());
}

TEST_F(FullIceAgentTest, ConnectsWithThePeerCandidateTrickledAfterChecksStarted) {
  Recorder recorder;
  auto agent = make_agent(loopback_config("GwTrickle"), recorder);
  auto& peer = add_peer("PeerTrickle");
  ASSERT_TRUE(agent && agent->gather());
  const Endpoint ours = host_candidate(*agent);
  // A candidate that never answers: our checks start toward it.
  udp::socket decoy(io, udp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  peer.set_remote_credentials(agent->local_credentials());  // the peer waits for our checks
  ASSERT_TRUE(agent->set_remote_credentials(peer.credentials()));
  ASSERT_TRUE(agent->add_remote_candidate(host(endpoint_of(decoy.local_endpoint()))));
  ASSERT_TRUE(run_until([&] { return decoy.available() > 0; }));  // a check reached the decoy
  EXPECT_TRUE(recorder.selections.empty());

  ASSERT_TRUE(agent->add_remote_candidate(host(peer.candidate())));  // trickled
  agent->end_of_remote_candidates();
  ASSERT_TRUE(run_until([&] { return !recorder.selections.empty() && peer.ready(); }));
  EXPECT_EQ(recorder.selections.back(), peer.candidate());
  EXPECT_EQ(peer.selected_remote(), ours);
  EXPECT_TRUE(recorder.failures.empty());
}

TEST_F(FullIceAgentTest, CarriesDatagramsBothWaysWithTheirSource) {
  Recorder recorder;
  auto agent = make_agent(loopback_config("GwData"), recorder);
  auto& peer = add_peer("PeerData");
  ASSERT_TRUE(agent);
  ASSERT_NO_FATAL_FAILURE(connect(*agent, peer, recorder));

  constexpr int kCount = 50;
  for (int i = 0; i < kCount; ++i) {
    ASSERT_TRUE(peer.send(numbered(0x80, i)));
    ASSERT_TRUE(agent->send(numbered(0x90, i)));
  }
  ASSERT_TRUE(
      run_until([&] { return recorder.datagrams.size() == kCount && peer.received.size() == kCount; }));
  for (int i = 0; i < kCount; ++i) {
    EXPECT_EQ(recorder.datagrams[i].bytes, numbered(0x80, i)) << i;
    EXPECT_EQ(recorder.datagrams[i].from, peer.candidate()) << i;
    EXPECT_EQ(peer.received[i], numbered(0x90, i)) << i;
  }
  const auto& counters = agent->counters();
  EXPECT_EQ(counters.datagrams_received, kCount);
  EXPECT_EQ(counters.datagrams_delivered, kCount);
  EXPECT_EQ(counters.datagrams_sent, kCount);
  EXPECT_EQ(counters.unverified_dropped, 0u);
  EXPECT_EQ(counters.truncated, 0u);
}

TEST_F(FullIceAgentTest, DropsDatagramsLongerThanTheReceiveBuffer) {
  auto config = loopback_config("GwLong");
  config.receive_buffer = 100;
  Recorder recorder;
  auto agent = make_agent(config, recorder);
  auto& peer = add_peer("PeerLong");
  ASSERT_TRUE(agent);
  ASSERT_NO_FATAL_FAILURE(connect(*agent, peer, recorder));
  ASSERT_TRUE(peer.send(Bytes(101, 0x80)));
  ASSERT_TRUE(peer.send(Bytes(100, 0x81)));
  ASSERT_TRUE(run_until([&] { return agent->counters().datagrams_received == 2; }));
  EXPECT_EQ(agent->counters().truncated, 1u);
  ASSERT_EQ(recorder.datagrams.size(), 1u);
  EXPECT_EQ(recorder.datagrams[0].bytes, Bytes(100, 0x81));
}

// libnice 0.1.21 drops what comes from an address that is not one of its
// valid remote candidates before anything reaches us (its "DROPPING packet
// from unknown source", a verbose debug line): a stranger never gets as far
// as FullIceAgent, before or after ICE completed. The stranger's datagrams
// are queued on our socket ahead of the peer's, so once the peer's is
// delivered they were read, and dropped.
TEST_F(FullIceAgentTest, AStrangerNeverReachesTheDatagramEvent) {
  Recorder recorder;
  auto agent = make_agent(loopback_config("GwStranger"), recorder);
  auto& peer = add_peer("PeerStranger");
  ASSERT_TRUE(agent && agent->gather());
  const Endpoint ours = host_candidate(*agent);
  udp::socket stranger(io, udp::endpoint(asio::ip::make_address("127.0.0.1"), 0));

  stranger.send_to(asio::buffer(numbered(0x80, 1)), udp_of(ours));  // before ICE
  ASSERT_NO_FATAL_FAILURE(connect(*agent, peer, recorder));
  for (int i = 0; i < 5; ++i) stranger.send_to(asio::buffer(numbered(0x80, 2 + i)), udp_of(ours));
  ASSERT_TRUE(peer.send(numbered(0x81, 0)));  // queued after the stranger's
  ASSERT_TRUE(run_until([&] { return !recorder.datagrams.empty(); }));
  run_for(20ms);

  ASSERT_EQ(recorder.datagrams.size(), 1u);
  EXPECT_EQ(recorder.datagrams[0].from, peer.candidate());
  EXPECT_EQ(recorder.datagrams[0].bytes, numbered(0x81, 0));
  EXPECT_EQ(agent->counters().datagrams_received, 1u);  // libnice handed over only the peer's
  EXPECT_EQ(agent->counters().datagrams_delivered, 1u);
  EXPECT_FALSE(agent->is_verified(endpoint_of(stranger.local_endpoint())));
}

// A source that sent a check signed with our password is valid for libnice,
// which then hands its data over: it is still not the remote of a pair that
// passed our checks, so the agent drops it and counts it.
TEST_F(FullIceAgentTest, DropsAndCountsDataFromAnAuthenticatedButUnverifiedSource) {
  Recorder recorder;
  auto config = loopback_config("GwAuth");
  auto agent = make_agent(config, recorder);
  ASSERT_TRUE(agent && agent->gather());
  const Endpoint ours = host_candidate(*agent);
  ASSERT_TRUE(agent->set_remote_credentials({kBrowserUfrag, "BrowserPasswordOf24Char"}));

  udp::socket source(io, udp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  FakeBrowser browser;
  CheckOptions options;
  options.username = config.local.ufrag + ":" + kBrowserUfrag;
  options.password = config.local.pwd;
  source.send_to(asio::buffer(browser.check(options)), udp_of(ours));
  ASSERT_TRUE(run_until([&] { return source.available() > 0; }));  // libnice answered it

  source.send_to(asio::buffer(numbered(0x80, 0)), udp_of(ours));
  ASSERT_TRUE(run_until([&] { return agent->counters().datagrams_received == 1; }));
  EXPECT_EQ(agent->counters().unverified_dropped, 1u);
  EXPECT_EQ(agent->counters().datagrams_delivered, 0u);
  EXPECT_TRUE(recorder.datagrams.empty());
  EXPECT_FALSE(agent->is_verified(endpoint_of(source.local_endpoint())));
}

TEST_F(FullIceAgentTest, FailsWhenThePeerNeverAnswers) {
  auto config = loopback_config("GwFail");
  config.stun_max_retransmissions = 2;
  config.failure_delay = 300ms;
  Recorder recorder;
  auto agent = make_agent(config, recorder);
  ASSERT_TRUE(agent && agent->gather());
  host_candidate(*agent);
  udp::socket silent(io, udp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  ASSERT_TRUE(agent->set_remote_credentials({"Silent", "SilentPasswordOf24Chars"}));
  ASSERT_TRUE(agent->add_remote_candidate(host(endpoint_of(silent.local_endpoint()))));
  agent->end_of_remote_candidates();

  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(run_until([&] { return !recorder.failures.empty(); }, 5s));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  run_for(50ms);
  EXPECT_EQ(recorder.failures.size(), 1u);
  EXPECT_FALSE(recorder.failures[0].empty());
  EXPECT_TRUE(recorder.selections.empty());
  EXPECT_FALSE(agent->selected().has_value());
  EXPECT_FALSE(agent->send(numbered(0x80, 0)));
  EXPECT_GT(silent.available(), 0u);  // it was asked
}

TEST_F(FullIceAgentTest, CloseStopsEventsAndDestructionIsCleanWhilePacketsArrive) {
  Recorder recorder;
  auto agent = make_agent(loopback_config("GwClose"), recorder);
  auto& peer = add_peer("PeerClose");
  ASSERT_TRUE(agent);
  ASSERT_NO_FATAL_FAILURE(connect(*agent, peer, recorder));
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(peer.send(numbered(0x80, i)));
  ASSERT_TRUE(run_until([&] { return !recorder.datagrams.empty(); }));

  agent->close();
  const std::size_t seen = recorder.events_seen();
  for (int i = 0; i < 20; ++i) {
    peer.send(numbered(0x80, i));
    run_for(2ms);
  }
  EXPECT_EQ(recorder.events_seen(), seen);
  EXPECT_FALSE(agent->selected().has_value());
  EXPECT_FALSE(agent->send(numbered(0x90, 0)));
  EXPECT_FALSE(agent->is_verified(peer.candidate()));

  for (int i = 0; i < 10; ++i) peer.send(numbered(0x80, i));
  agent.reset();
  run_for(50ms);  // whatever the io_context still holds for the agent finds it gone
  EXPECT_EQ(recorder.events_seen(), seen);
}

TEST_F(FullIceAgentTest, DestructionWithoutCloseWhilePacketsArriveIsClean) {
  Recorder recorder;
  auto agent = make_agent(loopback_config("GwDrop"), recorder);
  auto& peer = add_peer("PeerDrop");
  ASSERT_TRUE(agent);
  ASSERT_NO_FATAL_FAILURE(connect(*agent, peer, recorder));
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(peer.send(numbered(0x80, i)));
  run_for(1ms);
  agent.reset();
  for (int i = 0; i < 10; ++i) peer.send(numbered(0x80, i));
  run_for(50ms);
  SUCCEED();
}

TEST_F(FullIceAgentTest, AnEventMayDestroyTheAgentWithDatagramsStillQueued) {
  Recorder recorder;
  std::unique_ptr<FullIceAgent> agent = make_agent(loopback_config("GwReset"), recorder);
  auto& peer = add_peer("PeerReset");
  ASSERT_TRUE(agent);
  ASSERT_NO_FATAL_FAILURE(connect(*agent, peer, recorder));
  recorder.on_datagram = [&] { agent.reset(); };
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(peer.send(numbered(0x80, i)));  // one batch and more
  ASSERT_TRUE(run_until([&] { return agent == nullptr; }));
  run_for(50ms);
  EXPECT_EQ(recorder.datagrams.size(), 1u);
}

TEST_F(FullIceAgentTest, TwentyAgentsOnOneIoContextConnectAtOnce) {
  constexpr int kAgents = 20;
  std::vector<Recorder> recorders(kAgents);
  std::vector<std::unique_ptr<FullIceAgent>> agents;
  std::vector<NicePeer*> agent_peers;
  for (int i = 0; i < kAgents; ++i) {
    agents.push_back(make_agent(loopback_config("GwMany" + std::to_string(i)), recorders[i]));
    ASSERT_TRUE(agents.back());
    agent_peers.push_back(&add_peer("PeerMany" + std::to_string(i)));
  }
  for (int i = 0; i < kAgents; ++i) ASSERT_NO_FATAL_FAILURE(exchange(*agents[i], *agent_peers[i]));
  ASSERT_TRUE(run_until(
      [&] {
        for (int i = 0; i < kAgents; ++i) {
          if (recorders[i].selections.empty() || !agent_peers[i]->ready()) return false;
        }
        return true;
      },
      10s));
  for (int i = 0; i < kAgents; ++i) {
    EXPECT_EQ(agents[i]->selected(), agent_peers[i]->candidate()) << i;
    ASSERT_TRUE(agent_peers[i]->send(numbered(0x80, i)));
    ASSERT_TRUE(agents[i]->send(numbered(0x90, i)));
  }
  ASSERT_TRUE(run_until([&] {
    for (int i = 0; i < kAgents; ++i) {
      if (recorders[i].datagrams.empty() || agent_peers[i]->received.empty()) return false;
    }
    return true;
  }));
  for (int i = 0; i < kAgents; ++i) {
    ASSERT_EQ(recorders[i].datagrams.size(), 1u) << i;
    EXPECT_EQ(recorders[i].datagrams[0].bytes, numbered(0x80, i)) << i;
    EXPECT_EQ(recorders[i].datagrams[0].from, agent_peers[i]->candidate()) << i;
    ASSERT_EQ(agent_peers[i]->received.size(), 1u) << i;
    EXPECT_EQ(agent_peers[i]->received[0], numbered(0x90, i)) << i;
  }
}

}  // namespace
}  // namespace rtcsip::media::ice::test
