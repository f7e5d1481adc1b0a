#include "systemd_notify.hpp"

#ifdef RTCSIP_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

namespace rtcsip::app {

void notify_systemd(const std::string& state) {
#ifdef RTCSIP_HAVE_SYSTEMD
  sd_notify(0, state.c_str());
#else
  (void)state;
#endif
}

}  // namespace rtcsip::app
