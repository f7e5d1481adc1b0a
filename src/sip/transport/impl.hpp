#pragma once
// Private to the transport layer: its state, shared by listeners and
// connections, which hold it weakly so that nothing outlives it.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <list>
#include <map>
#include <memory>
#include <unordered_map>

#include "rtcsip/sip/transport_layer.hpp"

namespace rtcsip::sip::detail {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using udp = asio::ip::udp;

Address to_address(const asio::ip::address& ip, std::uint16_t port);

// A connection of a stream transport, accepted or opened.
class Connection {
 public:
  virtual ~Connection() = default;
  // Queues bytes (one whole message, or a keepalive) for sending;
  // on_failed (if any) is called later when they cannot be sent.
  virtual void write(std::shared_ptr<const std::string> bytes, Transport::Failed on_failed = {}) = 0;
  virtual void close() = 0;
  FlowId id = kNoFlow;
  Peer peer;
  Address local;
};

struct UdpSocket {
  ListenerSpec spec;
  udp::socket socket;
  udp::endpoint sender;
  std::array<char, 65536> buffer{};
};

struct Acceptor {
  ListenerSpec spec;
  tcp::acceptor acceptor;
  std::shared_ptr<asio::ssl::context> tls;
};

struct TransportImpl : std::enable_shared_from_this<TransportImpl> {
  asio::io_context& io;
  TransportLimits limits;
  TransportLayer::Sink sink;
  std::list<UdpSocket> udp_sockets;
  std::list<Acceptor> acceptors;
  std::vector<std::uint16_t> bound_ports;
  std::unordered_map<FlowId, std::shared_ptr<Connection>> flows;
  std::map<std::string, std::size_t> per_address;  // open connections per remote IP
  std::size_t handshaking = 0;  // HTTP sessions not yet upgraded (they count against the limits)
  FlowId next_flow = 1;
  TransportCounters counters;
  bool closed = false;

  TransportImpl(asio::io_context& io_, TransportLimits l, TransportLayer::Sink s)
      : io(io_), limits(l), sink(std::move(s)) {}

  // Bytes of one message (or datagram) from a peer. `reply` sends bytes back
  // the way they came.
  void on_bytes(Message::Buffer bytes, const Peer& from, const Address& local, bool datagram,
                const std::function<void(std::shared_ptr<const std::string>)>& reply);

  // Connection bookkeeping: admit() checks the limits, add()/remove() keep the
  // flow table and the per-address counts.
  bool admit(const std::string& remote_ip);
  FlowId add(std::shared_ptr<Connection> c);
  void remove(FlowId id);

  // Holds a place under the connection limits while an HTTP request or
  // WebSocket upgrade is read.
  struct Slot {
    std::weak_ptr<TransportImpl> impl;
    std::string ip;
    ~Slot();
  };
  std::unique_ptr<Slot> take_slot(const std::string& ip);

  void receive_datagram(UdpSocket& s);
  void accept(Acceptor& a);
  void send_datagram(std::shared_ptr<const std::string> bytes, const Peer& to, Transport::Failed on_failed);
  void fail_later(Transport::Failed on_failed, std::string_view reason);
};

// Starts serving an accepted socket of a stream listener (tcp, tls, ws, wss).
void serve_stream(const std::shared_ptr<TransportImpl>& impl, Acceptor& acceptor, tcp::socket socket);
// Opens an outbound TCP connection and sends `bytes` once it is up.
void connect_tcp(const std::shared_ptr<TransportImpl>& impl, const Peer& to,
                 std::shared_ptr<const std::string> bytes, Transport::Failed on_failed);
std::shared_ptr<asio::ssl::context> make_server_tls(const ListenerSpec& spec);

}  // namespace rtcsip::sip::detail
