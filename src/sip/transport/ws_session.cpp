// The WS and WSS listeners: an HTTP request first. A WebSocket upgrade with
// the "sip" subprotocol (RFC 7118 §4) from an allowed Origin becomes a SIP
// flow, one SIP message per WebSocket message; GET /healthz answers 200;
// anything else 404.
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <deque>

#include "impl.hpp"
#include "rtcsip/core/log.hpp"

namespace rtcsip::sip::detail {
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;

namespace {

constexpr std::size_t kMaxHttpRequest = 8192;

std::string_view sv(beast::string_view s) { return std::string_view(s.data(), s.size()); }

bool token_list_has(std::string_view list, std::string_view token) {
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (item.size() == token.size() &&
        std::equal(item.begin(), item.end(), token.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        })) {
      return true;
    }
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

template <class Stream>
class WsConnection final : public Connection, public std::enable_shared_from_this<WsConnection<Stream>> {
 public:
  WsConnection(std::weak_ptr<TransportImpl> impl, const TransportLimits& limits, Stream&& stream)
      : ws_(std::move(stream)), impl_(std::move(impl)), limits_(limits) {}

  void accept(http::request<http::string_body> request) {
    beast::get_lowest_layer(ws_).expires_never();  // the websocket stream keeps its own timeouts
    websocket::stream_base::timeout timeouts{limits_.handshake_timeout, limits_.idle_timeout, true};
    ws_.set_option(timeouts);
    ws_.read_message_max(limits_.max_message_size);
    ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& res) {
      res.set(http::field::sec_websocket_protocol, "sip");
      res.set(http::field::server, "rtcsipd");
    }));
    ws_.async_accept(request, [self = this->shared_from_this()](beast::error_code ec) {
      if (ec) return self->close();
      self->read();
    });
  }

  void write(std::shared_ptr<const std::string> bytes, Transport::Failed on_failed = {}) override {
    if (closed_) {
      if (auto impl = impl_.lock(); impl && on_failed)
        impl->fail_later(std::move(on_failed), "connection closed");
      return;
    }
    queue_.emplace_back(std::move(bytes), std::move(on_failed));
    if (queue_.size() == 1) write_next();
  }

  void close() override {
    if (closed_) return;
    closed_ = true;
    if (auto impl = impl_.lock()) {
      for (auto& [bytes, failed] : queue_) {
        if (failed) impl->fail_later(std::move(failed), "connection closed");
      }
      impl->remove(id);
    }
    queue_.clear();
    beast::get_lowest_layer(ws_).close();
  }

 private:
  void read() {
    ws_.async_read(buffer_, [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) {
        if (ec == websocket::error::message_too_big) {
          core::log::get("sip").debug("{} from {}:{}: message larger than {} bytes; closing",
                                      via_name(self->peer.transport), self->peer.address.ip,
                                      self->peer.address.port, self->limits_.max_message_size);
          if (auto impl = self->impl_.lock()) impl->counters.dropped++;
        }
        return self->close();
      }
      self->on_message();
      if (!self->closed_) self->read();
    });
  }

  void on_message() {
    auto impl = impl_.lock();
    if (!impl) return;
    auto text = std::make_shared<const std::string>(beast::buffers_to_string(buffer_.data()));
    buffer_.consume(buffer_.size());
    // CRLF keepalives inside WebSocket messages (RFC 5626 §4.4.1 as used by SIP clients).
    if (text->find_first_not_of("\r\n") == std::string::npos) {
      if (*text == "\r\n\r\n") write(std::make_shared<const std::string>("\r\n"));
      return;
    }
    ws_.text(true);
    impl->on_bytes(std::move(text), peer, local, true,
                   [this](std::shared_ptr<const std::string> b) { write(std::move(b)); });
  }

  void write_next() {
    ws_.text(true);
    ws_.async_write(asio::buffer(*queue_.front().first),
                    [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                      if (ec) return self->close();
                      self->queue_.pop_front();
                      if (!self->queue_.empty()) self->write_next();
                    });
  }

  websocket::stream<Stream> ws_;
  std::weak_ptr<TransportImpl> impl_;
  TransportLimits limits_;
  beast::flat_buffer buffer_;
  std::deque<std::pair<std::shared_ptr<const std::string>, Transport::Failed>> queue_;
  bool closed_ = false;
};

template <class Stream>
class HttpSession final : public std::enable_shared_from_this<HttpSession<Stream>> {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  template <class... Args>
  HttpSession(std::shared_ptr<TransportImpl> impl, const ListenerSpec& spec, Peer peer, Address local,
              Args&&... args)
      : stream_(std::forward<Args>(args)...),
        impl_(impl),
        slot_(impl->take_slot(peer.address.ip)),
        spec_(spec),
        peer_(std::move(peer)),
        local_(std::move(local)) {
    parser_.header_limit(kMaxHttpRequest);
    parser_.body_limit(kMaxHttpRequest);
  }

  void run() {
    beast::get_lowest_layer(stream_).expires_after(impl_.lock()->limits.handshake_timeout);
    if constexpr (kTls) {
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (ec) return self->refuse_quietly("TLS handshake failed: " + ec.message());
                                self->read_request();
                              });
    } else {
      read_request();
    }
  }

 private:
  void read_request() {
    http::async_read(stream_, buffer_, parser_,
                     [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                       if (ec) return self->refuse_quietly("bad HTTP request: " + ec.message());
                       self->on_request(self->parser_.release());
                     });
  }

  void on_request(http::request<http::string_body> req) {
    auto impl = impl_.lock();
    if (!impl) return;
    if (websocket::is_upgrade(req)) {
      const std::string origin(sv(req[http::field::origin]));
      if (!spec_.allowed_origins.empty() &&
          std::find(spec_.allowed_origins.begin(), spec_.allowed_origins.end(), origin) ==
              spec_.allowed_origins.end()) {
        return respond(req, http::status::forbidden, "origin not allowed\n",
                       "Origin " + origin + " not allowed");
      }
      // RFC 7118 §4.1: the "sip" subprotocol is required.
      if (!token_list_has(sv(req[http::field::sec_websocket_protocol]), "sip")) {
        return respond(req, http::status::bad_request, "the sip WebSocket subprotocol is required\n",
                       "no sip subprotocol");
      }
      auto ws = std::make_shared<WsConnection<Stream>>(impl, impl->limits, std::move(stream_));
      ws->peer = peer_;
      ws->local = local_;
      impl->add(ws);
      impl->counters.connections_accepted++;
      ws->accept(std::move(req));
      return;
    }
    if (req.method() == http::verb::get && req.target() == "/healthz") {
      impl->counters.healthz++;
      return respond(req, http::status::ok, "ok\n", {});
    }
    respond(req, http::status::not_found, "not found\n", {});
  }

  void respond(const http::request<http::string_body>& req, http::status status, std::string body,
               std::string why) {
    if (!why.empty()) {
      if (auto impl = impl_.lock()) impl->counters.connections_refused++;
      core::log::get("sip").info("{} from {}:{} refused: {}", via_name(peer_.transport), peer_.address.ip,
                                 peer_.address.port, why);
    }
    auto res = std::make_shared<http::response<http::string_body>>(status, req.version());
    res->set(http::field::server, "rtcsipd");
    res->set(http::field::content_type, "text/plain");
    res->keep_alive(false);
    res->body() = std::move(body);
    res->prepare_payload();
    http::async_write(stream_, *res, [self = this->shared_from_this(), res](beast::error_code, std::size_t) {
      self->shutdown();
    });
  }

  void refuse_quietly(const std::string& why) {
    if (auto impl = impl_.lock()) impl->counters.connections_refused++;
    core::log::get("sip").debug("{} from {}:{}: {}", via_name(peer_.transport), peer_.address.ip,
                                peer_.address.port, why);
    beast::get_lowest_layer(stream_).close();
  }

  void shutdown() {
    beast::error_code ec;
    beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_send, ec);
    beast::get_lowest_layer(stream_).close();
  }

  Stream stream_;
  std::weak_ptr<TransportImpl> impl_;
  std::unique_ptr<TransportImpl::Slot> slot_;
  ListenerSpec spec_;
  Peer peer_;
  Address local_;
  beast::flat_buffer buffer_;
  http::request_parser<http::string_body> parser_;
};

void serve_ws(const std::shared_ptr<TransportImpl>& impl, Acceptor& acceptor, tcp::socket socket) {
  boost::system::error_code ec;
  const auto remote = socket.remote_endpoint(ec);
  if (ec) return;
  const Peer peer{acceptor.spec.transport, to_address(remote.address(), remote.port()), kNoFlow};
  const Address local{acceptor.spec.address, socket.local_endpoint(ec).port()};
  if (acceptor.spec.transport == TransportKind::wss) {
    std::make_shared<HttpSession<beast::ssl_stream<beast::tcp_stream>>>(impl, acceptor.spec, peer, local,
                                                                        std::move(socket), *acceptor.tls)
        ->run();
  } else {
    std::make_shared<HttpSession<beast::tcp_stream>>(impl, acceptor.spec, peer, local, std::move(socket))
        ->run();
  }
}

}  // namespace rtcsip::sip::detail
