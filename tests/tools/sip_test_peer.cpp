// A small SIP user agent built on rtcsipd's own transport and transaction
// layers, for integration tests against sipp:
//   sip_test_peer respond --port P            answers INVITE (180, 200), ACK, BYE, OPTIONS over UDP and TCP
//   sip_test_peer call --port P --to HOST:PORT [--transport udp|tcp] [--calls N]
//                                             places N INVITE/ACK/BYE calls, exits 0 when all succeeded
// It stops by itself after --seconds (default 60).
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

#include "rtcsip/core/asio_timer_service.hpp"
#include "rtcsip/core/log.hpp"
#include "rtcsip/sip/headers.hpp"
#include "rtcsip/sip/transaction_layer.hpp"
#include "rtcsip/sip/transport_layer.hpp"

using namespace rtcsip;
using namespace std::chrono_literals;

namespace {

struct Args {
  std::string mode;
  std::uint16_t port = 0;
  std::string to_ip = "127.0.0.1";
  std::uint16_t to_port = 0;
  sip::TransportKind transport = sip::TransportKind::udp;
  int calls = 1;
  int seconds = 60;
  int linger = 0;
};

const char* kSdp =
    "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\n"
    "a=rtpmap:0 PCMU/8000\r\n";

class Peer {
 public:
  Peer(boost::asio::io_context& io, const Args& args)
      : io_(io),
        args_(args),
        timers_(io),
        transport_(io, {}, [this](sip::Incoming in) { txn_->receive(std::move(in)); }) {
    sip::TransactionLayer::Handlers h;
    h.on_request = [this](sip::TransactionId id, const sip::Incoming& in) { on_request(id, in); };
    h.on_cancel = [this](sip::TransactionId id, std::optional<sip::TransactionId>, const sip::Incoming& in) {
      txn_->respond(id, sip::make_response(in.message, 481, "Call/Transaction Does Not Exist", "peer"));
    };
    h.on_ack = [this](const sip::Incoming&) { acks_++; };
    h.on_stray_response = [](const sip::Incoming&) {};
    txn_ = std::make_unique<sip::TransactionLayer>(timers_, transport_, sip::TimerSettings{}, std::move(h));
    for (auto kind : {sip::TransportKind::udp, sip::TransportKind::tcp}) {
      sip::ListenerSpec spec;
      spec.transport = kind;
      spec.address = "127.0.0.1";
      spec.port = args.port;
      transport_.listen(spec);
    }
  }

  int result() const { return failed_ ? 1 : 0; }

  void start_calls() {
    if (done_calls_ == args_.calls) {
      std::printf("calls: %d succeeded\n", done_calls_);
      std::fflush(stdout);
      // Stay a little so that the far end's last timers run while the
      // connection is still up (sipp ends its scenarios with a pause).
      timers_.schedule(std::chrono::seconds(args_.linger), [this] { io_.stop(); });
      return;
    }
    call_id_ = "peer-call-" + std::to_string(done_calls_) + "-" + std::to_string(::getpid());
    auto invite = request(sip::Method::invite, "sip:service@" + target(), 1, "");
    invite.set_body("application/sdp", kSdp);
    txn_->send_request(std::move(invite), to(), [this](const sip::ClientEvent& e) { on_invite_event(e); });
  }

 private:
  std::string target() const { return args_.to_ip + ":" + std::to_string(args_.to_port); }
  sip::Peer to() const {
    return sip::Peer{args_.transport, sip::Address{args_.to_ip, args_.to_port}, sip::kNoFlow};
  }

  sip::Message request(sip::Method m, const std::string& ruri, int cseq, const std::string& to_tag) {
    auto r = sip::Message::request(m, sip::method_name(m), ruri);
    r.add_header(sip::HeaderId::via, "SIP/2.0/" + std::string(sip::via_name(args_.transport)) +
                                         " 127.0.0.1:" + std::to_string(args_.port) +
                                         ";branch=" + txn_->new_branch() + ";rport");
    r.add_header(sip::HeaderId::max_forwards, "70");
    r.add_header(sip::HeaderId::from, "<sip:peer@127.0.0.1>;tag=peer" + std::to_string(done_calls_));
    r.add_header(sip::HeaderId::to,
                 "<sip:service@" + target() + ">" + (to_tag.empty() ? "" : ";tag=" + to_tag));
    r.add_header(sip::HeaderId::call_id, call_id_);
    r.add_header(sip::HeaderId::cseq, std::to_string(cseq) + " " + std::string(sip::method_name(m)));
    r.add_header(sip::HeaderId::contact,
                 "<sip:peer@127.0.0.1:" + std::to_string(args_.port) +
                     ";transport=" + (args_.transport == sip::TransportKind::udp ? "udp" : "tcp") + ">");
    return r;
  }

  void fail(const std::string& why) {
    std::fprintf(stderr, "call failed: %s\n", why.c_str());
    failed_ = true;
    io_.stop();
  }

  void on_invite_event(const sip::ClientEvent& e) {
    if (e.kind != sip::ClientEvent::Kind::response) return fail("INVITE: no final response");
    const auto& r = e.response->message;
    if (r.status() < 200) return;
    if (r.status() >= 300) return fail("INVITE answered " + std::to_string(r.status()));
    if (acked_) return;  // a retransmitted 2xx; the ACK was sent already
    acked_ = true;
    const std::string to_tag(sip::parse_name_addr(r.header(sip::HeaderId::to))->tag().value_or(""));
    std::string contact = target();
    if (auto c = sip::parse_contact(r.header(sip::HeaderId::contact)))
      contact = std::string(c->address.uri_text);
    // The ACK of a 2xx belongs to the dialog, not the transaction (RFC 3261 §13.2.2.4).
    txn_->send_request(request(sip::Method::ack, contact, 1, to_tag), to(), [](const sip::ClientEvent&) {});
    timers_.schedule(100ms, [this, contact, to_tag] {
      txn_->send_request(request(sip::Method::bye, contact, 2, to_tag), to(),
                         [this](const sip::ClientEvent& e) {
                           if (e.kind != sip::ClientEvent::Kind::response)
                             return fail("BYE: no final response");
                           if (e.response->message.status() < 200) return;
                           if (e.response->message.status() != 200)
                             return fail("BYE answered " + std::to_string(e.response->message.status()));
                           done_calls_++;
                           acked_ = false;
                           start_calls();
                         });
    });
  }

  void on_request(sip::TransactionId id, const sip::Incoming& in) {
    const auto& m = in.message;
    switch (m.method()) {
      case sip::Method::invite: {
        txn_->respond(id, sip::make_response(m, 180, "Ringing", "peer-tag"));
        auto ok = sip::make_response(m, 200, "OK", "peer-tag");
        ok.add_header(sip::HeaderId::contact, "<sip:peer@127.0.0.1:" + std::to_string(args_.port) + ">");
        ok.set_body("application/sdp", kSdp);
        txn_->respond(id, std::move(ok));
        break;
      }
      case sip::Method::bye:
      case sip::Method::options:
        txn_->respond(id, sip::make_response(m, 200, "OK", "peer-tag"));
        break;
      default:
        txn_->respond(id, sip::make_response(m, 501, "Not Implemented", "peer-tag"));
    }
  }

  boost::asio::io_context& io_;
  Args args_;
  core::AsioTimerService timers_;
  sip::TransportLayer transport_;
  std::unique_ptr<sip::TransactionLayer> txn_;
  std::string call_id_;
  int done_calls_ = 0;
  int acks_ = 0;
  bool acked_ = false;
  bool failed_ = false;
};

bool parse_args(int argc, char** argv, Args& a) {
  if (argc < 2) return false;
  a.mode = argv[1];
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--port")
      a.port = static_cast<std::uint16_t>(std::stoi(v));
    else if (k == "--to") {
      a.to_ip = v.substr(0, v.find(':'));
      a.to_port = static_cast<std::uint16_t>(std::stoi(v.substr(v.find(':') + 1)));
    } else if (k == "--transport")
      a.transport = v == "tcp" ? sip::TransportKind::tcp : sip::TransportKind::udp;
    else if (k == "--calls")
      a.calls = std::stoi(v);
    else if (k == "--seconds")
      a.seconds = std::stoi(v);
    else if (k == "--linger")
      a.linger = std::stoi(v);
    else
      return false;
  }
  return (a.mode == "respond" || (a.mode == "call" && a.to_port != 0)) && a.port != 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!parse_args(argc, argv, args)) {
    std::fprintf(stderr,
                 "usage: sip_test_peer respond|call --port P [--to HOST:PORT] [--transport udp|tcp] [--calls "
                 "N] [--seconds S] [--linger S]\n");
    return 2;
  }
  core::log::Settings log;
  log.level = spdlog::level::warn;
  core::log::configure(log);
  boost::asio::io_context io;
  Peer peer(io, args);
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](auto, int) { io.stop(); });
  boost::asio::steady_timer limit(io, std::chrono::seconds(args.seconds));
  bool timed_out = false;
  limit.async_wait([&](boost::system::error_code ec) {
    if (!ec) {
      timed_out = true;
      io.stop();
    }
  });
  std::printf("ready\n");
  std::fflush(stdout);
  if (args.mode == "call") peer.start_calls();
  io.run();
  if (args.mode == "call" && timed_out) {
    std::fprintf(stderr, "calls did not finish in %d s\n", args.seconds);
    return 1;
  }
  return peer.result();
}
