#include <cerrno>
#include <fstream>
#include <system_error>

#include "sections.hpp"

namespace rtcsip::config::detail {
namespace {

// A file that start-up will need must be readable now, not at the first call.
void check_readable(MapReader& in, std::string_view key, const std::filesystem::path& file) {
  if (file.empty()) return;
  std::ifstream probe(file);
  if (!probe) {
    in.error(key, "cannot read '" + file.string() + "': " + std::generic_category().message(errno));
  }
}

void read_listener(MapReader& in, Listener& l) {
  l.location = in.location();
  in.enumeration<Transport>("transport", l.transport, kTransportNames);
  if (!in.has("transport")) in.error("transport", "is required");
  l.port = default_port(l.transport);
  in.ip_address("address", l.address);
  in.number("port", l.port, 1, 65535);
  if (is_secure(l.transport)) {
    if (in.path("certificate", l.certificate)) l.certificate_location = in.location_of("certificate");
    in.path("private_key", l.private_key);
    check_readable(in, "certificate", l.certificate);
    check_readable(in, "private_key", l.private_key);
    if (l.certificate.empty() != l.private_key.empty()) {
      in.error(l.certificate.empty() ? "certificate" : "private_key",
               "certificate and private_key must be given together");
    }
  }
  if (l.transport == Transport::tls) {
    in.boolean("verify_client", l.verify_client);
    in.path("ca_file", l.ca_file);
    check_readable(in, "ca_file", l.ca_file);
    if (l.verify_client && l.ca_file.empty()) in.error("ca_file", "is required when verify_client is true");
  }
  if (l.transport == Transport::ws || l.transport == Transport::wss) {
    in.string_list("allowed_origins", l.allowed_origins);
  }
}

std::vector<Listener> default_listeners() {
  std::vector<Listener> out;
  for (Transport t : {Transport::wss, Transport::udp, Transport::tcp, Transport::tls}) {
    Listener l;
    l.transport = t;
    l.port = default_port(t);
    out.push_back(l);
  }
  return out;
}

}  // namespace

void read_listeners(MapReader& root, std::vector<Listener>& out) {
  if (!root.has("listeners")) {
    out = default_listeners();
    return;
  }
  for_each_entry(root, "listeners", [&](MapReader& entry, std::size_t) {
    Listener l;
    read_listener(entry, l);
    out.push_back(std::move(l));
  });
  if (out.empty() && root.child("listeners")->IsSequence())
    root.error("listeners", "at least one listener is needed");
}

}  // namespace rtcsip::config::detail
