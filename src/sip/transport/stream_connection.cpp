// SIP over TCP and TLS (RFC 3261 §18.3): messages framed by Content-Length,
// CRLF keepalives (RFC 5626 §4.4.1), an idle timeout, one write in flight.
#include <boost/asio/connect.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <deque>

#include "impl.hpp"
#include "inbound.hpp"
#include "rtcsip/core/log.hpp"
#include "rtcsip/sip/stream_framer.hpp"

namespace rtcsip::sip::detail {
namespace beast = boost::beast;

template <class Stream>
class SipStreamConnection final : public Connection,
                                  public std::enable_shared_from_this<SipStreamConnection<Stream>> {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  template <class... Args>
  SipStreamConnection(std::weak_ptr<TransportImpl> impl, const TransportLimits& limits, Args&&... args)
      : stream_(std::forward<Args>(args)...),
        impl_(std::move(impl)),
        limits_(limits),
        framer_(FramerLimits{limits.max_message_size, limits.max_message_size}) {}

  void start_server() {
    if constexpr (kTls) {
      beast::get_lowest_layer(stream_).expires_after(limits_.handshake_timeout);
      stream_.async_handshake(
          asio::ssl::stream_base::server, [self = this->shared_from_this()](beast::error_code ec) {
            if (ec) {
              if (auto impl = self->impl_.lock()) impl->counters.connections_refused++;
              core::log::get("sip").debug("TLS handshake with {}:{} failed: {}", self->peer.address.ip,
                                          self->peer.address.port, ec.message());
              return self->close();
            }
            self->read();
          });
    } else {
      read();
    }
  }

  void write(std::shared_ptr<const std::string> bytes, Transport::Failed on_failed = {}) override {
    if (closed_) {
      if (auto impl = impl_.lock(); impl && on_failed)
        impl->fail_later(std::move(on_failed), "connection closed");
      return;
    }
    queue_.emplace_back(std::move(bytes), std::move(on_failed));
    if (queue_.size() == 1 && !connecting_) write_next();
  }

  // An outbound connection: writes wait until connected().
  void begin_connect() { connecting_ = true; }
  void connected() {
    connecting_ = false;
    if (!queue_.empty()) write_next();
    start_server();
  }

  void close() override {
    if (closed_) return;
    closed_ = true;
    if (auto impl = impl_.lock()) {
      for (auto& [bytes, failed] : queue_) {
        if (failed) impl->fail_later(std::move(failed), "connection closed");
      }
    }
    queue_.clear();
    beast::error_code ec;
    beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_both, ec);
    beast::get_lowest_layer(stream_).close();
    if (auto impl = impl_.lock()) impl->remove(id);
  }

  Stream& stream() { return stream_; }

 private:
  void read() {
    if (closed_) return;
    beast::get_lowest_layer(stream_).expires_after(limits_.idle_timeout);
    stream_.async_read_some(asio::buffer(buffer_),
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec) return self->close();
                              self->framer_.feed(std::string_view(self->buffer_.data(), n));
                              if (self->drain()) self->read();
                            });
  }

  // Handles what the framer has; false when the connection must end.
  bool drain() {
    auto impl = impl_.lock();
    if (!impl) return false;
    for (;;) {
      auto e = framer_.next();
      switch (e.kind) {
        case StreamFramer::Kind::need_more:
          return true;
        case StreamFramer::Kind::ping:
          write(std::make_shared<const std::string>("\r\n"));
          break;
        case StreamFramer::Kind::pong:
          break;
        case StreamFramer::Kind::message:
          impl->on_bytes(e.message, peer, local, false,
                         [this](std::shared_ptr<const std::string> b) { write(std::move(b)); });
          if (closed_) return false;
          break;
        case StreamFramer::Kind::error: {
          // The stream cannot be resynchronised: answer if possible, then close.
          const bool too_large = e.error.reason.find("too large") != std::string_view::npos;
          auto answer = salvage_answer(framer_.pending(), too_large ? 413 : 400,
                                       too_large ? "Request Entity Too Large" : e.error.reason);
          impl->counters.dropped += answer ? 0 : 1;
          impl->counters.bad_requests_answered += answer ? 1 : 0;
          core::log::get("sip").debug("{} from {}:{}: {}; closing", via_name(peer.transport), peer.address.ip,
                                      peer.address.port, e.error.reason);
          if (answer) {
            close_after_write_ = true;
            write(std::make_shared<const std::string>(answer->serialize()));
          } else {
            close();
          }
          return false;
        }
      }
    }
  }

  void write_next() {
    asio::async_write(stream_, asio::buffer(*queue_.front().first),
                      [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec) return self->close();
                        self->queue_.pop_front();
                        if (!self->queue_.empty()) {
                          self->write_next();
                        } else if (self->close_after_write_) {
                          self->close();
                        }
                      });
  }

  Stream stream_;
  std::weak_ptr<TransportImpl> impl_;
  TransportLimits limits_;
  StreamFramer framer_;
  std::array<char, 8192> buffer_{};
  std::deque<std::pair<std::shared_ptr<const std::string>, Transport::Failed>> queue_;
  bool connecting_ = false;
  bool closed_ = false;
  bool close_after_write_ = false;
};

using TcpConnection = SipStreamConnection<beast::tcp_stream>;
using TlsConnection = SipStreamConnection<beast::ssl_stream<beast::tcp_stream>>;

void serve_ws(const std::shared_ptr<TransportImpl>& impl, Acceptor& acceptor, tcp::socket socket);

void serve_stream(const std::shared_ptr<TransportImpl>& impl, Acceptor& acceptor, tcp::socket socket) {
  const auto kind = acceptor.spec.transport;
  if (kind == TransportKind::ws || kind == TransportKind::wss)
    return serve_ws(impl, acceptor, std::move(socket));
  boost::system::error_code ec;
  const auto remote = socket.remote_endpoint(ec);
  if (ec) return;
  const Peer peer{kind, to_address(remote.address(), remote.port()), kNoFlow};
  const Address local{acceptor.spec.address, socket.local_endpoint(ec).port()};
  std::shared_ptr<Connection> c;
  if (kind == TransportKind::tls) {
    auto t = std::make_shared<TlsConnection>(impl, impl->limits, std::move(socket), *acceptor.tls);
    t->peer = peer;
    t->local = local;
    impl->add(t);
    t->start_server();
  } else {
    auto t = std::make_shared<TcpConnection>(impl, impl->limits, std::move(socket));
    t->peer = peer;
    t->local = local;
    impl->add(t);
    t->start_server();
  }
}

void connect_tcp(const std::shared_ptr<TransportImpl>& impl, const Peer& to,
                 std::shared_ptr<const std::string> bytes, Transport::Failed on_failed) {
  boost::system::error_code ec;
  const auto ip = asio::ip::make_address(to.address.ip, ec);
  if (ec) return impl->fail_later(std::move(on_failed), "not an IP address: " + to.address.ip);
  auto c = std::make_shared<TcpConnection>(impl, impl->limits, impl->io);
  c->peer = to;
  impl->add(c);
  c->begin_connect();
  c->write(std::move(bytes), std::move(on_failed));  // queued until connected
  impl->counters.sent++;
  beast::get_lowest_layer(c->stream()).expires_after(impl->limits.handshake_timeout);
  beast::get_lowest_layer(c->stream())
      .async_connect(tcp::endpoint(ip, to.address.port), [c](beast::error_code e) {
        if (e) return c->close();  // fails what was queued
        boost::system::error_code ignored;
        c->local = to_address(beast::get_lowest_layer(c->stream()).socket().local_endpoint(ignored).address(),
                              beast::get_lowest_layer(c->stream()).socket().local_endpoint(ignored).port());
        c->connected();  // sends what was queued, then reads the new flow
      });
}

}  // namespace rtcsip::sip::detail
