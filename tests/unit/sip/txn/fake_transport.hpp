#pragma once
// A Transport for transaction tests, on a ManualTimerService. It records
// every message it is asked to send and then, as the test says, delivers it
// (after an optional delay), drops it, delivers it twice, holds it back to be
// released out of order, or fails the send (the Failed callback runs from
// the timer service with zero delay, never from inside send()). Delivered
// messages are serialized and parsed again, as on the wire, and handed to
// `sink` (the other side's TransactionLayer::receive); without a sink the
// messages are only recorded.
#include <deque>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "rtcsip/core/manual_timer_service.hpp"
#include "rtcsip/sip/transport.hpp"

namespace rtcsip::sip::test {

class FakeTransport final : public Transport {
 public:
  enum class Fate { deliver, drop, duplicate, hold, fail };
  struct Plan {
    Fate fate = Fate::deliver;
    core::Duration delay{};  // for deliver and duplicate
  };
  struct Sent {
    Message message;
    Peer to;
    core::Duration at;  // since the transport was made
    Fate fate;
  };

  // `self` is the address the receiving side sees messages come from.
  FakeTransport(core::ManualTimerService& clock, Address self)
      : clock_(clock), self_(std::move(self)), start_(clock.now()) {}

  std::function<void(Incoming)> sink;
  // Fates of the next sends, in order; once empty, `policy` decides, and
  // without a policy every message is delivered at once.
  std::deque<Plan> script;
  std::function<Plan(const Message&)> policy;
  std::string failure_reason = "connection refused";

  void send(const Message& message, const Peer& to, Failed on_failed) override {
    const Plan plan = next_plan(message);
    sent_.push_back(Sent{message, to, clock_.now() - start_, plan.fate});
    switch (plan.fate) {
      case Fate::drop:
        return;
      case Fate::hold:
        held_.emplace_back(message, to);
        return;
      case Fate::fail:
        clock_.schedule(core::Duration::zero(),
                        [on_failed = std::move(on_failed), reason = failure_reason] { on_failed(reason); });
        return;
      case Fate::duplicate:
        deliver(message, to, plan.delay);
        deliver(message, to, plan.delay);
        return;
      case Fate::deliver:
        deliver(message, to, plan.delay);
        return;
    }
  }

  // Delivers the held messages, the last held first: a reordering.
  void release_held_reversed() {
    for (auto it = held_.rbegin(); it != held_.rend(); ++it) deliver(it->first, it->second, {});
    held_.clear();
  }

  [[nodiscard]] const std::vector<Sent>& sent() const { return sent_; }
  void clear() { sent_.clear(); }

  // When each message that matches was sent: a method ("INVITE") or a status ("180").
  [[nodiscard]] std::vector<core::Duration> times_of(std::string_view what) const {
    std::vector<core::Duration> times;
    for (const Sent& s : sent_) {
      if (is(s.message, what)) times.push_back(s.at);
    }
    return times;
  }
  [[nodiscard]] std::size_t count(std::string_view what) const { return times_of(what).size(); }
  // The last message that matches; the test fails (and gets an empty response) if none.
  [[nodiscard]] const Sent& last(std::string_view what) const {
    for (auto it = sent_.rbegin(); it != sent_.rend(); ++it) {
      if (is(it->message, what)) return *it;
    }
    static const Sent kNone{Message::response(0, "none"), {}, {}, Fate::drop};
    return kNone;
  }

  static bool is(const Message& m, std::string_view what) {
    if (m.is_request()) return m.method_text() == what;
    return std::to_string(m.status()) == what;
  }

 private:
  Plan next_plan(const Message& message) {
    if (!script.empty()) {
      Plan plan = script.front();
      script.pop_front();
      return plan;
    }
    return policy ? policy(message) : Plan{};
  }

  void deliver(const Message& message, const Peer& to, core::Duration delay) {
    if (!sink) return;  // recording only: nothing to schedule
    // As on the wire: the receiver parses what was serialized.
    auto parsed = Message::parse(message.serialize());
    if (!parsed) {
      ADD_FAILURE() << "sent a message that does not parse: " << parsed.error().reason;
      return;
    }
    Incoming incoming{std::move(*parsed), Peer{to.transport, self_, to.flow}, to.address};
    clock_.schedule(delay, [this, incoming = std::move(incoming)]() mutable {
      if (sink) sink(std::move(incoming));
    });
  }

  core::ManualTimerService& clock_;
  Address self_;
  core::TimePoint start_;
  std::vector<Sent> sent_;
  std::vector<std::pair<Message, Peer>> held_;
};

}  // namespace rtcsip::sip::test
