#include "rtcsip/media/webrtc/shared_udp_port.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>

#include "rtcsip/media/ice/stun_demux.hpp"
#include "rtcsip/media/net/udp_batch_reader.hpp"
#include "rtcsip/media/rtp/demux.hpp"

namespace rtcsip::media {

namespace asio = boost::asio;
using udp = asio::ip::udp;

namespace {

// Heterogeneous lookup: a ufrag read in place from a datagram finds its
// leg without building a std::string.
struct UfragHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// One socket takes the WebRTC media of all the worker's calls: the kernel's
// default buffer (about 200 KB, some 600 datagrams) overflows in the gaps
// between two reads once a thousand calls share it.
constexpr int kReceiveBuffer = 4 * 1024 * 1024;

// SO_RCVBUFFORCE passes net.core.rmem_max when the process may (CAP_NET_ADMIN);
// otherwise SO_RCVBUF gets what the limit allows.
void set_receive_buffer(int fd, int bytes) noexcept {
  if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof bytes) == 0) return;
  ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes);
}

}  // namespace

struct SharedUdpPort::Impl {
  Impl(asio::io_context& io, std::size_t receive_buffer, std::size_t batch)
      : socket(io), reader(socket, receive_buffer, batch) {}

  udp::socket socket;
  net::UdpBatchReader reader;
  bool v6 = false;
  std::unordered_map<std::string, Receiver*, UfragHash, std::equal_to<>> by_ufrag;
  std::unordered_map<ice::Endpoint, Receiver*> by_address;
  SharedUdpPortCounters counters;

  void dispatch(const net::UdpBatchReader::Datagram& datagram);
  Receiver* route(const ice::Endpoint& from, std::span<const std::uint8_t> datagram);
};

SharedUdpPort::Receiver* SharedUdpPort::Impl::route(const ice::Endpoint& from,
                                                    std::span<const std::uint8_t> datagram) {
  if (rtp::classify_datagram(datagram) == rtp::DatagramKind::stun) {
    // RFC 8445 §7.2.2: a check names the agent it is for. Requests without
    // a USERNAME (indications, answers) fall through to the address.
    if (const auto ufrag = ice::stun_local_ufrag(datagram)) {
      const auto it = by_ufrag.find(*ufrag);
      if (it == by_ufrag.end()) {
        ++counters.unknown_ufrag;
        return nullptr;
      }
      ++counters.routed_by_ufrag;
      return it->second;
    }
  }
  const auto it = by_address.find(from);
  if (it == by_address.end()) {
    ++counters.unknown_source;
    return nullptr;
  }
  ++counters.routed_by_address;
  return it->second;
}

void SharedUdpPort::Impl::dispatch(const net::UdpBatchReader::Datagram& datagram) {
  ++counters.datagrams_received;
  if (datagram.truncated) {
    ++counters.truncated;
    return;
  }
  const auto from = ice::Endpoint::from_sockaddr(datagram.from, datagram.from_length);
  if (!from) return;
  if (Receiver* receiver = route(*from, datagram.bytes)) receiver->on_datagram(*from, datagram.bytes);
}

core::Result<std::unique_ptr<SharedUdpPort>, std::error_code> SharedUdpPort::create(
    asio::io_context& io, const udp::endpoint& bind, std::size_t receive_buffer, std::size_t batch) {
  auto impl = std::make_unique<Impl>(io, receive_buffer, std::max<std::size_t>(batch, 1));
  boost::system::error_code ec;
  impl->socket.open(bind.protocol(), ec);
  if (!ec) impl->socket.bind(bind, ec);
  // Sends never block the worker: a full socket buffer drops the datagram.
  if (!ec) impl->socket.non_blocking(true, ec);
  if (ec) return std::error_code(ec.value(), std::system_category());
  set_receive_buffer(impl->socket.native_handle(), kReceiveBuffer);
  impl->v6 = bind.protocol() == udp::v6();
  return std::unique_ptr<SharedUdpPort>(new SharedUdpPort(std::move(impl)));
}

SharedUdpPort::SharedUdpPort(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SharedUdpPort::~SharedUdpPort() { close(); }

void SharedUdpPort::start() {
  impl_->reader.start([this](const net::UdpBatchReader::Datagram& datagram) { impl_->dispatch(datagram); },
                      [this](int) { ++impl_->counters.receive_errors; });
}

void SharedUdpPort::close() {
  impl_->reader.stop();
  boost::system::error_code ignored;
  impl_->socket.close(ignored);
}

bool SharedUdpPort::attach(std::string_view local_ufrag, Receiver& receiver) {
  return impl_->by_ufrag.try_emplace(std::string(local_ufrag), &receiver).second;
}

void SharedUdpPort::detach(Receiver& receiver) {
  std::erase_if(impl_->by_ufrag, [&](const auto& entry) { return entry.second == &receiver; });
  std::erase_if(impl_->by_address, [&](const auto& entry) { return entry.second == &receiver; });
}

void SharedUdpPort::claim(const ice::Endpoint& remote, Receiver& receiver) {
  impl_->by_address.insert_or_assign(remote, &receiver);
}

bool SharedUdpPort::send_to(const ice::Endpoint& to, std::span<const std::uint8_t> datagram) noexcept {
  sockaddr_storage address{};
  // A dual-stack socket reaches IPv4 peers at ::ffff:a.b.c.d.
  const socklen_t length = to.to_sockaddr_for(impl_->v6, address);
  if (length == 0) {
    ++impl_->counters.send_errors;
    return false;
  }
  const auto sent = ::sendto(impl_->socket.native_handle(), datagram.data(), datagram.size(), MSG_DONTWAIT,
                             reinterpret_cast<const sockaddr*>(&address), length);
  if (sent < 0) {
    ++impl_->counters.send_errors;
    return false;
  }
  return true;
}

udp::endpoint SharedUdpPort::local_endpoint() const {
  boost::system::error_code ec;
  return impl_->socket.local_endpoint(ec);
}

const SharedUdpPortCounters& SharedUdpPort::counters() const noexcept {
  impl_->counters.batches = impl_->reader.batches();
  return impl_->counters;
}

std::size_t SharedUdpPort::receive_buffer_bytes() const noexcept {
  int bytes = 0;
  socklen_t length = sizeof bytes;
  if (::getsockopt(impl_->socket.native_handle(), SOL_SOCKET, SO_RCVBUF, &bytes, &length) != 0) return 0;
  return static_cast<std::size_t>(bytes);
}

std::size_t SharedUdpPort::attached() const noexcept { return impl_->by_ufrag.size(); }
std::size_t SharedUdpPort::claimed_addresses() const noexcept { return impl_->by_address.size(); }

}  // namespace rtcsip::media
