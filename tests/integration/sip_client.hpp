#pragma once
// A minimal SIP peer for integration tests: sends raw SIP text over UDP, TCP
// or TLS to 127.0.0.1 and returns what comes back (bounded waits).
#include <chrono>
#include <optional>
#include <string>

namespace rtcsip::test {

// An OPTIONS request with a fresh branch and Call-ID.
std::string options_request(const std::string& transport, unsigned short local_port,
                            const std::string& call_id);

// Sends one datagram and waits for one answer.
std::optional<std::string> udp_exchange(unsigned short port, const std::string& request,
                                        std::chrono::milliseconds limit = std::chrono::seconds(3));

// Sends bytes on a new TCP connection and reads until one whole SIP message
// (by Content-Length) arrived or the peer closed.
std::optional<std::string> tcp_exchange(unsigned short port, const std::string& request,
                                        std::chrono::milliseconds limit = std::chrono::seconds(3));

}  // namespace rtcsip::test
