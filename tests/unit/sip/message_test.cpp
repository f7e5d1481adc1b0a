// Parsing, editing and serializing whole SIP messages.
#include "rtcsip/sip/message.hpp"

#include <gtest/gtest.h>

#include "rtcsip/sip/headers.hpp"

using namespace rtcsip::sip;

namespace {

const char* kInvite =
    "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
    "Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9\r\n"
    "Max-Forwards: 70\r\n"
    "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n"
    "To: Bob <sip:bob@biloxi.example.com>\r\n"
    "Call-ID: 3848276298220188511@atlanta.example.com\r\n"
    "CSeq: 1 INVITE\r\n"
    "Contact: <sip:alice@client.atlanta.example.com;transport=tcp>\r\n"
    "Content-Type: application/sdp\r\n"
    "Content-Length: 10\r\n"
    "\r\n"
    "v=0\r\no=x\r\n";

Message parse_ok(const std::string& text, ParseOptions options = {}) {
  auto m = Message::parse(text, options);
  EXPECT_TRUE(m.ok()) << m.error().reason << " at " << m.error().offset;
  return m.ok() ? *m : Message::response(500, "unreachable");
}

std::string error_of(const std::string& text, ParseOptions options = {}) {
  auto m = Message::parse(text, options);
  if (m) return "parsed";
  return std::string(m.error().reason) + " @" + std::to_string(m.error().offset);
}

}  // namespace

TEST(Message, ParsesARequest) {
  Message m = parse_ok(kInvite);
  EXPECT_TRUE(m.is_request());
  EXPECT_EQ(m.method(), Method::invite);
  EXPECT_EQ(m.method_text(), "INVITE");
  EXPECT_EQ(m.request_uri(), "sip:bob@biloxi.example.com");
  EXPECT_EQ(m.version(), "SIP/2.0");
  ASSERT_EQ(m.fields().size(), 9u);
  EXPECT_EQ(m.fields()[0].id, HeaderId::via);
  EXPECT_EQ(m.header(HeaderId::call_id), "3848276298220188511@atlanta.example.com");
  EXPECT_EQ(m.header(HeaderId::cseq), "1 INVITE");
  EXPECT_EQ(m.body(), "v=0\r\no=x\r\n");
  EXPECT_FALSE(validate(m).has_value());
}

TEST(Message, ParsesAResponseWithAnyReasonPhrase) {
  Message m = parse_ok(
      "SIP/2.0 180 Ringing – ça sonne\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\n"
      "To: <sip:c@d>;tag=2\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
  EXPECT_FALSE(m.is_request());
  EXPECT_EQ(m.status(), 180);
  EXPECT_EQ(m.reason(), "Ringing – ça sonne");
  EXPECT_FALSE(validate(m).has_value());
  Message empty_reason = parse_ok("SIP/2.0 100 \r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(empty_reason.reason(), "");
}

TEST(Message, HeaderNamesAreCaseInsensitiveAndCompactFormsKnown) {
  Message m = parse_ok(
      "OPTIONS sip:x@y SIP/2.0\r\nv: SIP/2.0/UDP h;branch=z9hG4bK1\r\nf: <sip:a@b>;tag=1\r\nt: <sip:c@d>\r\n"
      "i: abc\r\nCSEQ: 7 OPTIONS\r\nMAX-forwards: 70\r\nk: timer, 100rel\r\nl: 0\r\nX-Custom:  value  "
      "\r\n\r\n");
  EXPECT_EQ(m.header(HeaderId::via), "SIP/2.0/UDP h;branch=z9hG4bK1");
  EXPECT_EQ(m.header(HeaderId::call_id), "abc");
  EXPECT_EQ(m.header(HeaderId::cseq), "7 OPTIONS");
  EXPECT_EQ(m.header(HeaderId::max_forwards), "70");
  EXPECT_EQ(m.values(HeaderId::supported), (std::vector<std::string_view>{"timer", "100rel"}));
  ASSERT_NE(m.find("x-custom"), nullptr);
  EXPECT_EQ(m.find("x-custom")->value, "value");
  EXPECT_EQ(m.find("X-Custom")->name, "X-Custom");
  EXPECT_FALSE(validate(m).has_value());
}

TEST(Message, ListHeadersSplitAcrossLinesAndCommas) {
  Message m = parse_ok(
      "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b;branch=z9hG4bK2\r\n"
      "Via: SIP/2.0/UDP c;branch=z9hG4bK3\r\n"
      "Contact: \"Doe, John\" <sip:j@d>, <sip:k@e;x=\"a,b\">\r\n"
      "WWW-Authenticate: Digest realm=\"r\", nonce=\"n\", qop=\"auth,auth-int\"\r\nContent-Length: "
      "0\r\n\r\n");
  EXPECT_EQ(m.values(HeaderId::via),
            (std::vector<std::string_view>{"SIP/2.0/UDP a;branch=z9hG4bK1", "SIP/2.0/UDP b;branch=z9hG4bK2",
                                           "SIP/2.0/UDP c;branch=z9hG4bK3"}));
  EXPECT_EQ(m.values(HeaderId::contact),
            (std::vector<std::string_view>{"\"Doe, John\" <sip:j@d>", "<sip:k@e;x=\"a,b\">"}));
  // Not a list header: the commas separate its parameters.
  EXPECT_EQ(m.values(HeaderId::www_authenticate).size(), 1u);
}

TEST(Message, FoldedLinesReadAsOneLine) {
  Message m = parse_ok(
      "OPTIONS sip:x@y SIP/2.0\r\nSubject: first\r\n  second\r\n\tthird\r\nVia: SIP/2.0/UDP h;\r\n "
      "branch=z9hG4bK1\r\n"
      "Content-Length: 0\r\n\r\n");
  EXPECT_EQ(m.header(HeaderId::subject), "first second third");
  auto via = parse_via(m.header(HeaderId::via));
  ASSERT_TRUE(via.ok());
  EXPECT_EQ(via->branch(), "z9hG4bK1");
}

TEST(Message, BodyFollowsContentLength) {
  // On a datagram, bytes past Content-Length are dropped (RFC 3261 §18.3)...
  Message m =
      parse_ok("MESSAGE sip:x@y SIP/2.0\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello world");
  EXPECT_EQ(m.body(), "hello");
  // ...a missing Content-Length means the rest of the datagram...
  EXPECT_EQ(parse_ok("MESSAGE sip:x@y SIP/2.0\r\nContent-Type: text/plain\r\n\r\nhello world").body(),
            "hello world");
  // ...and a Content-Length beyond the datagram is an error.
  EXPECT_EQ(error_of("MESSAGE sip:x@y SIP/2.0\r\nContent-Length: 50\r\n\r\nhello"),
            "Content-Length larger than the message body @47");
  EXPECT_EQ(error_of("MESSAGE sip:x@y SIP/2.0\r\nContent-Length: 5x\r\n\r\nhello"),
            "Malformed Content-Length @41");
  EXPECT_EQ(error_of("MESSAGE sip:x@y SIP/2.0\r\nl: 5\r\nContent-Length: 4\r\n\r\nhello"),
            "Conflicting Content-Length headers @31");
}

TEST(Message, MalformedStartLines) {
  EXPECT_EQ(error_of("INVITE  sip:x@y SIP/2.0\r\n\r\n"), "Malformed request line: empty Request-URI @7");
  EXPECT_EQ(error_of("INVITE sip:x@y  SIP/2.0\r\n\r\n"), "Malformed request line @15");
  EXPECT_EQ(error_of("INVITE sip:x@y SIP/2.0 \r\n\r\n"), "Malformed request line @15");
  EXPECT_EQ(error_of("INVITE sip:x@y\r\n\r\n"), "Malformed request line @14");
  EXPECT_EQ(error_of("INV{TE sip:x@y SIP/2.0\r\n\r\n"), "Malformed method @3");
  EXPECT_EQ(error_of("INVITE sip:x@y HTTP/1.1\r\n\r\n"), "Malformed SIP version @15");
  EXPECT_EQ(error_of("SIP/2.0 99 Low\r\n\r\n"), "Malformed status code @8");
  EXPECT_EQ(error_of("SIP/2.0 700 High\r\n\r\n"), "Status code out of range @8");
  EXPECT_EQ(error_of("SIP/2.0 2000 OK\r\n\r\n"), "Malformed status code @8");
  EXPECT_EQ(error_of("INVITE sip:x@y SIP/2.0"), "Incomplete message: no end of start line @22");
  EXPECT_EQ(error_of(""), "Incomplete message: no end of start line @0");
  // A version other than 2.0 parses; the transaction layer answers 505.
  EXPECT_EQ(parse_ok("INVITE sip:x@y SIP/7.0\r\n\r\n").version(), "SIP/7.0");
}

TEST(Message, MalformedHeaders) {
  EXPECT_EQ(error_of("OPTIONS sip:x@y SIP/2.0\r\nNoColon\r\n\r\n"), "Malformed header line @25");
  EXPECT_EQ(error_of("OPTIONS sip:x@y SIP/2.0\r\n: value\r\n\r\n"), "Malformed header line @25");
  EXPECT_EQ(error_of("OPTIONS sip:x@y SIP/2.0\r\nVia: x\r\n"),
            "Incomplete message: no blank line after the headers @33");
  EXPECT_EQ(error_of(std::string("OPTIONS sip:x@y SIP/2.0\r\nSubject: a\0b\r\n\r\n", 42)),
            "Control character in header value @35");
  std::string many = "OPTIONS sip:x@y SIP/2.0\r\n";
  for (int i = 0; i < 300; ++i) many += "X-H: 1\r\n";
  EXPECT_EQ(error_of(many + "\r\n"), "Too many header fields @2073");
}

TEST(Message, LeadingCrlfsAndBareLineFeedsAreTolerated) {
  Message m = parse_ok("\r\n\r\nOPTIONS sip:x@y SIP/2.0\nCall-ID: a\nContent-Length: 0\n\n");
  EXPECT_EQ(m.method(), Method::options);
  EXPECT_EQ(m.header(HeaderId::call_id), "a");
}

TEST(Message, UnknownMethodsParse) {
  Message m = parse_ok("FOOBAR sip:x@y SIP/2.0\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(m.method(), Method::other);
  EXPECT_EQ(m.method_text(), "FOOBAR");
  // Methods are case-sensitive (RFC 3261 §7.1).
  EXPECT_EQ(parse_ok("invite sip:x@y SIP/2.0\r\n\r\n").method(), Method::other);
}

TEST(Message, SerializeWritesFullNamesAndTheRealContentLength) {
  Message m = parse_ok(
      "OPTIONS sip:x@y SIP/2.0\r\nv: SIP/2.0/UDP h;branch=z9hG4bK1\r\ni: abc\r\nX-A: 1\r\nl: 0\r\n\r\n",
      ParseOptions{.datagram = true});
  EXPECT_EQ(m.serialize(),
            "OPTIONS sip:x@y SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: abc\r\nX-A: 1\r\n"
            "Content-Length: 0\r\n\r\n");
}

TEST(Message, EditingKeepsEverythingElse) {
  Message original = parse_ok(kInvite);
  Message m = original;  // the B2BUA edits a copy for the other leg
  m.set_request_uri("sip:bob@192.0.2.4:5060");
  m.pop_via();
  m.push_via("SIP/2.0/UDP gw.example.com;branch=z9hG4bKgw1;rport");
  m.set_header(HeaderId::max_forwards, "69");
  m.set_header(HeaderId::contact, "<sip:gw@gw.example.com>");
  m.add_header("X-Leg", "b");
  m.remove_headers(HeaderId::to);
  m.add_header(HeaderId::to, "<sip:bob@192.0.2.4>");
  m.set_body("application/sdp", "v=0\r\n");
  EXPECT_EQ(m.serialize(),
            "INVITE sip:bob@192.0.2.4:5060 SIP/2.0\r\n"
            "Via: SIP/2.0/UDP gw.example.com;branch=z9hG4bKgw1;rport\r\n"
            "Max-Forwards: 69\r\n"
            "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n"
            "Call-ID: 3848276298220188511@atlanta.example.com\r\n"
            "CSeq: 1 INVITE\r\n"
            "Contact: <sip:gw@gw.example.com>\r\n"
            "X-Leg: b\r\n"
            "To: <sip:bob@192.0.2.4>\r\n"
            "Content-Type: application/sdp\r\n"
            "Content-Length: 5\r\n"
            "\r\n"
            "v=0\r\n");
  // The original is untouched and still reads from its buffer.
  EXPECT_EQ(original.serialize(), std::string(kInvite));
  // A copy of the edited message outlives it.
  Message copy = m;
  m = Message::response(200, "OK");
  EXPECT_EQ(copy.header(HeaderId::contact), "<sip:gw@gw.example.com>");
  auto reparsed = Message::parse(copy.serialize());
  ASSERT_TRUE(reparsed.ok());
  EXPECT_FALSE(validate(*reparsed).has_value());
}

TEST(Message, PopViaTakesTheTopValueOfACombinedLine) {
  Message m = parse_ok(
      "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1 , SIP/2.0/UDP b;branch=z9hG4bK2\r\n"
      "Via: SIP/2.0/UDP c;branch=z9hG4bK3\r\n\r\n");
  EXPECT_TRUE(m.pop_via());
  EXPECT_EQ(m.values(HeaderId::via), (std::vector<std::string_view>{"SIP/2.0/UDP b;branch=z9hG4bK2",
                                                                    "SIP/2.0/UDP c;branch=z9hG4bK3"}));
  EXPECT_TRUE(m.pop_via());
  EXPECT_TRUE(m.pop_via());
  EXPECT_FALSE(m.pop_via());
}

TEST(Message, EditedValuesCannotInjectHeaders) {
  Message m = Message::request(Method::options, "OPTIONS", "sip:x@y");
  m.add_header(HeaderId::subject, "hi\r\nX-Evil: 1");
  EXPECT_EQ(m.serialize(), "OPTIONS sip:x@y SIP/2.0\r\nSubject: hi  X-Evil: 1\r\nContent-Length: 0\r\n\r\n");
}

TEST(Message, BuildsResponsesAndRequestsFromScratch) {
  Message r = Message::response(486, "Busy Here");
  r.add_header(HeaderId::call_id, "c1");
  EXPECT_EQ(r.serialize(), "SIP/2.0 486 Busy Here\r\nCall-ID: c1\r\nContent-Length: 0\r\n\r\n");
  Message q = Message::request(Method::other, "PUBLISH2", "sip:p@q");
  EXPECT_EQ(q.serialize().substr(0, 28), "PUBLISH2 sip:p@q SIP/2.0\r\nCo");
}

TEST(Validate, MandatoryHeaders) {
  const std::string base =
      "OPTIONS sip:x@y SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\n"
      "To: <sip:c@d>\r\nCall-ID: abc\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n";
  auto check = [&](const std::string& text) -> std::string {
    auto m = Message::parse(text);
    if (!m) return std::string("parse: ") + std::string(m.error().reason);
    auto e = validate(*m);
    return e ? std::string(e->reason) : "ok";
  };
  EXPECT_EQ(check(base + "\r\n"), "ok");
  auto without = [&](std::string_view header) {
    std::string t = base;
    const auto pos = t.find(header);
    t.erase(pos, t.find("\r\n", pos) + 2 - pos);
    return t + "\r\n";
  };
  EXPECT_EQ(check(without("Via:")), "Missing Via header");
  EXPECT_EQ(check(without("From:")), "Missing From header");
  EXPECT_EQ(check(without("To:")), "Missing To header");
  EXPECT_EQ(check(without("Call-ID:")), "Missing Call-ID header");
  EXPECT_EQ(check(without("CSeq:")), "Missing CSeq header");
  EXPECT_EQ(check(without("Max-Forwards:")), "ok");  // RFC 3261 §8.2: tolerated
  EXPECT_EQ(check(base + "From: <sip:z@z>\r\n\r\n"), "More than one From header");
  EXPECT_EQ(check(base + "Call-ID: again\r\n\r\n"), "More than one Call-ID header");
  EXPECT_EQ(check(without("CSeq:").substr(0, without("CSeq:").size() - 2) + "CSeq: 1 INVITE\r\n\r\n"),
            "CSeq method does not match the request method");
  EXPECT_EQ(
      check(without("CSeq:").substr(0, without("CSeq:").size() - 2) + "CSeq: 2147483648 OPTIONS\r\n\r\n"),
      "Malformed CSeq header");
  EXPECT_EQ(check(base + "Contact: <sip:broken\r\n\r\n"), "Malformed Contact header");
  EXPECT_EQ(check(base + "Expires: soon\r\n\r\n"), "Malformed Expires header");
  EXPECT_EQ(check(base + "Content-Type: sdp\r\n\r\n"), "Malformed Content-Type header");
}
