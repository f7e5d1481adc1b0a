#include "tls_probe.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "rtcsip/core/tls_identity.hpp"

namespace rtcsip::test {

TlsResult tls_probe(unsigned short port, int min_version, int max_version) {
  TlsResult r;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    r.error = "connect failed";
    ::close(fd);
    return r;
  }
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  SSL_CTX_set_min_proto_version(ctx, min_version);
  SSL_CTX_set_max_proto_version(ctx, max_version);
  SSL_CTX_set_security_level(ctx, 0);  // let the client offer old versions; the server must refuse them
  SSL* ssl = SSL_new(ctx);
  SSL_set_fd(ssl, fd);
  if (SSL_connect(ssl) == 1) {
    r.ok = true;
    r.version = SSL_get_version(ssl);
    if (X509* cert = SSL_get1_peer_certificate(ssl)) {
      r.fingerprint = core::sha256_fingerprint(cert);
      X509_free(cert);
    }
    SSL_shutdown(ssl);
  } else {
    char buf[256];
    ERR_error_string_n(ERR_get_error(), buf, sizeof buf);
    r.error = buf;
  }
  ERR_clear_error();
  SSL_free(ssl);
  SSL_CTX_free(ctx);
  ::close(fd);
  return r;
}

}  // namespace rtcsip::test
