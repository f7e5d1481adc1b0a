// Writes the seeds of tests/fuzz/fuzz_dtls.cpp from a handshake on the test
// link, into a temporary folder (checked here), or into RTCSIP_DTLS_SEED_DIR
// to regenerate the seeds in the tree:
//   RTCSIP_DTLS_SEED_DIR=tests/fuzz/seeds/dtls unit_media_dtls --gtest_filter=*CaptureFuzzSeeds*
// A seed is a mode octet (bit 0: feed an established association instead of
// a fresh server; bit 1: its client end) and datagrams, each preceded by its
// length in two octets, big-endian.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "dtls_fixture.hpp"

namespace rtcsip::media::dtls::test {
namespace {

using namespace std::chrono_literals;

void write_seed(const std::filesystem::path& file, std::uint8_t mode,
                const std::vector<const Sent*>& datagrams) {
  std::vector<std::uint8_t> out{mode};
  for (const Sent* s : datagrams) {
    out.push_back(static_cast<std::uint8_t>(s->bytes.size() >> 8));
    out.push_back(static_cast<std::uint8_t>(s->bytes.size()));
    out.insert(out.end(), s->bytes.begin(), s->bytes.end());
  }
  std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(out.data()), std::ssize(out));
  std::cout << file.string() << ": " << datagrams.size() << " datagrams, " << out.size() << " octets\n";
}

TEST_F(DtlsPairTest, CaptureFuzzSeeds) {
  const char* env = std::getenv("RTCSIP_DTLS_SEED_DIR");
  const std::filesystem::path dir =
      env ? std::filesystem::path(env)
          : std::filesystem::temp_directory_path() / ("rtcsip-dtls-seeds-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  make({});
  // Lose the server's final flight once, so the client's retransmission is recorded too.
  link_.set_filter([](const Sent& sent, std::size_t) {
    return Delivery{.drop = sent.direction == Direction::b_to_a && sent.transmission == 1};
  });
  start();
  ASSERT_TRUE(run_until([&] { return both_connected(); }, 5s));
  a_.transport->close();
  run_for(1s);

  const auto client = link_.sent(Direction::a_to_b);
  const auto server = link_.sent(Direction::b_to_a);
  for (const Sent& s : link_.log()) {
    const auto r = first_record(s.bytes);
    std::cout << (s.direction == Direction::a_to_b ? "client " : "server ") << s.transmission << " "
              << s.bytes.size() << " octets, type " << int(r->content_type) << " epoch " << r->epoch << "\n";
  }
  const std::filesystem::path out(dir);
  const auto of = [](const std::vector<const Sent*>& all, std::size_t transmission) {
    std::vector<const Sent*> picked;
    for (const Sent* s : all) {
      if (s->transmission == transmission) picked.push_back(s);
    }
    return picked;
  };
  write_seed(out / "client_hello", 0, of(client, 0));
  auto both_flights = of(client, 0);
  for (const Sent* s : of(client, 1)) both_flights.push_back(s);
  write_seed(out / "client_flights", 0, both_flights);
  write_seed(out / "to_established_server", 1, of(client, 2));  // retransmitted Finished, then close_notify
  write_seed(out / "to_established_client", 3, server);
  // Each seed holds the mode octet and at least one whole datagram.
  for (const char* name :
       {"client_hello", "client_flights", "to_established_server", "to_established_client"}) {
    std::ifstream in(out / name, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_GE(bytes.size(), 4u) << name;
    const std::size_t first = (static_cast<std::size_t>(static_cast<std::uint8_t>(bytes[1])) << 8) |
                              static_cast<std::uint8_t>(bytes[2]);
    EXPECT_GT(first, 13u) << name;  // at least a DTLS record header
    EXPECT_LE(first + 3, bytes.size()) << name;
  }
  if (!env) std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace rtcsip::media::dtls::test
