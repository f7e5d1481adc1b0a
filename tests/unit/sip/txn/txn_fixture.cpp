#include "txn_fixture.hpp"

#include "rtcsip/sip/headers.hpp"

namespace rtcsip::sip::test {

Message parse(const std::string& text) {
  auto m = Message::parse(text);
  EXPECT_TRUE(m.ok()) << m.error().reason << " in\n" << text;
  return m.ok() ? *m : Message::response(0, "unparsable");
}

Message make_request(const RequestSpec& s) {
  std::string text = s.method + " " + s.uri + " SIP/2.0\r\n";
  text += "Via: SIP/2.0/" + s.transport + " " + s.sent_by + (s.branch.empty() ? "" : ";branch=" + s.branch) +
          "\r\n";
  text += s.extra;
  text += "Max-Forwards: 70\r\n";
  text += "From: \"Alice\" <sip:alice@198.51.100.7>;tag=" + s.from_tag + "\r\n";
  text += "To: <sip:bob@192.0.2.1>" + (s.to_tag.empty() ? "" : ";tag=" + s.to_tag) + "\r\n";
  text += "Call-ID: " + s.call_id + "\r\n";
  text += "CSeq: " + std::to_string(s.cseq) + " " + s.method + "\r\n";
  text += "Content-Length: 0\r\n\r\n";
  return parse(text);
}

Message response_to(const Message& request, int status, const std::string& to_tag) {
  std::string text = "SIP/2.0 " + std::to_string(status) + " Reason\r\n";
  for (const HeaderField& f : request.fields()) {
    if (f.id == HeaderId::via) text += "Via: " + std::string(f.value) + "\r\n";
  }
  text += "From: " + std::string(request.header(HeaderId::from)) + "\r\n";
  std::string to(request.header(HeaderId::to));
  auto address = parse_name_addr(to);
  if (!to_tag.empty() && address && !address->tag()) to += ";tag=" + to_tag;
  text += "To: " + to + "\r\n";
  text += "Call-ID: " + std::string(request.header(HeaderId::call_id)) + "\r\n";
  text += "CSeq: " + std::string(request.header(HeaderId::cseq)) + "\r\n";
  text += "Content-Length: 0\r\n\r\n";
  return parse(text);
}

std::vector<std::int64_t> millis(const std::vector<core::Duration>& times) {
  std::vector<std::int64_t> out;
  for (auto t : times) out.push_back(std::chrono::duration_cast<std::chrono::milliseconds>(t).count());
  return out;
}

std::vector<int> statuses(const std::vector<Reported>& events) {
  std::vector<int> out;
  for (const auto& e : events) out.push_back(e.status);
  return out;
}

FakeTransport::Plan drop_all(const Message&) { return {Fate::drop}; }

TxnTest::TxnTest()
    : layer(clock, net, TimerSettings{},
            TransactionLayer::Handlers{
                [this](TransactionId id, const Incoming& in) {
                  requests.push_back({id, in});
                  if (on_request) on_request(id, in);
                },
                [this](TransactionId id, std::optional<TransactionId> invite, const Incoming& in) {
                  cancels.push_back({id, invite, in});
                  if (on_cancel) on_cancel(id, invite, in);
                },
                [this](const Incoming& in) { acks.push_back(in); },
                [this](const Incoming& in) { strays.push_back(in); },
                [this](TransactionId id, std::string_view reason) {
                  failures.emplace_back(id, std::string(reason));
                },
            }) {}

std::function<void(const ClientEvent&)> TxnTest::recorder(std::vector<Reported>& events) {
  return [this, &events](const ClientEvent& e) {
    Reported r{e.kind, 0, std::string(e.reason), millis({elapsed()}).front()};
    if (e.response != nullptr) r.status = e.response->message.status();
    events.push_back(r);
  };
}

void TxnTest::deliver(const Message& message, const Peer& from) {
  layer.receive(Incoming{message, from, kLocal});
}

void TxnTest::expect_idle() {
  EXPECT_EQ(layer.client_count(), 0u);
  EXPECT_EQ(layer.server_count(), 0u);
  EXPECT_EQ(clock.pending(), 0u);
}

}  // namespace rtcsip::sip::test
