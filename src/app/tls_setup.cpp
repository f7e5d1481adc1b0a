#include "tls_setup.hpp"

#include <unistd.h>

#include <cstdlib>

#include "rtcsip/core/log.hpp"
#include "startup_error.hpp"

namespace rtcsip::app {
namespace {

std::string host_name() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') return "localhost";
  return buf;
}

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

}  // namespace

std::filesystem::path resolve_state_dir(const config::Config& config) {
  if (!config.state_dir.empty()) return config.state_dir;
  if (auto dir = env("STATE_DIRECTORY"); !dir.empty()) return dir.substr(0, dir.find(':'));
  if (geteuid() == 0) return "/var/lib/rtcsipd";
  if (auto dir = env("XDG_STATE_HOME"); !dir.empty()) return std::filesystem::path(dir) / "rtcsipd";
  if (auto home = env("HOME"); !home.empty()) return std::filesystem::path(home) / ".local/state/rtcsipd";
  return "/tmp/rtcsipd-state";
}

std::map<std::size_t, std::shared_ptr<const core::TlsIdentity>> load_identities(
    const config::Config& config, const std::filesystem::path& state_dir) {
  std::map<std::size_t, std::shared_ptr<const core::TlsIdentity>> out;
  std::shared_ptr<const core::TlsIdentity> generated;
  auto& log = core::log::get("app");
  for (std::size_t i = 0; i < config.listeners.size(); ++i) {
    const auto& l = config.listeners[i];
    if (!config::is_secure(l.transport)) continue;
    try {
      if (!l.certificate.empty()) {
        out[i] = std::make_shared<core::TlsIdentity>(core::TlsIdentity::load(l.certificate, l.private_key));
        log.info("{} listener certificate {} ({}), fingerprint sha-256 {}", config::to_string(l.transport),
                 l.certificate.string(), out[i]->subject(), out[i]->fingerprint_sha256());
        continue;
      }
      if (!generated) {
        const std::string cn = config.sip.domain.empty() ? host_name() : config.sip.domain;
        generated = std::make_shared<core::TlsIdentity>(
            core::TlsIdentity::load_or_generate(state_dir, "tls-self-signed", cn));
        log.info("self-signed certificate {} ({}), fingerprint sha-256 {}",
                 generated->certificate_path().string(), generated->subject(),
                 generated->fingerprint_sha256());
      }
      out[i] = generated;
    } catch (const std::exception& e) {
      throw StartupError("listeners[" + std::to_string(i) + "] (" +
                         std::string(config::to_string(l.transport)) + "): " + e.what());
    }
  }
  return out;
}

std::vector<config::Diagnostic> check_tls_material(const config::Config& config) {
  std::vector<config::Diagnostic> out;
  for (std::size_t i = 0; i < config.listeners.size(); ++i) {
    const auto& l = config.listeners[i];
    if (!config::is_secure(l.transport) || l.certificate.empty()) continue;
    try {
      core::TlsIdentity::load(l.certificate, l.private_key);
    } catch (const std::exception& e) {
      out.push_back({l.certificate_location, "listeners[" + std::to_string(i) + "].certificate", e.what()});
    }
  }
  return out;
}

}  // namespace rtcsip::app
