#include "nice_peer.hpp"

#include <stdexcept>

namespace rtcsip::media::ice::test {

namespace {

std::optional<Endpoint> endpoint_of(const NiceAddress& address) {
  sockaddr_storage storage{};
  nice_address_copy_to_sockaddr(&address, reinterpret_cast<sockaddr*>(&storage));
  return Endpoint::from_sockaddr(reinterpret_cast<const sockaddr*>(&storage), sizeof storage);
}

// RFC 8445 §5.1.2.1 with type preference 126 (host) and local preference 65535.
constexpr guint32 kHostPriority = (126u << 24) | (65535u << 8) | 255u;

}  // namespace

NicePeer::NicePeer(const std::string& ufrag)
    : credentials_{ufrag, "PeerPasswordOf24CharsX+/"}, context_(g_main_context_new()) {
  agent_ = nice_agent_new_full(context_, NICE_COMPATIBILITY_RFC5245, NICE_AGENT_OPTION_REGULAR_NOMINATION);
  g_object_set(agent_, "controlling-mode", TRUE, "ice-tcp", FALSE, "upnp", FALSE, nullptr);
  NiceAddress loopback;
  nice_address_init(&loopback);
  nice_address_set_from_string(&loopback, "127.0.0.1");
  nice_agent_add_local_address(agent_, &loopback);
  stream_ = nice_agent_add_stream(agent_, 1);
  nice_agent_set_local_credentials(agent_, stream_, credentials_.ufrag.c_str(), credentials_.pwd.c_str());
  g_signal_connect(agent_, "component-state-changed", G_CALLBACK(&NicePeer::on_state), this);
  g_signal_connect(agent_, "new-selected-pair-full", G_CALLBACK(&NicePeer::on_pair), this);
  nice_agent_attach_recv(agent_, stream_, 1, context_, &NicePeer::on_recv, this);
  if (!nice_agent_gather_candidates(agent_, stream_)) throw std::runtime_error("the peer could not gather");
}

NicePeer::~NicePeer() {
  // The receive callback is detached on the peer's context before the
  // stream goes, then libnice is let finish before the last reference.
  nice_agent_attach_recv(agent_, stream_, 1, context_, nullptr, nullptr);
  g_signal_handlers_disconnect_by_data(agent_, this);
  nice_agent_remove_stream(agent_, stream_);
  g_main_context_push_thread_default(context_);
  nice_agent_close_async(agent_, &NicePeer::on_closed, this);
  g_main_context_pop_thread_default(context_);
  for (int i = 0; i < 1000 && !closed_; ++i) g_main_context_iteration(context_, FALSE);
  g_object_unref(agent_);
  while (g_main_context_iteration(context_, FALSE)) {
  }
  g_main_context_unref(context_);
}

Endpoint NicePeer::candidate() const {
  GSList* candidates = nice_agent_get_local_candidates(agent_, stream_, 1);
  std::optional<Endpoint> found;
  if (candidates != nullptr) found = endpoint_of(static_cast<NiceCandidate*>(candidates->data)->addr);
  g_slist_free_full(candidates, reinterpret_cast<GDestroyNotify>(&nice_candidate_free));
  if (!found) throw std::runtime_error("the peer has no candidate");
  return *found;
}

void NicePeer::set_remote_credentials(const IceCredentials& remote) {
  nice_agent_set_remote_credentials(agent_, stream_, remote.ufrag.c_str(), remote.pwd.c_str());
}

void NicePeer::add_remote_candidate(const Endpoint& remote) {
  NiceCandidate* candidate = nice_candidate_new(NICE_CANDIDATE_TYPE_HOST);
  candidate->stream_id = stream_;
  candidate->component_id = 1;
  candidate->transport = NICE_CANDIDATE_TRANSPORT_UDP;
  candidate->priority = kHostPriority;
  g_strlcpy(candidate->foundation, "1", NICE_CANDIDATE_MAX_FOUNDATION);
  sockaddr_storage storage{};
  remote.to_sockaddr(storage);
  nice_address_set_from_sockaddr(&candidate->addr, reinterpret_cast<const sockaddr*>(&storage));
  GSList* list = g_slist_append(nullptr, candidate);
  const int added = nice_agent_set_remote_candidates(agent_, stream_, 1, list);
  g_slist_free(list);
  nice_candidate_free(candidate);
  if (added != 1) throw std::runtime_error("the peer refused the remote candidate");
}

void NicePeer::iterate() {
  for (int i = 0; i < 100 && g_main_context_iteration(context_, FALSE); ++i) {
  }
}

bool NicePeer::send(std::span<const std::uint8_t> datagram) {
  const gint sent = nice_agent_send(agent_, stream_, 1, static_cast<guint>(datagram.size()),
                                    reinterpret_cast<const gchar*>(datagram.data()));
  return sent == static_cast<gint>(datagram.size());
}

void NicePeer::on_recv(NiceAgent*, guint, guint, guint length, gchar* data, gpointer self) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(data);
  static_cast<NicePeer*>(self)->received.emplace_back(bytes, bytes + length);
}

void NicePeer::on_state(NiceAgent*, guint, guint, guint state, gpointer self) {
  if (state == NICE_COMPONENT_STATE_READY) static_cast<NicePeer*>(self)->ready_ = true;
}

void NicePeer::on_pair(NiceAgent*, guint, guint, NiceCandidate*, NiceCandidate* remote, gpointer self) {
  static_cast<NicePeer*>(self)->selected_remote_ = endpoint_of(remote->addr);
}

void NicePeer::on_closed(GObject*, GAsyncResult*, gpointer self) {
  static_cast<NicePeer*>(self)->closed_ = true;
}

}  // namespace rtcsip::media::ice::test
