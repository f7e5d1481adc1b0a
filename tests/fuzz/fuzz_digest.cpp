// libFuzzer target: Authorization values against one digest server per input.
// Each line is a value, verified in turn. So that the fuzzer gets past the
// nonce and response checks to the expiry and replay ones, "$N0".."$N9" in a
// line become nonces the server issued (each made when first used) and "$R"
// the right response for the line's other parameters. A line "+N" moves the
// clock N seconds. Every value gets a consistent verdict, an accepted value is
// refused when sent again (RFC 7616 §3.4 nonce-count), and the replay table
// never grows past its bound.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "rtcsip/core/manual_timer_service.hpp"
#include "rtcsip/sip/auth/server.hpp"
#include "rtcsip/sip/headers.hpp"

namespace {

using namespace rtcsip::sip::auth;

constexpr std::size_t kBound = 4;
constexpr std::string_view kPassword = "secret";

void check(bool condition, const char* what) {
  if (condition) return;
  (void)std::fprintf(stderr, "fuzz_digest: %s\n", what);
  std::abort();
}

std::optional<std::string> ha1_of(std::string_view user, std::string_view realm, Hash hash) {
  if (user != "alice") return std::nullopt;
  return compute_ha1(hash, user, realm, kPassword);
}

// The response a client knowing the password computes for this value.
std::string right_response(std::string_view line, std::string_view method) {
  const auto auth = rtcsip::sip::parse_auth(line);
  if (!auth) return "0";
  auto get = [&](std::string_view name) {
    const auto v = auth->get(name);
    return v ? rtcsip::sip::unquote(*v) : std::string();
  };
  const std::string name = get("algorithm");
  const Algorithm algorithm = parse_algorithm(name.empty() ? "MD5" : name).value_or(Algorithm::md5);
  const std::string ha1 = compute_ha1(hash_of(algorithm), get("username"), get("realm"), kPassword);
  const std::string nonce = get("nonce"), cnonce = get("cnonce"), nc = get("nc"), qop = get("qop");
  const std::string uri = get("uri");
  return compute_response({.algorithm = algorithm,
                           .ha1 = ha1,
                           .nonce = nonce,
                           .cnonce = cnonce,
                           .nc = nc,
                           .qop = qop,
                           .method = method,
                           .uri = uri});
}

class Harness {
 public:
  Harness() : server_(settings(), clock_, ha1_of) {}

  void run_line(std::string line, bool check_uri) {
    if (!line.empty() && line[0] == '+') {
      clock_.advance(std::chrono::seconds(std::strtoul(line.c_str() + 1, nullptr, 10) % 100'000));
      return;
    }
    fill_nonces(line);
    if (const auto at = line.find("$R"); at != std::string::npos)
      line.replace(at, 2, right_response(line, "REGISTER"));
    const Request request{
        .method = "REGISTER",
        .request_uri = check_uri ? std::optional<std::string_view>("sip:example.com") : std::nullopt};
    const auto first = server_.verify(line, request);
    check(first.ok() == (first.status == Status::ok) && first.action() == action_for(first.status),
          "inconsistent verdict");
    check(!first.detail.empty(), "verdict without a reason");
    if (first.ok()) check(!server_.verify(line, request).ok(), "accepted value accepted again");
    check(server_.tracked_nonces() <= kBound, "replay table past its bound");
  }

 private:
  static Settings settings() {
    Settings s;
    s.realm = "example.com";
    s.algorithms = {Algorithm::sha256, Algorithm::md5, Algorithm::sha256_sess, Algorithm::md5_sess};
    s.max_tracked_nonces = kBound;
    return s;
  }

  void fill_nonces(std::string& line) {
    for (std::size_t at = line.find("$N"); at != std::string::npos && at + 2 < line.size();
         at = line.find("$N", at + 1)) {
      const char digit = line[at + 2];
      if (digit < '0' || digit > '9') continue;
      auto& slot = nonces_[static_cast<std::size_t>(digit - '0')];
      if (!slot) slot = nonce_of(server_.challenges().front());
      line.replace(at, 3, *slot);
    }
  }

  static std::string nonce_of(const std::string& challenge) {
    const auto auth = rtcsip::sip::parse_auth(challenge);
    check(auth.ok(), "challenge does not parse");
    return std::string(auth->get("nonce").value_or(""));
  }

  rtcsip::core::ManualTimerService clock_;
  Server server_;
  std::array<std::optional<std::string>, 10> nonces_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Harness harness;
  std::size_t start = 0;
  for (int index = 0; start <= text.size() && index < 64; ++index) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    harness.run_line(std::string(text.substr(start, end - start)), index % 2 == 1);
    start = end + 1;
  }
  return 0;
}
