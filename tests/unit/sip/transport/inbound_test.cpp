// What the transport layer does with received bytes: Via stamping (RFC 3261
// §18.2.1, RFC 3581), stateless answers, drops.
#include "inbound.hpp"

#include <gtest/gtest.h>

#include "rtcsip/sip/headers.hpp"

using namespace rtcsip::sip;
using namespace rtcsip::sip::detail;

namespace {

const Peer kFrom{TransportKind::udp, Address{"192.0.2.7", 41000}, kNoFlow};
const Address kLocal{"192.0.2.1", 5060};

std::string request(const std::string& via) {
  return "OPTIONS sip:gw@192.0.2.1 SIP/2.0\r\nVia: " + via +
         "\r\nMax-Forwards: 70\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:gw@192.0.2.1>\r\nCall-ID: c\r\nCSeq: 1 "
         "OPTIONS\r\n"
         "Content-Length: 0\r\n\r\n";
}

InboundResult run(const std::string& text, std::size_t max = 65535) {
  return process_inbound(std::make_shared<const std::string>(text), kFrom, kLocal, true, max);
}

}  // namespace

TEST(Inbound, ReceivedIsAddedWhenSentByDiffers) {
  auto r = run(request("SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK1"));
  ASSERT_TRUE(r.incoming.has_value());
  EXPECT_EQ(r.incoming->message.header(HeaderId::via),
            "SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK1;received=192.0.2.7");
  EXPECT_EQ(r.incoming->from.address, kFrom.address);
}

TEST(Inbound, NothingIsAddedWhenSentByIsTheSourceWithoutRport) {
  auto r = run(request("SIP/2.0/UDP 192.0.2.7:41000;branch=z9hG4bK1"));
  ASSERT_TRUE(r.incoming.has_value());
  EXPECT_EQ(r.incoming->message.header(HeaderId::via), "SIP/2.0/UDP 192.0.2.7:41000;branch=z9hG4bK1");
}

TEST(Inbound, RportGetsTheSourcePortAndReceivedAlways) {
  // RFC 3581 §4: with rport the server adds received even when it equals sent-by.
  auto r = run(request("SIP/2.0/UDP 192.0.2.7:5060;rport;branch=z9hG4bK1"));
  ASSERT_TRUE(r.incoming.has_value());
  EXPECT_EQ(r.incoming->message.header(HeaderId::via),
            "SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK1;received=192.0.2.7;rport=41000");
}

TEST(Inbound, OnlyTheTopViaOfACombinedLineIsStamped) {
  auto r =
      run(request("SIP/2.0/UDP 10.0.0.5;branch=z9hG4bK1, SIP/2.0/UDP proxy.example.com;branch=z9hG4bK0"));
  ASSERT_TRUE(r.incoming.has_value());
  EXPECT_EQ(r.incoming->message.values(HeaderId::via),
            (std::vector<std::string_view>{"SIP/2.0/UDP 10.0.0.5;branch=z9hG4bK1;received=192.0.2.7",
                                           "SIP/2.0/UDP proxy.example.com;branch=z9hG4bK0"}));
}

TEST(Inbound, AnIpv6SourceIsBracketed) {
  Message m = *Message::parse(request("SIP/2.0/UDP [2001:db8::5];branch=z9hG4bK1;rport"));
  stamp_via(m, Address{"2001:db8::7", 5062});
  EXPECT_EQ(m.header(HeaderId::via),
            "SIP/2.0/UDP [2001:db8::5];branch=z9hG4bK1;received=[2001:db8::7];rport=5062");
  EXPECT_TRUE(parse_via(m.header(HeaderId::via)).ok());
}

TEST(Inbound, InvalidRequestsGet400WithTheReasonAndTheirHeaders) {
  std::string text = request("SIP/2.0/UDP 10.0.0.5;branch=z9hG4bK1");
  text.replace(text.find("CSeq: 1 OPTIONS"), 15, "CSeq: 1 INFO");
  auto r = run(text);
  EXPECT_FALSE(r.incoming.has_value());
  ASSERT_TRUE(r.answer.has_value());
  EXPECT_EQ(r.answer->status(), 400);
  EXPECT_EQ(r.answer->reason(), "CSeq method does not match the request method");
  EXPECT_EQ(r.answer->header(HeaderId::call_id), "c");
  EXPECT_EQ(r.answer->header(HeaderId::cseq), "1 INFO");
}

TEST(Inbound, UnparseableRequestsAreAnsweredFromWhatCanBeFound) {
  std::string text = request("SIP/2.0/UDP 10.0.0.5;branch=z9hG4bK1");
  text.insert(text.find("Max-Forwards"), "garbage line\r\n");
  auto r = run(text);
  ASSERT_TRUE(r.answer.has_value());
  EXPECT_EQ(r.answer->serialize(),
            "SIP/2.0 400 Malformed header line\r\nVia: SIP/2.0/UDP 10.0.0.5;branch=z9hG4bK1\r\nFrom: "
            "<sip:a@b>;tag=1\r\n"
            "To: <sip:gw@192.0.2.1>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
}

TEST(Inbound, WhatCannotBeAnsweredIsDropped) {
  EXPECT_FALSE(run("SIP/2.0 200 OK\r\nbroken\r\n\r\n").answer.has_value());
  EXPECT_FALSE(run("garbage\r\n\r\n").answer.has_value());
  // A request without Call-ID cannot be answered meaningfully.
  std::string text = request("SIP/2.0/UDP 10.0.0.5;branch=z9hG4bK1");
  text.erase(text.find("Call-ID: c\r\n"), 12);
  text.insert(text.find("Max-Forwards"), "garbage line\r\n");
  auto r = run(text);
  EXPECT_FALSE(r.answer.has_value());
  EXPECT_EQ(r.problem, "Malformed header line");
  // An invalid ACK is never answered (RFC 3261 §17.2.1: ACKs get no response).
  std::string ack = request("SIP/2.0/UDP 10.0.0.5;branch=z9hG4bK1");
  ack.replace(0, 7, "ACK");
  EXPECT_FALSE(run(ack).answer.has_value());
}

TEST(Inbound, AnOversizedMessageGets413) {
  std::string text = request("SIP/2.0/UDP 10.0.0.5;branch=z9hG4bK1");
  auto r = run(text, 100);
  ASSERT_TRUE(r.answer.has_value());
  EXPECT_EQ(r.answer->status(), 413);
  EXPECT_EQ(r.answer->reason(), "Request Entity Too Large");
}
