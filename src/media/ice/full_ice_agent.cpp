#include "rtcsip/media/ice/full_ice_agent.hpp"

#include <arpa/inet.h>
#include <glib.h>
#include <nice/agent.h>

#include <algorithm>
#include <array>
#include <boost/asio/io_context.hpp>
#include <utility>

#include "glib_context_driver.hpp"

// How datagrams are received, and why not with nice_agent_attach_recv():
// its callback gets the bytes but not their source address, so a gateway
// could not tell a verified peer from anyone else. Instead no callback is
// attached; libnice then keeps the component's sockets on a GMainContext of
// its own and reads them (STUN included) only inside
// nice_agent_recv_messages_nonblocking(), which returns each datagram with
// NiceInputMessage::from. So the agent's context (libnice's timers) is run by
// the GlibContextDriver, the sockets (nice_agent_get_sockets()) are watched
// by it too, and whenever one is readable it is drained here.
//
// What libnice 0.1.21 does with a datagram from an unknown source (tested in
// full_ice_agent_test.cpp): it drops it ("DROPPING packet from unknown
// source") unless the source is in the component's list of valid remote
// candidates, which an address joins by sending us a check signed with our
// password or by answering one of ours. Our own rule is stricter: only the
// remote of a pair that libnice selected after it passed a check (RFC 8445
// §7.2.5.3.2, §8.1.1) is verified.

namespace rtcsip::media::ice {

namespace asio = boost::asio;

namespace {

constexpr guint kComponent = 1;    // rtcp-mux: RTP and RTCP share component 1 (RFC 5761)
constexpr std::size_t kBatch = 4;  // datagrams taken from libnice per call
constexpr int kMaxBatchesPerWake = 16;
constexpr std::size_t kMaxVerified = 8;
// How long a teardown waits for libnice to release TURN allocations (RFC
// 8656 §7: a Refresh with a zero lifetime). Without TURN it completes at once;
// a server that does not answer lets its allocation expire.
constexpr auto kCloseBudget = std::chrono::milliseconds(500);

class FullIceCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "full_ice"; }
  std::string message(int value) const override {
    switch (static_cast<FullIceError>(value)) {
      case FullIceError::invalid_credentials:
        return "invalid local ICE credentials";
      case FullIceError::invalid_config:
        return "invalid full ICE configuration";
      case FullIceError::agent_failed:
        return "libnice could not create the agent";
    }
    return "unknown full ICE error";
  }
};

struct ContextUnref {
  void operator()(GMainContext* context) const { g_main_context_unref(context); }
};
struct ObjectUnref {
  void operator()(NiceAgent* agent) const { g_object_unref(agent); }
};

std::optional<Endpoint> endpoint_of(const NiceAddress& address) {
  sockaddr_storage storage{};
  nice_address_copy_to_sockaddr(&address, reinterpret_cast<sockaddr*>(&storage));
  return Endpoint::from_sockaddr(reinterpret_cast<const sockaddr*>(&storage), sizeof storage);
}

bool to_nice_address(const Endpoint& endpoint, NiceAddress& out) {
  sockaddr_storage storage{};
  if (endpoint.to_sockaddr(storage) == 0) return false;
  nice_address_init(&out);
  nice_address_set_from_sockaddr(&out, reinterpret_cast<const sockaddr*>(&storage));
  return true;
}

// libnice takes servers as an IP string and a port.
std::string ip_of(const Endpoint& endpoint) {
  char text[INET6_ADDRSTRLEN] = {};
  inet_ntop(endpoint.family() == Endpoint::Family::v4 ? AF_INET : AF_INET6, endpoint.address().data(), text,
            sizeof text);
  return text;
}

bool usable_server(const Endpoint& endpoint) { return !endpoint.empty() && endpoint.port() != 0; }

CandidateType type_of(NiceCandidateType type) {
  switch (type) {
    case NICE_CANDIDATE_TYPE_SERVER_REFLEXIVE:
      return CandidateType::server_reflexive;
    case NICE_CANDIDATE_TYPE_PEER_REFLEXIVE:
      return CandidateType::peer_reflexive;
    case NICE_CANDIDATE_TYPE_RELAYED:
      return CandidateType::relayed;
    case NICE_CANDIDATE_TYPE_HOST:
      break;
  }
  return CandidateType::host;
}

NiceCandidateType nice_type_of(CandidateType type) {
  switch (type) {
    case CandidateType::server_reflexive:
      return NICE_CANDIDATE_TYPE_SERVER_REFLEXIVE;
    case CandidateType::peer_reflexive:
      return NICE_CANDIDATE_TYPE_PEER_REFLEXIVE;
    case CandidateType::relayed:
      return NICE_CANDIDATE_TYPE_RELAYED;
    case CandidateType::host:
      break;
  }
  return NICE_CANDIDATE_TYPE_HOST;
}

// The completion of nice_agent_close_async(): it may in theory come after the
// agent is gone (a TURN server slower than kCloseBudget), so it holds a weak
// token rather than the agent.
struct CloseToken {
  std::weak_ptr<bool> alive;
  bool* done;
};

}  // namespace

const std::error_category& full_ice_category() noexcept {
  static const FullIceCategory category;
  return category;
}

std::error_code make_error_code(FullIceError e) noexcept {
  return {static_cast<int>(e), full_ice_category()};
}

struct FullIceAgent::Impl {
  Impl(asio::io_context& io, FullIceConfig config, Events events)
      : config(std::move(config)),
        events(std::move(events)),
        context(g_main_context_new()),
        driver(io, context.get(), [this](bool readable) { pump(readable); }) {}
  ~Impl() { teardown(); }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  FullIceConfig config;
  Events events;
  std::unique_ptr<GMainContext, ContextUnref> context;
  std::unique_ptr<NiceAgent, ObjectUnref> agent;
  GlibContextDriver driver;
  guint stream = 0;
  // One batch of received datagrams, allocated once.
  std::size_t slot_size = 0;  // receive_buffer + 1: a datagram that fills it was truncated
  std::vector<std::uint8_t> storage;
  std::array<GInputVector, kBatch> vectors{};
  std::array<NiceAddress, kBatch> sources{};
  std::array<NiceInputMessage, kBatch> messages{};
  std::vector<Endpoint> verified;
  std::optional<Endpoint> selected;
  FullIceCounters counters;
  bool gathered = false;
  bool failed = false;
  bool closed = false;
  bool torn_down = false;
  bool close_done = false;
  bool sockets_changed = false;
  // Events waiting for the end of what raised them.
  bool pending_gathered = false;
  std::optional<Endpoint> pending_selected;
  std::optional<std::string_view> pending_failure;
  std::shared_ptr<bool> alive = std::make_shared<bool>(true);  // events may destroy us

  std::error_code check_config() const;
  std::error_code setup();
  void set_properties();
  std::error_code add_local_addresses();
  std::error_code add_stream();
  void prepare_buffers();
  void connect_signals();
  void pump(bool readable);
  void drain();
  void deliver(std::size_t count);
  void flush_events();
  void update_sockets();
  void after_call();
  void remember_verified(const Endpoint& remote);
  [[nodiscard]] bool verified_source(const Endpoint& from) const;
  void teardown();

  static void on_gathering_done(NiceAgent*, guint stream_id, gpointer self);
  static void on_selected_pair(NiceAgent*, guint stream_id, guint component, NiceCandidate* local,
                               NiceCandidate* remote, gpointer self);
  static void on_state(NiceAgent*, guint stream_id, guint component, guint state, gpointer self);
  static void on_new_candidate(NiceAgent*, NiceCandidate* candidate, gpointer self);
  static void on_closed(GObject*, GAsyncResult*, gpointer token);
};

std::error_code FullIceAgent::Impl::check_config() const {
  if (!config.local.valid()) return FullIceError::invalid_credentials;
  const bool any_port = config.port_min == 0 && config.port_max == 0;
  if (!any_port && (config.port_min == 0 || config.port_min > config.port_max)) {
    return FullIceError::invalid_config;
  }
  if (config.receive_buffer == 0) return FullIceError::invalid_config;
  if (config.stun_server && !usable_server(*config.stun_server)) return FullIceError::invalid_config;
  if (config.turn_server && !usable_server(config.turn_server->address)) return FullIceError::invalid_config;
  for (const auto& address : config.local_addresses) {
    if (address.empty()) return FullIceError::invalid_config;
  }
  return {};
}

std::error_code FullIceAgent::Impl::setup() {
  if (auto ec = check_config()) return ec;
  // Trickle (RFC 8838) and consent freshness (RFC 7675). Regular nomination
  // is what libnice would use if a role conflict made it controlling (RFC
  // 8445 §7.3.1.1); as controlled it follows the browser's USE-CANDIDATE.
  const auto options =
      static_cast<NiceAgentOption>(NICE_AGENT_OPTION_REGULAR_NOMINATION | NICE_AGENT_OPTION_ICE_TRICKLE |
                                   NICE_AGENT_OPTION_CONSENT_FRESHNESS);
  agent.reset(nice_agent_new_full(context.get(), NICE_COMPATIBILITY_RFC5245, options));
  if (!agent || !driver.start()) return FullIceError::agent_failed;
  set_properties();
  if (auto ec = add_local_addresses()) return ec;
  if (auto ec = add_stream()) return ec;
  prepare_buffers();
  connect_signals();
  return {};
}

void FullIceAgent::Impl::set_properties() {
  // The browser controls (RFC 8445 §6.1.1); UDP only: no ICE-TCP (RFC 6544).
  g_object_set(agent.get(), "controlling-mode", FALSE, "ice-udp", TRUE, "ice-tcp", FALSE, "upnp", FALSE,
               nullptr);
  const auto set_uint = [this](const char* name, guint value) {
    g_object_set(agent.get(), name, value, nullptr);
  };
  if (config.stun_initial_timeout) {
    set_uint("stun-initial-timeout", static_cast<guint>(config.stun_initial_timeout->count()));
  }
  if (config.stun_max_retransmissions) {
    set_uint("stun-max-retransmissions", static_cast<guint>(*config.stun_max_retransmissions));
  }
  if (config.failure_delay) set_uint("idle-timeout", static_cast<guint>(config.failure_delay->count()));
  if (config.stun_server) {
    g_object_set(agent.get(), "stun-server", ip_of(*config.stun_server).c_str(), nullptr);
    set_uint("stun-server-port", config.stun_server->port());
  }
}

std::error_code FullIceAgent::Impl::add_local_addresses() {
  for (const auto& address : config.local_addresses) {
    NiceAddress local;
    if (!to_nice_address(address, local)) return FullIceError::invalid_config;
    nice_address_set_port(&local, 0);
    if (!nice_agent_add_local_address(agent.get(), &local)) return FullIceError::agent_failed;
  }
  return {};
}

std::error_code FullIceAgent::Impl::add_stream() {
  stream = nice_agent_add_stream(agent.get(), 1);
  if (stream == 0) return FullIceError::agent_failed;
  const auto& local = config.local;
  if (!nice_agent_set_local_credentials(agent.get(), stream, local.ufrag.c_str(), local.pwd.c_str())) {
    return FullIceError::invalid_credentials;
  }
  if (config.port_min != 0) {
    nice_agent_set_port_range(agent.get(), stream, kComponent, config.port_min, config.port_max);
  }
  if (!config.turn_server) return {};
  const auto& turn = *config.turn_server;
  const bool relay = nice_agent_set_relay_info(agent.get(), stream, kComponent, ip_of(turn.address).c_str(),
                                               turn.address.port(), turn.username.c_str(),
                                               turn.password.c_str(), NICE_RELAY_TYPE_TURN_UDP) != FALSE;
  return relay ? std::error_code{} : make_error_code(FullIceError::invalid_config);
}

void FullIceAgent::Impl::prepare_buffers() {
  slot_size = config.receive_buffer + 1;
  storage.resize(slot_size * kBatch);
  for (std::size_t i = 0; i < kBatch; ++i) {
    vectors[i] = GInputVector{storage.data() + i * slot_size, slot_size};
    nice_address_init(&sources[i]);
    messages[i] = NiceInputMessage{&vectors[i], 1, &sources[i], 0};
  }
}

void FullIceAgent::Impl::connect_signals() {
  g_signal_connect(agent.get(), "candidate-gathering-done", G_CALLBACK(&Impl::on_gathering_done), this);
  g_signal_connect(agent.get(), "new-selected-pair-full", G_CALLBACK(&Impl::on_selected_pair), this);
  g_signal_connect(agent.get(), "component-state-changed", G_CALLBACK(&Impl::on_state), this);
  g_signal_connect(agent.get(), "new-candidate-full", G_CALLBACK(&Impl::on_new_candidate), this);
}

void FullIceAgent::Impl::pump(bool readable) {
  const std::weak_ptr<bool> weak = alive;
  if (readable && !closed) {
    drain();
    if (weak.expired()) return;
  }
  if (sockets_changed && !closed) update_sockets();
  flush_events();
}

void FullIceAgent::Impl::drain() {
  const std::weak_ptr<bool> weak = alive;
  for (int batch = 0; batch < kMaxBatchesPerWake && !closed; ++batch) {
    for (auto& message : messages) message.length = 0;
    GError* error = nullptr;
    // Reads every ready socket until the batch is full or they would block;
    // STUN is handled by libnice inside and never returned.
    const gint count = nice_agent_recv_messages_nonblocking(agent.get(), stream, kComponent, messages.data(),
                                                            kBatch, nullptr, &error);
    if (count <= 0) {
      if (error != nullptr && !g_error_matches(error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK)) {
        // The component is gone (libnice's socket errors stay inside it):
        // a socket left readable must not keep waking the worker.
        ++counters.receive_errors;
        driver.watch_sockets({});
      }
      g_clear_error(&error);
      return;
    }
    // A pair selected by the checks just read is announced before the data.
    flush_events();
    if (weak.expired() || closed) return;
    deliver(static_cast<std::size_t>(count));
    if (weak.expired() || static_cast<std::size_t>(count) < kBatch) return;
  }
}

void FullIceAgent::Impl::deliver(std::size_t count) {
  const std::weak_ptr<bool> weak = alive;
  for (std::size_t i = 0; i < count && !closed; ++i) {
    ++counters.datagrams_received;
    const std::size_t length = messages[i].length;
    if (length >= slot_size) {
      ++counters.truncated;
      continue;
    }
    const auto from = endpoint_of(sources[i]);
    if (!from || !verified_source(*from)) {
      ++counters.unverified_dropped;
      continue;
    }
    ++counters.datagrams_delivered;
    if (!events.datagram) continue;
    events.datagram(*from, std::span<std::uint8_t>(static_cast<std::uint8_t*>(vectors[i].buffer), length));
    if (weak.expired()) return;
  }
}

void FullIceAgent::Impl::flush_events() {
  const std::weak_ptr<bool> weak = alive;
  if (closed) {
    pending_gathered = false;
    pending_selected.reset();
    pending_failure.reset();
    return;
  }
  if (std::exchange(pending_gathered, false) && events.gathering_done) {
    events.gathering_done();
    if (weak.expired() || closed) return;
  }
  if (pending_selected) {
    const Endpoint remote = *std::exchange(pending_selected, std::nullopt);
    if (events.selected) events.selected(remote);
    if (weak.expired() || closed) return;
  }
  if (pending_failure) {
    const std::string_view reason = *std::exchange(pending_failure, std::nullopt);
    if (events.failed) events.failed(reason);
  }
}

void FullIceAgent::Impl::update_sockets() {
  sockets_changed = false;
  std::vector<int> fds;
  if (GPtrArray* sockets = nice_agent_get_sockets(agent.get(), stream, kComponent)) {
    for (guint i = 0; i < sockets->len; ++i) {
      const int fd = g_socket_get_fd(static_cast<GSocket*>(g_ptr_array_index(sockets, i)));
      if (fd >= 0 && std::find(fds.begin(), fds.end(), fd) == fds.end()) fds.push_back(fd);
    }
    g_ptr_array_unref(sockets);
  }
  driver.watch_sockets(fds);
}

// After a call into libnice from outside the driver: it may have added
// timers (GLib only wakes a context that another thread owns), made sockets
// or raised events, which are then handled from the io_context.
void FullIceAgent::Impl::after_call() {
  if (sockets_changed) update_sockets();
  driver.refresh();
}

void FullIceAgent::Impl::remember_verified(const Endpoint& remote) {
  if (std::find(verified.begin(), verified.end(), remote) != verified.end()) return;
  if (verified.size() == kMaxVerified) verified.erase(verified.begin());  // the oldest selection
  verified.push_back(remote);
}

bool FullIceAgent::Impl::verified_source(const Endpoint& from) const {
  return !failed && !closed && std::find(verified.begin(), verified.end(), from) != verified.end();
}

void FullIceAgent::Impl::teardown() {
  if (std::exchange(torn_down, true)) return;
  closed = true;
  flush_events();  // closed: drops what was pending
  if (!agent) return;
  g_signal_handlers_disconnect_by_data(agent.get(), this);
  // No receive callback is attached (see the top of this file), so there is
  // none to detach; the socket watches go first instead: no epoll
  // registration may outlive libnice's sockets.
  driver.watch_sockets({});
  // nice_agent_close_async() completes on the thread-default context.
  g_main_context_push_thread_default(context.get());
  nice_agent_close_async(agent.get(), &Impl::on_closed, new CloseToken{alive, &close_done});
  g_main_context_pop_thread_default(context.get());
  driver.run_until([this] { return close_done; }, kCloseBudget);
  if (stream != 0) nice_agent_remove_stream(agent.get(), stream);
  driver.stop();
  agent.reset();
}

void FullIceAgent::Impl::on_gathering_done(NiceAgent*, guint stream_id, gpointer self) {
  auto& impl = *static_cast<Impl*>(self);
  if (stream_id != impl.stream) return;
  impl.gathered = true;
  impl.pending_gathered = true;
}

void FullIceAgent::Impl::on_selected_pair(NiceAgent*, guint stream_id, guint component, NiceCandidate*,
                                          NiceCandidate* remote, gpointer self) {
  auto& impl = *static_cast<Impl*>(self);
  if (stream_id != impl.stream || component != kComponent || impl.failed || remote == nullptr) return;
  const auto address = endpoint_of(remote->addr);
  if (!address) return;
  impl.selected = address;
  impl.remember_verified(*address);
  ++impl.counters.selections;
  impl.pending_selected = address;
}

void FullIceAgent::Impl::on_state(NiceAgent*, guint stream_id, guint component, guint state, gpointer self) {
  auto& impl = *static_cast<Impl*>(self);
  if (stream_id != impl.stream || component != kComponent) return;
  if (state != NICE_COMPONENT_STATE_FAILED || impl.failed) return;
  impl.failed = true;
  impl.pending_failure = impl.selected ? "consent lost or the selected pair failed (RFC 7675 §5.1)"
                                       : "no candidate pair succeeded (RFC 8445 §8.1.2)";
  impl.selected.reset();
  impl.verified.clear();
  impl.pending_selected.reset();
}

void FullIceAgent::Impl::on_new_candidate(NiceAgent*, NiceCandidate*, gpointer self) {
  static_cast<Impl*>(self)->sockets_changed = true;
}

void FullIceAgent::Impl::on_closed(GObject*, GAsyncResult*, gpointer token) {
  std::unique_ptr<CloseToken> close(static_cast<CloseToken*>(token));
  if (!close->alive.expired()) *close->done = true;
}

core::Result<std::unique_ptr<FullIceAgent>, std::error_code> FullIceAgent::create(asio::io_context& io,
                                                                                  FullIceConfig config,
                                                                                  Events events) {
  auto impl = std::make_unique<Impl>(io, std::move(config), std::move(events));
  if (auto ec = impl->setup()) return ec;
  return std::unique_ptr<FullIceAgent>(new FullIceAgent(std::move(impl)));
}

FullIceAgent::FullIceAgent(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

FullIceAgent::~FullIceAgent() = default;

bool FullIceAgent::gather() {
  if (impl_->closed) return false;
  const bool started = nice_agent_gather_candidates(impl_->agent.get(), impl_->stream) != FALSE;
  impl_->update_sockets();  // the host sockets exist now
  impl_->after_call();
  return started;
}

bool FullIceAgent::gathered() const { return impl_->gathered; }

std::vector<LocalCandidate> FullIceAgent::local_candidates() const {
  std::vector<LocalCandidate> out;
  if (impl_->closed) return out;
  GSList* list = nice_agent_get_local_candidates(impl_->agent.get(), impl_->stream, kComponent);
  for (GSList* i = list; i != nullptr; i = i->next) {
    const auto& candidate = *static_cast<const NiceCandidate*>(i->data);
    const auto address = endpoint_of(candidate.addr);
    if (!address || candidate.transport != NICE_CANDIDATE_TRANSPORT_UDP) continue;
    LocalCandidate local{candidate.foundation, candidate.priority, type_of(candidate.type), *address,
                         std::nullopt};
    if (local.type != CandidateType::host) local.related = endpoint_of(candidate.base_addr);
    out.push_back(std::move(local));
  }
  g_slist_free_full(list, reinterpret_cast<GDestroyNotify>(&nice_candidate_free));
  return out;
}

bool FullIceAgent::set_remote_credentials(const IceCredentials& remote) {
  if (impl_->closed || !remote.valid()) return false;
  const bool set = nice_agent_set_remote_credentials(impl_->agent.get(), impl_->stream, remote.ufrag.c_str(),
                                                     remote.pwd.c_str()) != FALSE;
  impl_->after_call();
  return set;
}

bool FullIceAgent::add_remote_candidate(const RemoteCandidate& remote) {
  NiceAddress address;
  if (impl_->closed || remote.address.port() == 0 || !to_nice_address(remote.address, address)) return false;
  NiceCandidate* candidate = nice_candidate_new(nice_type_of(remote.type));
  candidate->stream_id = impl_->stream;
  candidate->component_id = kComponent;
  candidate->transport = NICE_CANDIDATE_TRANSPORT_UDP;
  candidate->priority = remote.priority;
  candidate->addr = address;
  g_strlcpy(candidate->foundation, remote.foundation.c_str(), NICE_CANDIDATE_MAX_FOUNDATION);
  GSList* list = g_slist_append(nullptr, candidate);
  const int added = nice_agent_set_remote_candidates(impl_->agent.get(), impl_->stream, kComponent, list);
  g_slist_free(list);
  nice_candidate_free(candidate);
  impl_->after_call();
  return added == 1;
}

void FullIceAgent::end_of_remote_candidates() {
  if (impl_->closed) return;
  nice_agent_peer_candidate_gathering_done(impl_->agent.get(), impl_->stream);
  impl_->after_call();
}

bool FullIceAgent::send(std::span<const std::uint8_t> datagram) noexcept {
  auto& impl = *impl_;
  if (impl.closed || !impl.selected || datagram.size() > G_MAXUINT16) {
    ++impl.counters.send_failures;
    return false;
  }
  const gint sent =
      nice_agent_send(impl.agent.get(), impl.stream, kComponent, static_cast<guint>(datagram.size()),
                      reinterpret_cast<const gchar*>(datagram.data()));
  if (sent != static_cast<gint>(datagram.size())) {
    ++impl.counters.send_failures;
    return false;
  }
  ++impl.counters.datagrams_sent;
  return true;
}

bool FullIceAgent::is_verified(const Endpoint& from) const { return impl_->verified_source(from); }

std::optional<Endpoint> FullIceAgent::selected() const {
  return impl_->closed ? std::nullopt : impl_->selected;
}

const IceCredentials& FullIceAgent::local_credentials() const { return impl_->config.local; }

const FullIceCounters& FullIceAgent::counters() const { return impl_->counters; }

void FullIceAgent::close() { impl_->teardown(); }

}  // namespace rtcsip::media::ice
