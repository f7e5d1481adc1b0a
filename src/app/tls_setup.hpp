#pragma once
// Certificates for the secure listeners: the configured ones, or one
// self-signed certificate generated and kept in the state directory.
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rtcsip/config/config.hpp"
#include "rtcsip/core/tls_identity.hpp"

namespace rtcsip::app {

// The state directory: the configured one, else systemd's $STATE_DIRECTORY,
// else /var/lib/rtcsipd for root, else $XDG_STATE_HOME/rtcsipd or
// ~/.local/state/rtcsipd.
std::filesystem::path resolve_state_dir(const config::Config& config);

// One identity per secure listener (index into config.listeners). Listeners
// without a certificate share the generated one. Throws StartupError.
std::map<std::size_t, std::shared_ptr<const core::TlsIdentity>> load_identities(
    const config::Config& config, const std::filesystem::path& state_dir);

// Loads every configured certificate and key as start-up would, returning a
// diagnostic for each that fails (for --check-config).
std::vector<config::Diagnostic> check_tls_material(const config::Config& config);

}  // namespace rtcsip::app
