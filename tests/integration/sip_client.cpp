#include "sip_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>

namespace rtcsip::test {
namespace {

sockaddr_in loopback(unsigned short port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

bool wait_readable(int fd, std::chrono::milliseconds limit) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, static_cast<int>(limit.count())) == 1;
}

// True when `data` holds a whole message according to its Content-Length.
bool complete(const std::string& data) {
  const auto end = data.find("\r\n\r\n");
  if (end == std::string::npos) return false;
  std::size_t length = 0;
  for (const char* name : {"\r\nContent-Length:", "\r\nl:"}) {
    const auto pos = data.find(name);
    if (pos != std::string::npos && pos < end)
      length = std::stoul(data.substr(pos + std::string(name).size()));
  }
  return data.size() >= end + 4 + length;
}

}  // namespace

std::string options_request(const std::string& transport, unsigned short local_port,
                            const std::string& call_id) {
  static std::atomic<int> counter{0};
  const std::string branch = "z9hG4bK-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  return "OPTIONS sip:rtcsipd@127.0.0.1 SIP/2.0\r\n"
         "Via: SIP/2.0/" +
         transport + " 127.0.0.1:" + std::to_string(local_port) + ";branch=" + branch +
         ";rport\r\n"
         "Max-Forwards: 70\r\n"
         "From: <sip:tester@127.0.0.1>;tag=t1\r\n"
         "To: <sip:rtcsipd@127.0.0.1>\r\n"
         "Call-ID: " +
         call_id +
         "\r\n"
         "CSeq: 1 OPTIONS\r\n"
         "Content-Length: 0\r\n\r\n";
}

std::optional<std::string> udp_exchange(unsigned short port, const std::string& request,
                                        std::chrono::milliseconds limit) {
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in to = loopback(port);
  ::sendto(fd, request.data(), request.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
  std::optional<std::string> out;
  if (wait_readable(fd, limit)) {
    char buf[65536];
    const auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n > 0) out = std::string(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

std::optional<std::string> tcp_exchange(unsigned short port, const std::string& request,
                                        std::chrono::milliseconds limit) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in to = loopback(port);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
    ::close(fd);
    return std::nullopt;
  }
  ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string data;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!complete(data)) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || !wait_readable(fd, left)) break;
    char buf[65536];
    const auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    data.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  if (data.empty()) return std::nullopt;
  return data;
}

}  // namespace rtcsip::test
