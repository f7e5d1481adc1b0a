#include "datagram_bio.hpp"

#include <openssl/bio.h>

#include <algorithm>
#include <memory>

namespace rtcsip::media::dtls {
namespace {

struct MethodFree {
  void operator()(BIO_METHOD* m) const { BIO_meth_free(m); }
};

}  // namespace

DtlsTransport::DatagramBio* DtlsTransport::DatagramBio::self_of(BIO* bio) {
  return static_cast<DatagramBio*>(BIO_get_data(bio));
}

const BIO_METHOD* DtlsTransport::DatagramBio::method() {
  // One method for the process, built on first use (thread-safe static).
  static const std::unique_ptr<BIO_METHOD, MethodFree> kMethod = [] {
    std::unique_ptr<BIO_METHOD, MethodFree> m(
        BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "rtcsip DTLS datagram"));
    if (m &&
        (BIO_meth_set_write(m.get(), &write_thunk) != 1 || BIO_meth_set_read(m.get(), &read_thunk) != 1 ||
         BIO_meth_set_ctrl(m.get(), &ctrl_thunk) != 1 || BIO_meth_set_create(m.get(), &create_thunk) != 1 ||
         BIO_meth_set_destroy(m.get(), &destroy_thunk) != 1)) {
      m.reset();
    }
    return m;
  }();
  return kMethod.get();
}

BIO* DtlsTransport::DatagramBio::make_bio() {
  const BIO_METHOD* m = method();
  BIO* bio = m != nullptr ? BIO_new(m) : nullptr;
  if (bio != nullptr) BIO_set_data(bio, this);
  return bio;
}

std::vector<std::vector<std::uint8_t>> DtlsTransport::DatagramBio::take_outgoing() {
  std::vector<std::vector<std::uint8_t>> out;
  out.swap(outgoing_);
  return out;
}

int DtlsTransport::DatagramBio::on_write(std::span<const std::uint8_t> datagram) {
  // Past the bound the datagram is lost, as on a full socket; DTLS retransmits.
  if (outgoing_.size() < kMaxQueued) outgoing_.emplace_back(datagram.begin(), datagram.end());
  return static_cast<int>(datagram.size());
}

int DtlsTransport::DatagramBio::on_read(BIO* bio, std::span<std::uint8_t> buffer) {
  if (incoming_.empty()) {
    BIO_set_retry_read(bio);
    return -1;
  }
  // A datagram is read whole or not at all; what does not fit is lost (OpenSSL
  // reads with room for the largest record, so this does not happen).
  const std::size_t n = std::min(buffer.size(), incoming_.size());
  std::copy_n(incoming_.begin(), n, buffer.begin());
  incoming_ = {};
  return static_cast<int>(n);
}

int DtlsTransport::DatagramBio::write_thunk(BIO* bio, const char* data, int length) {
  BIO_clear_retry_flags(bio);
  auto* self = self_of(bio);
  if (self == nullptr || data == nullptr || length < 0) return -1;
  return self->on_write({reinterpret_cast<const std::uint8_t*>(data), static_cast<std::size_t>(length)});
}

int DtlsTransport::DatagramBio::read_thunk(BIO* bio, char* data, int length) {
  BIO_clear_retry_flags(bio);
  auto* self = self_of(bio);
  if (self == nullptr || data == nullptr || length < 0) return -1;
  return self->on_read(bio, {reinterpret_cast<std::uint8_t*>(data), static_cast<std::size_t>(length)});
}

long DtlsTransport::DatagramBio::ctrl_thunk(BIO* bio, int command, long /*number*/, void* /*pointer*/) {
  switch (command) {
    case BIO_CTRL_FLUSH:
      return 1;  // writes are handed over at once
    case BIO_CTRL_PENDING: {
      const auto* self = self_of(bio);
      return self != nullptr ? static_cast<long>(self->incoming_.size()) : 0;
    }
    // Nothing buffered on the write side, no MTU to query (SSL_OP_NO_QUERY_MTU),
    // no per-datagram overhead (the MTU is the UDP payload), no kernel timer.
    case BIO_CTRL_WPENDING:
    case BIO_CTRL_DGRAM_QUERY_MTU:
    case BIO_CTRL_DGRAM_GET_MTU_OVERHEAD:
    case BIO_CTRL_DGRAM_SET_NEXT_TIMEOUT:
    default:
      return 0;
  }
}

int DtlsTransport::DatagramBio::create_thunk(BIO* bio) {
  BIO_set_init(bio, 1);
  return 1;
}

int DtlsTransport::DatagramBio::destroy_thunk(BIO* bio) {
  BIO_set_data(bio, nullptr);
  return 1;
}

}  // namespace rtcsip::media::dtls
