// Load client for SIP over secure WebSocket: `connections` WSS flows to
// 127.0.0.1:<port>, each keeping `window` OPTIONS requests outstanding, for a
// bounded number of seconds. Prints requests answered per second.
//   bench_wss_load <port> [connections=20] [window=4] [seconds=10]
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <chrono>
#include <cstdio>
#include <deque>
#include <memory>
#include <string>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {

std::uint64_t g_answered = 0;
std::uint64_t g_failed = 0;
bool g_stopping = false;

std::string options(int conn, std::uint64_t n) {
  const std::string tag = std::to_string(conn) + "-" + std::to_string(n);
  return "OPTIONS sip:load@127.0.0.1 SIP/2.0\r\n"
         "Via: SIP/2.0/WSS load.invalid;branch=z9hG4bK-load-" +
         tag +
         "\r\n"
         "Max-Forwards: 70\r\n"
         "From: <sip:load@load.invalid>;tag=l" +
         std::to_string(conn) +
         "\r\n"
         "To: <sip:load@127.0.0.1>\r\n"
         "Call-ID: load-" +
         tag +
         "\r\n"
         "CSeq: 1 OPTIONS\r\n"
         "Content-Length: 0\r\n\r\n";
}

class Client : public std::enable_shared_from_this<Client> {
 public:
  Client(asio::io_context& io, asio::ssl::context& tls, int id, int window)
      : ws_(io, tls), id_(id), window_(window) {}

  void start(const tcp::endpoint& ep) {
    beast::get_lowest_layer(ws_).connect(ep);
    ws_.next_layer().handshake(asio::ssl::stream_base::client);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::request_type& req) { req.set(beast::http::field::sec_websocket_protocol, "sip"); }));
    ws_.handshake("127.0.0.1", "/");
    ws_.text(true);
    for (int i = 0; i < window_; ++i) queue(options(id_, sent_++));
    read();
  }

 private:
  void queue(std::string m) {
    out_.push_back(std::move(m));
    if (out_.size() == 1) write();
  }
  void write() {
    ws_.async_write(asio::buffer(out_.front()),
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      if (ec) return;
                      self->out_.pop_front();
                      if (!self->out_.empty()) self->write();
                    });
  }
  void read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return;
      const auto text = beast::buffers_to_string(self->buffer_.data());
      self->buffer_.consume(self->buffer_.size());
      if (text.rfind("SIP/2.0 200", 0) == 0) {
        g_answered++;
      } else {
        g_failed++;
      }
      if (!g_stopping) self->queue(options(self->id_, self->sent_++));
      self->read();
    });
  }

  websocket::stream<beast::ssl_stream<beast::tcp_stream>> ws_;
  beast::flat_buffer buffer_;
  std::deque<std::string> out_;
  int id_;
  int window_;
  std::uint64_t sent_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_wss_load <port> [connections] [window] [seconds]\n");
    return 2;
  }
  const auto port = static_cast<unsigned short>(std::stoi(argv[1]));
  const int connections = argc > 2 ? std::stoi(argv[2]) : 20;
  const int window = argc > 3 ? std::stoi(argv[3]) : 4;
  const int seconds = argc > 4 ? std::stoi(argv[4]) : 10;
  asio::io_context io;
  asio::ssl::context tls(asio::ssl::context::tls_client);
  tls.set_verify_mode(asio::ssl::verify_none);
  const tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port);
  std::vector<std::shared_ptr<Client>> clients;
  for (int i = 0; i < connections; ++i) {
    clients.push_back(std::make_shared<Client>(io, tls, i, window));
    clients.back()->start(ep);
  }
  const auto start = std::chrono::steady_clock::now();
  asio::steady_timer stop(io, std::chrono::seconds(seconds));
  stop.async_wait([&](beast::error_code) {
    g_stopping = true;
    io.stop();
  });
  io.run();
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "wss OPTIONS: %llu answered, %llu other, %.1f s, %.0f requests/s over %d connections (window %d)\n",
      static_cast<unsigned long long>(g_answered), static_cast<unsigned long long>(g_failed), elapsed,
      static_cast<double>(g_answered) / elapsed, connections, window);
  return g_answered > 0 && g_failed == 0 ? 0 : 1;
}
