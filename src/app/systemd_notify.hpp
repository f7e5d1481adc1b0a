#pragma once
// sd_notify(3) when running under systemd (Type=notify); no-op elsewhere.
#include <string>

namespace rtcsip::app {
void notify_systemd(const std::string& state);
}
