#include "listeners.hpp"

#include <openssl/ssl.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <list>

#include "rtcsip/core/log.hpp"
#include "startup_error.hpp"

namespace rtcsip::app {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using udp = asio::ip::udp;

namespace {

std::unique_ptr<asio::ssl::context> make_tls_context(const config::Listener& l, const core::TlsIdentity& id) {
  auto ctx = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
  SSL_CTX* native = ctx->native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  SSL_CTX_set_options(native, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  if (SSL_CTX_use_certificate(native, id.certificate()) != 1 ||
      SSL_CTX_use_PrivateKey(native, id.private_key()) != 1) {
    throw StartupError(describe(l) + ": the certificate or key was refused by OpenSSL");
  }
  if (STACK_OF(X509)* chain = id.chain()) {
    for (int i = 0; i < sk_X509_num(chain); ++i) SSL_CTX_add1_chain_cert(native, sk_X509_value(chain, i));
  }
  if (l.verify_client) {
    boost::system::error_code ec;
    ctx->load_verify_file(l.ca_file.string(), ec);
    if (ec) throw StartupError(describe(l) + ": cannot load ca_file " + l.ca_file.string() + ": " + ec.message());
    ctx->set_verify_mode(asio::ssl::verify_peer | asio::ssl::verify_fail_if_no_peer_cert);
  }
  return ctx;
}

}  // namespace

std::string describe(const config::Listener& l) {
  const bool v6 = l.address.find(':') != std::string::npos;
  return std::string(config::to_string(l.transport)) + " " + (v6 ? "[" + l.address + "]" : l.address) + ":" +
         std::to_string(l.port);
}

struct ListenerSet::Impl : std::enable_shared_from_this<Impl> {
  struct Stream {
    config::Listener config;
    tcp::acceptor acceptor;
    std::unique_ptr<asio::ssl::context> tls;
  };
  struct Datagram {
    config::Listener config;
    udp::socket socket;
    udp::endpoint sender;
    std::array<char, 65536> buffer{};
  };
  // A TLS connection during and just after its handshake.
  struct TlsSession {
    asio::ssl::stream<tcp::socket> stream;
    asio::steady_timer deadline;
    tcp::endpoint peer;
  };

  asio::io_context& io;
  config::Limits limits;
  std::list<Stream> streams;
  std::list<Datagram> datagrams;
  std::list<std::shared_ptr<TlsSession>> sessions;
  std::map<asio::ip::address, std::uint32_t> per_address;
  Counters counters;
  bool closed = false;

  Impl(asio::io_context& io_, const config::Limits& l) : io(io_), limits(l) {}

  void open_stream(const config::Listener& l, const core::TlsIdentity* id) {
    auto& s = streams.emplace_back(Stream{l, tcp::acceptor(io), nullptr});
    if (id) s.tls = make_tls_context(l, *id);
    const tcp::endpoint ep(asio::ip::make_address(l.address), l.port);
    boost::system::error_code ec;
    s.acceptor.open(ep.protocol(), ec);
    if (!ec) s.acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) s.acceptor.bind(ep, ec);
    if (!ec) s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) throw StartupError("cannot open listener " + describe(l) + ": " + ec.message());
    core::log::get("app").info("listening on {}", describe(l));
    accept(s);
  }

  void open_datagram(const config::Listener& l) {
    auto& d = datagrams.emplace_back(Datagram{l, udp::socket(io), {}, {}});
    const udp::endpoint ep(asio::ip::make_address(l.address), l.port);
    boost::system::error_code ec;
    d.socket.open(ep.protocol(), ec);
    if (!ec) d.socket.bind(ep, ec);
    if (ec) throw StartupError("cannot open listener " + describe(l) + ": " + ec.message());
    core::log::get("app").info("listening on {}", describe(l));
    receive(d);
  }

  void receive(Datagram& d) {
    d.socket.async_receive_from(asio::buffer(d.buffer), d.sender,
                                [self = shared_from_this(), &d](boost::system::error_code ec, std::size_t) {
                                  if (ec == asio::error::operation_aborted || self->closed) return;
                                  if (!ec) self->counters.datagrams++;
                                  self->receive(d);
                                });
  }

  void accept(Stream& s) {
    s.acceptor.async_accept([self = shared_from_this(), &s](boost::system::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted || self->closed) return;
      if (!ec) self->on_accept(s, std::move(socket));
      self->accept(s);
    });
  }

  void on_accept(Stream& s, tcp::socket socket) {
    boost::system::error_code ec;
    const auto peer = socket.remote_endpoint(ec);
    if (ec) return;
    if (sessions.size() >= limits.max_connections ||
        per_address[peer.address()] >= limits.max_connections_per_address) {
      counters.rejected_over_limit++;
      core::log::get("app").warn("connection from {} to {} refused: connection limit reached",
                                 peer.address().to_string(), describe(s.config));
      return;  // the socket closes here
    }
    counters.accepted++;
    // SIP is not served on these sockets yet: a plain connection is closed
    // once accepted, a secure one after its TLS handshake.
    if (!s.tls) return;
    handshake(s, std::move(socket), peer);
  }

  void handshake(Stream& s, tcp::socket socket, const tcp::endpoint& peer) {
    auto session = std::make_shared<TlsSession>(TlsSession{{std::move(socket), *s.tls}, asio::steady_timer(io), peer});
    sessions.push_back(session);
    per_address[peer.address()]++;
    session->deadline.expires_after(limits.handshake_timeout);
    session->deadline.async_wait([session](boost::system::error_code ec) {
      if (!ec) session->stream.lowest_layer().close(ec);  // handshake took too long
    });
    session->stream.async_handshake(
        asio::ssl::stream_base::server, [self = shared_from_this(), session, name = describe(s.config)](
                                            boost::system::error_code ec) { self->on_handshake(session, name, ec); });
  }

  void on_handshake(const std::shared_ptr<TlsSession>& session, const std::string& name,
                    boost::system::error_code ec) {
    session->deadline.cancel();
    auto& log = core::log::get("app");
    const std::string peer = session->peer.address().to_string() + ":" + std::to_string(session->peer.port());
    if (ec) {
      counters.tls_handshake_failures++;
      log.debug("TLS handshake on {} with {} failed: {}", name, peer, ec.message());
      finish(session);
      return;
    }
    counters.tls_handshakes++;
    SSL* ssl = session->stream.native_handle();
    log.debug("TLS handshake on {} with {} done: {} {}", name, peer, SSL_get_version(ssl), SSL_get_cipher_name(ssl));
    session->stream.async_shutdown([self = shared_from_this(), session](boost::system::error_code) {
      self->finish(session);
    });
  }

  void finish(const std::shared_ptr<TlsSession>& session) {
    boost::system::error_code ec;
    session->stream.lowest_layer().close(ec);
    if (closed) return;
    sessions.remove(session);
    if (auto it = per_address.find(session->peer.address()); it != per_address.end() && --it->second == 0) {
      per_address.erase(it);
    }
  }

  void close_all() {
    closed = true;
    boost::system::error_code ec;
    for (auto& s : streams) s.acceptor.close(ec);
    for (auto& d : datagrams) d.socket.close(ec);
    for (auto& session : sessions) {
      session->deadline.cancel();
      session->stream.lowest_layer().close(ec);
    }
    sessions.clear();
    per_address.clear();
  }
};

ListenerSet::ListenerSet(asio::io_context& io, const config::Limits& limits)
    : impl_(std::make_shared<Impl>(io, limits)) {}

ListenerSet::~ListenerSet() { close(); }

void ListenerSet::open(const std::vector<config::Listener>& listeners,
                       const std::map<std::size_t, std::shared_ptr<const core::TlsIdentity>>& identities) {
  for (std::size_t i = 0; i < listeners.size(); ++i) {
    const auto& l = listeners[i];
    if (l.transport == config::Transport::udp) {
      impl_->open_datagram(l);
    } else {
      auto it = identities.find(i);
      impl_->open_stream(l, it != identities.end() ? it->second.get() : nullptr);
    }
  }
}

void ListenerSet::close() {
  if (!impl_->closed) impl_->close_all();
}

const ListenerSet::Counters& ListenerSet::counters() const { return impl_->counters; }

}  // namespace rtcsip::app
