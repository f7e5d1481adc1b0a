#include "datagram_link.hpp"

namespace rtcsip::media::dtls::test {

std::optional<RecordInfo> first_record(std::span<const std::uint8_t> datagram) {
  // type(1) version(2) epoch(2) sequence_number(6) length(2), then the
  // handshake header msg_type(1) ...
  if (datagram.size() < 13) return std::nullopt;
  RecordInfo info;
  info.content_type = datagram[0];
  info.epoch = static_cast<std::uint16_t>(datagram[3] << 8 | datagram[4]);
  if (info.content_type == 22 && info.epoch == 0 && datagram.size() > 13) info.handshake = datagram[13];
  return info;
}

std::function<void(std::span<const std::uint8_t>)> DatagramLink::sender(Direction direction) {
  return [this, direction](std::span<const std::uint8_t> datagram) { send(direction, datagram); };
}

std::vector<const Sent*> DatagramLink::sent(Direction direction) const {
  std::vector<const Sent*> out;
  for (const auto& s : log_) {
    if (s.direction == direction) out.push_back(&s);
  }
  return out;
}

void DatagramLink::send(Direction direction, std::span<const std::uint8_t> datagram) {
  const auto d = static_cast<std::size_t>(direction);
  if (last_sent_[d] && *last_sent_[d] != timers_.now()) ++transmissions_[d];
  last_sent_[d] = timers_.now();
  Sent sent{direction, timers_.now(), transmissions_[d], {datagram.begin(), datagram.end()}};
  const Delivery delivery = filter_ ? filter_(sent, count_[d]) : Delivery{};
  ++count_[d];
  sent.dropped = delivery.drop;
  log_.push_back(sent);
  if (delivery.drop) return;
  for (int i = 0; i < delivery.copies; ++i) {
    timers_.schedule(delivery.delay, [this, direction, bytes = sent.bytes] { deliver(direction, bytes); });
  }
}

void DatagramLink::deliver(Direction direction, const std::vector<std::uint8_t>& datagram) {
  DtlsTransport* to = direction == Direction::a_to_b ? b_ : a_;
  if (to != nullptr) to->receive(datagram);
}

}  // namespace rtcsip::media::dtls::test
