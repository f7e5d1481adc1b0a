#pragma once
// An in-process datagram link between two DTLS transports, on the manual
// clock: every datagram is delivered after a delay, and a filter may drop,
// duplicate or delay it (reordering). Everything sent is logged.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "rtcsip/core/manual_timer_service.hpp"
#include "rtcsip/media/dtls/dtls_transport.hpp"

namespace rtcsip::media::dtls::test {

enum class Direction : std::uint8_t { a_to_b, b_to_a };

struct Delivery {
  bool drop = false;
  int copies = 1;
  core::Duration delay = std::chrono::milliseconds(5);
};

struct Sent {
  Direction direction;
  core::TimePoint at;
  std::size_t transmission;  // datagrams sent at one instant in one direction form one transmission
  std::vector<std::uint8_t> bytes;
  bool dropped = false;
};

// What the first record of a datagram is (RFC 6347 §4.1, §4.2.2).
struct RecordInfo {
  std::uint8_t content_type = 0;  // 20 ChangeCipherSpec, 21 alert, 22 handshake, 23 data
  std::uint16_t epoch = 0;
  std::optional<std::uint8_t> handshake;  // msg_type of a plaintext handshake record
};
std::optional<RecordInfo> first_record(std::span<const std::uint8_t> datagram);
inline constexpr std::uint8_t kClientHello = 1;
inline constexpr std::uint8_t kServerHello = 2;

class DatagramLink {
 public:
  // index counts the datagrams sent in `direction`, from 0.
  using Filter = std::function<Delivery(const Sent& sent, std::size_t index)>;

  explicit DatagramLink(core::ManualTimerService& timers) : timers_(timers) {}

  void attach(DtlsTransport* a, DtlsTransport* b) {
    a_ = a;
    b_ = b;
  }
  void set_filter(Filter filter) { filter_ = std::move(filter); }
  // The send callback of the transport at the given end.
  std::function<void(std::span<const std::uint8_t>)> sender(Direction direction);

  [[nodiscard]] const std::vector<Sent>& log() const { return log_; }
  [[nodiscard]] std::vector<const Sent*> sent(Direction direction) const;

 private:
  void send(Direction direction, std::span<const std::uint8_t> datagram);
  void deliver(Direction direction, const std::vector<std::uint8_t>& datagram);

  core::ManualTimerService& timers_;
  DtlsTransport* a_ = nullptr;
  DtlsTransport* b_ = nullptr;
  Filter filter_;
  std::vector<Sent> log_;
  std::size_t count_[2] = {0, 0};
  std::size_t transmissions_[2] = {0, 0};
  std::optional<core::TimePoint> last_sent_[2];
};

}  // namespace rtcsip::media::dtls::test
