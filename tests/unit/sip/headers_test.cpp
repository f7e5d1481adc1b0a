// Typed header values: every header type the gateway reads, with the edge
// cases of the RFC 3261 §25 grammar.
#include "rtcsip/sip/headers.hpp"

#include <gtest/gtest.h>

using namespace rtcsip::sip;

TEST(Via, AllParts) {
  auto v = parse_via(
      "SIP/2.0/UDP "
      "pc33.atlanta.com:5066;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5070;maddr=224.2.0.1;ttl=16");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->protocol_name, "SIP");
  EXPECT_EQ(v->protocol_version, "2.0");
  EXPECT_EQ(v->transport, "UDP");
  EXPECT_EQ(v->host, "pc33.atlanta.com");
  EXPECT_EQ(v->host_type, HostType::name);
  EXPECT_EQ(v->port, 5066);
  EXPECT_EQ(v->branch(), "z9hG4bK776asdhds");
  EXPECT_EQ(v->received(), "192.0.2.1");
  EXPECT_EQ(v->rport(), "5070");
  EXPECT_EQ(v->maddr(), "224.2.0.1");
  EXPECT_EQ(v->ttl(), "16");
}

TEST(Via, RportWithoutValueAndLwsEverywhere) {
  auto v = parse_via("SIP / 2.0 / WSS  df7jal23ls0d.invalid ;branch = z9hG4bK2 ; rport");
  ASSERT_TRUE(v.ok()) << v.error().reason;
  EXPECT_EQ(v->transport, "WSS");
  EXPECT_EQ(v->host, "df7jal23ls0d.invalid");
  EXPECT_FALSE(v->port.has_value());
  EXPECT_EQ(v->branch(), "z9hG4bK2");
  ASSERT_TRUE(v->rport().has_value());
  EXPECT_EQ(*v->rport(), "");
}

TEST(Via, IPv4AndIPv6Hosts) {
  auto v4 = parse_via("SIP/2.0/TCP 192.0.2.10:5060;branch=z9hG4bKa");
  ASSERT_TRUE(v4.ok());
  EXPECT_EQ(v4->host_type, HostType::ipv4);
  auto v6 = parse_via("SIP/2.0/UDP [2001:db8::9:1]:5070;branch=z9hG4bKb;received=[2001:db8::9:255]");
  ASSERT_TRUE(v6.ok()) << v6.error().reason;
  EXPECT_EQ(v6->host, "2001:db8::9:1");
  EXPECT_EQ(v6->host_type, HostType::ipv6);
  EXPECT_EQ(v6->port, 5070);
  EXPECT_EQ(v6->received(), "[2001:db8::9:255]");
}

TEST(Via, Malformed) {
  EXPECT_EQ(parse_via("SIP/2.0 host").error().reason, "Malformed Via protocol");
  EXPECT_EQ(parse_via("SIP/2.0/UDP").error().reason, "Malformed Via: no space before sent-by");
  EXPECT_EQ(parse_via("SIP/2.0/UDP host:99999").error().reason, "Malformed Via sent-by");
  EXPECT_EQ(parse_via("SIP/2.0/UDP [2001:db8::1;branch=z9hG4bK").error().reason, "Malformed Via sent-by");
  EXPECT_EQ(parse_via("SIP/2.0/UDP 999.1.1.1").error().reason, "Malformed Via sent-by");
  EXPECT_EQ(parse_via("SIP/2.0/UDP host;branch=").error().reason, "Malformed Via parameters");
  EXPECT_EQ(parse_via("SIP/2.0/UDP host garbage").error().reason, "Malformed Via parameters");
  EXPECT_EQ(parse_via("SIP/2.0/UDP host;branch").error().reason, "Malformed Via branch");
}

TEST(NameAddr, QuotedDisplayNameWithEscapes) {
  auto na = parse_name_addr("\"Bob \\\"the\\\" Builder\" <sip:bob@biloxi.com;transport=tcp>;tag=a48s");
  ASSERT_TRUE(na.ok()) << na.error().reason;
  EXPECT_TRUE(na->quoted_display);
  EXPECT_EQ(na->display_name, "Bob \\\"the\\\" Builder");
  EXPECT_EQ(unquote("\"" + std::string(na->display_name) + "\""), "Bob \"the\" Builder");
  EXPECT_TRUE(na->angle_brackets);
  EXPECT_EQ(na->uri_text, "sip:bob@biloxi.com;transport=tcp");
  EXPECT_EQ(na->uri.host, "biloxi.com");
  EXPECT_EQ(na->uri.param("transport"), "tcp");
  EXPECT_EQ(na->tag(), "a48s");
}

TEST(NameAddr, TokenDisplayNameWithAndWithoutSpaceBeforeTheBracket) {
  auto a = parse_name_addr("Anonymous Caller <sip:c@example.com>");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->display_name, "Anonymous Caller");
  EXPECT_FALSE(a->quoted_display);
  auto b = parse_name_addr("caller<sip:caller@example.com>;tag=323");
  ASSERT_TRUE(b.ok()) << b.error().reason;
  EXPECT_EQ(b->display_name, "caller");
  EXPECT_EQ(b->tag(), "323");
}

TEST(NameAddr, AddrSpecParamsBelongToTheHeader) {
  // RFC 3261 §20.10: without <>, ";tag" is a header parameter, not a URI one.
  auto na = parse_name_addr("sip:alice@atlanta.com;tag=88sja8x");
  ASSERT_TRUE(na.ok());
  EXPECT_FALSE(na->angle_brackets);
  EXPECT_EQ(na->uri_text, "sip:alice@atlanta.com");
  EXPECT_TRUE(na->uri.params.empty());
  EXPECT_EQ(na->tag(), "88sja8x");
  EXPECT_EQ(parse_name_addr("sip:a@b?subject=x").error().reason,
            "Malformed address: ',' or '?' in a URI without <>");
}

TEST(NameAddr, TelAndOtherSchemes) {
  auto tel = parse_name_addr("<tel:+14155551212>");
  ASSERT_TRUE(tel.ok()) << tel.error().reason;
  EXPECT_EQ(tel->uri.scheme, UriScheme::tel);
  EXPECT_EQ(tel->uri.user, "+14155551212");
  auto mailto = parse_name_addr("<mailto:alice@example.com>");
  ASSERT_TRUE(mailto.ok());
  EXPECT_EQ(mailto->uri.scheme, UriScheme::other);
}

TEST(NameAddr, Malformed) {
  EXPECT_FALSE(parse_name_addr("\"unterminated <sip:a@b>").ok());
  EXPECT_FALSE(parse_name_addr("Bell, Alexander <sip:a.g.bell@bell-tel.com>").ok());
  EXPECT_FALSE(parse_name_addr("<sip:a@b").ok());
  EXPECT_TRUE(parse_name_addr("<sip:a@b>;tag").ok());  // a flag parameter is fine
  EXPECT_FALSE(parse_name_addr("<sip:a@b> junk").ok());
  EXPECT_FALSE(parse_name_addr("\"x\" sip:a@b").ok());
  EXPECT_FALSE(parse_name_addr("").ok());
}

TEST(Contact, StarExpiresAndQ) {
  auto star = parse_contact(" * ");
  ASSERT_TRUE(star.ok());
  EXPECT_TRUE(star->star);
  auto c =
      parse_contact("<sip:alice@192.0.2.4;transport=ws;ob>;expires=600;q=0.7;+sip.instance=\"<urn:uuid:1>\"");
  ASSERT_TRUE(c.ok()) << c.error().reason;
  EXPECT_FALSE(c->star);
  EXPECT_EQ(c->expires(), "600");
  EXPECT_EQ(c->q(), "0.7");
  EXPECT_EQ(c->address.params.get("+sip.instance"), "<urn:uuid:1>");
  EXPECT_TRUE(c->address.uri.params.has("ob"));
}

TEST(CSeq, NumberAndMethod) {
  auto c = parse_cseq(" 4711   INVITE ");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->number, 4711u);
  EXPECT_EQ(c->method, Method::invite);
  EXPECT_EQ(parse_cseq("2147483647 ACK")->number, 2147483647u);
  EXPECT_EQ(parse_cseq("2147483648 ACK").error().reason, "Malformed CSeq number");
  EXPECT_EQ(parse_cseq("1").error().reason, "Malformed CSeq");
  EXPECT_EQ(parse_cseq("x INVITE").error().reason, "Malformed CSeq number");
  EXPECT_EQ(parse_cseq("1 INVITE extra").error().reason, "Malformed CSeq");
  EXPECT_EQ(parse_cseq("1 FOO")->method_text, "FOO");
}

TEST(Numbers, ContentLengthMaxForwardsExpires) {
  EXPECT_EQ(*parse_number(" 70 ", 255), 70u);
  EXPECT_EQ(parse_number("256", 255).error().reason, "Number out of range");
  EXPECT_EQ(parse_number("-1").error().reason, "Malformed number");
  EXPECT_EQ(parse_number("1 2").error().reason, "Malformed number");
  EXPECT_EQ(parse_number("").error().reason, "Malformed number");
  EXPECT_EQ(*parse_number("4294967295"), 4294967295u);
  EXPECT_EQ(parse_number("4294967296").error().reason, "Number out of range");
}

TEST(CallId, WordAtWord) {
  EXPECT_EQ(*parse_call_id(" a84b4c76e66710@pc33.atlanta.com "), "a84b4c76e66710@pc33.atlanta.com");
  EXPECT_EQ(*parse_call_id("ZmFzZGZhc2Rm(){}<>[]?/:\\\"~"), "ZmFzZGZhc2Rm(){}<>[]?/:\\\"~");
  EXPECT_FALSE(parse_call_id("a b").ok());
  EXPECT_FALSE(parse_call_id("a@b@c").ok());
  EXPECT_FALSE(parse_call_id("@b").ok());
  EXPECT_FALSE(parse_call_id("").ok());
}

TEST(ContentType, TypeSubtypeParams) {
  auto ct = parse_content_type("multipart/mixed ; boundary=\"unique-boundary-1\"");
  ASSERT_TRUE(ct.ok());
  EXPECT_TRUE(ct->is("Multipart", "MIXED"));
  EXPECT_EQ(ct->params.get("boundary"), "unique-boundary-1");
  EXPECT_FALSE(parse_content_type("application").ok());
  EXPECT_FALSE(parse_content_type("application/sdp;").ok());
}

TEST(Auth, ChallengeAndCredentials) {
  auto ch = parse_auth(
      "Digest realm=\"atlanta.example.com\", qop=\"auth,auth-int\", "
      "nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\", "
      "opaque=\"\", stale=FALSE, algorithm=SHA-256");
  ASSERT_TRUE(ch.ok()) << ch.error().reason;
  EXPECT_EQ(ch->scheme, "Digest");
  EXPECT_EQ(ch->get("realm"), "atlanta.example.com");
  EXPECT_EQ(ch->get("QOP"), "auth,auth-int");
  EXPECT_EQ(ch->get("opaque"), "");
  EXPECT_EQ(ch->get("stale"), "FALSE");
  EXPECT_EQ(ch->get("algorithm"), "SHA-256");
  EXPECT_FALSE(ch->get("domain").has_value());
  auto cr = parse_auth(
      "Digest "
      "username=\"bob\",realm=\"b.com\",nonce=\"n\",uri=\"sip:b.com\",response=\"r\",nc=00000001,cnonce="
      "\"c\",qop=auth");
  ASSERT_TRUE(cr.ok()) << cr.error().reason;
  EXPECT_EQ(cr->get("nc"), "00000001");
  EXPECT_EQ(cr->get("uri"), "sip:b.com");
  int count = 0;
  cr->for_each([&](std::string_view, std::string_view, bool) { ++count; });
  EXPECT_EQ(count, 8);
  EXPECT_EQ(parse_auth("Digest realm=").error().reason, "Malformed authentication parameter");
  EXPECT_EQ(parse_auth("Digest realm=\"x\" nonce=\"y\"").error().reason,
            "Malformed authentication parameter");
}

TEST(SessionTimers, SessionExpiresAndMinSE) {
  auto se = parse_session_expires("1800;refresher=uac");
  ASSERT_TRUE(se.ok());
  EXPECT_EQ(se->delta, 1800u);
  EXPECT_EQ(se->refresher(), "uac");
  EXPECT_FALSE(parse_session_expires("90")->refresher().has_value());
  EXPECT_EQ(parse_session_expires("90;refresher=both").error().reason, "Malformed Session-Expires refresher");
  EXPECT_FALSE(parse_session_expires("abc").ok());
  EXPECT_EQ(*parse_min_se(" 90 "), 90u);
  EXPECT_EQ(*parse_min_se("120;ext=1"), 120u);
  EXPECT_FALSE(parse_min_se("x").ok());
}

TEST(Prack, RAck) {
  auto r = parse_rack("776656 1 INVITE");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rseq, 776656u);
  EXPECT_EQ(r->cseq, 1u);
  EXPECT_EQ(r->method, Method::invite);
  EXPECT_FALSE(parse_rack("1 INVITE").ok());
  EXPECT_FALSE(parse_rack("1 2 INVITE x").ok());
}

TEST(ReasonHeader, ProtocolCauseText) {
  auto q850 = parse_reason("Q.850;cause=16;text=\"Normal call clearing\"");
  ASSERT_TRUE(q850.ok());
  EXPECT_EQ(q850->protocol, "Q.850");
  EXPECT_EQ(q850->cause, 16u);
  EXPECT_EQ(q850->text, "Normal call clearing");
  auto sip = parse_reason("SIP ; cause=200 ; text=\"Call completed elsewhere\"");
  ASSERT_TRUE(sip.ok());
  EXPECT_EQ(sip->cause, 200u);
  EXPECT_FALSE(parse_reason("SIP;cause=abc").ok());
  EXPECT_FALSE(parse_reason(";cause=1").ok());
}

TEST(EventHeader, TypeAndId) {
  auto e = parse_event("refer;id=93809824");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->type, "refer");
  EXPECT_EQ(e->params.get("id"), "93809824");
  EXPECT_EQ(parse_event("message-summary")->type, "message-summary");
}

TEST(RetryAfterHeader, SecondsCommentParams) {
  auto r = parse_retry_after("18000 (in a (nested) meeting) ;duration=3600");
  ASSERT_TRUE(r.ok()) << r.error().reason;
  EXPECT_EQ(r->seconds, 18000u);
  EXPECT_EQ(r->comment, "in a (nested) meeting");
  EXPECT_EQ(r->params.get("duration"), "3600");
  EXPECT_FALSE(parse_retry_after("5 (open").ok());
}

TEST(Tokens, OptionTagsAndPrivacy) {
  EXPECT_EQ(*parse_token(" 100rel "), "100rel");
  EXPECT_FALSE(parse_token("a b").ok());
  EXPECT_FALSE(parse_token("").ok());
  std::vector<std::string_view> privacy;
  EXPECT_TRUE(for_each_privacy("id; header;user", [&](std::string_view v) { privacy.push_back(v); }));
  EXPECT_EQ(privacy, (std::vector<std::string_view>{"id", "header", "user"}));
  EXPECT_FALSE(for_each_privacy("id;;", [](std::string_view) {}));
}

TEST(HeaderParamsList, ValuesFlagsAndQuotes) {
  HeaderParams p(";tag=1 ; lr ;x=\"a;b\";maddr=[2001:db8::1]");
  EXPECT_EQ(p.get("TAG"), "1");
  ASSERT_TRUE(p.get("lr").has_value());
  EXPECT_EQ(*p.get("lr"), "");
  EXPECT_EQ(p.get("x"), "a;b");
  EXPECT_EQ(p.get("maddr"), "[2001:db8::1]");
  EXPECT_FALSE(p.get("missing").has_value());
  EXPECT_FALSE(scan_params(";a=\"open").ok());
  EXPECT_EQ(*scan_params(";a=1;b rest"), 6u);
}

TEST(DisplayNames, QuotedWhenNeeded) {
  EXPECT_EQ(quote_display_name("Alice"), "Alice");
  EXPECT_EQ(quote_display_name("Alice Smith"), "Alice Smith");
  EXPECT_EQ(quote_display_name("Smith, Alice"), "\"Smith, Alice\"");
  EXPECT_EQ(quote_display_name("say \"hi\""), "\"say \\\"hi\\\"\"");
  EXPECT_EQ(quote_display_name("Zoë"), "\"Zoë\"");
}
