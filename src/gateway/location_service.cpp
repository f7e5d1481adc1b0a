#include "rtcsip/gateway/location_service.hpp"

#include <algorithm>
#include <limits>

#include "rtcsip/sip/uri.hpp"

namespace rtcsip::gateway {
namespace {

using std::chrono::seconds;

// One binding per registered UA instance and flow when both carry an
// instance (RFC 5626 §6: an outbound UA registers the same Contact URI
// over several flows, told apart by reg-id); otherwise the URI comparison
// of RFC 3261 §10.3 step 7 (§19.1.4 rules).
bool same_binding(const ContactRequest& c, const Binding& b) {
  if (!c.instance.empty() && !b.instance.empty()) return c.instance == b.instance && c.reg_id == b.reg_id;
  const auto a = sip::parse_uri(c.uri);
  const auto e = sip::parse_uri(b.contact);
  return a && e && sip::uri_equal(*a, *e);
}

LocationSettings normalized(LocationSettings s) {
  s.min_expires = std::max(s.min_expires, seconds{1});
  s.max_expires = std::max(s.max_expires, s.min_expires);
  s.default_expires = std::clamp(s.default_expires, s.min_expires, s.max_expires);
  s.max_bindings_per_aor = std::max<std::size_t>(s.max_bindings_per_aor, 1);
  return s;
}

}  // namespace

std::uint32_t Binding::remaining(core::TimePoint now) const {
  if (expires <= now) return 0;
  const auto left = std::chrono::ceil<seconds>(expires - now).count();
  return static_cast<std::uint32_t>(std::min<std::int64_t>(left, std::numeric_limits<std::uint32_t>::max()));
}

std::string Binding::contact_value(core::TimePoint now) const {
  return "<" + contact + ">" + params + ";expires=" + std::to_string(remaining(now));
}

LocationService::LocationService(core::TimerService& timers, LocationSettings settings)
    : timers_(timers), settings_(normalized(settings)), timer_(timers) {}

RegisterResult LocationService::register_contacts(const RegisterRequest& request) {
  sweep();  // bindings past their time neither match nor count toward the cap
  if (auto refusal = check(request)) return *refusal;
  std::vector<Binding> working = current(request.aor);
  Removed removed;
  const auto error = request.star ? apply_star(request, working, removed) : apply(request, working, removed);
  if (error) return RegisterRefusal{*error};
  if (working.size() > settings_.max_bindings_per_aor)
    return RegisterRefusal{RegisterError::too_many_bindings};
  commit(request.aor, std::move(working));
  notify(removed);
  return current(request.aor);
}

std::optional<RegisterRefusal> LocationService::check(const RegisterRequest& request) const {
  // §10.3 step 6: "*" only alone and with Expires: 0.
  if (request.star && (!request.contacts.empty() || request.expires.value_or(1) != 0)) {
    return RegisterRefusal{RegisterError::invalid_star};
  }
  for (const auto& c : request.contacts) {
    if (!sip::parse_uri(c.uri)) return RegisterRefusal{RegisterError::invalid_contact};
  }
  for (const auto& c : request.contacts) {
    // §10.3 step 6: a non-zero request below the minimum gets 423 (the
    // local default, used when neither is given, is never below it).
    const auto asked = c.expires ? c.expires : request.expires;
    if (asked && *asked > 0 && seconds{*asked} < settings_.min_expires) {
      return RegisterRefusal{RegisterError::interval_too_brief, settings_.min_expires};
    }
  }
  return std::nullopt;
}

seconds LocationService::granted(const RegisterRequest& request, const ContactRequest& c) const {
  // §10.3 step 6: the expires parameter, else the Expires header, else the
  // local default. The registrar may grant less than asked (so the maximum
  // applies); a short request is refused above, not lengthened.
  const auto asked = c.expires ? c.expires : request.expires;
  if (!asked) return settings_.default_expires;
  return std::min(seconds{*asked}, settings_.max_expires);
}

std::optional<RegisterError> LocationService::apply(const RegisterRequest& request,
                                                    std::vector<Binding>& bindings, Removed& removed) {
  const core::TimePoint now = timers_.now();
  const std::uint64_t first = sequence_ + 1;  // bindings this request already touched have a later sequence
  for (const auto& c : request.contacts) {
    const seconds expires = granted(request, c);
    auto it =
        std::find_if(bindings.begin(), bindings.end(), [&](const Binding& b) { return same_binding(c, b); });
    if (it != bindings.end() && it->sequence < first && it->call_id == request.call_id &&
        request.cseq <= it->cseq) {
      return RegisterError::out_of_order;  // §10.3 step 7
    }
    if (expires == seconds::zero()) {
      if (it != bindings.end()) {
        removed.emplace_back(std::move(*it), RemovalReason::unregistered);
        bindings.erase(it);
      }
      continue;
    }
    if (it == bindings.end()) {
      it = bindings.insert(bindings.end(), Binding{});
      it->id = next_id_++;
      it->aor = request.aor;
    }
    refresh(*it, request, c, now + expires);
  }
  return std::nullopt;
}

void LocationService::refresh(Binding& b, const RegisterRequest& request, const ContactRequest& c,
                              core::TimePoint expires) {
  b.contact = c.uri;
  b.params = c.params;
  b.instance = c.instance;
  b.reg_id = c.reg_id;
  b.call_id = request.call_id;
  b.cseq = request.cseq;
  b.source = request.source;
  b.ends_with_flow = request.ends_with_flow;
  b.updated = timers_.now();
  b.expires = expires;
  b.sequence = ++sequence_;
}

std::optional<RegisterError> LocationService::apply_star(const RegisterRequest& request,
                                                         std::vector<Binding>& bindings,
                                                         Removed& removed) const {
  // §10.3 step 7 for "*": every binding goes, unless one from this Call-ID
  // has an equal or higher CSeq, in which case none does.
  for (const auto& b : bindings) {
    if (b.call_id == request.call_id && request.cseq <= b.cseq) return RegisterError::out_of_order;
  }
  for (auto& b : bindings) removed.emplace_back(std::move(b), RemovalReason::unregistered);
  bindings.clear();
  return std::nullopt;
}

void LocationService::commit(const std::string& aor, std::vector<Binding> bindings) {
  if (auto it = aors_.find(aor); it != aors_.end()) {
    for (const BindingId id : it->second) {
      unindex(bindings_.at(id));
      bindings_.erase(id);
    }
    aors_.erase(it);
  }
  if (!bindings.empty()) {
    auto& ids = aors_[aor];
    for (auto& b : bindings) {
      ids.push_back(b.id);
      index(b);
      bindings_.emplace(b.id, std::move(b));
    }
  }
  rearm();
}

std::vector<Binding> LocationService::current(std::string_view aor) const {
  std::vector<Binding> out;
  const auto it = aors_.find(std::string(aor));
  if (it == aors_.end()) return out;
  const core::TimePoint now = timers_.now();
  for (const BindingId id : it->second) {
    const Binding& b = bindings_.at(id);
    if (b.expires > now) out.push_back(b);  // a due timer may not have run yet
  }
  std::sort(out.begin(), out.end(),
            [](const Binding& a, const Binding& b) { return a.sequence > b.sequence; });
  return out;
}

std::vector<Binding> LocationService::lookup(std::string_view aor) const { return current(aor); }

std::size_t LocationService::on_flow_closed(sip::FlowId flow) {
  if (flow == sip::kNoFlow) return 0;
  std::vector<BindingId> ids;
  const auto [first, last] = flows_.equal_range(flow);
  for (auto it = first; it != last; ++it) ids.push_back(it->second);
  Removed removed;
  for (const BindingId id : ids) erase(id, RemovalReason::flow_closed, removed);
  rearm();
  notify(removed);
  return ids.size();
}

bool LocationService::remove(BindingId id) {
  if (!bindings_.contains(id)) return false;
  Removed removed;
  erase(id, RemovalReason::removed, removed);
  rearm();
  notify(removed);
  return true;
}

void LocationService::erase(BindingId id, RemovalReason reason, Removed& removed) {
  auto node = bindings_.extract(id);
  if (node.empty()) return;
  Binding& b = node.mapped();
  unindex(b);
  if (auto it = aors_.find(b.aor); it != aors_.end()) {
    std::erase(it->second, id);
    if (it->second.empty()) aors_.erase(it);
  }
  removed.emplace_back(std::move(b), reason);
}

void LocationService::index(const Binding& b) {
  expiries_.emplace(b.expires, b.id);
  if (b.ends_with_flow && b.source.flow != sip::kNoFlow) flows_.emplace(b.source.flow, b.id);
}

void LocationService::unindex(const Binding& b) {
  expiries_.erase({b.expires, b.id});
  const auto [first, last] = flows_.equal_range(b.source.flow);
  for (auto it = first; it != last; ++it) {
    if (it->second == b.id) {
      flows_.erase(it);
      break;
    }
  }
}

void LocationService::sweep() {
  const core::TimePoint now = timers_.now();
  Removed removed;
  while (!expiries_.empty() && expiries_.begin()->first <= now) {
    erase(expiries_.begin()->second, RemovalReason::expired, removed);
  }
  rearm();
  notify(removed);
}

void LocationService::rearm() {
  if (expiries_.empty()) {
    timer_.cancel();
    return;
  }
  const core::TimePoint next = expiries_.begin()->first;
  if (!timer_.active() || timer_.expiry() != next) timer_.start(next - timers_.now(), [this] { sweep(); });
}

void LocationService::notify(Removed& removed) {
  if (!on_removed_) return;
  for (const auto& [binding, reason] : removed) on_removed_(binding, reason);
}

}  // namespace rtcsip::gateway
