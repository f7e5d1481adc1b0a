// Parse a message and read every header as typed values: the per-message
// cost of the SIP layer. Reports messages per second on one core.
#include <benchmark/benchmark.h>

#include "rtcsip/sip/headers.hpp"
#include "rtcsip/sip/message.hpp"
#include "typical_messages.hpp"

namespace {

using namespace rtcsip::sip;

// Reads each header the way the gateway does; returns a value that depends on
// all of them so the compiler cannot drop the work.
std::size_t touch_every_header(const Message& m) {
  std::size_t sum = m.body().size() + m.request_uri().size() + static_cast<std::size_t>(m.status());
  if (m.is_request()) {
    if (auto uri = parse_uri(m.request_uri())) sum += uri->host.size();
  }
  for (const auto& f : m.fields()) {
    switch (f.id) {
      case HeaderId::via:
        split_list(f.value, [&](std::string_view v) {
          if (auto via = parse_via(v)) sum += via->branch().value_or("").size();
        });
        break;
      case HeaderId::from:
      case HeaderId::to:
      case HeaderId::p_asserted_identity:
        if (auto na = parse_name_addr(f.value)) sum += na->uri.user.size() + na->tag().value_or("").size();
        break;
      case HeaderId::contact:
        split_list(f.value, [&](std::string_view v) {
          if (auto c = parse_contact(v)) sum += c->address.uri.host.size();
        });
        break;
      case HeaderId::call_id:
        if (auto id = parse_call_id(f.value)) sum += id->size();
        break;
      case HeaderId::cseq:
        if (auto c = parse_cseq(f.value)) sum += c->number;
        break;
      case HeaderId::max_forwards:
      case HeaderId::content_length:
      case HeaderId::expires:
        if (auto n = parse_number(f.value)) sum += *n;
        break;
      case HeaderId::content_type:
        if (auto ct = parse_content_type(f.value)) sum += ct->subtype.size();
        break;
      case HeaderId::session_expires:
        if (auto se = parse_session_expires(f.value)) sum += se->delta;
        break;
      case HeaderId::authorization:
        if (auto a = parse_auth(f.value)) sum += a->get("response").value_or("").size();
        break;
      case HeaderId::allow:
      case HeaderId::supported:
      case HeaderId::require:
        split_list(f.value, [&](std::string_view v) {
          if (auto t = parse_token(v)) sum += t->size();
        });
        break;
      default:
        sum += f.value.size();
    }
  }
  return sum;
}

void run(benchmark::State& state, const std::string& text) {
  auto buffer = std::make_shared<const std::string>(text);
  for (auto _ : state) {
    auto m = Message::parse(buffer);
    if (!m) state.SkipWithError("parse failed");
    benchmark::DoNotOptimize(touch_every_header(*m));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.counters["bytes/msg"] = static_cast<double>(text.size());
}

void BM_ParseWebRtcInvite(benchmark::State& state) { run(state, rtcsip::bench::webrtc_invite()); }
void BM_Parse200OkWithSdp(benchmark::State& state) { run(state, rtcsip::bench::pbx_200_ok()); }
void BM_ParseRegister(benchmark::State& state) { run(state, rtcsip::bench::webrtc_register()); }

void BM_SerializeEditedInvite(benchmark::State& state) {
  auto parsed = Message::parse(rtcsip::bench::webrtc_invite());
  std::string out;
  for (auto _ : state) {
    Message m = *parsed;
    m.pop_via();
    m.push_via("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKbench;rport");
    m.set_request_uri("sip:1002@198.51.100.20:5060");
    out.clear();
    m.serialize(out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

}  // namespace

BENCHMARK(BM_ParseWebRtcInvite);
BENCHMARK(BM_Parse200OkWithSdp);
BENCHMARK(BM_ParseRegister);
BENCHMARK(BM_SerializeEditedInvite);
BENCHMARK_MAIN();
