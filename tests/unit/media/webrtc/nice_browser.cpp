#include "nice_browser.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <utility>

#include "rtcsip/media/rtp/demux.hpp"
#include "rtcsip/media/srtp/dtls_srtp_keys.hpp"

namespace rtcsip::media::test {

namespace {

std::optional<ice::Endpoint> endpoint_of(const NiceAddress& address) {
  char text[NICE_ADDRESS_STRING_LEN] = {};
  nice_address_to_string(&address, text);
  return ice::Endpoint::parse(text, static_cast<std::uint16_t>(nice_address_get_port(&address)));
}

// RFC 8445 §5.1.2.1 with type preference 126 (host) and local preference 65535.
constexpr std::uint32_t kHostPriority = (126u << 24) | (65535u << 8) | 255u;

}  // namespace

NiceBrowser::NiceBrowser(dtls::Role role, std::shared_ptr<const dtls::DtlsContext> context,
                         dtls::Fingerprint remote_fingerprint, core::TimerService& timers)
    : context_(g_main_context_new()), role_(role) {
  // Chrome's way: full ICE, controlling, regular nomination.
  agent_ = nice_agent_new_full(context_, NICE_COMPATIBILITY_RFC5245, NICE_AGENT_OPTION_REGULAR_NOMINATION);
  g_object_set(agent_, "controlling-mode", TRUE, "ice-tcp", FALSE, "upnp", FALSE, nullptr);
  NiceAddress loopback;
  nice_address_init(&loopback);
  nice_address_set_from_string(&loopback, "127.0.0.1");
  nice_agent_add_local_address(agent_, &loopback);
  stream_ = nice_agent_add_stream(agent_, 1);
  nice_agent_set_local_credentials(agent_, stream_, credentials_.ufrag.c_str(), credentials_.pwd.c_str());
  g_signal_connect(agent_, "component-state-changed", G_CALLBACK(&NiceBrowser::on_state_thunk), this);
  g_signal_connect(agent_, "new-selected-pair-full", G_CALLBACK(&NiceBrowser::on_pair_thunk), this);
  nice_agent_attach_recv(agent_, stream_, 1, context_, &NiceBrowser::on_recv_thunk, this);
  if (!nice_agent_gather_candidates(agent_, stream_)) throw std::runtime_error("libnice could not gather");

  dtls::DtlsTransport::Callbacks callbacks{
      .send = [this](std::span<const std::uint8_t> datagram) { send(datagram); },
      .connected = [this](const dtls::SrtpKeyingMaterial& keys) { on_dtls_connected(keys); },
      .failed = {},
      .closed = {},
  };
  auto created = dtls::DtlsTransport::create(std::move(context), timers, role, std::move(callbacks));
  if (!created) throw std::runtime_error("browser DTLS transport");
  dtls_ = std::move(*created);
  dtls_->set_remote_fingerprints({std::move(remote_fingerprint)});
}

NiceBrowser::~NiceBrowser() {
  dtls_.reset();
  // Detach the receive callback and drop the stream on the agent's own
  // context, then let libnice close its sockets before the last reference goes.
  nice_agent_attach_recv(agent_, stream_, 1, context_, nullptr, nullptr);
  g_signal_handlers_disconnect_by_data(agent_, this);
  nice_agent_remove_stream(agent_, stream_);
  nice_agent_close_async(agent_, &NiceBrowser::on_closed_thunk, this);
  for (int i = 0; i < 1000 && !closed_; ++i) g_main_context_iteration(context_, FALSE);
  g_object_unref(agent_);
  while (g_main_context_iteration(context_, FALSE)) {
  }
  g_main_context_unref(context_);
}

std::optional<ice::Endpoint> NiceBrowser::local_candidate() const {
  GSList* candidates = nice_agent_get_local_candidates(agent_, stream_, 1);
  std::optional<ice::Endpoint> found;
  for (GSList* i = candidates; i != nullptr && !found; i = i->next) {
    found = endpoint_of(static_cast<NiceCandidate*>(i->data)->addr);
  }
  g_slist_free_full(candidates, reinterpret_cast<GDestroyNotify>(&nice_candidate_free));
  return found;
}

void NiceBrowser::connect(const ice::IceCredentials& remote, std::uint16_t remote_port) {
  nice_agent_set_remote_credentials(agent_, stream_, remote.ufrag.c_str(), remote.pwd.c_str());
  NiceCandidate* candidate = nice_candidate_new(NICE_CANDIDATE_TYPE_HOST);
  candidate->stream_id = stream_;
  candidate->component_id = 1;
  candidate->transport = NICE_CANDIDATE_TRANSPORT_UDP;
  candidate->priority = kHostPriority;
  g_strlcpy(candidate->foundation, "1", NICE_CANDIDATE_MAX_FOUNDATION);
  nice_address_set_from_string(&candidate->addr, "127.0.0.1");
  nice_address_set_port(&candidate->addr, remote_port);
  GSList* list = g_slist_append(nullptr, candidate);
  const int added = nice_agent_set_remote_candidates(agent_, stream_, 1, list);
  g_slist_free(list);
  nice_candidate_free(candidate);
  if (added != 1) throw std::runtime_error("libnice refused the remote candidate");
}

void NiceBrowser::iterate() {
  for (int i = 0; i < 100 && g_main_context_iteration(context_, FALSE); ++i) {
  }
}

std::optional<srtp::Profile> NiceBrowser::srtp_profile() const {
  return srtp_ ? std::optional(srtp_->profile()) : std::nullopt;
}

Bytes NiceBrowser::protect_rtp(std::span<const std::uint8_t> plain) {
  Bytes out(plain.begin(), plain.end());
  out.resize(plain.size() + srtp::kMaxRtpOverhead);
  auto length = srtp_->protect_rtp(out, plain.size());
  EXPECT_TRUE(length.ok());
  out.resize(length ? *length : 0);
  return out;
}

Bytes NiceBrowser::protect_rtcp(std::span<const std::uint8_t> plain) {
  Bytes out(plain.begin(), plain.end());
  out.resize(plain.size() + srtp::kMaxRtcpOverhead);
  auto length = srtp_->protect_rtcp(out, plain.size());
  EXPECT_TRUE(length.ok());
  out.resize(length ? *length : 0);
  return out;
}

bool NiceBrowser::send(std::span<const std::uint8_t> datagram) {
  const gint sent = nice_agent_send(agent_, stream_, 1, static_cast<guint>(datagram.size()),
                                    reinterpret_cast<const gchar*>(datagram.data()));
  return sent == static_cast<gint>(datagram.size());
}

void NiceBrowser::on_receive(std::span<const std::uint8_t> datagram) {
  switch (rtp::classify_datagram(datagram)) {
    case rtp::DatagramKind::dtls:
      dtls_->receive(datagram);
      return;
    case rtp::DatagramKind::rtp_or_rtcp:
      break;
    default:
      return;  // STUN is libnice's own
  }
  if (!srtp_) {
    ++unprotect_failures;
    return;
  }
  Bytes packet(datagram.begin(), datagram.end());
  const bool rtcp = rtp::is_rtcp(packet);
  auto length = rtcp ? srtp_->unprotect_rtcp(packet) : srtp_->unprotect_rtp(packet);
  if (!length) {
    ++unprotect_failures;
    return;
  }
  packet.resize(*length);
  (rtcp ? rtcp_received : rtp_received).push_back(std::move(packet));
}

void NiceBrowser::on_dtls_connected(const dtls::SrtpKeyingMaterial& keys) {
  const auto profile = srtp::profile_from_dtls_id(keys.profile_id());
  ASSERT_TRUE(profile.has_value());
  const auto role = role_ == dtls::Role::client ? srtp::DtlsRole::client : srtp::DtlsRole::server;
  auto key_pair = srtp::split_dtls_keying_material(*profile, role, keys.material());
  ASSERT_TRUE(key_pair.ok());
  auto pair = srtp::SessionPair::create(*key_pair);
  ASSERT_TRUE(pair.ok());
  srtp_.emplace(std::move(*pair));
}

void NiceBrowser::on_recv_thunk(NiceAgent*, unsigned, unsigned, unsigned length, char* data, void* self) {
  static_cast<NiceBrowser*>(self)->on_receive({reinterpret_cast<const std::uint8_t*>(data), length});
}

void NiceBrowser::on_state_thunk(NiceAgent*, unsigned, unsigned, unsigned state, void* self) {
  auto& browser = *static_cast<NiceBrowser*>(self);
  if (state == NICE_COMPONENT_STATE_FAILED) browser.ice_failed_ = true;
  if (state != NICE_COMPONENT_STATE_READY || browser.ready_) return;
  browser.ready_ = true;
  // A browser starts DTLS once ICE has a nominated pair (a server just arms its timer).
  browser.dtls_->start();
}

void NiceBrowser::on_pair_thunk(NiceAgent*, unsigned, unsigned, NiceCandidate*, NiceCandidate* remote,
                                void* self) {
  static_cast<NiceBrowser*>(self)->selected_remote_ = endpoint_of(remote->addr);
}

void NiceBrowser::on_closed_thunk(GObject*, GAsyncResult*, gpointer self) {
  static_cast<NiceBrowser*>(self)->closed_ = true;
}

}  // namespace rtcsip::media::test
