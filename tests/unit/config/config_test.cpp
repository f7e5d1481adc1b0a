// Loading valid configuration files: every key of a full example, the
// defaults, and the shipped default file.
#include <gtest/gtest.h>

#include "rtcsip/config/config.hpp"

using namespace rtcsip::config;
using namespace std::chrono_literals;

class FullConfig : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto result = load_file(std::string(RTCSIP_TEST_DATA) + "/config/full.yaml");
    for (const auto& e : result.errors) ADD_FAILURE() << e.to_string();
    ASSERT_TRUE(result.config.has_value());
    config_ = new Config(std::move(*result.config));
  }
  static void TearDownTestSuite() { delete config_; }
  static const Config& c() { return *config_; }
  static inline Config* config_ = nullptr;
};

TEST_F(FullConfig, PathsAreRelativeToTheFile) {
  const std::filesystem::path dir = std::string(RTCSIP_TEST_DATA) + "/config";
  EXPECT_EQ(c().source, dir / "full.yaml");
  EXPECT_EQ(c().state_dir, dir / "state");
  EXPECT_EQ(c().listeners[0].certificate, dir / "tls/cert.pem");
  EXPECT_EQ(c().listeners[0].private_key, dir / "tls/key.pem");
}

TEST_F(FullConfig, Listeners) {
  ASSERT_EQ(c().listeners.size(), 5u);
  const auto& wss = c().listeners[0];
  EXPECT_EQ(wss.transport, Transport::wss);
  EXPECT_EQ(wss.address, "127.0.0.1");
  EXPECT_EQ(wss.port, 7443);
  EXPECT_EQ(wss.allowed_origins,
            (std::vector<std::string>{"https://phone.example.com", "https://app.example.com"}));
  EXPECT_EQ(wss.certificate_location.line, 7);
  EXPECT_EQ(c().listeners[1].transport, Transport::udp);
  EXPECT_EQ(c().listeners[1].address, "::1");
  EXPECT_EQ(c().listeners[1].port, 5070);
  EXPECT_EQ(c().listeners[2].address, "0.0.0.0");
  EXPECT_EQ(c().listeners[3].transport, Transport::tls);
  EXPECT_TRUE(c().listeners[3].verify_client);
  EXPECT_FALSE(c().listeners[3].ca_file.empty());
  EXPECT_EQ(c().listeners[4].transport, Transport::ws);
  EXPECT_EQ(c().listeners[4].port, 8088);
}

TEST_F(FullConfig, SipAndAuth) {
  EXPECT_EQ(c().sip.domain, "gw.example.com");
  EXPECT_EQ(c().sip.user_agent, "Example Gateway");
  EXPECT_EQ(c().sip.t1, 250ms);
  EXPECT_EQ(c().sip.t2, 8s);
  EXPECT_EQ(c().sip.t4, 10s);
  EXPECT_EQ(c().sip.session_expires, 15min);
  EXPECT_EQ(c().sip.min_se, 120s);
  EXPECT_EQ(c().auth.algorithms, (std::vector<std::string>{"MD5"}));
  EXPECT_EQ(c().auth.nonce_lifetime, 1min);
}

TEST_F(FullConfig, Media) {
  const auto& m = c().media;
  EXPECT_EQ(m.bind_address, "10.0.0.5");
  EXPECT_EQ(m.advertised_address, "203.0.113.10");
  EXPECT_EQ(m.port_min, 30000);
  EXPECT_EQ(m.port_max, 30999);
  EXPECT_EQ(m.workers, 4u);
  EXPECT_EQ(m.ice, IceMode::full);
  EXPECT_EQ(m.stun_server, "stun.example.com:3478");
  EXPECT_EQ(m.codecs, (std::vector<Codec>{Codec::pcmu, Codec::opus}));
  EXPECT_EQ(m.srtp, SrtpMode::optional);
  EXPECT_EQ(m.opus.complexity, 9);
  EXPECT_EQ(m.opus.bitrate, 48000);
  EXPECT_FALSE(m.opus.fec);
}

TEST_F(FullConfig, UsersTrunksRoutes) {
  ASSERT_EQ(c().users.size(), 2u);
  EXPECT_EQ(c().users[0].username, "alice");
  EXPECT_EQ(c().users[0].password, "secret");
  EXPECT_EQ(c().users[0].display_name, "Alice Example");
  EXPECT_EQ(c().users[1].ha1_md5, "0123456789abcdef0123456789ABCDEF");
  EXPECT_EQ(c().users[1].ha1_sha256.size(), 64u);

  ASSERT_EQ(c().trunks.size(), 2u);
  const auto& pbx = c().trunks[0];
  EXPECT_EQ(pbx.name, "pbx");
  EXPECT_EQ(pbx.host, "pbx.example.com");
  EXPECT_FALSE(pbx.port.has_value());
  EXPECT_EQ(pbx.transport, Transport::tls);
  EXPECT_EQ(pbx.codecs, (std::vector<Codec>{Codec::g722, Codec::pcma}));
  EXPECT_EQ(pbx.srtp, SrtpMode::sdes);
  EXPECT_EQ(pbx.username, "gw");
  EXPECT_EQ(pbx.password, "pw");
  EXPECT_EQ(pbx.realm, "asterisk");
  EXPECT_TRUE(pbx.register_);
  EXPECT_EQ(pbx.register_expires, 10min);
  EXPECT_EQ(pbx.options_interval, 30s);
  EXPECT_EQ(pbx.allowed_addresses, (std::vector<std::string>{"192.0.2.10", "2001:db8::/32"}));
  const auto& carrier = c().trunks[1];
  EXPECT_EQ(carrier.port, 5080);
  EXPECT_EQ(carrier.transport, Transport::udp);
  EXPECT_TRUE(carrier.codecs.empty());
  EXPECT_FALSE(carrier.srtp.has_value());
  EXPECT_FALSE(carrier.register_);

  ASSERT_EQ(c().routes.size(), 2u);
  EXPECT_EQ(c().routes[0].name, "outbound");
  EXPECT_EQ(c().routes[0].from, RouteSource::webrtc);
  EXPECT_EQ(c().routes[0].prefix, "0");
  EXPECT_EQ(c().routes[0].strip, 1u);
  EXPECT_EQ(c().routes[0].prepend, "+49");
  EXPECT_EQ(c().routes[0].to_trunk, "carrier");
  EXPECT_EQ(c().routes[1].from, RouteSource::trunk);
  EXPECT_EQ(c().routes[1].from_trunk, "pbx");
  EXPECT_EQ(c().routes[1].pattern, "^(1[0-9]{3})$");
  EXPECT_EQ(c().routes[1].rewrite, "$1");
  EXPECT_EQ(c().routes[1].to_user, "alice");
}

TEST_F(FullConfig, LimitsLoggingMetrics) {
  EXPECT_EQ(c().limits.max_message_size, 32768u);
  EXPECT_EQ(c().limits.max_connections, 500u);
  EXPECT_EQ(c().limits.max_connections_per_address, 20u);
  EXPECT_EQ(c().limits.max_calls, 100u);
  EXPECT_EQ(c().limits.handshake_timeout, 5s);
  EXPECT_EQ(c().limits.idle_timeout, 2min);
  EXPECT_EQ(c().logging.level, "debug");
  EXPECT_EQ(c().logging.file, "/tmp/rtcsipd-test.log");
  EXPECT_EQ(c().logging.modules,
            (std::map<std::string, std::string>{{"media", "warning"}, {"sip", "trace"}}));
  EXPECT_FALSE(c().metrics.enabled);
  EXPECT_EQ(c().metrics.path, "/stats");
}

TEST(DefaultConfig, AnEmptyFileGivesTheDefaults) {
  auto result = load_string("", "empty.yaml");
  ASSERT_TRUE(result.config.has_value());
  const Config& c = *result.config;
  ASSERT_EQ(c.listeners.size(), 4u);
  EXPECT_EQ(c.listeners[0].transport, Transport::wss);
  EXPECT_EQ(c.listeners[0].port, 7443);
  EXPECT_EQ(c.listeners[1].transport, Transport::udp);
  EXPECT_EQ(c.listeners[1].port, 5060);
  EXPECT_EQ(c.listeners[2].transport, Transport::tcp);
  EXPECT_EQ(c.listeners[2].port, 5060);
  EXPECT_EQ(c.listeners[3].transport, Transport::tls);
  EXPECT_EQ(c.listeners[3].port, 5061);
  EXPECT_EQ(c.sip.t1, 500ms);
  EXPECT_EQ(c.sip.t2, 4s);
  EXPECT_EQ(c.sip.t4, 5s);
  EXPECT_EQ(c.media.port_min, 20000);
  EXPECT_EQ(c.media.port_max, 40000);
  EXPECT_EQ(c.media.workers, 0u);
  EXPECT_EQ(c.media.ice, IceMode::lite);
  EXPECT_EQ(c.media.codecs, (std::vector<Codec>{Codec::opus, Codec::g722, Codec::pcmu, Codec::pcma}));
  EXPECT_EQ(c.limits.max_message_size, 65535u);
  EXPECT_EQ(c.logging.level, "info");
  EXPECT_TRUE(c.metrics.enabled);
}

TEST(DefaultConfig, ListenerPortsDefaultPerTransport) {
  auto result = load_string(
      "listeners:\n  - transport: tls\n  - transport: ws\n  - transport: wss\n    address: '::'\n", "t.yaml");
  ASSERT_TRUE(result.config.has_value()) << result.errors[0].to_string();
  EXPECT_EQ(result.config->listeners[0].port, 5061);
  EXPECT_EQ(result.config->listeners[1].port, 8080);
  EXPECT_EQ(result.config->listeners[2].port, 7443);
  EXPECT_EQ(result.config->listeners[2].address, "::");
}

TEST(DefaultConfig, TheShippedFileLoads) {
  auto result = load_file(std::string(RTCSIP_SOURCE_DIR) + "/config/rtcsipd.yaml");
  for (const auto& e : result.errors) ADD_FAILURE() << e.to_string();
  ASSERT_TRUE(result.config.has_value());
  EXPECT_EQ(result.config->listeners.size(), 4u);
  EXPECT_TRUE(result.config->users.empty());
}

TEST(DefaultConfig, DurationsAcceptEveryUnit) {
  auto result =
      load_string("sip: {t1: 1s, t2: 1m, session_expires: 1h}\nlimits: {idle_timeout: 90000ms}\n", "t.yaml");
  ASSERT_TRUE(result.config.has_value()) << result.errors[0].to_string();
  EXPECT_EQ(result.config->sip.t1, 1s);
  EXPECT_EQ(result.config->sip.t2, 1min);
  EXPECT_EQ(result.config->sip.session_expires, 1h);
  EXPECT_EQ(result.config->limits.idle_timeout, 90s);
}
