#include "ws_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

namespace rtcsip::test {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {

asio::ssl::context client_tls() {
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  ctx.set_verify_mode(asio::ssl::verify_none);
  return ctx;
}

// Runs the io_context until `done` or the limit; false on timeout.
bool run_until(asio::io_context& io, const bool& done, std::chrono::milliseconds limit) {
  io.restart();
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done && std::chrono::steady_clock::now() < deadline) {
    io.run_for(std::chrono::milliseconds(10));
    io.restart();
  }
  return done;
}

}  // namespace

struct WsClient::Impl {
  asio::io_context io;
  asio::ssl::context tls = client_tls();
  std::unique_ptr<websocket::stream<beast::ssl_stream<beast::tcp_stream>>> wss;
  std::unique_ptr<websocket::stream<beast::tcp_stream>> ws;
  int status = 0;
  std::string protocol;
  beast::flat_buffer buffer;
  bool pong = false;

  template <class F>
  auto with(F f) {
    return wss ? f(*wss) : f(*ws);
  }
};

WsClient::WsClient(unsigned short port, Options options) : impl_(std::make_unique<Impl>()) {
  auto& i = *impl_;
  const tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port);
  if (options.tls) {
    i.wss = std::make_unique<websocket::stream<beast::ssl_stream<beast::tcp_stream>>>(i.io, i.tls);
    beast::get_lowest_layer(*i.wss).connect(ep);
    i.wss->next_layer().handshake(asio::ssl::stream_base::client);
  } else {
    i.ws = std::make_unique<websocket::stream<beast::tcp_stream>>(i.io);
    beast::get_lowest_layer(*i.ws).connect(ep);
  }
  i.with([&](auto& s) {
    s.set_option(websocket::stream_base::decorator([options](websocket::request_type& req) {
      if (!options.subprotocols.empty()) req.set(http::field::sec_websocket_protocol, options.subprotocols);
      if (!options.origin.empty()) req.set(http::field::origin, options.origin);
    }));
    s.control_callback([&i](websocket::frame_type kind, beast::string_view) {
      if (kind == websocket::frame_type::pong) i.pong = true;
    });
    websocket::response_type res;
    beast::error_code ec;
    s.handshake(res, "127.0.0.1", "/", ec);
    i.status = static_cast<int>(res.result_int());
    i.protocol = std::string(res[http::field::sec_websocket_protocol]);
    return 0;
  });
}

WsClient::~WsClient() {
  beast::error_code ec;
  impl_->with([&](auto& s) {
    beast::get_lowest_layer(s).close();
    return 0;
  });
}

int WsClient::status() const { return impl_->status; }
std::string WsClient::negotiated_protocol() const { return impl_->protocol; }

void WsClient::send(const std::string& text, bool binary) {
  impl_->with([&](auto& s) {
    s.binary(binary);
    beast::error_code ec;
    s.write(asio::buffer(text), ec);
    return 0;
  });
}

void WsClient::send_fragmented(const std::string& text, std::size_t piece) {
  impl_->with([&](auto& s) {
    s.text(true);
    beast::error_code ec;
    for (std::size_t pos = 0; pos < text.size(); pos += piece) {
      const bool last = pos + piece >= text.size();
      s.write_some(last, asio::buffer(text.data() + pos, std::min(piece, text.size() - pos)), ec);
    }
    return 0;
  });
}

std::optional<std::string> WsClient::receive(std::chrono::milliseconds limit) {
  auto& i = *impl_;
  bool done = false;
  beast::error_code result;
  i.with([&](auto& s) {
    s.async_read(i.buffer, [&](beast::error_code ec, std::size_t) {
      result = ec;
      done = true;
    });
    return 0;
  });
  if (!run_until(i.io, done, limit)) {
    i.with([&](auto& s) {
      beast::get_lowest_layer(s).cancel();
      return 0;
    });
    run_until(i.io, done, std::chrono::seconds(1));
    return std::nullopt;
  }
  if (result) return std::nullopt;
  std::string out = beast::buffers_to_string(i.buffer.data());
  i.buffer.consume(i.buffer.size());
  return out;
}

void WsClient::ping() {
  impl_->pong = false;
  impl_->with([&](auto& s) {
    beast::error_code ec;
    s.ping({}, ec);
    return 0;
  });
}

bool WsClient::pong_seen() const { return impl_->pong; }

std::optional<int> WsClient::close_code() const {
  return impl_->with([&](auto& s) -> std::optional<int> {
    if (s.reason().code == websocket::close_code::none) return std::nullopt;
    return static_cast<int>(s.reason().code);
  });
}

namespace {

template <class Stream>
int upgrade_on(Stream& s, const std::string& subprotocols, const std::string& origin) {
  http::request<http::empty_body> req(http::verb::get, "/", 11);
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::upgrade, "websocket");
  req.set(http::field::connection, "Upgrade");
  req.set(http::field::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ==");
  req.set(http::field::sec_websocket_version, "13");
  if (!subprotocols.empty()) req.set(http::field::sec_websocket_protocol, subprotocols);
  if (!origin.empty()) req.set(http::field::origin, origin);
  http::write(s, req);
  beast::flat_buffer buffer;
  http::response_parser<http::empty_body> parser;
  parser.skip(true);
  beast::error_code ec;
  http::read_header(s, buffer, parser, ec);
  return ec ? -1 : static_cast<int>(parser.get().result_int());
}

}  // namespace

int upgrade_status(unsigned short port, bool tls, const std::string& subprotocols,
                   const std::string& origin) {
  asio::io_context io;
  auto ctx = client_tls();
  const tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port);
  if (tls) {
    beast::ssl_stream<beast::tcp_stream> s(io, ctx);
    beast::get_lowest_layer(s).connect(ep);
    s.handshake(asio::ssl::stream_base::client);
    return upgrade_on(s, subprotocols, origin);
  }
  beast::tcp_stream s(io);
  s.connect(ep);
  return upgrade_on(s, subprotocols, origin);
}

std::string https_get(unsigned short port, const std::string& target, bool tls) {
  asio::io_context io;
  auto ctx = client_tls();
  http::request<http::empty_body> req(http::verb::get, target, 11);
  req.set(http::field::host, "127.0.0.1");
  http::response<http::string_body> res;
  beast::flat_buffer buffer;
  beast::error_code ec;
  const tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port);
  if (tls) {
    beast::ssl_stream<beast::tcp_stream> s(io, ctx);
    beast::get_lowest_layer(s).connect(ep);
    s.handshake(asio::ssl::stream_base::client);
    http::write(s, req);
    http::read(s, buffer, res, ec);
  } else {
    beast::tcp_stream s(io);
    s.connect(ep);
    http::write(s, req);
    http::read(s, buffer, res, ec);
  }
  return std::to_string(res.result_int()) + " " + res.body();
}

}  // namespace rtcsip::test
