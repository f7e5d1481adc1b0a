// SIP, SIPS, tel and other URIs: every form of the RFC 3261 §25.1 and
// RFC 3966 grammars, the error reason and offset of each malformation, the
// RFC 3261 §19.1.4 comparison examples, the RFC 4475 / RFC 5118 torture URIs,
// serialization, and the fuzz regressions replayed.
#include <gtest/gtest.h>

#include "counting_allocator.hpp"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "rtcsip/sip/uri.hpp"

using rtcsip::sip::HostType;
using rtcsip::sip::parse_uri;
using rtcsip::sip::to_string;
using rtcsip::sip::unescape;
using rtcsip::sip::Uri;
using rtcsip::sip::uri_equal;
using rtcsip::sip::UriScheme;

namespace {

Uri ok(std::string_view text) {
  auto result = parse_uri(text);
  if (!result) {
    ADD_FAILURE() << "'" << text << "' failed: " << result.error().reason << " at " << result.error().offset;
    return Uri{};
  }
  return *result;
}

struct Failure {
  std::string_view reason;
  std::size_t offset;
  bool operator==(const Failure&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Failure& f) {
  return os << "{\"" << f.reason << "\", " << f.offset << "}";
}

Failure fail(std::string_view text) {
  auto result = parse_uri(text);
  if (result) {
    ADD_FAILURE() << "'" << text << "' parsed but should not";
    return {};
  }
  return {result.error().reason, result.error().offset};
}

// uri_equal both ways, so every comparison also checks symmetry.
bool same(std::string_view a, std::string_view b) {
  const Uri x = ok(a);
  const Uri y = ok(b);
  const bool forward = uri_equal(x, y);
  EXPECT_EQ(forward, uri_equal(y, x)) << a << " vs " << b << ": not symmetric";
  return forward;
}

// What the fuzz target asserts, for the regression and seed files.
void check_invariants(std::string_view text) {
  auto first = parse_uri(text);
  if (!first) {
    EXPECT_LE(first.error().offset, text.size()) << text;
    EXPECT_FALSE(first.error().reason.empty()) << text;
    return;
  }
  EXPECT_TRUE(uri_equal(*first, *first)) << text;
  const std::string printed = to_string(*first);
  auto second = parse_uri(printed);
  ASSERT_TRUE(second) << text << " printed as " << printed << ": " << second.error().reason;
  EXPECT_EQ(second->scheme, first->scheme) << text;
  EXPECT_EQ(second->user, first->user) << text;
  EXPECT_EQ(second->host, first->host) << text;
  EXPECT_EQ(second->port, first->port) << text;
  EXPECT_TRUE(uri_equal(*first, *second)) << text;
  EXPECT_EQ(to_string(*second), printed) << text;
}

std::vector<std::string> read_dir(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  if (!std::filesystem::is_directory(dir)) return out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    out.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return out;
}

}  // namespace

// ----------------------------------------------------------------- sip/sips --

TEST(UriParse, MinimalSipUri) {
  const Uri u = ok("sip:alice@atlanta.com");
  EXPECT_EQ(u.scheme, UriScheme::sip);
  EXPECT_EQ(u.scheme_text, "sip");
  EXPECT_TRUE(u.is_sip());
  EXPECT_TRUE(u.has_user);
  EXPECT_EQ(u.user, "alice");
  EXPECT_FALSE(u.has_password);
  EXPECT_EQ(u.host, "atlanta.com");
  EXPECT_EQ(u.host_type, HostType::name);
  EXPECT_FALSE(u.port);
  EXPECT_TRUE(u.params.empty());
  EXPECT_TRUE(u.headers.empty());
  EXPECT_EQ(u.text, "sip:alice@atlanta.com");
}

TEST(UriParse, EveryComponent) {
  const Uri u = ok("sips:alice:secret@Atlanta.COM:5061;transport=tls;lr?subject=hi&priority=urgent");
  EXPECT_EQ(u.scheme, UriScheme::sips);
  EXPECT_EQ(u.user, "alice");
  EXPECT_TRUE(u.has_password);
  EXPECT_EQ(u.password, "secret");
  EXPECT_EQ(u.host, "Atlanta.COM");
  EXPECT_EQ(u.port, 5061);
  EXPECT_EQ(u.params.raw(), ";transport=tls;lr");
  EXPECT_EQ(u.transport(), "tls");
  EXPECT_EQ(u.param("lr"), "");
  EXPECT_EQ(u.headers, "subject=hi&priority=urgent");
}

TEST(UriParse, SchemeIsCaseInsensitive) {
  EXPECT_EQ(ok("SIP:alice@example.com").scheme, UriScheme::sip);
  EXPECT_EQ(ok("SIP:alice@example.com").scheme_text, "SIP");
  EXPECT_EQ(ok("SiPs:example.com").scheme, UriScheme::sips);
  EXPECT_EQ(ok("TEL:+1234").scheme, UriScheme::tel);
  EXPECT_EQ(ok("sipx:anything").scheme, UriScheme::other);
}

TEST(UriParse, NoUserinfo) {
  const Uri u = ok("sip:registrar.example.com");
  EXPECT_FALSE(u.has_user);
  EXPECT_TRUE(u.user.empty());
  EXPECT_EQ(u.host, "registrar.example.com");
}

TEST(UriParse, Ipv4Hosts) {
  for (std::string_view text : {"sip:192.0.2.1", "sip:bob@0.0.0.0", "sip:255.255.255.255:5060"}) {
    EXPECT_EQ(ok(text).host_type, HostType::ipv4) << text;
  }
  EXPECT_EQ(ok("sip:bob@192.0.2.4;transport=udp").host, "192.0.2.4");
  // 1*3DIGIT allows leading zeros (RFC 3261 §25.1).
  EXPECT_EQ(ok("sip:192.000.002.004").host_type, HostType::ipv4);
  // Not IPv4 and not a hostname either: a toplabel starts with a letter.
  EXPECT_EQ(fail("sip:256.0.0.1"), (Failure{"Malformed host", 12}));
  EXPECT_EQ(fail("sip:1.2.3"), (Failure{"Malformed host", 8}));
  EXPECT_EQ(fail("sip:1.2.3.4.5"), (Failure{"Malformed host", 12}));
  EXPECT_EQ(fail("sip:1.2.3.0004"), (Failure{"Malformed host", 10}));
  EXPECT_EQ(fail("sip:1.2.3.4."), (Failure{"Malformed host", 10}));
}

TEST(UriParse, Ipv6References) {
  const Uri full = ok("sip:[2001:db8:0:0:0:0:0:1]");
  EXPECT_EQ(full.host, "2001:db8:0:0:0:0:0:1");
  EXPECT_EQ(full.host_type, HostType::ipv6);
  const Uri compressed = ok("sip:alice@[2001:DB8::1]:5070;transport=tcp");
  EXPECT_EQ(compressed.host, "2001:DB8::1");
  EXPECT_EQ(compressed.port, 5070);
  EXPECT_EQ(compressed.transport(), "tcp");
  EXPECT_EQ(ok("sip:[::1]").host, "::1");
  EXPECT_EQ(ok("sip:[::]").host, "::");
  EXPECT_EQ(ok("sip:[1:2:3:4:5:6:7::]").host_type, HostType::ipv6);
  EXPECT_EQ(ok("sip:[::ffff:192.0.2.1]").host, "::ffff:192.0.2.1");
  EXPECT_EQ(ok("sip:[1:2:3:4:5:6:192.0.2.1]").host_type, HostType::ipv6);
  // RFC 5954 §3: "::" directly followed by an IPv4 address, which the
  // original RFC 3261 ABNF could not produce.
  EXPECT_EQ(ok("sip:[2001:db8::192.0.2.1]").host_type, HostType::ipv6);
  EXPECT_EQ(ok("sip:[::1]?subject=x").headers, "subject=x");
}

TEST(UriParse, MalformedIpv6References) {
  EXPECT_EQ(fail("sip:[1::2::3]"), (Failure{"Malformed host", 5}));
  EXPECT_EQ(fail("sip:[12345::]"), (Failure{"Malformed host", 5}));
  EXPECT_EQ(fail("sip:[1:2:3:4:5:6:7:8:9]"), (Failure{"Malformed host", 5}));
  EXPECT_EQ(fail("sip:[1:2:3:4:5:6:7:192.0.2.1]"), (Failure{"Malformed host", 5}));
  EXPECT_EQ(fail("sip:[::ffff:256.0.0.1]"), (Failure{"Malformed host", 5}));
  EXPECT_EQ(fail("sip:[1.2.3.4]"), (Failure{"Malformed host", 5}));
  EXPECT_EQ(fail("sip:[]"), (Failure{"Malformed host", 5}));
  EXPECT_EQ(fail("sip:[:1::]"), (Failure{"Malformed host", 5}));
  // Zone identifiers are not in the grammar.
  EXPECT_EQ(fail("sip:[fe80::1%25eth0]"), (Failure{"Malformed host", 12}));
  EXPECT_EQ(fail("sip:[2001:db8::10"), (Failure{"Malformed host", 17}));
  EXPECT_EQ(fail("sip:[::1]x"), (Failure{"Malformed host", 9}));
  EXPECT_EQ(fail("sip:[::1]]"), (Failure{"Malformed host", 9}));
  EXPECT_EQ(fail("sip:[::g]"), (Failure{"Malformed host", 7}));
  EXPECT_EQ(fail("sip:[0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0]"), (Failure{"Malformed host", 5}));
}

TEST(UriParse, Hostnames) {
  EXPECT_EQ(ok("sip:example.com.").host, "example.com.");
  EXPECT_EQ(ok("sip:a").host, "a");
  EXPECT_EQ(ok("sip:a-b.c-d").host, "a-b.c-d");
  EXPECT_EQ(ok("sip:1example.com").host_type, HostType::name);  // a domainlabel may start with a digit
  EXPECT_EQ(ok("sip:x--y.example.com").host, "x--y.example.com");
  EXPECT_EQ(fail("sip:-a.com"), (Failure{"Malformed host", 4}));
  EXPECT_EQ(fail("sip:a-.com"), (Failure{"Malformed host", 4}));
  EXPECT_EQ(fail("sip:a.com-"), (Failure{"Malformed host", 6}));
  EXPECT_EQ(fail("sip:a..com"), (Failure{"Malformed host", 6}));
  EXPECT_EQ(fail("sip:.com"), (Failure{"Malformed host", 4}));
  EXPECT_EQ(fail("sip:."), (Failure{"Malformed host", 4}));
  EXPECT_EQ(fail("sip:example.com.."), (Failure{"Malformed host", 16}));
  EXPECT_EQ(fail("sip:example.1com"), (Failure{"Malformed host", 12}));
  EXPECT_EQ(fail("sip:exa_mple.com"), (Failure{"Malformed host", 7}));
  EXPECT_EQ(fail("sip:bob@host/path"), (Failure{"Malformed host", 12}));
  EXPECT_EQ(fail("sip:caf\xc3\xa9.example"), (Failure{"Malformed host", 7}));
}

TEST(UriParse, EmptyHostIsAnError) {
  EXPECT_EQ(fail("sip:"), (Failure{"Malformed host", 4}));
  EXPECT_EQ(fail("sips:alice@"), (Failure{"Malformed host", 11}));
  EXPECT_EQ(fail("sip::5060"), (Failure{"Malformed host", 4}));
  EXPECT_EQ(fail("sip:;lr"), (Failure{"Malformed host", 4}));
  EXPECT_EQ(fail("sip:alice@;lr"), (Failure{"Malformed host", 10}));
}

TEST(UriParse, Ports) {
  EXPECT_EQ(ok("sip:host:0").port, 0);
  EXPECT_EQ(ok("sip:host:65535").port, 65535);
  EXPECT_EQ(ok("sip:host:05060").port, 5060);
  EXPECT_EQ(ok("sip:host:5060;lr").port, 5060);
  EXPECT_EQ(ok("sip:host:5060?x=y").port, 5060);
  EXPECT_EQ(fail("sip:host:65536"), (Failure{"Invalid port", 9}));
  EXPECT_EQ(fail("sip:host:99999999999999999999999"), (Failure{"Invalid port", 9}));
  EXPECT_EQ(fail("sip:host:"), (Failure{"Invalid port", 9}));
  EXPECT_EQ(fail("sip:host:;lr"), (Failure{"Invalid port", 9}));
  EXPECT_EQ(fail("sip:host:-1"), (Failure{"Invalid port", 9}));
  EXPECT_EQ(fail("sip:host:50a"), (Failure{"Invalid port", 11}));
  EXPECT_EQ(fail("sip:host:5060:5061"), (Failure{"Invalid port", 13}));
}

TEST(UriParse, UserAndPassword) {
  const Uri phone = ok("sip:+1-212-555-1212:1234@gateway.com;user=phone");  // RFC 3261 §19.1.3
  EXPECT_EQ(phone.user, "+1-212-555-1212");
  EXPECT_EQ(phone.password, "1234");
  EXPECT_EQ(phone.param("user"), "phone");

  const Uri empty_password = ok("sip:alice:@example.com");
  EXPECT_TRUE(empty_password.has_password);
  EXPECT_TRUE(empty_password.password.empty());

  const Uri escaped = ok("sip:%61lice:p%40ss@example.com");
  EXPECT_EQ(escaped.user, "%61lice");
  EXPECT_EQ(unescape(escaped.user), "alice");
  EXPECT_EQ(unescape(escaped.password), "p@ss");

  EXPECT_EQ(ok("sip:a&=+$,;?/b@example.com").user, "a&=+$,;?/b");  // user-unreserved
  EXPECT_EQ(ok("sip:u:&=+$,@example.com").password, "&=+$,");
}

TEST(UriParse, MalformedUserinfo) {
  EXPECT_EQ(fail("sip:@example.com"), (Failure{"Malformed user part", 4}));
  EXPECT_EQ(fail("sip::secret@example.com"), (Failure{"Malformed user part", 4}));
  EXPECT_EQ(fail("sip:a<b@example.com"), (Failure{"Malformed user part", 5}));
  EXPECT_EQ(fail("sip:a\"b@example.com"), (Failure{"Malformed user part", 5}));
  EXPECT_EQ(fail("sip:a#b@example.com"), (Failure{"Malformed user part", 5}));
  EXPECT_EQ(fail("sip:alice:pa:ss@example.com"), (Failure{"Malformed password", 12}));
  EXPECT_EQ(fail("sip:alice:pa;ss@example.com"), (Failure{"Malformed password", 12}));
  EXPECT_EQ(fail("sip:a@b@example.com"), (Failure{"Malformed host", 7}));
}

TEST(UriParse, EscapesMustBeWellFormed) {
  EXPECT_EQ(fail("sip:a%4@example.com"), (Failure{"Invalid escape sequence", 5}));
  EXPECT_EQ(fail("sip:a%zz@example.com"), (Failure{"Invalid escape sequence", 5}));
  EXPECT_EQ(fail("sip:a%@example.com"), (Failure{"Invalid escape sequence", 5}));
  EXPECT_EQ(fail("sip:a:b%g0@example.com"), (Failure{"Invalid escape sequence", 7}));
  EXPECT_EQ(fail("sip:example.com;x=%4g"), (Failure{"Invalid escape sequence", 18}));
  EXPECT_EQ(fail("sip:example.com;x=1%"), (Failure{"Invalid escape sequence", 19}));
  EXPECT_EQ(fail("sip:example.com;%=1"), (Failure{"Invalid escape sequence", 16}));
  EXPECT_EQ(fail("sip:example.com?s=%2"), (Failure{"Invalid escape sequence", 18}));
  EXPECT_EQ(fail("sip:example.com?%zz=1"), (Failure{"Invalid escape sequence", 16}));
  // A "%" in a hostname is just a bad host character.
  EXPECT_EQ(fail("sip:exa%41mple.com"), (Failure{"Malformed host", 7}));
}

TEST(UriParse, Parameters) {
  const Uri u = ok("sip:example.com;Transport=TCP;lr;maddr=239.255.255.1;ttl=15;x=%41b;[a]=/:&+$");
  EXPECT_EQ(u.transport(), "TCP");
  EXPECT_EQ(u.param("TRANSPORT"), "TCP");
  EXPECT_TRUE(u.params.has("lr"));
  EXPECT_EQ(u.param("lr"), "");
  EXPECT_EQ(u.param("maddr"), "239.255.255.1");
  EXPECT_EQ(u.param("ttl"), "15");
  EXPECT_EQ(u.param("x"), "%41b");
  EXPECT_EQ(u.param("[a]"), "/:&+$");
  EXPECT_FALSE(u.param("method"));
  EXPECT_FALSE(u.params.has("l"));
  // An escaped name is that name (RFC 3261 §19.1.4).
  EXPECT_EQ(ok("sip:h;%74ransport=udp").transport(), "udp");
  // The first of two is the one returned.
  EXPECT_EQ(ok("sip:h;x=1;x=2").param("x"), "1");

  std::vector<std::string> seen;
  u.params.for_each([&](std::string_view name, std::string_view value, bool has_value) {
    seen.push_back(std::string(name) + (has_value ? "=" : "") + std::string(value));
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"Transport=TCP", "lr", "maddr=239.255.255.1", "ttl=15", "x=%41b",
                                            "[a]=/:&+$"}));
}

TEST(UriParse, MalformedParameters) {
  EXPECT_EQ(fail("sip:example.com;"), (Failure{"Malformed URI parameter", 16}));
  EXPECT_EQ(fail("sip:example.com;;lr"), (Failure{"Malformed URI parameter", 16}));
  EXPECT_EQ(fail("sip:example.com;=x"), (Failure{"Malformed URI parameter", 16}));
  EXPECT_EQ(fail("sip:example.com;x="), (Failure{"Malformed URI parameter", 18}));
  EXPECT_EQ(fail("sip:example.com;x=;lr"), (Failure{"Malformed URI parameter", 18}));
  EXPECT_EQ(fail("sip:example.com;x=a=b"), (Failure{"Malformed URI parameter", 19}));
  EXPECT_EQ(fail("sip:example.com;x=<a>"), (Failure{"Malformed URI parameter", 18}));
  EXPECT_EQ(fail("sip:example.com;x=a,b"), (Failure{"Malformed URI parameter", 19}));
  // With an "@" after it, what looked like a parameter is part of the user.
  const Uri user = ok("sip:example.com;x@y");
  EXPECT_EQ(user.user, "example.com;x");
  EXPECT_EQ(user.host, "y");
}

TEST(UriParse, Headers) {
  const Uri u = ok("sip:alice@atlanta.com?subject=project%20x&priority=urgent");
  EXPECT_EQ(u.headers, "subject=project%20x&priority=urgent");
  EXPECT_TRUE(u.params.empty());
  EXPECT_EQ(ok("sip:h?x=").headers, "x=");  // hvalue may be empty
  EXPECT_EQ(ok("sip:h?to=sip:bob%40biloxi.com&a=[b]/?:+$").headers, "to=sip:bob%40biloxi.com&a=[b]/?:+$");
  EXPECT_EQ(ok("sip:h;lr?x=1").params.raw(), ";lr");
}

TEST(UriParse, MalformedHeaders) {
  EXPECT_EQ(fail("sip:h?"), (Failure{"Malformed URI header", 6}));
  EXPECT_EQ(fail("sip:h?x"), (Failure{"Malformed URI header", 7}));
  EXPECT_EQ(fail("sip:h?=v"), (Failure{"Malformed URI header", 6}));
  EXPECT_EQ(fail("sip:h?x=1&"), (Failure{"Malformed URI header", 10}));
  EXPECT_EQ(fail("sip:h?x=1&&y=2"), (Failure{"Malformed URI header", 10}));
  EXPECT_EQ(fail("sip:h?x=1=2"), (Failure{"Malformed URI header", 9}));
  EXPECT_EQ(fail("sip:h?x=<"), (Failure{"Malformed URI header", 8}));
  EXPECT_EQ(fail("sip:h?x=1;lr"), (Failure{"Malformed URI header", 9}));
}

TEST(UriParse, WhitespaceAnywhereIsAnError) {
  EXPECT_EQ(fail(" sip:a@b"), (Failure{"Whitespace in URI", 0}));
  EXPECT_EQ(fail("sip: a@b"), (Failure{"Whitespace in URI", 4}));
  EXPECT_EQ(fail("sip:a\t@b"), (Failure{"Whitespace in URI", 5}));
  EXPECT_EQ(fail("sip:a@b\r\n"), (Failure{"Whitespace in URI", 7}));
  EXPECT_EQ(fail("sip:a@b?x=a\nb"), (Failure{"Whitespace in URI", 11}));
  EXPECT_EQ(fail("tel:+1 234"), (Failure{"Whitespace in URI", 6}));
  EXPECT_EQ(fail("http://a b"), (Failure{"Whitespace in URI", 8}));
}

TEST(UriParse, MalformedSchemes) {
  EXPECT_EQ(fail(""), (Failure{"Malformed URI scheme", 0}));
  EXPECT_EQ(fail(":alice@example.com"), (Failure{"Malformed URI scheme", 0}));
  EXPECT_EQ(fail("1sip:alice@example.com"), (Failure{"Malformed URI scheme", 0}));
  EXPECT_EQ(fail("si_p:alice@example.com"), (Failure{"Malformed URI scheme", 2}));
  EXPECT_EQ(fail("alice@example.com"), (Failure{"Malformed URI scheme", 5}));
  EXPECT_EQ(fail("sip"), (Failure{"Malformed URI scheme", 3}));
  EXPECT_EQ(fail(std::string_view("sip\0:a", 6)), (Failure{"Malformed URI scheme", 3}));
}

// ---------------------------------------------------------------------- tel --

TEST(UriParse, TelGlobalNumbers) {
  const Uri u = ok("tel:+1-201-555-0123");
  EXPECT_EQ(u.scheme, UriScheme::tel);
  EXPECT_TRUE(u.has_user);
  EXPECT_EQ(u.user, "+1-201-555-0123");
  EXPECT_EQ(u.host_type, HostType::none);
  EXPECT_TRUE(u.params.empty());

  const Uri ext = ok("tel:+1(201)555.0123;ext=1-234;isub=8a?/:@&=+$,;foo;bar=%41");
  EXPECT_EQ(ext.user, "+1(201)555.0123");
  EXPECT_EQ(ext.param("ext"), "1-234");
  EXPECT_EQ(ext.param("isub"), "8a?/:@&=+$,");
  EXPECT_EQ(ext.param("foo"), "");
  EXPECT_EQ(ext.param("bar"), "%41");
  EXPECT_EQ(ok("tel:+1;phone-context=example.com").param("phone-context"), "example.com");
}

TEST(UriParse, TelLocalNumbers) {
  const Uri u = ok("tel:7042;phone-context=example.com");
  EXPECT_EQ(u.user, "7042");
  EXPECT_EQ(u.param("phone-context"), "example.com");
  EXPECT_EQ(ok("tel:863-1234;phone-context=+1-914-555").param("phone-context"), "+1-914-555");
  EXPECT_EQ(ok("tel:*21#;phone-context=+1").user, "*21#");
  EXPECT_EQ(ok("tel:12AB;phone-context=Example.COM.").user, "12AB");
  // The context need not come first: local-number = digits *par context *par.
  EXPECT_EQ(ok("tel:1234;ext=5;Phone-Context=example.com;x=y").param("phone-context"), "example.com");
}

TEST(UriParse, MalformedTel) {
  EXPECT_EQ(fail("tel:"), (Failure{"Malformed tel URI", 4}));
  EXPECT_EQ(fail("tel:+"), (Failure{"Malformed tel URI", 5}));
  EXPECT_EQ(fail("tel:+-()"), (Failure{"Malformed tel URI", 8}));
  EXPECT_EQ(fail("tel:+1a"), (Failure{"Malformed tel URI", 6}));
  EXPECT_EQ(fail("tel:+1?x=y"), (Failure{"Malformed tel URI", 6}));
  EXPECT_EQ(fail("tel:+1@example.com"), (Failure{"Malformed tel URI", 6}));
  EXPECT_EQ(fail("tel:12g4;phone-context=example.com"), (Failure{"Malformed tel URI", 6}));
  // A local number needs its context (RFC 3966 §5.1.5).
  EXPECT_EQ(fail("tel:1234"), (Failure{"Malformed tel URI", 8}));
  EXPECT_EQ(fail("tel:1234;ext=5"), (Failure{"Malformed tel URI", 14}));
  EXPECT_EQ(fail("tel:1234;phone-context"), (Failure{"Malformed tel URI", 22}));
  EXPECT_EQ(fail("tel:1234;phone-context=ex_ample"), (Failure{"Malformed tel URI", 23}));
  EXPECT_EQ(fail("tel:1234;phone-context=+"), (Failure{"Malformed tel URI", 23}));
  EXPECT_EQ(fail("tel:1234;phone-context=a.b;phone-context=c.d"), (Failure{"Malformed tel URI", 41}));
  EXPECT_EQ(fail("tel:+1;ext=12a"), (Failure{"Malformed tel URI", 11}));
  EXPECT_EQ(fail("tel:+1;ext"), (Failure{"Malformed tel URI", 10}));
  EXPECT_EQ(fail("tel:+1;isub"), (Failure{"Malformed tel URI", 11}));
  EXPECT_EQ(fail("tel:1;phone-context="), (Failure{"Malformed URI parameter", 20}));
  EXPECT_EQ(fail("tel:+1;"), (Failure{"Malformed URI parameter", 7}));
  EXPECT_EQ(fail("tel:+1;;x"), (Failure{"Malformed URI parameter", 7}));
  EXPECT_EQ(fail("tel:+1;a_b=1"), (Failure{"Malformed URI parameter", 8}));
  EXPECT_EQ(fail("tel:+1;a=b?c"), (Failure{"Malformed URI parameter", 10}));
  EXPECT_EQ(fail("tel:+1;a=%zz"), (Failure{"Invalid escape sequence", 9}));
}

// ------------------------------------------------------------ other schemes --

TEST(UriParse, OtherSchemes) {
  const Uri http = ok("http://example.com/path?q=1#top");
  EXPECT_EQ(http.scheme, UriScheme::other);
  EXPECT_EQ(http.scheme_text, "http");
  EXPECT_EQ(http.opaque, "//example.com/path?q=1#top");
  EXPECT_FALSE(http.is_sip());
  EXPECT_EQ(ok("urn:service:sos").opaque, "service:sos");
  EXPECT_EQ(ok("mailto:alice@example.com").opaque, "alice@example.com");
  EXPECT_EQ(ok("x-y.z+w9:%zz").scheme_text, "x-y.z+w9");  // opaque text is not checked for escapes
  EXPECT_EQ(fail("im:"), (Failure{"Malformed URI", 3}));
  EXPECT_EQ(fail(std::string_view("im:a\0b", 6)), (Failure{"Malformed URI", 4}));
  EXPECT_EQ(fail("im:a\x7f"), (Failure{"Malformed URI", 4}));
  EXPECT_EQ(fail("im:caf\xc3\xa9"), (Failure{"Malformed URI", 6}));
}

// ------------------------------------------------- RFC 4475 and RFC 5118 --

TEST(UriTorture, Rfc4475ValidUris) {
  // §3.1.1.2: every character a user and password may hold.
  const Uri wide =
      ok("sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)"
         "@example.com");
  EXPECT_EQ(wide.user, "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
  EXPECT_EQ(wide.password, "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
  EXPECT_EQ(wide.host, "example.com");
  EXPECT_TRUE(wide.params.empty());

  // §3.1.1.1: an unknown parameter without a value; a Route with several.
  EXPECT_TRUE(ok("sip:vivekg@chair-dnrc.example.com;unknownparam").params.has("unknownparam"));
  EXPECT_EQ(ok("sip:services.example.com;lr;unknownwith=value;unknown-no-value").param("unknownwith"),
            "value");

  // §3.1.1.3: escapes in the user part.
  EXPECT_EQ(unescape(ok("sip:sips%3Auser%40example.com@example.net").user), "sips:user@example.com");
  EXPECT_EQ(unescape(ok("sip:%61lice@atlanta.com;transport=TCP").user), "alice");
  // §3.1.1.4: an escaped NUL is legal.
  EXPECT_EQ(unescape(ok("sip:null-%00-null@example.com").user), std::string("null-\0-null", 11));

  // §3.1.1.9: ";" and "=" belong to the user part when an "@" follows.
  const Uri semi = ok("sip:user;par=u%40example.net@example.com");
  EXPECT_EQ(semi.user, "user;par=u%40example.net");
  EXPECT_EQ(semi.host, "example.com");
  EXPECT_TRUE(semi.params.empty());

  // §3.1.1.12 (unknown schemes) and §3.1.2.12's escaped headers: both are
  // well-formed URIs; what they mean is decided above the URI layer.
  EXPECT_EQ(ok("nobodyKnowsThisScheme:totallyopaquecontent").opaque, "totallyopaquecontent");
  EXPECT_EQ(ok("isbn:2983792873").scheme, UriScheme::other);
  EXPECT_EQ(ok("sip:user@example.com?Route=%3Csip:example.com%3E").headers, "Route=%3Csip:example.com%3E");

  // §3.1.1.11-ish: long user parts are fine.
  const std::string long_user = "sip:" + std::string(1000, 'a') + "@example.net";
  EXPECT_EQ(ok(long_user).user.size(), 1000U);
}

TEST(UriTorture, Rfc4475InvalidUris) {
  // §3.1.2.2: LWS inside the Request-URI.
  EXPECT_EQ(fail("sip:user@example.com; lr"), (Failure{"Whitespace in URI", 21}));
  // §3.1.2.7: a Request-URI enclosed in <>.
  EXPECT_EQ(fail("<sip:user@example.com>"), (Failure{"Malformed URI scheme", 0}));
  // §3.1.2.4 / .5: trailing and leading whitespace.
  EXPECT_EQ(fail("sip:user@example.com "), (Failure{"Whitespace in URI", 20}));
}

TEST(UriTorture, Rfc5118Ipv6) {
  // §4.1
  EXPECT_EQ(ok("sip:[2001:db8::10]").host, "2001:db8::10");
  // §4.2: without brackets the host reads as "2001", whose toplabel does not
  // start with a letter.
  EXPECT_EQ(fail("sip:2001:db8::10"), (Failure{"Malformed host", 4}));
  EXPECT_EQ(fail("sip:a.example:db8::10"), (Failure{"Invalid port", 14}));
  // §4.3: "[2001:db8::10:5070]" is one well-formed address and no port.
  const Uri ambiguous = ok("sip:[2001:db8::10:5070]");
  EXPECT_EQ(ambiguous.host, "2001:db8::10:5070");
  EXPECT_FALSE(ambiguous.port);
  // §4.4
  const Uri unambiguous = ok("sip:[2001:db8::10]:5070");
  EXPECT_EQ(unambiguous.host, "2001:db8::10");
  EXPECT_EQ(unambiguous.port, 5070);
  // §4.9: IPv4-mapped.
  EXPECT_EQ(ok("sip:[::ffff:192.0.2.2]").host_type, HostType::ipv6);
  // §4.10: three colons, the RFC 3261 ABNF bug.
  EXPECT_EQ(fail("sip:[2001:db8:::192.0.2.1]"), (Failure{"Malformed host", 5}));
}

// -------------------------------------------------------------- comparison --

TEST(UriEqual, Rfc3261Section19_1_4Equal) {
  EXPECT_TRUE(same("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp"));
  EXPECT_TRUE(same("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5"));
  EXPECT_TRUE(same("sip:carol@chicago.com", "sip:carol@chicago.com;security=on"));
  EXPECT_TRUE(same("sip:carol@chicago.com;newparam=5", "sip:carol@chicago.com;security=on"));
  EXPECT_TRUE(same("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
                   "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com"));
  EXPECT_TRUE(same("sip:alice@atlanta.com?subject=project%20x&priority=urgent",
                   "sip:alice@atlanta.com?priority=urgent&subject=project%20x"));
}

TEST(UriEqual, Rfc3261Section19_1_4NotEqual) {
  EXPECT_FALSE(same("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP"));
  EXPECT_FALSE(same("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060"));
  EXPECT_FALSE(same("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp"));
  EXPECT_FALSE(same("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp"));
  EXPECT_FALSE(same("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting"));
  EXPECT_FALSE(same("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4"));
}

TEST(UriEqual, EqualityIsNotTransitive) {
  // RFC 3261 §19.1.4's own note.
  EXPECT_TRUE(same("sip:carol@chicago.com", "sip:carol@chicago.com;security=on"));
  EXPECT_TRUE(same("sip:carol@chicago.com", "sip:carol@chicago.com;security=off"));
  EXPECT_FALSE(same("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off"));
}

TEST(UriEqual, SchemesUserinfoHostPort) {
  EXPECT_FALSE(same("sip:alice@example.com", "sips:alice@example.com"));
  EXPECT_TRUE(same("SIPS:alice@example.com", "sips:alice@example.com"));
  EXPECT_FALSE(same("sip:alice@example.com", "sip:Alice@example.com"));
  EXPECT_FALSE(same("sip:example.com", "sip:alice@example.com"));
  EXPECT_FALSE(same("sip:alice@example.com", "sip:alice:pw@example.com"));
  EXPECT_FALSE(same("sip:alice:pw@example.com", "sip:alice:PW@example.com"));
  EXPECT_FALSE(same("sip:alice:@example.com", "sip:alice@example.com"));
  EXPECT_TRUE(same("sip:alice:%70w@example.com", "sip:alice:pw@example.com"));
  EXPECT_TRUE(same("sip:%41lice@example.com", "sip:%41lice@example.com"));
  EXPECT_TRUE(same("sip:%4c@example.com", "sip:%4C@example.com"));
  EXPECT_FALSE(same("sip:%4c@example.com", "sip:%6c@example.com"));
  // A reserved character and its escape are not equivalent.
  EXPECT_FALSE(same("sip:a%3Bb@example.com", "sip:a;b@example.com"));
  EXPECT_TRUE(same("sip:a%3Bb@example.com", "sip:a%3bb@example.com"));
  EXPECT_FALSE(same("sip:alice@example.com:5060", "sip:alice@example.com:5061"));
  EXPECT_TRUE(same("sip:alice@example.com:5060", "sip:alice@example.com:05060"));
  EXPECT_FALSE(same("sip:alice@example.com", "sip:alice@example.com."));
  EXPECT_TRUE(same("sip:[2001:db8::1]", "sip:[2001:DB8:0:0:0:0:0:1]"));
  EXPECT_FALSE(same("sip:[2001:db8::1]", "sip:[2001:db8::2]"));
  EXPECT_FALSE(same("sip:[::ffff:192.0.2.1]", "sip:192.0.2.1"));
  EXPECT_TRUE(same("sip:192.0.2.1", "sip:192.000.002.001"));
  EXPECT_FALSE(same("sip:192.0.2.1", "sip:192.0.2.10"));
}

TEST(UriEqual, Parameters) {
  // user, ttl, method, maddr and transport in one URI only never match.
  for (std::string_view p : {";user=ip", ";ttl=1", ";method=INVITE", ";maddr=192.0.2.1", ";transport=udp"}) {
    const std::string with = "sip:alice@example.com" + std::string(p);
    EXPECT_FALSE(same("sip:alice@example.com", with)) << p;
    EXPECT_TRUE(same(with, with)) << p;
  }
  EXPECT_FALSE(same("sip:a@h;maddr=192.0.2.1", "sip:a@h;maddr=192.0.2.2"));
  EXPECT_TRUE(same("sip:a@h;METHOD=invite", "sip:a@h;method=INVITE"));
  EXPECT_TRUE(same("sip:a@h;lr", "sip:a@h"));
  EXPECT_TRUE(same("sip:a@h;lr", "sip:a@h;LR"));
  EXPECT_FALSE(same("sip:a@h;x=1", "sip:a@h;x=2"));
  EXPECT_FALSE(same("sip:a@h;x", "sip:a@h;x=2"));
  EXPECT_TRUE(same("sip:a@h;x=%41", "sip:a@h;X=a"));
  EXPECT_TRUE(same("sip:a@h;%74ransport=tcp", "sip:a@h;transport=TCP"));
  EXPECT_FALSE(same("sip:a@h;x=%3b", "sip:a@h;x=%3c"));
  // The first occurrence of a name is the one compared.
  EXPECT_TRUE(same("sip:a@h;x=1;x=2", "sip:a@h;x=1"));
  EXPECT_FALSE(same("sip:a@h;x=1;x=2", "sip:a@h;x=2"));
}

TEST(UriEqual, Headers) {
  EXPECT_FALSE(same("sip:carol@chicago.com?Subject=next%20meeting",
                    "sip:carol@chicago.com?Subject=another%20meeting"));
  EXPECT_TRUE(
      same("sip:carol@chicago.com?Subject=next%20meeting", "sip:carol@chicago.com?subject=next%20meeting"));
  // Other header values default to case-insensitive (RFC 3261 §7.3.1, §19.1.4).
  EXPECT_TRUE(
      same("sip:carol@chicago.com?subject=next%20meeting", "sip:carol@chicago.com?subject=Next%20Meeting"));
  EXPECT_TRUE(
      same("sip:carol@chicago.com?subject=next%20meeting", "sip:carol@chicago.com?subject=next%20meetin%67"));
  EXPECT_FALSE(same("sip:h?a=1", "sip:h?a=1&b=2"));
  EXPECT_FALSE(same("sip:h?a=1&a=1", "sip:h?a=1&b=1"));
  EXPECT_FALSE(same("sip:h?a=1&a=1", "sip:h?a=1"));
  EXPECT_TRUE(same("sip:h?a=1&a=2", "sip:h?a=2&a=1"));
  EXPECT_TRUE(same("sip:h?a=", "sip:h?A="));
  // Call-ID and body are compared byte by byte (RFC 3261 §20.8, §19.1.1).
  EXPECT_FALSE(same("sip:h?Call-ID=abc", "sip:h?call-id=ABC"));
  EXPECT_FALSE(same("sip:h?i=abc", "sip:h?i=ABC"));
  EXPECT_FALSE(same("sip:h?body=abc", "sip:h?body=ABC"));
  EXPECT_TRUE(same("sip:h?Call-ID=abc", "sip:h?CALL-ID=%61bc"));
}

TEST(UriEqual, Tel) {
  // RFC 3966 §4: visual separators do not count, the rest is case-insensitive.
  EXPECT_TRUE(same("tel:+1-201-555-0123", "tel:+1(201)555.0123"));
  EXPECT_TRUE(same("TEL:+12015550123", "tel:+1-201-555-0123"));
  EXPECT_FALSE(same("tel:+12015550123", "tel:+12015550124"));
  EXPECT_FALSE(same("tel:+1234", "tel:1234;phone-context=+1"));
  EXPECT_TRUE(same("tel:7042;phone-context=Example.COM", "tel:7042;phone-context=example.com"));
  EXPECT_TRUE(same("tel:7042;phone-context=+1-914", "tel:7042;phone-context=+1914"));
  EXPECT_FALSE(same("tel:7042;phone-context=ex-ample.com", "tel:7042;phone-context=example.com"));
  EXPECT_TRUE(same("tel:7a42;phone-context=a.b", "tel:7A42;phone-context=a.b"));
  EXPECT_TRUE(same("tel:+1;ext=12-3;foo=Bar", "tel:+1;FOO=bar;ext=123"));
  EXPECT_FALSE(same("tel:+1;foo=bar", "tel:+1"));
  EXPECT_FALSE(same("tel:+1;foo=bar", "tel:+1;foo=baz"));
  EXPECT_FALSE(same("tel:+1234", "sip:+1234@example.com;user=phone"));
}

TEST(UriEqual, OtherSchemes) {
  EXPECT_TRUE(same("HTTP://Example.com/", "http://example.com/"));
  EXPECT_FALSE(same("http://example.com/a", "http://example.com/b"));
  EXPECT_FALSE(same("http://example.com/", "https://example.com/"));
  EXPECT_FALSE(same("urn:x", "sip:x"));
}

// ------------------------------------------------------ unescape, to_string --

TEST(UriUnescape, DecodesValidEscapesKeepsInvalidOnes) {
  EXPECT_EQ(unescape("%61lice"), "alice");
  EXPECT_EQ(unescape("a%2Fb%2fc"), "a/b/c");
  EXPECT_EQ(unescape("%zz%4%"), "%zz%4%");
  EXPECT_EQ(unescape("100%"), "100%");
  EXPECT_EQ(unescape("%%41"), "%A");
  EXPECT_EQ(unescape("%00"), std::string(1, '\0'));
  EXPECT_EQ(unescape("%FF"), std::string(1, '\xff'));
  EXPECT_EQ(unescape(""), "");
}

TEST(UriToString, RoundTripsWhatItParsed) {
  for (std::string_view text : {
           "sip:alice@atlanta.com",
           "SIPS:alice:secret@Atlanta.COM:5061;transport=tls;lr?subject=hi&priority=urgent",
           "sip:alice:@example.com",
           "sip:[2001:db8::10]:5070;maddr=[::1]",
           "sip:192.0.2.1:0",
           "sip:%61lice@atlanta.com;transport=TCP",
           "sip:user;par=u%40example.net@example.com",
           "sip:h?x=",
           "tel:+1-201-555-0123;ext=12",
           "tel:7042;phone-context=example.com",
           "urn:service:sos",
       }) {
    EXPECT_EQ(to_string(ok(text)), text);
  }
  // The port is written as a number.
  EXPECT_EQ(to_string(ok("sip:h:005060")), "sip:h:5060");
}

TEST(UriToString, BuiltByHand) {
  Uri u;
  u.scheme = UriScheme::sips;
  u.user = "bob";
  u.has_user = true;
  u.host = "2001:db8::1";
  u.host_type = HostType::ipv6;
  u.port = 5061;
  u.params = rtcsip::sip::ParamList(";transport=tcp");
  u.headers = "subject=x";
  EXPECT_EQ(to_string(u), "sips:bob@[2001:db8::1]:5061;transport=tcp?subject=x");
  EXPECT_TRUE(parse_uri(to_string(u)));
}

// ----------------------------------------------------- allocation, fuzzing --

TEST(UriParse, DoesNotAllocate) {
  const std::size_t probe = rtcsip::test::allocations();
  ::operator delete(::operator new(16));
  ASSERT_GT(rtcsip::test::allocations(), probe) << "the counting allocator is not in use";

  const std::string long_uri = "sips:" + std::string(300, 'u') + ":pw@[2001:db8::192.0.2.1]:5061;" +
                               std::string(300, 'p') + "=v?" + std::string(300, 'h') + "=v";
  for (std::string_view text : {std::string_view(long_uri), std::string_view("tel:7042;phone-context=a.b"),
                                std::string_view("urn:x"), std::string_view("sip:bad host")}) {
    const std::size_t before = rtcsip::test::allocations();
    const auto result = parse_uri(text);
    const std::size_t after = rtcsip::test::allocations();
    EXPECT_EQ(after, before) << text;
    (void)result;
  }
}

TEST(UriParse, EqualToItselfAndStableAcrossRoundTrip) {
  for (std::string_view text : {
           "sip:a@h;x=1;x=2?h=1&h=2&H=1",
           "sips:[::1]:0;lr;LR=1",
           "tel:+1;ext=1;ext=2",
           "tel:*#;phone-context=+1;isub=%41;isub=x",
           "urn:X",
           "sip:u:p@h.:65535;a;b=c?d=",
       }) {
    check_invariants(text);
  }
}

#ifdef RTCSIP_SOURCE_DIR
TEST(UriFuzz, RegressionsAndSeedsReplay) {
  const std::filesystem::path fuzz = std::filesystem::path(RTCSIP_SOURCE_DIR) / "tests" / "fuzz";
  const auto seeds = read_dir(fuzz / "seeds" / "uri");
  EXPECT_GE(seeds.size(), 30U);
  for (const auto& seed : seeds) {
    // A seed is one URI, or two on two lines for the fuzzer to compare.
    const std::string_view text(seed);
    const std::size_t nl = text.find('\n');
    EXPECT_TRUE(parse_uri(text.substr(0, nl))) << "seed does not parse: " << seed;
    if (nl != std::string_view::npos) {
      EXPECT_TRUE(parse_uri(text.substr(nl + 1))) << "seed does not parse: " << seed;
    }
    check_invariants(seed);
  }
  for (const auto& input : read_dir(fuzz / "regressions" / "uri")) check_invariants(input);
}
#endif
