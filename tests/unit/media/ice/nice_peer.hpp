#pragma once
// The browser's side of full ICE, in process: a real libnice agent, full ICE,
// CONTROLLING with regular nomination (as Chrome), one stream with one
// component, a host candidate on 127.0.0.1 only, on its own GMainContext.
// The test iterates that context between runs of the io_context, on one
// thread, so nothing is shared between threads.
#include <glib.h>
#include <nice/agent.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "rtcsip/media/ice/endpoint.hpp"
#include "rtcsip/media/ice/ice_credentials.hpp"

namespace rtcsip::media::ice::test {

class NicePeer {
 public:
  // `ufrag`: 4 ice-chars or more, distinct per peer of one test.
  explicit NicePeer(const std::string& ufrag);
  ~NicePeer();
  NicePeer(const NicePeer&) = delete;
  NicePeer& operator=(const NicePeer&) = delete;

  [[nodiscard]] const IceCredentials& credentials() const { return credentials_; }
  // The peer's host candidate, 127.0.0.1:<port>.
  [[nodiscard]] Endpoint candidate() const;
  void set_remote_credentials(const IceCredentials& remote);
  void add_remote_candidate(const Endpoint& remote);
  // Dispatches what is ready on the peer's context, without blocking.
  void iterate();
  // Sends on the peer's selected pair.
  bool send(std::span<const std::uint8_t> datagram);

  [[nodiscard]] bool ready() const { return ready_; }
  [[nodiscard]] std::optional<Endpoint> selected_remote() const { return selected_remote_; }

  std::vector<std::vector<std::uint8_t>> received;

 private:
  static void on_recv(NiceAgent*, guint, guint, guint length, gchar* data, gpointer self);
  static void on_state(NiceAgent*, guint, guint, guint state, gpointer self);
  static void on_pair(NiceAgent*, guint, guint, NiceCandidate*, NiceCandidate* remote, gpointer self);
  static void on_closed(GObject*, GAsyncResult*, gpointer self);

  IceCredentials credentials_;
  GMainContext* context_ = nullptr;
  NiceAgent* agent_ = nullptr;
  guint stream_ = 0;
  bool ready_ = false;
  bool closed_ = false;
  std::optional<Endpoint> selected_remote_;
};

}  // namespace rtcsip::media::ice::test
