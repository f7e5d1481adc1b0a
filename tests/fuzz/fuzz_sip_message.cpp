// libFuzzer target: any bytes as a SIP datagram and as a TCP stream. A
// message that parses must serialize to text that parses again to the same
// start line and header values; typed header parsers must not crash on any
// value.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "rtcsip/sip/headers.hpp"
#include "rtcsip/sip/message.hpp"
#include "rtcsip/sip/stream_framer.hpp"

using namespace rtcsip::sip;

namespace {

void touch(const Message& m) {
  (void)validate(m);
  for (const auto& f : m.fields()) {
    split_list(f.value, [](std::string_view v) {
      (void)parse_via(v);
      (void)parse_name_addr(v);
      (void)parse_contact(v);
      (void)parse_token(v);
      (void)parse_reason(v);
    });
    (void)parse_cseq(f.value);
    (void)parse_call_id(f.value);
    (void)parse_number(f.value);
    (void)parse_content_type(f.value);
    if (auto a = parse_auth(f.value)) (void)a->get("nonce");
    (void)parse_session_expires(f.value);
    (void)parse_min_se(f.value);
    (void)parse_rack(f.value);
    (void)parse_event(f.value);
    (void)parse_retry_after(f.value);
    (void)for_each_privacy(f.value, [](std::string_view) {});
  }
}

void check_round_trip(const Message& m) {
  auto again = Message::parse(m.serialize());
  if (!again) std::abort();
  if (again->is_request() != m.is_request() || again->method_text() != m.method_text() ||
      again->request_uri() != m.request_uri() || again->status() != m.status() || again->body() != m.body()) {
    std::abort();
  }
  std::size_t n = 0;
  for (const auto& f : m.fields()) {
    if (f.id == HeaderId::content_length) continue;
    while (n < again->fields().size() && again->fields()[n].id == HeaderId::content_length) ++n;
    if (n >= again->fields().size() || again->fields()[n].value != f.value || again->fields()[n].id != f.id) {
      std::abort();
    }
    ++n;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (auto m = Message::parse(text)) {
    touch(*m);
    check_round_trip(*m);
  }
  StreamFramer framer(FramerLimits{.max_header_bytes = 4096, .max_body_bytes = 4096});
  // Feed in two pieces to exercise partial input.
  framer.feed(std::string_view(text).substr(0, size / 2));
  bool fed_all = false;
  for (int i = 0; i < 64; ++i) {
    auto e = framer.next();
    if (e.kind == StreamFramer::Kind::need_more) {
      if (fed_all) break;
      framer.feed(std::string_view(text).substr(size / 2));
      fed_all = true;
      continue;
    }
    if (e.kind == StreamFramer::Kind::error) break;
    if (e.kind == StreamFramer::Kind::message) {
      if (auto m = Message::parse(e.message, ParseOptions{.datagram = false})) touch(*m);
    }
  }
  return 0;
}
