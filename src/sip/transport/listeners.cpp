#include <openssl/ssl.h>

#include "impl.hpp"
#include "rtcsip/core/log.hpp"

namespace rtcsip::sip::detail {

std::shared_ptr<asio::ssl::context> make_server_tls(const ListenerSpec& spec) {
  if (!spec.identity) throw std::runtime_error("no certificate");
  auto ctx = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
  SSL_CTX* native = ctx->native_handle();
  // TLS 1.2 and 1.3 only.
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  SSL_CTX_set_options(native,
                      SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  if (SSL_CTX_use_certificate(native, spec.identity->certificate()) != 1 ||
      SSL_CTX_use_PrivateKey(native, spec.identity->private_key()) != 1) {
    throw std::runtime_error("the certificate or key was refused by OpenSSL");
  }
  if (STACK_OF(X509)* chain = spec.identity->chain()) {
    for (int i = 0; i < sk_X509_num(chain); ++i) SSL_CTX_add1_chain_cert(native, sk_X509_value(chain, i));
  }
  if (spec.verify_client) {
    boost::system::error_code ec;
    ctx->load_verify_file(spec.ca_file, ec);
    if (ec) throw std::runtime_error("cannot load ca_file " + spec.ca_file + ": " + ec.message());
    ctx->set_verify_mode(asio::ssl::verify_peer | asio::ssl::verify_fail_if_no_peer_cert);
  }
  return ctx;
}

void TransportImpl::accept(Acceptor& a) {
  a.acceptor.async_accept([weak = weak_from_this(), &a](boost::system::error_code ec, tcp::socket socket) {
    auto self = weak.lock();
    if (!self || self->closed || ec == asio::error::operation_aborted) return;
    if (!ec) {
      boost::system::error_code ignored;
      const auto remote = socket.remote_endpoint(ignored);
      const std::string ip = to_address(remote.address(), remote.port()).ip;
      if (ignored || !self->admit(ip)) {
        self->counters.connections_refused++;
        core::log::get("sip").debug("connection from {} to {} refused: connection limit reached", ip,
                                    describe(a.spec));
        // The socket closes as it goes out of scope.
      } else {
        self->counters.connections_accepted++;
        serve_stream(self, a, std::move(socket));
      }
    }
    self->accept(a);
  });
}

}  // namespace rtcsip::sip::detail
