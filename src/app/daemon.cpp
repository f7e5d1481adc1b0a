#include "daemon.hpp"

#include <csignal>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "rtcsip/core/asio_timer_service.hpp"
#include "rtcsip/core/log.hpp"
#include "rtcsip/media/dtls/dtls_context.hpp"
#include "rtcsip/media/session/media_engine.hpp"
#include "rtcsip/media/worker_pool.hpp"
#include "rtcsip/sip/transaction_layer.hpp"
#include "rtcsip/sip/transport_layer.hpp"
#include "sip_service.hpp"
#include "startup_error.hpp"
#include "systemd_notify.hpp"
#include "tls_setup.hpp"
#include "version.hpp"

namespace rtcsip::app {
namespace asio = boost::asio;

void apply_logging(const config::LoggingSettings& settings, const std::string& override_level) {
  core::log::Settings s;
  const std::string& level = override_level.empty() ? settings.level : override_level;
  s.level = core::log::parse_level(level).value_or(spdlog::level::info);
  if (override_level.empty()) {
    for (const auto& [module, module_level] : settings.modules) {
      s.module_levels[module] = core::log::parse_level(module_level).value_or(s.level);
    }
  }
  s.file = settings.file;
  core::log::configure(s);
}

namespace {

sip::TransportKind kind_of(config::Transport t) {
  switch (t) {
    case config::Transport::udp:
      return sip::TransportKind::udp;
    case config::Transport::tcp:
      return sip::TransportKind::tcp;
    case config::Transport::tls:
      return sip::TransportKind::tls;
    case config::Transport::ws:
      return sip::TransportKind::ws;
    case config::Transport::wss:
      return sip::TransportKind::wss;
  }
  return sip::TransportKind::udp;
}

sip::TransportLimits limits_of(const config::Limits& l) {
  return sip::TransportLimits{l.max_message_size, l.max_connections, l.max_connections_per_address,
                              l.handshake_timeout, l.idle_timeout};
}

sip::TimerSettings timers_of(const config::SipSettings& s) { return sip::TimerSettings{s.t1, s.t2, s.t4}; }

// "host:port" or "[v6]:port" of a STUN or TURN server, resolved once at
// start-up (IPv4 first: libnice's candidates are mostly IPv4).
media::ice::Endpoint resolve_server(const std::string& key, const std::string& host_port) {
  const auto colon = host_port.rfind(':');
  if (colon == std::string::npos || colon + 1 == host_port.size())
    throw StartupError(key + " " + host_port + ": expected host:port");
  std::string host = host_port.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned long port = 0;
  try {
    port = std::stoul(host_port.substr(colon + 1));
  } catch (const std::exception&) {
    port = 0;
  }
  if (port == 0 || port > 65535) throw StartupError(key + " " + host_port + ": bad port");
  asio::io_context io;
  asio::ip::udp::resolver resolver(io);
  boost::system::error_code ec;
  const auto results = resolver.resolve(host, std::to_string(port), ec);
  if (ec) throw StartupError(key + " " + host_port + ": " + ec.message());
  std::optional<media::ice::Endpoint> v6;
  for (const auto& entry : results) {
    const auto endpoint = entry.endpoint();
    auto parsed = media::ice::Endpoint::parse(endpoint.address().to_string(), endpoint.port());
    if (!parsed) continue;
    if (endpoint.address().is_v4()) return *parsed;
    if (!v6) v6 = parsed;
  }
  if (v6) return *v6;
  throw StartupError(key + " " + host_port + ": no address");
}

std::string describe(const config::Listener& l) {
  return std::string(config::to_string(l.transport)) + " " + l.address + ":" + std::to_string(l.port);
}

}  // namespace

struct Daemon::Impl {
  Options options;
  config::Config config;
  asio::io_context io{1};
  asio::signal_set signals{io, SIGINT, SIGTERM, SIGHUP};
  media::WorkerPool workers;
  std::unique_ptr<media::MediaEngine> media;
  core::AsioTimerService timers{io};
  std::unique_ptr<sip::TransactionLayer> transactions;
  std::unique_ptr<SipService> service;
  sip::TransportLayer transport;
  bool stopping = false;

  Impl(Options o, config::Config c)
      : options(std::move(o)),
        config(std::move(c)),
        workers(config.media.workers),
        transport(io, limits_of(config.limits),
                  [this](sip::Incoming in) { transactions->receive(std::move(in)); }) {
    sip::TransactionLayer::Handlers handlers;
    handlers.on_request = [this](sip::TransactionId id, const sip::Incoming& in) {
      service->on_request(id, in);
    };
    handlers.on_cancel = [this](sip::TransactionId c, std::optional<sip::TransactionId> i,
                                const sip::Incoming& in) { service->on_cancel(c, i, in); };
    handlers.on_ack = [](const sip::Incoming&) {};
    handlers.on_stray_response = [](const sip::Incoming&) {};
    handlers.on_server_failure = [](sip::TransactionId id, std::string_view reason) {
      core::log::get("sip").debug("server transaction {} failed: {}", id, reason);
    };
    transactions = std::make_unique<sip::TransactionLayer>(timers, transport, timers_of(config.sip),
                                                           std::move(handlers));
    const std::string server =
        config.sip.user_agent.empty() ? std::string("rtcsipd/") + kVersion : config.sip.user_agent;
    service = std::make_unique<SipService>(*transactions, server);
  }

  void open_listeners(const std::map<std::size_t, std::shared_ptr<const core::TlsIdentity>>& identities) {
    for (std::size_t i = 0; i < config.listeners.size(); ++i) {
      const auto& l = config.listeners[i];
      sip::ListenerSpec spec;
      spec.transport = kind_of(l.transport);
      spec.address = l.address;
      spec.port = l.port;
      if (auto it = identities.find(i); it != identities.end()) spec.identity = it->second;
      spec.verify_client = l.verify_client;
      spec.ca_file = l.ca_file.string();
      spec.allowed_origins = l.allowed_origins;
      try {
        transport.listen(spec);
      } catch (const std::runtime_error& e) {
        throw StartupError(e.what());
      }
    }
  }

  void start() {
    auto& log = core::log::get("app");
    log.info("rtcsipd {} starting with {}", kVersion, options.config_path);
    const auto state_dir = resolve_state_dir(config);
    const auto identities = load_identities(config, state_dir);
    open_listeners(identities);
    workers.start();
    start_media();
    wait_for_signal();
    notify_systemd("READY=1\nSTATUS=running");
    log.info("rtcsipd running (pid {}); SIGTERM stops, SIGHUP reloads", ::getpid());
  }

  void start_media() {
    // RFC 5763 §5: the certificate is offered by fingerprint in each SDP, so
    // a fresh one per run is as good as a stored one.
    auto dtls = media::dtls::DtlsContext::create_self_signed();
    if (!dtls) throw StartupError("cannot create the DTLS certificate");
    media::MediaEngineConfig engine;
    boost::system::error_code ec;
    engine.bind_address = asio::ip::make_address(config.media.bind_address, ec);
    if (ec) throw StartupError("media.bind_address " + config.media.bind_address + ": " + ec.message());
    if (!config.media.advertised_address.empty()) {
      engine.advertised_address = asio::ip::make_address(config.media.advertised_address, ec);
      if (ec)
        throw StartupError("media.advertised_address " + config.media.advertised_address + ": " +
                           ec.message());
    }
    engine.port_min = config.media.port_min;
    engine.port_max = config.media.port_max;
    engine.shared_port = config.media.shared_port;
    if (config.media.ice == config::IceMode::full) {
      media::ice::FullIceConfig full;
      if (!config.media.stun_server.empty())
        full.stun_server = resolve_server("media.stun_server", config.media.stun_server);
      if (!config.media.turn_server.empty()) {
        full.turn_server =
            media::ice::TurnServer{resolve_server("media.turn_server", config.media.turn_server),
                                   config.media.turn_username, config.media.turn_password};
      }
      engine.full_ice = std::move(full);
    }
    media = std::make_unique<media::MediaEngine>(
        workers, io, std::move(dtls), engine, [](media::MediaSessionId, const media::MediaSessionEvent&) {});
    if (const auto error = media->start()) {
      throw StartupError("media.shared_port " + std::to_string(config.media.shared_port) +
                         " (one per worker, " + std::to_string(workers.size()) +
                         " workers): " + error.message());
    }
    core::log::get("media").info("media address in SDP: {}", media->sdp_address().to_string());
    if (config.media.shared_port != 0) {
      core::log::get("media").info("WebRTC media on UDP {}..{}", config.media.shared_port,
                                   config.media.shared_port + workers.size() - 1);
    }
  }

  void wait_for_signal() {
    signals.async_wait([this](boost::system::error_code ec, int signo) {
      if (ec) return;
      if (signo == SIGHUP) {
        reload();
        wait_for_signal();
      } else {
        core::log::get("app").info("{} received, stopping", signo == SIGTERM ? "SIGTERM" : "SIGINT");
        stop();
      }
    });
  }

  void stop() {
    if (stopping) return;
    stopping = true;
    notify_systemd("STOPPING=1");
    boost::system::error_code ec;
    signals.cancel(ec);
    transport.close();
    if (media) media->stop();
    workers.stop();
    io.stop();
  }

  void reload() {
    auto& log = core::log::get("app");
    notify_systemd("RELOADING=1");
    auto result = config::load_file(options.config_path);
    if (!result.config) {
      log.error("reload of {} failed with {} error{}; the running configuration is kept:",
                options.config_path, result.errors.size(), result.errors.size() == 1 ? "" : "s");
      for (const auto& e : result.errors) log.error("  {}", e.to_string());
      notify_systemd("READY=1");
      return;
    }
    config::Config& next = *result.config;
    try {
      apply_logging(next.logging, options.log_level);
    } catch (const std::exception& e) {
      log.error("reload: cannot apply the logging settings ({}); the running configuration is kept",
                e.what());
      apply_logging(config.logging, options.log_level);
      notify_systemd("READY=1");
      return;
    }
    warn_restart_needed(next);
    config = std::move(next);
    log.info("configuration reloaded from {}", options.config_path);
    notify_systemd("READY=1");
  }

  // Settings bound at start-up: they take effect at the next start.
  void warn_restart_needed(const config::Config& next) {
    auto& log = core::log::get("app");
    auto listeners_of = [](const config::Config& c) {
      std::vector<std::string> out;
      for (const auto& l : c.listeners)
        out.push_back(describe(l) + l.certificate.string() + l.private_key.string());
      return out;
    };
    if (listeners_of(next) != listeners_of(config))
      log.warn("reload: listener changes take effect after a restart");
    if (next.media.workers != config.media.workers)
      log.warn("reload: media.workers takes effect after a restart");
    if (next.state_dir != config.state_dir) log.warn("reload: state_dir takes effect after a restart");
    if (next.limits.max_connections != config.limits.max_connections ||
        next.limits.max_connections_per_address != config.limits.max_connections_per_address ||
        next.limits.handshake_timeout != config.limits.handshake_timeout) {
      log.warn("reload: connection limits take effect after a restart");
    }
  }
};

Daemon::Daemon(Options options, config::Config config)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(config))) {}

Daemon::~Daemon() = default;

int Daemon::run() {
  try {
    impl_->start();
  } catch (const StartupError& e) {
    core::log::get("app").critical("start-up failed: {}", e.what());
    impl_->stop();
    return kExitFailure;
  }
  impl_->io.run();
  impl_->stop();
  core::log::get("app").info("rtcsipd stopped");
  return kExitOk;
}

}  // namespace rtcsip::app
