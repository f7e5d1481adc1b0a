// libFuzzer target: any datagram given to an ICE-lite agent with fixed
// credentials (those of the seeds, made by the media_ice unit tests) is
// answered, ignored or dropped, never a crash. Checked on the way:
//  - what is sent back is one well-framed STUN message of bounded size, and
//    something is sent exactly for the outcomes that say so;
//  - a request the agent accepts is one the shared-port demux would have
//    routed to it (stun_local_ufrag() returns its ufrag), and its source is
//    then verified;
//  - the demux's ufrag is a non-empty view into the datagram without ':'.
// A mutated datagram almost never keeps a valid FINGERPRINT (CRC-32) and
// MESSAGE-INTEGRITY (HMAC-SHA1), so each input is also re-signed: its
// attributes rebuilt by libnice with the agent's password, which lets the
// fuzzer reach what follows authentication (roles, PRIORITY, USE-CANDIDATE,
// unknown attributes, odd USERNAMEs).
// libnice is not instrumented, so ASan cannot see it read past the
// datagram: the datagram is placed to end where an inaccessible page
// begins, and any such read faults.
#include <sys/mman.h>
#include <unistd.h>

#include <stun/stunagent.h>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <vector>

#include "rtcsip/core/log.hpp"
#include "rtcsip/core/manual_timer_service.hpp"
#include "rtcsip/media/ice/ice_lite_agent.hpp"
#include "rtcsip/media/ice/stun_demux.hpp"

namespace {

using rtcsip::media::ice::Endpoint;
using rtcsip::media::ice::IceLiteAgent;
using rtcsip::media::ice::IceLiteConfig;
using rtcsip::media::ice::StunOutcome;

constexpr const char* kUfrag = "LiteUfrg";  // tests/unit/media/ice/fake_browser.hpp
constexpr const char* kPwd = "LitePasswordOf24Chars+/";
constexpr std::size_t kMaxReply = 1024;

void check(bool condition, const char* what) {
  if (condition) return;
  (void)std::fprintf(stderr, "fuzz_stun: %s\n", what);
  std::abort();
}

// A readable area whose last byte is followed by a PROT_NONE page.
std::span<std::uint8_t> guarded_area() {
  static const std::span<std::uint8_t> area = [] {
    const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    void* p = mmap(nullptr, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check(p != MAP_FAILED, "mmap failed");
    check(mprotect(static_cast<std::uint8_t*>(p) + page, page, PROT_NONE) == 0, "mprotect failed");
    return std::span<std::uint8_t>(static_cast<std::uint8_t*>(p), page);
  }();
  return area;
}

std::uint16_t read16(const std::uint8_t* p) { return static_cast<std::uint16_t>((p[0] << 8) | p[1]); }

// The input's header (cookie forced) and attributes, as far as they fit,
// without its MESSAGE-INTEGRITY and FINGERPRINT, which libnice then adds.
std::vector<std::uint8_t> resigned(std::span<const std::uint8_t> in) {
  static StunAgent agent = [] {
    StunAgent a{};
    stun_agent_init(&a, STUN_ALL_KNOWN_ATTRIBUTES, STUN_COMPATIBILITY_RFC5389,
                    static_cast<StunAgentUsageFlags>(STUN_AGENT_USAGE_SHORT_TERM_CREDENTIALS |
                                                     STUN_AGENT_USAGE_USE_FINGERPRINT));
    return a;
  }();
  if (in.size() < 20) return {};
  std::vector<std::uint8_t> out(2048);
  std::memcpy(out.data(), in.data(), 20);
  out[0] &= 0x3f;
  out[2] = out[3] = 0;
  const std::uint8_t cookie[4] = {0x21, 0x12, 0xa4, 0x42};
  std::memcpy(out.data() + 4, cookie, 4);
  StunMessage message{};
  message.agent = &agent;
  message.buffer = out.data();
  message.buffer_len = out.size();
  for (std::size_t at = 20; at + 4 <= in.size();) {
    const std::uint16_t type = read16(in.data() + at);
    const std::size_t length = read16(in.data() + at + 2);
    if (at + 4 + length > in.size()) break;
    if (type != STUN_ATTRIBUTE_MESSAGE_INTEGRITY && type != STUN_ATTRIBUTE_FINGERPRINT &&
        stun_message_append_bytes(&message, static_cast<StunAttribute>(type), in.data() + at + 4, length) !=
            STUN_MESSAGE_RETURN_SUCCESS) {
      return {};
    }
    at += 4 + ((length + 3) & ~std::size_t{3});
  }
  const std::size_t size = stun_agent_finish_message(
      &agent, &message, reinterpret_cast<const std::uint8_t*>(kPwd), std::strlen(kPwd));
  StunTransactionId id;
  stun_message_id(&message, id);
  stun_agent_forget_transaction(&agent, id);  // finish_message keeps the ids of requests
  out.resize(size);
  return out;
}

bool sends_something(StunOutcome o) { return o != StunOutcome::dropped && o != StunOutcome::ignored; }

void check_ufrag(std::span<const std::uint8_t> datagram) {
  const auto ufrag = rtcsip::media::ice::stun_local_ufrag(datagram);
  if (!ufrag) return;
  check(rtcsip::media::ice::looks_like_stun(datagram), "a ufrag from what is not STUN");
  check(!ufrag->empty() && ufrag->find(':') == std::string_view::npos, "a ufrag that is empty or has ':'");
  const auto* begin = reinterpret_cast<const std::uint8_t*>(ufrag->data());
  check(begin >= datagram.data() && begin + ufrag->size() <= datagram.data() + datagram.size(),
        "a ufrag outside the datagram");
}

void deliver(IceLiteAgent& agent, const Endpoint& from, std::span<const std::uint8_t> datagram,
             std::size_t& sent_count) {
  const std::size_t before = sent_count;
  const StunOutcome outcome = agent.handle_stun(from, datagram);
  check((sent_count > before) == sends_something(outcome), "sent something for an outcome that says not");
  check(sent_count - before <= 1, "more than one answer to one datagram");
  if (outcome == StunOutcome::answered) {
    check(rtcsip::media::ice::stun_local_ufrag(datagram) == std::string_view(kUfrag),
          "accepted a request the demux would not route here");
    check(agent.is_verified(from), "the source of an accepted check is not verified");
  }
}

// One agent's life: the datagram from three sources, then after consent
// may have expired, from a fourth.
void run(std::span<const std::uint8_t> input) {
  const std::span<std::uint8_t> area = guarded_area();
  if (input.size() > area.size()) return;
  std::uint8_t* at = area.data() + area.size() - input.size();
  if (!input.empty()) std::memcpy(at, input.data(), input.size());
  const std::span<const std::uint8_t> datagram(at, input.size());

  check_ufrag(datagram);
  rtcsip::core::ManualTimerService timers;
  IceLiteConfig config;
  config.local = {kUfrag, kPwd};
  config.max_remote_candidates = 2;
  std::size_t sent_count = 0;
  IceLiteAgent agent(
      timers, config,
      [&sent_count](const Endpoint&, std::span<const std::uint8_t> reply) {
        ++sent_count;
        check(!reply.empty() && reply.size() <= kMaxReply, "a reply of unexpected size");
        check(rtcsip::media::ice::looks_like_stun(reply), "a reply that is not well-framed STUN");
      },
      IceLiteAgent::Events{});
  deliver(agent, *Endpoint::parse("192.0.2.1", 3478), datagram, sent_count);
  deliver(agent, *Endpoint::parse("2001:db8::1", 65535), datagram, sent_count);
  deliver(agent, *Endpoint::parse("192.0.2.1", 3478), datagram, sent_count);  // a repeat
  timers.advance(std::chrono::seconds(31));  // consent expiry, when something was nominated
  deliver(agent, *Endpoint::parse("198.51.100.2", 1), datagram, sent_count);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  rtcsip::core::log::Settings quiet;  // consent expiry is logged: not per input
  quiet.level = spdlog::level::off;
  rtcsip::core::log::configure(quiet);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::uint8_t> signed_copy = resigned({data, size});
  run(std::span<const std::uint8_t>(data, size));
  if (!signed_copy.empty()) run(signed_copy);
  return 0;
}
