// Round trip over real-world messages (tests/data/sip/corpus): each parses
// and validates, serializes, and parses again to the same start line, the
// same header fields in the same order and the same body.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "rtcsip/sip/headers.hpp"
#include "rtcsip/sip/message.hpp"
#include "rtcsip/sip/multipart.hpp"

using namespace rtcsip::sip;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> corpus() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(std::string(RTCSIP_TEST_DATA) + "/sip/corpus")) {
    if (e.path().extension() == ".sip") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void expect_same(const Message& a, const Message& b, const std::string& name) {
  EXPECT_EQ(a.is_request(), b.is_request()) << name;
  EXPECT_EQ(a.method_text(), b.method_text()) << name;
  EXPECT_EQ(a.request_uri(), b.request_uri()) << name;
  EXPECT_EQ(a.status(), b.status()) << name;
  EXPECT_EQ(a.reason(), b.reason()) << name;
  EXPECT_EQ(a.body(), b.body()) << name;
  std::vector<std::pair<HeaderId, std::string_view>> fa, fb;
  for (const auto& f : a.fields()) {
    if (f.id != HeaderId::content_length) fa.emplace_back(f.id, f.value);
  }
  for (const auto& f : b.fields()) {
    if (f.id != HeaderId::content_length) fb.emplace_back(f.id, f.value);
  }
  EXPECT_EQ(fa, fb) << name;
}

}  // namespace

TEST(Corpus, EveryMessageRoundTrips) {
  const auto files = corpus();
  ASSERT_GE(files.size(), 40u);
  for (const auto& file : files) {
    const std::string name = file.filename().string();
    auto first = Message::parse(read(file));
    ASSERT_TRUE(first.ok()) << name << ": " << first.error().reason << " @" << first.error().offset;
    auto problem = validate(*first);
    EXPECT_FALSE(problem.has_value()) << name << ": " << (problem ? problem->reason : "");
    const std::string wire = first->serialize();
    auto second = Message::parse(wire);
    ASSERT_TRUE(second.ok()) << name << ": " << second.error().reason;
    expect_same(*first, *second, name);
    EXPECT_EQ(second->serialize(), wire) << name;  // serialization is stable
  }
}

TEST(Corpus, TypedHeadersOfEveryMessageParse) {
  for (const auto& file : corpus()) {
    const std::string name = file.filename().string();
    auto m = Message::parse(read(file));
    ASSERT_TRUE(m.ok()) << name;
    for (const auto& f : m->fields()) {
      const std::string where = name + ": " + std::string(f.name) + ": " + std::string(f.value);
      switch (f.id) {
        case HeaderId::via:
        case HeaderId::contact:
        case HeaderId::route:
        case HeaderId::record_route:
        case HeaderId::p_asserted_identity:
          m->for_each_value(f.id, [&](std::string_view v) {
            const bool ok = f.id == HeaderId::via       ? parse_via(v).ok()
                            : f.id == HeaderId::contact ? parse_contact(v).ok()
                                                        : parse_name_addr(v).ok();
            EXPECT_TRUE(ok) << where;
          });
          break;
        case HeaderId::from:
        case HeaderId::to:
        case HeaderId::p_preferred_identity:
          EXPECT_TRUE(parse_name_addr(f.value).ok()) << where;
          break;
        case HeaderId::www_authenticate:
        case HeaderId::proxy_authenticate:
        case HeaderId::authorization:
        case HeaderId::proxy_authorization:
          EXPECT_TRUE(parse_auth(f.value).ok()) << where;
          break;
        case HeaderId::session_expires:
          EXPECT_TRUE(parse_session_expires(f.value).ok()) << where;
          break;
        case HeaderId::min_se:
          EXPECT_TRUE(parse_min_se(f.value).ok()) << where;
          break;
        case HeaderId::rack:
          EXPECT_TRUE(parse_rack(f.value).ok()) << where;
          break;
        case HeaderId::rseq:
          EXPECT_TRUE(parse_number(f.value).ok()) << where;
          break;
        case HeaderId::reason:
          m->for_each_value(f.id, [&](std::string_view v) { EXPECT_TRUE(parse_reason(v).ok()) << where; });
          break;
        case HeaderId::retry_after:
          EXPECT_TRUE(parse_retry_after(f.value).ok()) << where;
          break;
        case HeaderId::event:
          EXPECT_TRUE(parse_event(f.value).ok()) << where;
          break;
        case HeaderId::privacy:
          EXPECT_TRUE(for_each_privacy(f.value, [](std::string_view) {})) << where;
          break;
        case HeaderId::supported:
        case HeaderId::require:
        case HeaderId::allow:
        case HeaderId::allow_events:
          m->for_each_value(f.id, [&](std::string_view v) { EXPECT_TRUE(parse_token(v).ok()) << where; });
          break;
        default:
          break;
      }
    }
  }
}

TEST(Corpus, SdpIsFoundInPlainAndMultipartBodies) {
  auto load = [](const std::string& n) {
    return *Message::parse(read(std::string(RTCSIP_TEST_DATA) + "/sip/corpus/" + n));
  };
  const Message invite = load("jssip-invite-chrome-webrtc.sip");
  const Message multipart = load("carrier-invite-multipart-isup-binary.sip");
  auto webrtc = find_sdp(invite);
  ASSERT_TRUE(webrtc.has_value());
  EXPECT_NE(webrtc->find("a=fingerprint:sha-256"), std::string_view::npos);
  auto isup = find_sdp(multipart);
  ASSERT_TRUE(isup.has_value());
  EXPECT_EQ(isup->substr(0, 5), "v=0\r\n");
  EXPECT_FALSE(find_sdp(load("jssip-register.sip")).has_value());
}
