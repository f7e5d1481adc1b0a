#pragma once
// The registrar's location service (RFC 3261 §10.3): the bindings of each
// AOR, added, refreshed and removed by REGISTER, expired on the injected
// clock, and dropped with the connection they live on. Sans-IO: the
// registrar authenticates and parses the request, calls register_contacts()
// and builds the response from what it returns.
//
// Memory is bounded: bindings leave at their expiry (one timer, armed for
// the earliest), with their flow, or on unregistration, and an AOR holds at
// most max_bindings_per_aor. AORs are the configured users the registrar
// authenticated, so the whole is at most users x max_bindings_per_aor.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "rtcsip/core/result.hpp"
#include "rtcsip/core/timer_service.hpp"
#include "rtcsip/gateway/register_error.hpp"
#include "rtcsip/gateway/register_request.hpp"
#include "rtcsip/sip/transport.hpp"

namespace rtcsip::gateway {

struct LocationSettings {
  // RFC 3261 §10.3 step 6: shorter non-zero requests get 423 with this as
  // Min-Expires. WebRTC clients refresh often (JsSIP's default is 600 s).
  std::chrono::seconds min_expires{60};
  std::chrono::seconds max_expires{3600};  // longer requests are shortened
  // When the request gives neither an Expires header nor an expires
  // parameter (§10.3 step 6: "a locally-configured default").
  std::chrono::seconds default_expires{600};
  std::size_t max_bindings_per_aor = 10;
};

using BindingId = std::uint64_t;

struct Binding {
  BindingId id = 0;
  std::string aor;
  std::string contact;  // the Contact URI as registered
  std::string params;   // its header parameters without expires (see ContactRequest)
  std::string instance;
  std::optional<std::uint32_t> reg_id;
  std::string call_id;
  std::uint32_t cseq = 0;
  sip::Peer source;  // where the last REGISTER for it came from, with its flow
  bool ends_with_flow = true;
  core::TimePoint updated;  // of the last add or refresh
  core::TimePoint expires;
  std::uint64_t sequence = 0;  // orders bindings by last add/refresh

  // Seconds left, rounded up (a live binding never shows 0).
  [[nodiscard]] std::uint32_t remaining(core::TimePoint now) const;
  // A Contact header value for the 200 OK: "<uri>;params;expires=N"
  // (§10.3 step 8: each value MUST carry its expires parameter).
  [[nodiscard]] std::string contact_value(core::TimePoint now) const;
};

struct RegisterRefusal {
  RegisterError error = RegisterError::invalid_contact;
  // interval_too_brief: the Min-Expires value for the 423 (§10.3 step 6).
  std::chrono::seconds min_expires{0};
};

// The AOR's current bindings after the update, most recent first: the
// Contact header values of the 200 OK (§10.3 step 8).
using RegisterResult = core::Result<std::vector<Binding>, RegisterRefusal>;

enum class RemovalReason : std::uint8_t { unregistered, expired, flow_closed, removed };

class LocationService {
 public:
  using RemovedCallback = std::function<void(const Binding&, RemovalReason)>;

  explicit LocationService(core::TimerService& timers, LocationSettings settings = {});
  LocationService(const LocationService&) = delete;
  LocationService& operator=(const LocationService&) = delete;

  // Applies a REGISTER for request.aor, all or nothing (§10.3 step 7).
  // A contact is the same binding as an existing one when their
  // +sip.instance and reg-id are equal (RFC 5626 §6: the new contact
  // replaces the old one, e.g. a browser reconnecting over a new WebSocket),
  // or, without an instance, when the URIs are equal (RFC 3261 §19.1.4).
  RegisterResult register_contacts(const RegisterRequest& request);
  // The live bindings of an AOR, most recently registered or refreshed
  // first: the targets a call forks to.
  [[nodiscard]] std::vector<Binding> lookup(std::string_view aor) const;
  // Removes every binding that ends with this flow (a WebSocket closed);
  // returns how many.
  std::size_t on_flow_closed(sip::FlowId flow);
  // Removes one binding, e.g. when its flow is known to be dead (a request
  // toward it failed at the transport, RFC 5626 §5.3).
  bool remove(BindingId id);

  [[nodiscard]] std::size_t size() const { return bindings_.size(); }
  [[nodiscard]] std::size_t aor_count() const { return aors_.size(); }
  [[nodiscard]] const LocationSettings& settings() const { return settings_; }
  // Told of every binding that leaves, after the service is consistent again.
  void on_removed(RemovedCallback cb) { on_removed_ = std::move(cb); }

 private:
  using Removed = std::vector<std::pair<Binding, RemovalReason>>;

  [[nodiscard]] std::optional<RegisterRefusal> check(const RegisterRequest& request) const;
  [[nodiscard]] std::chrono::seconds granted(const RegisterRequest& request, const ContactRequest& c) const;
  std::optional<RegisterError> apply(const RegisterRequest& request, std::vector<Binding>& bindings,
                                     Removed& removed);
  // Takes the request's view of the binding (an add, or an update that
  // may move it to another contact URI and flow).
  void refresh(Binding& b, const RegisterRequest& request, const ContactRequest& c, core::TimePoint expires);
  std::optional<RegisterError> apply_star(const RegisterRequest& request, std::vector<Binding>& bindings,
                                          Removed& removed) const;
  void commit(const std::string& aor, std::vector<Binding> bindings);
  [[nodiscard]] std::vector<Binding> current(std::string_view aor) const;
  void erase(BindingId id, RemovalReason reason, Removed& removed);
  void index(const Binding& b);
  void unindex(const Binding& b);
  void sweep();
  void rearm();
  void notify(Removed& removed);

  core::TimerService& timers_;
  LocationSettings settings_;
  core::Timer timer_;  // at the earliest expiry
  std::unordered_map<BindingId, Binding> bindings_;
  std::unordered_map<std::string, std::vector<BindingId>> aors_;
  std::set<std::pair<core::TimePoint, BindingId>> expiries_;
  std::unordered_multimap<sip::FlowId, BindingId> flows_;
  BindingId next_id_ = 1;
  std::uint64_t sequence_ = 0;
  RemovedCallback on_removed_;
};

}  // namespace rtcsip::gateway
