// RFC 4475 torture tests: every message of its section 3, from
// tests/data/sip/rfc4475/. Valid messages parse and validate with the field
// values the RFC describes; invalid ones are refused with a reason, at the
// parser or at validation, as the RFC says an element should.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "rtcsip/sip/headers.hpp"
#include "rtcsip/sip/message.hpp"
#include "rtcsip/sip/multipart.hpp"
#include "rtcsip/sip/stream_framer.hpp"

using namespace rtcsip::sip;

namespace {

std::string load(const std::string& name) {
  std::ifstream in(std::string(RTCSIP_TEST_DATA) + "/sip/rfc4475/" + name + ".sip", std::ios::binary);
  EXPECT_TRUE(in.good()) << name;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Message valid(const std::string& name) {
  auto m = Message::parse(load(name));
  EXPECT_TRUE(m.ok()) << name << ": " << m.error().reason << " @" << m.error().offset;
  if (!m) return Message::response(500, "");
  auto e = validate(*m);
  EXPECT_FALSE(e.has_value()) << name << ": " << (e ? e->reason : "");
  return *m;
}

// The reason the message is refused with, from the parser or validate().
std::string refusal(const std::string& name) {
  auto m = Message::parse(load(name));
  if (!m) return "parse: " + std::string(m.error().reason);
  if (auto e = validate(*m)) return "validate: " + std::string(e->reason);
  return "accepted";
}

std::vector<std::string> all(const Message& m, HeaderId id) {
  std::vector<std::string> out;
  for (auto v : m.values(id)) out.emplace_back(v);
  return out;
}

}  // namespace

// ---- 3.1.1 valid messages

TEST(Rfc4475, WsinvShortTortuousInvite) {
  Message m = valid("wsinv");
  EXPECT_EQ(m.request_uri(), "sip:vivekg@chair-dnrc.example.com;unknownparam");
  auto to = parse_name_addr(m.header(HeaderId::to));
  ASSERT_TRUE(to.ok());
  EXPECT_EQ(to->uri.user, "vivekg");
  EXPECT_EQ(to->tag(), "1918181833n");
  auto from = parse_name_addr(m.header(HeaderId::from));
  ASSERT_TRUE(from.ok());
  EXPECT_EQ(unquote("\"" + std::string(from->display_name) + "\""), "J Rosenberg \\\"");
  EXPECT_EQ(from->tag(), "98asjd8");
  EXPECT_EQ(*parse_number(m.header(HeaderId::max_forwards), 255), 68u);
  auto cseq = parse_cseq(m.header(HeaderId::cseq));
  ASSERT_TRUE(cseq.ok());
  EXPECT_EQ(cseq->number, 9u);
  EXPECT_EQ(cseq->method, Method::invite);
  const auto vias = m.values(HeaderId::via);
  ASSERT_EQ(vias.size(), 3u);
  EXPECT_EQ(parse_via(vias[0])->host, "192.0.2.2");
  EXPECT_EQ(parse_via(vias[0])->branch(), "390skdjuw");
  EXPECT_EQ(parse_via(vias[1])->transport, "TCP");
  EXPECT_EQ(parse_via(vias[1])->host, "spindle.example.com");
  EXPECT_EQ(parse_via(vias[2])->branch(), "z9hG4bK30239");
  EXPECT_EQ(m.header(HeaderId::subject), "");
  EXPECT_EQ(m.find("NewFangledHeader")->value, "newfangled value continued newfangled value");
  EXPECT_EQ(m.find("UnknownHeaderWithUnusualValue")->value, ";;,,;;,;");
  auto route = parse_name_addr(m.header(HeaderId::route));
  ASSERT_TRUE(route.ok());
  EXPECT_TRUE(route->uri.params.has("lr"));
  EXPECT_EQ(route->uri.param("unknownwith"), "value");
  auto contact = parse_contact(m.header(HeaderId::contact));
  ASSERT_TRUE(contact.ok());
  EXPECT_EQ(contact->q(), "0.33");
  EXPECT_EQ(contact->address.params.get("newparam"), "newvalue");
  EXPECT_TRUE(contact->address.params.has("secondparam"));
  EXPECT_EQ(m.body().size(), 150u);
}

TEST(Rfc4475, IntmethWideRangeOfValidCharacters) {
  Message m = valid("intmeth");
  EXPECT_EQ(m.method(), Method::other);
  EXPECT_EQ(m.method_text(), "!interesting-Method0123456789_*+`.%indeed'~");
  EXPECT_EQ(parse_cseq(m.header(HeaderId::cseq))->method_text, m.method_text());
  EXPECT_EQ(m.header(HeaderId::call_id), "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
  auto from = parse_name_addr(m.header(HeaderId::from));
  ASSERT_TRUE(from.ok());
  EXPECT_EQ(from->display_name, "token1~` token2'+_ token3*%!.-");
  EXPECT_EQ(from->tag(), "_token~1'+`*%!-.");
  auto ruri = parse_uri(m.request_uri());
  ASSERT_TRUE(ruri.ok());
  EXPECT_EQ(ruri->host, "example.com");
  EXPECT_EQ(*parse_number(m.header(HeaderId::max_forwards), 255), 255u);
}

TEST(Rfc4475, Esc01EscapedUris) {
  Message m = valid("esc01");
  auto ruri = parse_uri(m.request_uri());
  ASSERT_TRUE(ruri.ok());
  EXPECT_EQ(unescape(ruri->user), "sips:user@example.com");
  EXPECT_EQ(ruri->host, "example.net");
  auto to = parse_name_addr(m.header(HeaderId::to));
  EXPECT_EQ(unescape(to->uri.user), "user");
  auto from = parse_name_addr(m.header(HeaderId::from));
  EXPECT_EQ(unescape(from->uri.user), "I have spaces");
  auto contact = parse_contact(m.header(HeaderId::contact));
  ASSERT_TRUE(contact.ok());
  EXPECT_EQ(unescape(contact->address.uri.user), "caller");
  // Escaped values compare equal to what they encode (RFC 3261 §19.1.4).
  auto plain = parse_uri("sip:caller@host5.example.net;lr;name=value%2541");
  EXPECT_TRUE(uri_equal(contact->address.uri, *plain));
}

TEST(Rfc4475, EscnullNullInUserParts) {
  Message m = valid("escnull");
  const auto contacts = m.values(HeaderId::contact);
  ASSERT_EQ(contacts.size(), 2u);
  auto a = parse_contact(contacts[0]);
  auto b = parse_contact(contacts[1]);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(unescape(a->address.uri.user), std::string(1, '\0'));
  EXPECT_EQ(unescape(b->address.uri.user), std::string(2, '\0'));
  EXPECT_FALSE(uri_equal(a->address.uri, b->address.uri));
}

TEST(Rfc4475, Esc02PercentIsNotAnEscapeInTokens) {
  Message m = valid("esc02");
  EXPECT_EQ(m.method(), Method::other);
  EXPECT_EQ(m.method_text(), "RE%47IST%45R");
  EXPECT_EQ(m.values(HeaderId::contact).size(), 2u);  // "C%6Fntact" is another header
  EXPECT_NE(m.find("C%6Fntact"), nullptr);
  EXPECT_EQ(parse_via(m.header(HeaderId::via))->branch(), "z9hG4bK209%fzsnel234");
}

TEST(Rfc4475, LwsdispNoSpaceBeforeTheBracket) {
  Message m = valid("lwsdisp");
  auto from = parse_name_addr(m.header(HeaderId::from));
  ASSERT_TRUE(from.ok());
  EXPECT_EQ(from->display_name, "caller");
  EXPECT_EQ(from->tag(), "323");
}

TEST(Rfc4475, LongreqLongValues) {
  Message m = valid("longreq");
  EXPECT_EQ(m.values(HeaderId::via).size(), 34u);
  auto to = parse_name_addr(m.header(HeaderId::to));
  ASSERT_TRUE(to.ok());
  EXPECT_GT(to->display_name.size(), 100u);
  for (auto v : m.values(HeaderId::via)) EXPECT_TRUE(parse_via(v).ok()) << v;
}

TEST(Rfc4475, DblreqExtraOctetsAfterTheRegisterAreIgnored) {
  Message m = valid("dblreq");
  EXPECT_EQ(m.method(), Method::register_);
  EXPECT_EQ(m.body(), "");
}

TEST(Rfc4475, SemiuriSemicolonInTheUserPart) {
  Message m = valid("semiuri");
  auto ruri = parse_uri(m.request_uri());
  ASSERT_TRUE(ruri.ok());
  EXPECT_EQ(unescape(ruri->user), "user;par=u@example.net");
  EXPECT_EQ(ruri->host, "example.com");
  EXPECT_TRUE(ruri->params.empty());
  EXPECT_EQ(m.values(HeaderId::accept).size(), 6u);
}

TEST(Rfc4475, TransportsInVia) {
  Message m = valid("transports");
  std::vector<std::string> transports;
  for (auto v : m.values(HeaderId::via)) transports.emplace_back(parse_via(v)->transport);
  EXPECT_EQ(transports, (std::vector<std::string>{"UDP", "SCTP", "TLS", "UNKNOWN", "TCP"}));
}

TEST(Rfc4475, Mpart01MultipartWithBinaryContent) {
  Message m = valid("mpart01");
  auto ct = parse_content_type(m.header(HeaderId::content_type));
  ASSERT_TRUE(ct.ok());
  auto parts = parse_multipart(*ct, m.body());
  ASSERT_TRUE(parts.ok()) << parts.error().reason;
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].content_type(), "text/plain");
  EXPECT_EQ((*parts)[1].content_type(), "application/octet-stream");
  EXPECT_EQ((*parts)[1].header(HeaderId::content_encoding), "");
  EXPECT_GT((*parts)[1].content.size(), 100u);
}

TEST(Rfc4475, UnreasonUtf8ReasonPhrase) {
  Message m = valid("unreason");
  EXPECT_EQ(m.status(), 200);
  EXPECT_EQ(m.reason(), "= 2**3 * 5**2 но сто девяносто девять - простое");
}

TEST(Rfc4475, NoreasonEmptyReasonPhrase) {
  Message m = valid("noreason");
  EXPECT_EQ(m.status(), 100);
  EXPECT_EQ(m.reason(), "");
}

// ---- 3.1.2 invalid messages

TEST(Rfc4475, InvalidMessagesAreRefusedWithAReason) {
  const std::map<std::string, std::string> expected = {
      {"badinv01", "validate: Malformed Via header"},
      {"clerr", "parse: Content-Length larger than the message body"},
      {"ncl", "parse: Malformed Content-Length"},
      {"scalar02", "validate: Malformed CSeq header"},
      {"scalarlg", "validate: Malformed CSeq header"},
      {"quotbal", "validate: Malformed To header"},
      {"ltgtruri", "validate: Malformed Request-URI"},
      {"lwsruri", "parse: Malformed request line"},
      {"lwsstart", "parse: Malformed request line: empty Request-URI"},
      {"trws", "parse: Malformed request line"},
      {"escruri", "validate: Headers in the Request-URI"},
      {"regbadct", "validate: Malformed Contact header"},
      {"badaspec", "validate: Malformed To header"},
      {"baddn", "validate: Malformed From header"},
      {"mismatch01", "validate: CSeq method does not match the request method"},
      {"mismatch02", "validate: CSeq method does not match the request method"},
      {"bigcode", "parse: Malformed status code"},
      {"insuf", "validate: Missing From header"},
      {"multi01", "validate: More than one From header"},
      {"mcl01", "parse: Conflicting Content-Length headers"},
  };
  for (const auto& [name, reason] : expected) EXPECT_EQ(refusal(name), reason) << name;
}

TEST(Rfc4475, ClerrOnAStreamWaitsForTheMissingBytes) {
  // RFC 4475 §3.1.2.2: over a stream the element waits for the rest.
  StreamFramer framer;
  framer.feed(load("clerr"));
  EXPECT_EQ(framer.next().kind, StreamFramer::Kind::need_more);
}

TEST(Rfc4475, BaddateIsAcceptedWithTheDateIgnored) {
  // §3.1.2.12: an element may ignore a Date it does not need.
  Message m = valid("baddate");
  EXPECT_EQ(m.header(HeaderId::date), "Fri, 01 Jan 2010 16:00:00 EST");
}

TEST(Rfc4475, BadversParsesForA505) {
  // §3.1.2.16: the version is read so that the answer can be 505.
  auto m = Message::parse(load("badvers"));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->version(), "SIP/7.0");
}

// ---- 3.2 transaction layer, 3.3 application layer, 3.4 backward compatibility

TEST(Rfc4475, BadbranchParses) {
  Message m = valid("badbranch");
  EXPECT_EQ(parse_via(m.header(HeaderId::via))->branch(), "z9hG4bK");
}

TEST(Rfc4475, UnknownSchemesParseForA416) {
  for (const char* name : {"unkscm", "novelsc"}) {
    Message m = valid(name);
    auto ruri = parse_uri(m.request_uri());
    ASSERT_TRUE(ruri.ok()) << name;
    EXPECT_EQ(ruri->scheme, UriScheme::other) << name;
  }
  Message m = valid("unksm2");
  EXPECT_EQ(parse_name_addr(m.header(HeaderId::to))->uri.scheme, UriScheme::other);
}

TEST(Rfc4475, Bext01RequireListsUnknownExtensions) {
  Message m = valid("bext01");
  EXPECT_EQ(all(m, HeaderId::require),
            (std::vector<std::string>{"nothingSupportsThis", "nothingSupportsThisEither"}));
  EXPECT_EQ(all(m, HeaderId::proxy_require),
            (std::vector<std::string>{"noProxiesSupportThis", "norDoAnyProxiesSupportThis"}));
}

TEST(Rfc4475, InvutUnknownContentType) {
  Message m = valid("invut");
  auto ct = parse_content_type(m.header(HeaderId::content_type));
  EXPECT_TRUE(ct->is("application", "unknownformat"));
  EXPECT_FALSE(find_sdp(m).has_value());
}

TEST(Rfc4475, Regaut01UnknownAuthorizationScheme) {
  Message m = valid("regaut01");
  auto a = parse_auth(m.header(HeaderId::authorization));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->scheme, "NoOneKnowsThisScheme");
  EXPECT_EQ(a->get("opaque-data"), "here");
}

TEST(Rfc4475, BcastAndZeromfParse) {
  Message b = valid("bcast");
  EXPECT_EQ(parse_via(b.values(HeaderId::via)[1])->host, "255.255.255.255");
  Message z = valid("zeromf");
  EXPECT_EQ(*parse_number(z.header(HeaderId::max_forwards), 255), 0u);
}

TEST(Rfc4475, ContactParametersVersusUriParameters) {
  const Message m1 = valid("cparam01");
  const Message m2 = valid("cparam02");
  auto c1 = parse_contact(m1.header(HeaderId::contact));
  ASSERT_TRUE(c1.ok());
  EXPECT_TRUE(c1->address.params.has("unknownparam"));  // a contact-param
  EXPECT_FALSE(c1->address.uri.params.has("unknownparam"));
  auto c2 = parse_contact(m2.header(HeaderId::contact));
  ASSERT_TRUE(c2.ok());
  EXPECT_FALSE(c2->address.params.has("unknownparam"));
  EXPECT_TRUE(c2->address.uri.params.has("unknownparam"));  // a url-parameter
}

TEST(Rfc4475, RegescrtEscapedRouteInTheContact) {
  const Message m = valid("regescrt");
  auto c = parse_contact(m.header(HeaderId::contact));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(unescape(c->address.uri.headers), "Route=<sip:sip.example.com>");
}

TEST(Rfc4475, Sdp01AcceptWithoutSdp) {
  Message m = valid("sdp01");
  EXPECT_EQ(all(m, HeaderId::accept), (std::vector<std::string>{"text/nobodyKnowsThis"}));
}

TEST(Rfc4475, Inv2543IsAcceptedForCompatibility) {
  Message m = valid("inv2543");
  auto via = parse_via(m.header(HeaderId::via));
  ASSERT_TRUE(via.ok());
  EXPECT_FALSE(via->branch().has_value());
  EXPECT_FALSE(parse_name_addr(m.header(HeaderId::from))->tag().has_value());
  EXPECT_EQ(m.find(HeaderId::content_length), nullptr);
  EXPECT_EQ(m.find(HeaderId::max_forwards), nullptr);
  EXPECT_TRUE(find_sdp(m).has_value());
}

TEST(Rfc4475, EveryMessageInTheFolderIsCovered) {
  std::size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::string(RTCSIP_TEST_DATA) + "/sip/rfc4475")) {
    if (e.path().extension() == ".sip") ++files;
  }
  EXPECT_EQ(files, 49u);
}
