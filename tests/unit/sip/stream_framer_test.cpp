#include "rtcsip/sip/stream_framer.hpp"

#include <gtest/gtest.h>

using rtcsip::sip::FramerLimits;
using rtcsip::sip::StreamFramer;
using Kind = StreamFramer::Kind;

namespace {
const std::string kMsg1 = "OPTIONS sip:a@b SIP/2.0\r\nCall-ID: 1\r\nContent-Length: 0\r\n\r\n";
const std::string kMsg2 = "MESSAGE sip:a@b SIP/2.0\r\nl: 5\r\nContent-Type: text/plain\r\n\r\nhello";
}  // namespace

TEST(StreamFramer, CutsPipelinedMessages) {
  StreamFramer f;
  f.feed(kMsg1 + kMsg2 + kMsg1);
  auto a = f.next();
  ASSERT_EQ(a.kind, Kind::message);
  EXPECT_EQ(*a.message, kMsg1);
  auto b = f.next();
  ASSERT_EQ(b.kind, Kind::message);
  EXPECT_EQ(*b.message, kMsg2);
  EXPECT_EQ(f.next().kind, Kind::message);
  EXPECT_EQ(f.next().kind, Kind::need_more);
  EXPECT_EQ(f.buffered(), 0u);
}

TEST(StreamFramer, WaitsForTheWholeBodyByteByByte) {
  StreamFramer f;
  const std::string both = kMsg2 + kMsg1;
  std::vector<std::string> got;
  for (char c : both) {
    f.feed(std::string_view(&c, 1));
    for (auto e = f.next(); e.kind != Kind::need_more; e = f.next()) {
      ASSERT_EQ(e.kind, Kind::message);
      got.push_back(*e.message);
    }
  }
  EXPECT_EQ(got, (std::vector<std::string>{kMsg2, kMsg1}));
}

TEST(StreamFramer, KeepalivesBetweenMessages) {
  // RFC 5626 §4.4.1: CRLFCRLF is a ping, CRLF the pong.
  StreamFramer f;
  f.feed("\r\n\r\n" + kMsg1 + "\r\n" + kMsg1);
  EXPECT_EQ(f.next().kind, Kind::ping);
  EXPECT_EQ(f.next().kind, Kind::message);
  EXPECT_EQ(f.next().kind, Kind::pong);
  EXPECT_EQ(f.next().kind, Kind::message);
  StreamFramer partial;
  partial.feed("\r\n\r");
  EXPECT_EQ(partial.next().kind, Kind::need_more);
  partial.feed("\n");
  EXPECT_EQ(partial.next().kind, Kind::ping);
}

TEST(StreamFramer, ContentLengthIsRequiredOnStreams) {
  StreamFramer f;
  f.feed("OPTIONS sip:a@b SIP/2.0\r\nCall-ID: 1\r\n\r\n");
  auto e = f.next();
  ASSERT_EQ(e.kind, Kind::error);
  EXPECT_EQ(e.error.reason, "Missing Content-Length on a stream transport");
  EXPECT_EQ(f.next().kind, Kind::error);  // no resynchronisation
}

TEST(StreamFramer, MalformedOrConflictingContentLength) {
  for (const char* bad : {"Content-Length: 1x\r\n", "Content-Length: 1\r\nl: 2\r\n", "Content-Length: \r\n",
                          "Content-Length: 99999999999999\r\n"}) {
    StreamFramer f;
    f.feed(std::string("MESSAGE sip:a@b SIP/2.0\r\n") + bad + "\r\n");
    auto e = f.next();
    ASSERT_EQ(e.kind, Kind::error) << bad;
    EXPECT_EQ(e.error.reason, "Malformed Content-Length") << bad;
  }
}

TEST(StreamFramer, LimitsBoundTheBuffer) {
  StreamFramer f(FramerLimits{.max_header_bytes = 100, .max_body_bytes = 10});
  f.feed("OPTIONS sip:a@b SIP/2.0\r\n" + std::string(200, 'X'));
  auto e = f.next();
  ASSERT_EQ(e.kind, Kind::error);
  EXPECT_EQ(e.error.reason, "Message headers too large");
  StreamFramer g(FramerLimits{.max_header_bytes = 100, .max_body_bytes = 10});
  g.feed("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 11\r\n\r\n");
  auto e2 = g.next();
  ASSERT_EQ(e2.kind, Kind::error);
  EXPECT_EQ(e2.error.reason, "Message body too large");
}
