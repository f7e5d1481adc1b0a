#pragma once
// The configured listening sockets, opened at start-up. A secure listener
// completes TLS handshakes with its certificate (TLS 1.2 and 1.3 only); SIP
// over these sockets is served by the transport layer.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rtcsip/config/config.hpp"
#include "rtcsip/core/tls_identity.hpp"

namespace boost::asio {
class io_context;
}

namespace rtcsip::app {

class ListenerSet {
 public:
  ListenerSet(boost::asio::io_context& io, const config::Limits& limits);
  ~ListenerSet();
  ListenerSet(const ListenerSet&) = delete;
  ListenerSet& operator=(const ListenerSet&) = delete;

  // Binds every listener, or throws StartupError naming the one that failed.
  void open(const std::vector<config::Listener>& listeners,
            const std::map<std::size_t, std::shared_ptr<const core::TlsIdentity>>& identities);
  // Stops accepting and closes every connection.
  void close();

  struct Counters {
    std::uint64_t accepted = 0;
    std::uint64_t rejected_over_limit = 0;
    std::uint64_t tls_handshakes = 0;
    std::uint64_t tls_handshake_failures = 0;
    std::uint64_t datagrams = 0;
  };
  [[nodiscard]] const Counters& counters() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// "udp 0.0.0.0:5060", "wss [::]:7443"
std::string describe(const config::Listener& listener);

}  // namespace rtcsip::app
