// libFuzzer target: any text must parse as a URI or be refused with a reason
// and an offset inside it, never crash. What parses must print and parse
// back to the same URI, and be equal to itself. An input holding a newline
// (which no URI can) is also split in two there, and the two URIs compared
// both ways: RFC 3261 §19.1.4 equality is symmetric, though not transitive
// (its carol@chicago.com example), so transitivity is not checked.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "rtcsip/sip/uri.hpp"

namespace {

using rtcsip::sip::parse_uri;
using rtcsip::sip::Uri;

void check(bool condition, const char* what) {
  if (condition) return;
  (void)std::fprintf(stderr, "fuzz_uri: %s\n", what);
  std::abort();
}

bool inside(std::string_view part, std::string_view whole) {
  if (part.empty()) return true;
  return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

void check_views(const Uri& u) {
  for (std::string_view part :
       {u.scheme_text, u.user, u.password, u.host, u.params.raw(), u.headers, u.opaque}) {
    check(inside(part, u.text), "a field points outside the parsed text");
  }
}

void check_round_trip(const Uri& a) {
  check(rtcsip::sip::uri_equal(a, a), "a URI is not equal to itself");
  const std::string printed = rtcsip::sip::to_string(a);
  const auto b = parse_uri(printed);
  check(b.ok(), "to_string() output does not parse");
  check(b->scheme == a.scheme && b->user == a.user && b->host == a.host && b->port == a.port,
        "reparse changed scheme, user, host or port");
  check(b->has_user == a.has_user && b->password == a.password && b->host_type == a.host_type &&
            b->params.raw() == a.params.raw() && b->headers == a.headers && b->opaque == a.opaque,
        "reparse changed another field");
  // Only the port's leading zeros can change in print, so equality holds.
  check(rtcsip::sip::uri_equal(a, *b) && rtcsip::sip::uri_equal(*b, a),
        "reparse is not equal to the original");
  check(rtcsip::sip::to_string(*b) == printed, "printing is not stable");
}

void check_pair(std::string_view x, std::string_view y) {
  const auto a = parse_uri(x);
  const auto b = parse_uri(y);
  if (!a.ok() || !b.ok()) return;
  check(rtcsip::sip::uri_equal(*a, *b) == rtcsip::sip::uri_equal(*b, *a), "uri_equal is not symmetric");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto result = parse_uri(text);
  if (!result.ok()) {
    check(result.error().offset <= size, "error offset past the end");
    check(!result.error().reason.empty(), "error without a reason");
  } else {
    check(result->text == text, "text is not the input");
    check_views(*result);
    check_round_trip(*result);
  }
  if (const std::size_t nl = text.find('\n'); nl != std::string_view::npos) {
    check_pair(text.substr(0, nl), text.substr(nl + 1));
  }
  return 0;
}
