#include "tls_probe.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>

#include "rtcsip/core/tls_identity.hpp"

namespace rtcsip::test {

namespace {

// A TLS 1.3 server sends its alert for a bad client certificate after the
// client thinks the handshake is done; a short read reveals it.
bool session_alive(SSL* ssl) {
  const int fd = SSL_get_fd(ssl);
  timeval tv{0, 300000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  char byte;
  const int n = SSL_read(ssl, &byte, 1);
  const int err = SSL_get_error(ssl, n);
  ERR_clear_error();
  timeval back{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &back, sizeof back);
  // Nothing to read within the wait (or a post-handshake message) means alive.
  return n > 0 || err == SSL_ERROR_WANT_READ ||
         (err == SSL_ERROR_SYSCALL && (errno == EAGAIN || errno == EWOULDBLOCK));
}

}  // namespace

TlsResult tls_probe(unsigned short port, int min_version, int max_version, const std::string& client_cert,
                    const std::string& client_key) {
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
  if (!client_cert.empty()) {
    SSL_CTX_use_certificate_file(ctx, client_cert.c_str(), SSL_FILETYPE_PEM);
    SSL_CTX_use_PrivateKey_file(ctx, client_key.c_str(), SSL_FILETYPE_PEM);
  }
  SSL* ssl = SSL_new(ctx);
  SSL_set_fd(ssl, fd);
  // With TLS 1.3 a refused client certificate shows only when the server
  // answers: read once after the handshake to see whether the session lives.
  if (SSL_connect(ssl) == 1 && (SSL_version(ssl) != TLS1_3_VERSION || session_alive(ssl))) {
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

std::optional<std::string> tls_exchange(unsigned short port, const std::string& request,
                                        const std::string& client_cert, const std::string& client_key) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{3, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::optional<std::string> out;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    if (!client_cert.empty()) {
      SSL_CTX_use_certificate_file(ctx, client_cert.c_str(), SSL_FILETYPE_PEM);
      SSL_CTX_use_PrivateKey_file(ctx, client_key.c_str(), SSL_FILETYPE_PEM);
    }
    SSL* ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    if (SSL_connect(ssl) == 1 && SSL_write(ssl, request.data(), static_cast<int>(request.size())) > 0) {
      std::string data;
      char buf[4096];
      for (;;) {
        const int n = SSL_read(ssl, buf, sizeof buf);
        if (n <= 0) break;
        data.append(buf, static_cast<std::size_t>(n));
        const auto end = data.find("\r\n\r\n");
        if (end != std::string::npos) {
          const auto cl = data.find("Content-Length: ");
          const std::size_t length =
              cl != std::string::npos && cl < end ? std::stoul(data.substr(cl + 16)) : 0;
          if (data.size() >= end + 4 + length) break;
        }
      }
      if (!data.empty()) out = data;
    }
    ERR_clear_error();
    SSL_free(ssl);
    SSL_CTX_free(ctx);
  }
  ::close(fd);
  return out;
}

}  // namespace rtcsip::test
