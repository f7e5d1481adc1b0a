#pragma once
// A WebSocket client for integration tests (Boost.Beast, TLS without
// certificate checks): connects to ws(s)://127.0.0.1:<port>/ with chosen
// subprotocols and Origin, and exchanges frames with bounded waits.
#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace rtcsip::test {

class WsClient {
 public:
  struct Options {
    bool tls = true;
    std::string subprotocols = "sip";  // empty: no Sec-WebSocket-Protocol header
    std::string origin;                // empty: no Origin header
  };
  WsClient(unsigned short port, Options options);
  ~WsClient();

  // The handshake result: 101 on success, else the HTTP status refused with.
  [[nodiscard]] int status() const;
  [[nodiscard]] std::string negotiated_protocol() const;

  void send(const std::string& text, bool binary = false);
  // Sends `text` as several frames of at most `piece` bytes.
  void send_fragmented(const std::string& text, std::size_t piece);
  // The next message, or nothing on timeout or close.
  std::optional<std::string> receive(std::chrono::milliseconds limit = std::chrono::seconds(3));
  // Sends a ping; the pong is seen by a later receive().
  void ping();
  [[nodiscard]] bool pong_seen() const;
  // The close code the server sent, if it closed.
  [[nodiscard]] std::optional<int> close_code() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A WebSocket upgrade request sent by hand: the HTTP status it is answered with.
int upgrade_status(unsigned short port, bool tls, const std::string& subprotocols, const std::string& origin);

// An HTTP GET over TLS (or plain); returns "<status> <body>".
std::string https_get(unsigned short port, const std::string& target, bool tls = true);

}  // namespace rtcsip::test
