#pragma once
// The BIO between OpenSSL and a DtlsTransport, with datagram semantics that a
// memory BIO lacks: a read returns the one datagram being received (or asks
// to retry), and every write OpenSSL makes is one datagram to send. OpenSSL
// itself packs a flight's records into writes of at most the MTU (it buffers
// the handshake in front of this BIO and flushes by MTU, RFC 6347 §4.1.1), so
// a memory BIO, which would glue those writes together, is not used.
#include <cstdint>
#include <span>
#include <vector>

#include <openssl/bio.h>

#include "rtcsip/media/dtls/dtls_transport.hpp"

namespace rtcsip::media::dtls {

class DtlsTransport::DatagramBio {
 public:
  // Bounds what one OpenSSL call may queue; a DTLS 1.2 flight needs a handful.
  static constexpr std::size_t kMaxQueued = 64;

  // A new BIO reading from and writing to this object; SSL_set_bio() takes it.
  BIO* make_bio();

  // The datagram OpenSSL reads next; cleared after the call that consumes it,
  // so that what OpenSSL did not read is dropped with its datagram.
  void set_incoming(std::span<const std::uint8_t> datagram) { incoming_ = datagram; }
  void clear_incoming() { incoming_ = {}; }
  [[nodiscard]] bool has_outgoing() const { return !outgoing_.empty(); }
  std::vector<std::vector<std::uint8_t>> take_outgoing();

 private:
  static int write_thunk(BIO* bio, const char* data, int length);
  static int read_thunk(BIO* bio, char* data, int length);
  static long ctrl_thunk(BIO* bio, int command, long number, void* pointer);
  static int create_thunk(BIO* bio);
  static int destroy_thunk(BIO* bio);
  static const BIO_METHOD* method();
  static DatagramBio* self_of(BIO* bio);

  int on_write(std::span<const std::uint8_t> datagram);
  int on_read(BIO* bio, std::span<std::uint8_t> buffer);

  std::span<const std::uint8_t> incoming_;
  std::vector<std::vector<std::uint8_t>> outgoing_;
};

}  // namespace rtcsip::media::dtls
