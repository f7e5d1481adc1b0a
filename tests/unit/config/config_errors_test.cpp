// Every class of invalid configuration, with the exact message an operator
// sees: file:line:column, the key path, and what is wrong.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rtcsip/config/config.hpp"

using rtcsip::config::load_file;
using rtcsip::config::load_string;

namespace {

std::vector<std::string> errors(const std::string& yaml) {
  auto result = load_string(yaml, "t.yaml", "/etc/rtcsipd");
  EXPECT_EQ(result.config.has_value(), result.errors.empty());
  std::vector<std::string> out;
  for (const auto& e : result.errors) out.push_back(e.to_string());
  return out;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST(ConfigErrors, YamlSyntax) {
  EXPECT_EQ(errors("listeners:\n  - transport: udp\n   port: 5060\n"),
            Lines{"t.yaml:3:4: invalid YAML: end of sequence not found"});
  EXPECT_EQ(errors("sip: {t1: 500ms\n"), Lines{"t.yaml:2:1: invalid YAML: end of map flow not found"});
}

TEST(ConfigErrors, UnreadableFile) {
  auto result = load_file("/nonexistent/rtcsipd.yaml");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].to_string(),
            "/nonexistent/rtcsipd.yaml: cannot read file: No such file or directory");
}

TEST(ConfigErrors, WrongTypes) {
  EXPECT_EQ(errors("listeners:\n  - transport: udp\n    port: five\n"),
            Lines{"t.yaml:3:11: listeners[0].port: expected an integer, got 'five'"});
  EXPECT_EQ(errors("media: [1, 2]\n"), Lines{"t.yaml:1:8: media: expected a mapping, got a list"});
  EXPECT_EQ(errors("listeners: {transport: udp}\n"), Lines{"t.yaml:1:12: listeners: expected a list"});
  EXPECT_EQ(errors("metrics:\n  enabled: maybe\n"),
            Lines{"t.yaml:2:12: metrics.enabled: expected true or false, got 'maybe'"});
  EXPECT_EQ(errors("sip:\n  domain: [a, b]\n"),
            Lines{"t.yaml:2:11: sip.domain: expected a string, got a list"});
  EXPECT_EQ(errors("media:\n  codecs: pcmu\n"), Lines{"t.yaml:2:11: media.codecs: expected a list"});
  EXPECT_EQ(errors("\"just a string\"\n"), Lines{"t.yaml:1:1: expected a mapping, got 'just a string'"});
}

TEST(ConfigErrors, UnknownKeys) {
  EXPECT_EQ(errors("listeners:\n  - transport: udp\n    prot: 5060\n"),
            Lines{"t.yaml:3:5: listeners[0].prot: unknown key 'prot' (did you mean 'port'?)"});
  EXPECT_EQ(errors("medias:\n  workers: 2\n"),
            Lines{"t.yaml:1:1: medias: unknown key 'medias' (did you mean 'media'?)"});
  EXPECT_EQ(errors("colour: blue\n"), Lines{"t.yaml:1:1: colour: unknown key 'colour'"});
  EXPECT_EQ(errors("logging:\n  modules: {sip: debug, rtp: debug}\n"),
            Lines{"t.yaml:2:25: logging.modules.rtp: unknown key 'rtp'"});
  EXPECT_EQ(errors("listeners:\n  - transport: udp\n    adress: 127.0.0.1\n"),
            Lines{"t.yaml:3:5: listeners[0].adress: unknown key 'adress' (did you mean 'address'?)"});
  // A key that belongs to another transport is unknown here.
  EXPECT_EQ(errors("listeners:\n  - transport: udp\n    certificate: /x.pem\n"),
            Lines{"t.yaml:3:5: listeners[0].certificate: unknown key 'certificate'"});
}

TEST(ConfigErrors, DuplicateKeys) {
  EXPECT_EQ(errors("media:\n  workers: 1\n  workers: 2\n"),
            Lines{"t.yaml:3:3: media.workers: duplicate key"});
}

TEST(ConfigErrors, MissingRequiredKeys) {
  EXPECT_EQ(errors("trunks:\n  - name: pbx\n"), Lines{"t.yaml:2:5: trunks[0].host: is required"});
  EXPECT_EQ(errors("listeners:\n  - port: 5060\n"), Lines{"t.yaml:2:5: listeners[0].transport: is required"});
  EXPECT_EQ(errors("users:\n  - username: alice\n"),
            Lines{"t.yaml:2:5: users[0].password: is required (or ha1_md5 / ha1_sha256)"});
  EXPECT_EQ(errors("routes:\n  - prefix: '9'\n"),
            Lines{"t.yaml:2:5: routes[0].to_trunk: give exactly one of to_trunk and to_user"});
}

TEST(ConfigErrors, ValuesOutOfRange) {
  EXPECT_EQ(errors("listeners:\n  - transport: udp\n    port: 70000\n"),
            Lines{"t.yaml:3:11: listeners[0].port: must be between 1 and 65535, got 70000"});
  EXPECT_EQ(errors("listeners:\n  - transport: udp\n    port: 0\n"),
            Lines{"t.yaml:3:11: listeners[0].port: must be between 1 and 65535, got 0"});
  EXPECT_EQ(errors("listeners:\n  - transport: udp\n    port: -1\n"),
            Lines{"t.yaml:3:11: listeners[0].port: must be between 1 and 65535, got -1"});
  EXPECT_EQ(
      errors("media:\n  port_min: 99999999999999999999999\n"),
      Lines{"t.yaml:2:13: media.port_min: must be between 1024 and 65535, got 99999999999999999999999"});
  EXPECT_EQ(errors("media:\n  shared_port: 25000\n"),
            Lines{"t.yaml:2:16: media.shared_port: must lie outside port_min..port_max (20000..40000)"});
  EXPECT_EQ(errors("media:\n  shared_port: 80\n"),
            Lines{"t.yaml:2:16: media.shared_port: must be 0 (off) or between 1024 and 65535, got 80"});
  EXPECT_EQ(
      errors("media:\n  ice: full\n  shared_port: 7000\n"),
      Lines{"t.yaml:3:16: media.shared_port: is used only with ice: lite (libnice opens its own sockets)"});
  EXPECT_EQ(errors("media:\n  turn_server: 192.0.2.1:3478\n"),
            Lines{"t.yaml:2:16: media.turn_server: is used only with ice: full"});
  EXPECT_EQ(errors("media:\n  ice: full\n  turn_server: 192.0.2.1:3478\n  turn_username: u\n"),
            Lines{"t.yaml:3:16: media.turn_server: needs turn_username and turn_password"});
  EXPECT_EQ(errors("media:\n  turn_password: p\n"),
            Lines{"t.yaml:2:18: media.turn_password: is used only with turn_server"});
  EXPECT_EQ(errors("media:\n  port_min: 30000\n  port_max: 20000\n"),
            Lines{"t.yaml:3:13: media.port_max: must not be lower than port_min (30000)"});
  EXPECT_EQ(errors("sip:\n  t1: 20ms\n"),
            Lines{"t.yaml:2:7: sip.t1: must be between 50ms and 10000ms, got 20ms"});
  EXPECT_EQ(errors("sip:\n  t1: 2s\n  t2: 1s\n"), Lines{"t.yaml:3:7: sip.t2: must not be shorter than t1"});
  EXPECT_EQ(errors("media:\n  opus: {complexity: 11}\n"),
            Lines{"t.yaml:2:22: media.opus.complexity: must be between 0 and 10, got 11"});
}

TEST(ConfigErrors, BadValues) {
  EXPECT_EQ(errors("listeners:\n  - transport: sctp\n"),
            Lines{"t.yaml:2:16: listeners[0].transport: must be one of udp, tcp, tls, ws, wss; got 'sctp'"});
  EXPECT_EQ(errors("listeners:\n  - transport: udp\n    address: 300.1.1.1\n"),
            Lines{"t.yaml:3:14: listeners[0].address: expected an IPv4 or IPv6 address, got '300.1.1.1'"});
  EXPECT_EQ(errors("sip:\n  t1: 500\n"),
            Lines{"t.yaml:2:7: sip.t1: expected a duration such as 500ms, 30s, 5m or 1h, got '500'"});
  EXPECT_EQ(errors("media:\n  codecs: [opus, speex]\n"),
            Lines{"t.yaml:2:18: media.codecs[1]: must be one of opus, g722, pcmu, pcma; got 'speex'"});
  EXPECT_EQ(errors("logging:\n  level: loud\n"),
            Lines{"t.yaml:2:10: logging.level: must be one of trace, debug, info, warning, error, critical, "
                  "off; got 'loud'"});
  EXPECT_EQ(errors("users:\n  - username: bob\n    ha1_md5: xyz\n"),
            Lines{"t.yaml:3:14: users[0].ha1_md5: expected 32 hexadecimal digits"});
  EXPECT_EQ(errors("routes:\n  - pattern: '(['\n    to_user: x\n"),
            (Lines{"t.yaml:2:14: routes[0].pattern: invalid regular expression: "
                   "Unexpected character within '[...]' in regular expression",
                   "t.yaml:2:5: routes[0].to_user: no user is named 'x'"}));
  EXPECT_EQ(errors("trunks:\n  - name: a b\n    host: h\n"),
            Lines{"t.yaml:2:11: trunks[0].name: may hold only letters, digits, '-', '_' and '.'"});
  EXPECT_EQ(errors("trunks:\n  - name: t\n    host: h\n    allowed_addresses: [10.0.0.0/33]\n"),
            Lines{"t.yaml:4:24: trunks[0].allowed_addresses: expected an IP address or CIDR prefix, got "
                  "'10.0.0.0/33'"});
  EXPECT_EQ(errors("trunks:\n  - name: t\n    host: h\n    transport: wss\n"),
            Lines{"t.yaml:4:16: trunks[0].transport: a trunk uses udp, tcp or tls"});
  EXPECT_EQ(errors("metrics:\n  path: stats\n"), Lines{"t.yaml:2:9: metrics.path: must start with '/'"});
}

TEST(ConfigErrors, DuplicateListeners) {
  EXPECT_EQ(errors("listeners:\n  - transport: tcp\n  - transport: tls\n    port: 5060\n"),
            Lines{"t.yaml:3:5: listeners[1]: duplicate listener: tls 0.0.0.0:5060 uses the same port as "
                  "listeners[0] (tcp 0.0.0.0:5060)"});
  EXPECT_EQ(errors("listeners:\n  - transport: udp\n    address: 127.0.0.1\n  - transport: udp\n"),
            Lines{"t.yaml:4:5: listeners[1]: duplicate listener: udp 0.0.0.0:5060 uses the same port as "
                  "listeners[0] (udp 127.0.0.1:5060)"});
  // UDP and TCP on one port, or one port on two specific addresses, are fine.
  EXPECT_EQ(errors("listeners:\n  - transport: udp\n  - transport: tcp\n"
                   "  - {transport: ws, address: 127.0.0.1, port: 9000}\n"
                   "  - {transport: ws, address: 127.0.0.2, port: 9000}\n"),
            Lines{});
}

TEST(ConfigErrors, UnreadableCertificate) {
  EXPECT_EQ(errors("listeners:\n  - transport: wss\n    certificate: missing.pem\n    private_key: "
                   "/nonexistent/key.pem\n"),
            (Lines{"t.yaml:3:18: listeners[0].certificate: cannot read '/etc/rtcsipd/missing.pem': No such "
                   "file or directory",
                   "t.yaml:4:18: listeners[0].private_key: cannot read '/nonexistent/key.pem': No such file "
                   "or directory"}));
  EXPECT_EQ(
      errors("listeners:\n  - transport: tls\n    certificate: /etc/hostname\n"),
      Lines{"t.yaml:2:5: listeners[0].private_key: certificate and private_key must be given together"});
}

TEST(ConfigErrors, DanglingReferencesAndDuplicateNames) {
  EXPECT_EQ(errors("trunks:\n  - {name: pbx, host: a}\n  - {name: pbx, host: b}\n"
                   "routes:\n  - {prefix: '0', to_trunk: carrier}\n"),
            (Lines{"t.yaml:3:5: trunks[1].name: duplicate name 'pbx' (also trunks[0])",
                   "t.yaml:5:5: routes[0].to_trunk: no trunk is named 'carrier'"}));
  EXPECT_EQ(errors("users:\n  - {username: a, password: x}\n  - {username: a, password: y}\n"),
            Lines{"t.yaml:3:5: users[1].username: duplicate username 'a' (also users[0])"});
}

TEST(ConfigErrors, EveryErrorIsReportedNotJustTheFirst) {
  const auto found = errors(
      "listeners:\n"
      "  - transport: udp\n"
      "    port: 0\n"
      "media:\n"
      "  workers: many\n"
      "sip:\n"
      "  t1: fast\n"
      "bogus: 1\n");
  EXPECT_EQ(found, (Lines{"t.yaml:3:11: listeners[0].port: must be between 1 and 65535, got 0",
                          "t.yaml:7:7: sip.t1: expected a duration such as 500ms, 30s, 5m or 1h, got 'fast'",
                          "t.yaml:5:12: media.workers: expected an integer, got 'many'",
                          "t.yaml:8:1: bogus: unknown key 'bogus'"}));
}

TEST(ConfigErrors, HostileInputIsRefusedWithoutCrashing) {
  const auto deep_flow = errors(std::string(100000, '['));
  ASSERT_EQ(deep_flow.size(), 1u);
  EXPECT_EQ(deep_flow[0].rfind("t.yaml:", 0), 0u);
  EXPECT_NE(deep_flow[0].find("invalid YAML"), std::string::npos) << deep_flow[0];

  std::string deep_map;
  for (int i = 0; i < 30000; ++i) deep_map += "a: ";
  EXPECT_FALSE(errors(deep_map + "b\n").empty());

  const std::string long_pattern = std::string(600, '(') + "a" + std::string(600, ')');
  EXPECT_EQ(errors("users: [{username: x, password: y}]\nroutes:\n  - {pattern: '" + long_pattern +
                   "', to_user: x}\n"),
            Lines{"t.yaml:3:15: routes[0].pattern: longer than 1024 characters"});
}
