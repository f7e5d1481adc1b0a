#pragma once
// One UDP port shared by many WebRTC legs of a media worker, so that a
// container publishes one port per worker instead of a range. Datagrams are
// routed to the leg they belong to:
//   - a STUN Binding request by the local ufrag in its USERNAME
//     ("<our ufrag>:<their ufrag>", RFC 8445 §7.2.2), which only chooses the
//     leg whose ICE agent then authenticates it;
//   - everything else (DTLS, SRTP, STUN indications) by its source address,
//     which a leg claims only after a valid check came from it.
// What matches no leg is counted and dropped. Reads are batched (recvmmsg)
// into buffers the port owns: no heap allocation per datagram. Used from the
// io_context's thread only; the port must outlive the legs attached to it.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <system_error>

#include "rtcsip/core/result.hpp"
#include "rtcsip/media/ice/endpoint.hpp"

namespace rtcsip::media {

struct SharedUdpPortCounters {
  std::uint64_t datagrams_received = 0;
  std::uint64_t routed_by_ufrag = 0;    // STUN requests handed to the leg named by USERNAME
  std::uint64_t routed_by_address = 0;  // handed to the leg that claimed the source
  std::uint64_t unknown_ufrag = 0;      // STUN for no leg attached here: dropped
  std::uint64_t unknown_source = 0;     // not STUN, from no claimed address: dropped
  std::uint64_t truncated = 0;          // larger than the receive buffer: dropped
  std::uint64_t receive_errors = 0;
  std::uint64_t send_errors = 0;
  std::uint64_t batches = 0;  // reads that returned at least one datagram
};

class SharedUdpPort {
 public:
  // A leg on the port. The datagram may be rewritten in place; it is valid
  // during the call only. The receiver may detach (and be destroyed) in it.
  class Receiver {
   public:
    virtual void on_datagram(const ice::Endpoint& from, std::span<std::uint8_t> datagram) = 0;

   protected:
    ~Receiver() = default;
  };

  // Binds the socket (port 0: the kernel chooses); receiving starts with start().
  static core::Result<std::unique_ptr<SharedUdpPort>, std::error_code> create(
      boost::asio::io_context& io, const boost::asio::ip::udp::endpoint& bind,
      std::size_t receive_buffer = 2048, std::size_t batch = 32);

  ~SharedUdpPort();
  SharedUdpPort(const SharedUdpPort&) = delete;
  SharedUdpPort& operator=(const SharedUdpPort&) = delete;

  void start();
  void close();

  // A leg whose ICE ufrag is `local_ufrag`; false when another leg has it.
  bool attach(std::string_view local_ufrag, Receiver& receiver);
  // Forgets the leg's ufrag and every address it claimed.
  void detach(Receiver& receiver);
  // A valid check came from `remote`: its datagrams go to `receiver` from now
  // on (the latest claim wins: a NAT may have given the address to another leg).
  void claim(const ice::Endpoint& remote, Receiver& receiver);

  bool send_to(const ice::Endpoint& to, std::span<const std::uint8_t> datagram) noexcept;

  [[nodiscard]] boost::asio::ip::udp::endpoint local_endpoint() const;
  [[nodiscard]] const SharedUdpPortCounters& counters() const noexcept;
  [[nodiscard]] std::size_t attached() const noexcept;
  // The kernel's receive buffer of the socket (it asks for 4 MiB; without
  // CAP_NET_ADMIN net.core.rmem_max caps it).
  [[nodiscard]] std::size_t receive_buffer_bytes() const noexcept;
  [[nodiscard]] std::size_t claimed_addresses() const noexcept;

 private:
  struct Impl;
  explicit SharedUdpPort(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace rtcsip::media
