#include "rtcsip/media/session/media_engine.hpp"

#include <ifaddrs.h>
#include <net/if.h>

#include <boost/asio/post.hpp>
#include <cstring>
#include <future>
#include <optional>
#include <unordered_map>
#include <utility>

#include "rtcsip/core/asio_timer_service.hpp"
#include "rtcsip/core/log.hpp"
#include "rtcsip/media/session/port_allocator.hpp"
#include "rtcsip/media/webrtc/shared_udp_port.hpp"
#include "rtcsip/media/worker_pool.hpp"

namespace rtcsip::media {

namespace asio = boost::asio;
using udp = asio::ip::udp;

namespace {

// Ports tried per session when the kernel refuses one (another process holds it).
constexpr int kBindAttempts = 8;

// What one worker owns; touched on that worker's thread only (after start).
struct WorkerState {
  WorkerState(asio::io_context& io, PortAllocator ports) : io(io), timers(io), ports(std::move(ports)) {}

  struct Entry {
    std::unique_ptr<MediaSession> session;
    std::vector<std::uint16_t> ports;
  };

  void release(Entry& entry) {
    for (const auto port : entry.ports) ports.release(port);
    entry.ports.clear();
  }

  void close_all() {
    for (auto& [id, entry] : sessions) {
      entry.session->close();
      release(entry);
    }
    sessions.clear();
    if (shared) shared->close();
    shared.reset();
  }

  asio::io_context& io;
  core::AsioTimerService timers;
  PortAllocator ports;
  std::unique_ptr<SharedUdpPort> shared;
  std::unordered_map<MediaSessionId, Entry> sessions;
};

// The first IPv4 (else IPv6) address of an interface that is up and not
// loopback; loopback when there is none.
asio::ip::address first_interface_address() {
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return asio::ip::address_v4::loopback();
  std::optional<asio::ip::address> v4, v6;
  for (const ifaddrs* i = list; i != nullptr; i = i->ifa_next) {
    if (i->ifa_addr == nullptr || (i->ifa_flags & IFF_UP) == 0 || (i->ifa_flags & IFF_LOOPBACK) != 0)
      continue;
    if (i->ifa_addr->sa_family == AF_INET && !v4) {
      const auto* in = reinterpret_cast<const sockaddr_in*>(i->ifa_addr);
      v4 = asio::ip::address_v4(ntohl(in->sin_addr.s_addr));
    } else if (i->ifa_addr->sa_family == AF_INET6 && !v6) {
      const auto* in6 = reinterpret_cast<const sockaddr_in6*>(i->ifa_addr);
      asio::ip::address_v6::bytes_type bytes{};
      std::memcpy(bytes.data(), &in6->sin6_addr, bytes.size());
      const asio::ip::address_v6 address(bytes);
      if (!address.is_link_local()) v6 = address;
    }
  }
  ::freeifaddrs(list);
  if (v4) return *v4;
  if (v6) return *v6;
  return asio::ip::address_v4::loopback();
}

asio::ip::address choose_sdp_address(const MediaEngineConfig& config) {
  if (config.advertised_address) return *config.advertised_address;
  if (!config.bind_address.is_unspecified()) return config.bind_address;
  return first_interface_address();
}

}  // namespace

struct MediaEngine::Impl {
  Impl(WorkerPool& pool, asio::io_context& signalling, std::shared_ptr<const dtls::DtlsContext> dtls,
       MediaEngineConfig config, OnEvent on_event)
      : pool(pool),
        signalling(signalling),
        dtls(std::move(dtls)),
        config(std::move(config)),
        on_event(std::move(on_event)),
        sdp_address(choose_sdp_address(this->config)),
        load(pool.size(), 0) {
    auto shares = PortAllocator::split(this->config.port_min, this->config.port_max, pool.size());
    for (std::size_t i = 0; i < pool.size(); ++i)
      workers.push_back(std::make_unique<WorkerState>(pool.context(i), std::move(shares[i])));
  }

  // Runs `fn` on the worker of session `id` with its session, if it is still there.
  template <class Fn>
  void with_session(MediaSessionId id, Fn fn) {
    const auto placed = placement.find(id);
    if (placed == placement.end() || stopped) return;
    WorkerState* state = workers[placed->second].get();
    pool.post(placed->second, [state, id, fn = std::move(fn)]() mutable {
      if (const auto it = state->sessions.find(id); it != state->sessions.end()) fn(*it->second.session);
    });
  }

  // Runs `fn` on every worker and waits for all of them.
  template <class Fn>
  void on_every_worker(Fn fn) {
    if (!pool.running()) {  // nothing runs the contexts: no thread to race with
      for (auto& state : workers) fn(*state);
      return;
    }
    std::vector<std::future<void>> done;
    for (std::size_t i = 0; i < workers.size(); ++i) {
      auto promise = std::make_shared<std::promise<void>>();
      done.push_back(promise->get_future());
      pool.post(i, [state = workers[i].get(), promise, &fn] {
        fn(*state);
        promise->set_value();
      });
    }
    for (auto& f : done) f.wait();
  }

  std::size_t least_loaded() const {
    std::size_t best = 0;
    for (std::size_t i = 1; i < load.size(); ++i)
      if (load[i] < load[best]) best = i;
    return best;
  }

  void create_on_worker(WorkerState& state, std::size_t worker, MediaSessionId id, MediaSessionConfig config,
                        OnCreated done);
  using Reply = std::function<void(core::Result<MediaSessionInfo, std::error_code>)>;
  MediaSession::OnEvent event_forwarder(MediaSessionId id);
  MediaSession::OnEvent session_events(WorkerState& state, std::size_t worker, MediaSessionId id,
                                       std::shared_ptr<Reply> pending);
  [[nodiscard]] MediaSessionInfo describe(const MediaSession& session, MediaSessionId id,
                                          std::size_t worker) const;
  [[nodiscard]] ice::FullIceConfig full_ice_config(const WorkerState& state) const;
  void forget(MediaSessionId id) {
    const auto placed = placement.find(id);
    if (placed == placement.end()) return;
    --load[placed->second];
    placement.erase(placed);
  }

  WorkerPool& pool;
  asio::io_context& signalling;
  std::shared_ptr<const dtls::DtlsContext> dtls;
  MediaEngineConfig config;
  OnEvent on_event;
  asio::ip::address sdp_address;
  std::vector<std::unique_ptr<WorkerState>> workers;
  std::vector<std::size_t> load;
  std::unordered_map<MediaSessionId, std::size_t> placement;  // session -> worker
  MediaSessionId next_id = 1;
  bool stopped = false;
  // Results and events posted back check it on the signalling thread.
  std::shared_ptr<bool> alive = std::make_shared<bool>(true);
};

MediaSessionInfo MediaEngine::Impl::describe(const MediaSession& session, MediaSessionId id,
                                             std::size_t worker) const {
  MediaSessionInfo info;
  info.id = id;
  info.worker = worker;
  info.webrtc = session.webrtc().local_endpoint();
  info.legacy_rtp = session.legacy_rtp_endpoint();
  info.legacy_rtcp = session.legacy_rtcp_endpoint();
  info.ice = session.webrtc().local_credentials();
  info.sdp_address = sdp_address;
  info.candidates = session.webrtc().local_candidates();
  if (!config.full_ice) {
    // ICE-lite: our one candidate is where peers reach the socket.
    for (auto& candidate : info.candidates) {
      if (auto at = ice::Endpoint::parse(sdp_address.to_string(), candidate.address.port()))
        candidate.address = *at;
    }
  }
  return info;
}

ice::FullIceConfig MediaEngine::Impl::full_ice_config(const WorkerState& state) const {
  ice::FullIceConfig full = *config.full_ice;
  if (!config.bind_address.is_unspecified()) {
    if (const auto local = ice::Endpoint::parse(config.bind_address.to_string(), 0))
      full.local_addresses = {*local};
  }
  // libnice binds in the worker's share too; a port it holds is skipped here.
  if (state.ports.size() > 0) {
    full.port_min = state.ports.min();
    full.port_max = static_cast<std::uint16_t>(state.ports.min() + state.ports.size() - 1);
  }
  return full;
}

MediaSession::OnEvent MediaEngine::Impl::session_events(WorkerState& state, std::size_t worker,
                                                        MediaSessionId id, std::shared_ptr<Reply> pending) {
  return [this, state = &state, worker, id, pending = std::move(pending),
          forward = event_forwarder(id)](const MediaSessionEvent& event) {
    if (*pending && event.kind == MediaSessionEvent::Kind::gathered) {
      const auto it = state->sessions.find(id);
      if (it == state->sessions.end()) return;
      auto reply = std::move(*pending);
      *pending = nullptr;
      reply(describe(*it->second.session, id, worker));
      return;
    }
    if (*pending && event.kind == MediaSessionEvent::Kind::failed) {
      auto reply = std::move(*pending);
      *pending = nullptr;
      reply(std::make_error_code(std::errc::address_not_available));  // nothing to offer the browser
      // Not from inside the session's own event: closed on the next turn.
      pool.post(worker, [state, id] {
        const auto found = state->sessions.find(id);
        if (found == state->sessions.end()) return;
        found->second.session->close();
        state->release(found->second);
        state->sessions.erase(found);
      });
      return;
    }
    forward(event);
  };
}

MediaSession::OnEvent MediaEngine::Impl::event_forwarder(MediaSessionId id) {
  return [this, id, weak = std::weak_ptr<bool>(alive)](const MediaSessionEvent& event) {
    asio::post(signalling, [this, id, weak, event] {
      if (weak.expired() || !placement.contains(id)) return;
      if (on_event) on_event(id, event);
    });
  };
}

void MediaEngine::Impl::create_on_worker(WorkerState& state, std::size_t worker, MediaSessionId id,
                                         MediaSessionConfig config, OnCreated done) {
  Reply reply = [signalling = &signalling, weak = std::weak_ptr<bool>(alive),
                 done = std::move(done)](core::Result<MediaSessionInfo, std::error_code> result) mutable {
    asio::post(*signalling, [weak, done = std::move(done), result = std::move(result)]() mutable {
      if (!weak.expired()) done(std::move(result));
    });
  };
  const bool full_ice = this->config.full_ice.has_value();
  // Full ICE answers once libnice has gathered; the session's events see it.
  auto pending = std::make_shared<Reply>();
  std::error_code error = std::make_error_code(std::errc::address_in_use);
  // Ports the kernel refused stay taken until this session is placed, so
  // the next attempt moves on to others.
  WorkerState::Entry refused;
  const auto give_up = [&] {
    state.release(refused);
    core::log::get("media").warn("media session {} not created: {}", id, error.message());
    reply(error);
  };
  for (int attempt = 0; attempt < kBindAttempts; ++attempt) {
    WorkerState::Entry entry;
    const auto legacy = config.legacy_rtcp_mux ? state.ports.acquire() : state.ports.acquire_pair();
    // A shared port, or libnice's own sockets in full ICE, need no port here.
    const auto webrtc = state.shared || full_ice ? std::optional<std::uint16_t>(0) : state.ports.acquire();
    if (legacy) {
      entry.ports.push_back(*legacy);
      if (!config.legacy_rtcp_mux) entry.ports.push_back(static_cast<std::uint16_t>(*legacy + 1));
    }
    if (webrtc && *webrtc != 0) entry.ports.push_back(*webrtc);
    if (!legacy || !webrtc) {
      state.release(entry);
      error = std::make_error_code(std::errc::no_buffer_space);  // the worker's port share is used up
      return give_up();
    }
    MediaSessionConfig attempt_config = config;
    attempt_config.legacy_bind = udp::endpoint(this->config.bind_address, *legacy);
    attempt_config.webrtc.bind = udp::endpoint(this->config.bind_address, *webrtc);
    attempt_config.webrtc.shared_port = state.shared.get();
    if (full_ice) attempt_config.webrtc.full_ice = full_ice_config(state);
    auto created = MediaSession::create(state.io, state.timers, dtls, std::move(attempt_config),
                                        session_events(state, worker, id, pending));
    if (!created.ok()) {
      error = created.error();
      if (error != std::errc::address_in_use) {
        state.release(entry);
        return give_up();
      }
      refused.ports.insert(refused.ports.end(), entry.ports.begin(), entry.ports.end());
      continue;
    }
    state.release(refused);
    entry.session = std::move(*created);
    MediaSession& session = *entry.session;
    state.sessions.emplace(id, std::move(entry));
    if (!full_ice) {
      *pending = nullptr;
      reply(describe(session, id, worker));
    } else {
      *pending = std::move(reply);  // answered once gathering is done
    }
    session.start();
    return;
  }
  give_up();
}

MediaEngine::MediaEngine(WorkerPool& workers, asio::io_context& signalling,
                         std::shared_ptr<const dtls::DtlsContext> dtls, MediaEngineConfig config,
                         OnEvent on_event)
    : impl_(std::make_unique<Impl>(workers, signalling, std::move(dtls), std::move(config),
                                   std::move(on_event))) {}

MediaEngine::~MediaEngine() { stop(); }

std::error_code MediaEngine::start() {
  if (impl_->config.shared_port == 0) return {};
  std::vector<std::error_code> errors(impl_->workers.size());
  const auto& config = impl_->config;
  const auto& workers = impl_->workers;
  // Each worker opens its own port on its own thread.
  impl_->on_every_worker([&](WorkerState& state) {
    std::size_t i = 0;
    while (workers[i].get() != &state) ++i;
    const udp::endpoint bind(config.bind_address, static_cast<std::uint16_t>(config.shared_port + i));
    auto port = SharedUdpPort::create(state.io, bind);
    if (!port.ok()) {
      errors[i] = port.error();
      return;
    }
    state.shared = std::move(*port);
    state.shared->start();
  });
  for (std::size_t i = 0; i < errors.size(); ++i) {
    if (errors[i]) {
      core::log::get("media").error("shared WebRTC port {} of worker {}: {}", config.shared_port + i, i,
                                    errors[i].message());
      stop();
      return errors[i];
    }
  }
  return {};
}

void MediaEngine::stop() {
  if (impl_->stopped) return;
  impl_->stopped = true;
  impl_->on_every_worker([](WorkerState& state) { state.close_all(); });
  impl_->placement.clear();
  std::fill(impl_->load.begin(), impl_->load.end(), 0);
}

MediaSessionId MediaEngine::create(MediaSessionConfig config, OnCreated done) {
  const MediaSessionId id = impl_->next_id++;
  if (impl_->stopped) {
    asio::post(impl_->signalling,
               [done = std::move(done)] { done(std::make_error_code(std::errc::operation_canceled)); });
    return id;
  }
  const std::size_t worker = impl_->least_loaded();
  impl_->placement.emplace(id, worker);
  ++impl_->load[worker];
  Impl* impl = impl_.get();
  WorkerState* state = impl->workers[worker].get();
  // A failed creation forgets the session on the signalling side.
  OnCreated wrapped = [impl, id, done = std::move(done)](core::Result<MediaSessionInfo, std::error_code> r) {
    if (!r.ok()) impl->forget(id);
    done(std::move(r));
  };
  impl->pool.post(
      worker, [impl, state, worker, id, config = std::move(config), wrapped = std::move(wrapped)]() mutable {
        impl->create_on_worker(*state, worker, id, std::move(config), std::move(wrapped));
      });
  return id;
}

void MediaEngine::add_remote_candidate(MediaSessionId id, const ice::Endpoint& endpoint,
                                       std::uint32_t priority) {
  impl_->with_session(
      id, [endpoint, priority](MediaSession& s) { s.webrtc().add_remote_candidate(endpoint, priority); });
}

void MediaEngine::set_remote_credentials(MediaSessionId id, const ice::IceCredentials& remote) {
  impl_->with_session(id, [remote](MediaSession& s) { s.webrtc().set_remote_credentials(remote); });
}

void MediaEngine::add_remote_candidate(MediaSessionId id, const ice::RemoteCandidate& candidate) {
  impl_->with_session(id, [candidate](MediaSession& s) { s.webrtc().add_remote_candidate(candidate); });
}

void MediaEngine::end_of_remote_candidates(MediaSessionId id) {
  impl_->with_session(id, [](MediaSession& s) { s.webrtc().end_of_remote_candidates(); });
}

void MediaEngine::set_remote_fingerprints(MediaSessionId id, std::vector<dtls::Fingerprint> fingerprints) {
  impl_->with_session(id, [fingerprints = std::move(fingerprints)](MediaSession& s) mutable {
    s.webrtc().set_remote_fingerprints(std::move(fingerprints));
  });
}

void MediaEngine::set_legacy_address(MediaSessionId id, const relay::Endpoint& rtp,
                                     const relay::Endpoint& rtcp) {
  impl_->with_session(id, [rtp, rtcp](MediaSession& s) { s.set_legacy_address(rtp, rtcp); });
}

void MediaEngine::expect_media(MediaSessionId id, bool expected) {
  impl_->with_session(id, [expected](MediaSession& s) { s.expect_media(expected); });
}

void MediaEngine::stats(MediaSessionId id, std::function<void(std::optional<MediaSessionStats>)> done) {
  const auto placed = impl_->placement.find(id);
  if (placed == impl_->placement.end() || impl_->stopped) {
    asio::post(impl_->signalling, [done = std::move(done)] { done(std::nullopt); });
    return;
  }
  WorkerState* state = impl_->workers[placed->second].get();
  impl_->pool.post(placed->second,
                   [state, id, signalling = &impl_->signalling, weak = std::weak_ptr<bool>(impl_->alive),
                    done = std::move(done)]() mutable {
                     std::optional<MediaSessionStats> stats;
                     if (const auto it = state->sessions.find(id); it != state->sessions.end()) {
                       const MediaSession& session = *it->second.session;
                       stats.emplace();
                       stats->webrtc = session.relay_counters(relay::Leg::webrtc);
                       stats->legacy = session.relay_counters(relay::Leg::legacy);
                       stats->transport = session.webrtc().counters();
                       stats->session = session.counters();
                       stats->srtp_profile = session.webrtc().srtp_profile();
                       stats->state = session.webrtc().state();
                     }
                     asio::post(*signalling, [weak, done = std::move(done), stats]() mutable {
                       if (!weak.expired()) done(stats);
                     });
                   });
}

const asio::ip::address& MediaEngine::sdp_address() const noexcept { return impl_->sdp_address; }

void MediaEngine::close(MediaSessionId id) {
  const auto placed = impl_->placement.find(id);
  if (placed == impl_->placement.end() || impl_->stopped) return;
  WorkerState* state = impl_->workers[placed->second].get();
  impl_->pool.post(placed->second, [state, id] {
    const auto it = state->sessions.find(id);
    if (it == state->sessions.end()) return;
    it->second.session->close();
    state->release(it->second);
    state->sessions.erase(it);
  });
  impl_->forget(id);
}

std::size_t MediaEngine::sessions() const noexcept { return impl_->placement.size(); }

std::vector<std::size_t> MediaEngine::load() const { return impl_->load; }

}  // namespace rtcsip::media
