#include "rtcsip/sip/transport_layer.hpp"

#include <boost/asio/post.hpp>
#include <stdexcept>

#include "impl.hpp"
#include "inbound.hpp"
#include "rtcsip/core/log.hpp"
#include "rtcsip/sip/headers.hpp"

namespace rtcsip::sip {
namespace detail {

Address to_address(const asio::ip::address& ip, std::uint16_t port) {
  // A v4-mapped IPv6 source (dual-stack socket) is reported as IPv4.
  if (ip.is_v6() && ip.to_v6().is_v4_mapped()) {
    return Address{asio::ip::make_address_v4(asio::ip::v4_mapped, ip.to_v6()).to_string(), port};
  }
  return Address{ip.to_string(), port};
}

void TransportImpl::on_bytes(Message::Buffer bytes, const Peer& from, const Address& local, bool datagram,
                             const std::function<void(std::shared_ptr<const std::string>)>& reply) {
  counters.received++;
  auto result = process_inbound(std::move(bytes), from, local, datagram, limits.max_message_size);
  if (result.incoming) {
    sink(std::move(*result.incoming));
    return;
  }
  auto& log = core::log::get("sip");
  if (result.answer) {
    counters.bad_requests_answered++;
    log.debug("{} from {}:{} answered {}: {}", via_name(from.transport), from.address.ip, from.address.port,
              result.answer->status(), result.problem);
    reply(std::make_shared<const std::string>(result.answer->serialize()));
  } else {
    counters.dropped++;
    log.debug("{} from {}:{} dropped: {}", via_name(from.transport), from.address.ip, from.address.port,
              result.problem);
  }
}

bool TransportImpl::admit(const std::string& remote_ip) {
  if (flows.size() + handshaking >= limits.max_connections) return false;
  auto it = per_address.find(remote_ip);
  return it == per_address.end() || it->second < limits.max_connections_per_address;
}

FlowId TransportImpl::add(std::shared_ptr<Connection> c) {
  const FlowId id = next_flow++;
  c->id = id;
  c->peer.flow = id;
  per_address[c->peer.address.ip]++;
  flows.emplace(id, std::move(c));
  counters.connections_open = flows.size();
  return id;
}

std::unique_ptr<TransportImpl::Slot> TransportImpl::take_slot(const std::string& ip) {
  handshaking++;
  per_address[ip]++;
  return std::unique_ptr<Slot>(new Slot{weak_from_this(), ip});
}

TransportImpl::Slot::~Slot() {
  auto self = impl.lock();
  if (!self) return;
  self->handshaking--;
  auto it = self->per_address.find(ip);
  if (it != self->per_address.end() && --it->second == 0) self->per_address.erase(it);
}

void TransportImpl::remove(FlowId id) {
  auto it = flows.find(id);
  if (it == flows.end()) return;
  auto count = per_address.find(it->second->peer.address.ip);
  if (count != per_address.end() && --count->second == 0) per_address.erase(count);
  flows.erase(it);
  counters.connections_open = flows.size();
}

void TransportImpl::receive_datagram(UdpSocket& s) {
  s.socket.async_receive_from(
      asio::buffer(s.buffer), s.sender,
      [weak = weak_from_this(), &s](boost::system::error_code ec, std::size_t n) {
        auto self = weak.lock();
        if (!self || self->closed || ec == asio::error::operation_aborted) return;
        if (!ec && n > 0) {
          // RFC 5626 §4.4.1 keepalives over UDP are STUN, not CRLF; a lone CRLF is ignored.
          const std::string_view data(s.buffer.data(), n);
          if (data.find_first_not_of("\r\n") != std::string_view::npos) {
            Peer from{TransportKind::udp, to_address(s.sender.address(), s.sender.port()), kNoFlow};
            const Address local{s.spec.address, s.socket.local_endpoint().port()};
            const udp::endpoint back = s.sender;
            self->on_bytes(std::make_shared<const std::string>(data), from, local, true,
                           [&s, back](std::shared_ptr<const std::string> bytes) {
                             s.socket.async_send_to(asio::buffer(*bytes), back,
                                                    [bytes](boost::system::error_code, std::size_t) {});
                           });
          }
        }
        self->receive_datagram(s);
      });
}

void TransportImpl::fail_later(Transport::Failed on_failed, std::string_view reason) {
  counters.send_failures++;
  if (!on_failed) return;
  asio::post(io, [on_failed = std::move(on_failed), reason = std::string(reason)] { on_failed(reason); });
}

void TransportImpl::send_datagram(std::shared_ptr<const std::string> bytes, const Peer& to,
                                  Transport::Failed on_failed) {
  boost::system::error_code ec;
  const auto ip = asio::ip::make_address(to.address.ip, ec);
  if (ec) return fail_later(std::move(on_failed), "not an IP address: " + to.address.ip);
  // The first UDP listener of the destination's family (or a dual-stack one).
  UdpSocket* socket = nullptr;
  for (auto& s : udp_sockets) {
    const auto family = s.socket.local_endpoint(ec).address();
    if (family.is_v4() == ip.is_v4() || (family.is_v6() && family.to_v6().is_unspecified())) {
      socket = &s;
      break;
    }
  }
  if (!socket) return fail_later(std::move(on_failed), "no UDP listener for this address family");
  udp::endpoint target(ip, to.address.port);
  if (ip.is_v4() && socket->socket.local_endpoint(ec).address().is_v6()) {
    target = udp::endpoint(asio::ip::make_address_v6(asio::ip::v4_mapped, ip.to_v4()), to.address.port);
  }
  socket->socket.async_send_to(asio::buffer(*bytes), target,
                               [weak = weak_from_this(), bytes, on_failed = std::move(on_failed)](
                                   boost::system::error_code e, std::size_t) mutable {
                                 auto self = weak.lock();
                                 if (e && self) self->fail_later(std::move(on_failed), e.message());
                               });
  counters.sent++;
}

}  // namespace detail

using detail::TransportImpl;

std::string describe(const ListenerSpec& spec) {
  const bool v6 = spec.address.find(':') != std::string::npos;
  std::string kind(via_name(spec.transport));
  for (auto& c : kind) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return kind + " " + (v6 ? "[" + spec.address + "]" : spec.address) + ":" + std::to_string(spec.port);
}

struct TransportLayer::Impl {
  std::shared_ptr<TransportImpl> state;
};

TransportLayer::TransportLayer(boost::asio::io_context& io, TransportLimits limits, Sink sink)
    : impl_(std::make_shared<Impl>(Impl{std::make_shared<TransportImpl>(io, limits, std::move(sink))})) {}

TransportLayer::~TransportLayer() { close(); }

void TransportLayer::listen(const ListenerSpec& spec) {
  auto& s = *impl_->state;
  boost::system::error_code ec;
  const auto ip = detail::asio::ip::make_address(spec.address, ec);
  if (ec) throw std::runtime_error("cannot open listener " + describe(spec) + ": not an IP address");
  if (spec.transport == TransportKind::udp) {
    auto& u = s.udp_sockets.emplace_back(detail::UdpSocket{spec, detail::udp::socket(s.io), {}, {}});
    const detail::udp::endpoint ep(ip, spec.port);
    u.socket.open(ep.protocol(), ec);
    if (!ec) u.socket.bind(ep, ec);
    if (ec) {
      s.udp_sockets.pop_back();
      throw std::runtime_error("cannot open listener " + describe(spec) + ": " + ec.message());
    }
    s.bound_ports.push_back(u.socket.local_endpoint().port());
    s.receive_datagram(u);
  } else {
    auto& a = s.acceptors.emplace_back(detail::Acceptor{spec, detail::tcp::acceptor(s.io), nullptr});
    try {
      if (spec.transport == TransportKind::tls || spec.transport == TransportKind::wss)
        a.tls = detail::make_server_tls(spec);
    } catch (const std::exception& e) {
      s.acceptors.pop_back();
      throw std::runtime_error("cannot open listener " + describe(spec) + ": " + e.what());
    }
    const detail::tcp::endpoint ep(ip, spec.port);
    a.acceptor.open(ep.protocol(), ec);
    if (!ec) a.acceptor.set_option(detail::tcp::acceptor::reuse_address(true), ec);
    if (!ec) a.acceptor.bind(ep, ec);
    if (!ec) a.acceptor.listen(detail::asio::socket_base::max_listen_connections, ec);
    if (ec) {
      s.acceptors.pop_back();
      throw std::runtime_error("cannot open listener " + describe(spec) + ": " + ec.message());
    }
    s.bound_ports.push_back(a.acceptor.local_endpoint().port());
    s.accept(a);
  }
  ListenerSpec bound = spec;
  bound.port = s.bound_ports.back();
  core::log::get("sip").info("listening on {}", describe(bound));
}

std::uint16_t TransportLayer::bound_port(std::size_t index) const {
  return impl_->state->bound_ports.at(index);
}

void TransportLayer::close() {
  auto& s = *impl_->state;
  if (s.closed) return;
  s.closed = true;
  boost::system::error_code ec;
  for (auto& u : s.udp_sockets) u.socket.close(ec);
  for (auto& a : s.acceptors) a.acceptor.close(ec);
  auto flows = std::move(s.flows);
  s.flows.clear();
  for (auto& [id, c] : flows) c->close();
  s.per_address.clear();
}

void TransportLayer::send(const Message& message, const Peer& to, Failed on_failed) {
  auto& s = *impl_->state;
  if (s.closed) return s.fail_later(std::move(on_failed), "transport closed");
  auto bytes = std::make_shared<const std::string>(message.serialize());
  if (to.transport == TransportKind::udp) return s.send_datagram(std::move(bytes), to, std::move(on_failed));
  if (to.flow != kNoFlow) {
    auto it = s.flows.find(to.flow);
    if (it == s.flows.end()) return s.fail_later(std::move(on_failed), "connection closed");
    it->second->write(std::move(bytes), std::move(on_failed));
    s.counters.sent++;
    return;
  }
  // No flow given: reuse a connection to the same peer (RFC 3261 §18.1.1), or open one.
  for (auto& [id, c] : s.flows) {
    if (c->peer.transport == to.transport && c->peer.address == to.address) {
      c->write(std::move(bytes), std::move(on_failed));
      s.counters.sent++;
      return;
    }
  }
  if (to.transport == TransportKind::tcp)
    return detail::connect_tcp(impl_->state, to, std::move(bytes), std::move(on_failed));
  s.fail_later(std::move(on_failed), std::string("no connection to ") + to.address.ip + ":" +
                                         std::to_string(to.address.port) + " over " +
                                         std::string(via_name(to.transport)));
}

const TransportCounters& TransportLayer::counters() const { return impl_->state->counters; }
std::size_t TransportLayer::connection_count() const { return impl_->state->flows.size(); }

}  // namespace rtcsip::sip
