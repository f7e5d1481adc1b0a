#pragma once
// The browser side of a WebRTC leg, in process: a real libnice agent (full
// ICE, controlling, one stream with one component, a host candidate on
// 127.0.0.1 only) on its own GMainContext, a DtlsTransport on top of
// libnice's send and receive, and an SRTP SessionPair keyed by it. The test
// drives the GMainContext (iterate()) and the Asio io_context alternately on
// one thread, so no locking is needed.
#include <glib.h>
#include <nice/agent.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "rtcsip/core/timer_service.hpp"
#include "rtcsip/media/dtls/dtls_context.hpp"
#include "rtcsip/media/dtls/dtls_transport.hpp"
#include "rtcsip/media/ice/endpoint.hpp"
#include "rtcsip/media/ice/ice_credentials.hpp"
#include "rtcsip/media/srtp/session_pair.hpp"

namespace rtcsip::media::test {

using Bytes = std::vector<std::uint8_t>;

class NiceBrowser {
 public:
  // `role` is the browser's DTLS role; `remote_fingerprint` the gateway's.
  NiceBrowser(dtls::Role role, std::shared_ptr<const dtls::DtlsContext> context,
              dtls::Fingerprint remote_fingerprint, core::TimerService& timers);
  ~NiceBrowser();
  NiceBrowser(const NiceBrowser&) = delete;
  NiceBrowser& operator=(const NiceBrowser&) = delete;

  [[nodiscard]] const ice::IceCredentials& credentials() const { return credentials_; }
  // The browser's host candidate (what the gateway learns from the SDP).
  [[nodiscard]] std::optional<ice::Endpoint> local_candidate() const;
  // The gateway's credentials and its candidate 127.0.0.1:<port>: starts checks.
  void connect(const ice::IceCredentials& remote, std::uint16_t remote_port);
  // Dispatches everything ready on the GMainContext without blocking.
  void iterate();

  [[nodiscard]] bool ice_ready() const { return ready_; }
  [[nodiscard]] bool ice_failed() const { return ice_failed_; }
  [[nodiscard]] std::optional<ice::Endpoint> selected_remote() const { return selected_remote_; }
  [[nodiscard]] const dtls::DtlsTransport& dtls() const { return *dtls_; }
  [[nodiscard]] bool srtp_ready() const { return srtp_.has_value(); }
  [[nodiscard]] std::optional<srtp::Profile> srtp_profile() const;

  // Protects a copy of `plain` (RTP or RTCP) and returns the wire bytes.
  Bytes protect_rtp(std::span<const std::uint8_t> plain);
  Bytes protect_rtcp(std::span<const std::uint8_t> plain);
  // Sends raw bytes on the selected pair.
  bool send(std::span<const std::uint8_t> datagram);

  std::vector<Bytes> rtp_received;   // unprotected
  std::vector<Bytes> rtcp_received;  // unprotected
  int unprotect_failures = 0;

 private:
  static void on_recv_thunk(NiceAgent* agent, unsigned stream, unsigned component, unsigned length,
                            char* data, void* self);
  static void on_state_thunk(NiceAgent* agent, unsigned stream, unsigned component, unsigned state,
                             void* self);
  static void on_pair_thunk(NiceAgent* agent, unsigned stream, unsigned component, NiceCandidate* local,
                            NiceCandidate* remote, void* self);
  static void on_closed_thunk(GObject* source, GAsyncResult* result, gpointer self);
  void on_receive(std::span<const std::uint8_t> datagram);
  void on_dtls_connected(const dtls::SrtpKeyingMaterial& keys);

  GMainContext* context_ = nullptr;
  NiceAgent* agent_ = nullptr;
  unsigned stream_ = 0;
  bool ready_ = false;
  bool ice_failed_ = false;
  bool closed_ = false;
  std::optional<ice::Endpoint> selected_remote_;
  ice::IceCredentials credentials_{"BrwsUfrg", "BrowserPasswordOf24Chars"};
  dtls::Role role_;
  std::unique_ptr<dtls::DtlsTransport> dtls_;
  std::optional<srtp::SessionPair> srtp_;
};

}  // namespace rtcsip::media::test
