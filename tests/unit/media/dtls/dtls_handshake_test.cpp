// Handshakes between two in-process DtlsTransports: both role combinations,
// keys and profiles, the MTU, and a remote fingerprint that arrives late.
#include <openssl/evp.h>
#include <openssl/ssl.h>

#include <algorithm>

#include "dtls_fixture.hpp"
#include "rtcsip/core/tls_identity.hpp"

namespace rtcsip::media::dtls::test {
namespace {

using namespace std::chrono_literals;

class DtlsHandshakeTest : public DtlsPairTest, public ::testing::WithParamInterface<Role> {};

std::string role_name(const ::testing::TestParamInfo<Role>& info) {
  return info.param == Role::client ? "AClientBServer" : "AServerBClient";
}

TEST_P(DtlsHandshakeTest, BothSidesConnectWithTheSameProfileAndKeys) {
  make({.a_role = GetParam()});
  start();
  ASSERT_TRUE(run_until([&] { return both_connected(); }, 5s)) << a_.reason << " / " << b_.reason;

  EXPECT_EQ(a_.transport->state(), State::connected);
  EXPECT_EQ(b_.transport->state(), State::connected);
  ASSERT_TRUE(a_.keys && b_.keys);
  // RFC 5764 §4.1.2 / RFC 7714 §14.2: both offer GCM first, so it is chosen.
  EXPECT_EQ(a_.keys->profile_id(), 0x0007);
  EXPECT_EQ(a_.transport->srtp_profile_id(), std::optional<std::uint16_t>(0x0007));
  EXPECT_EQ(b_.transport->srtp_profile_id(), std::optional<std::uint16_t>(0x0007));
  // RFC 5764 §4.2: the same exporter output on both sides: the client's view
  // of the client write key is the server's view of it, and so on.
  EXPECT_EQ(*a_.keys, *b_.keys);
  EXPECT_EQ(a_.keys->material().size(), 2u * (16 + 12));
  EXPECT_TRUE(std::ranges::equal(client().keys->client_write_key(), server().keys->client_write_key()));
  EXPECT_TRUE(std::ranges::equal(client().keys->server_write_salt(), server().keys->server_write_salt()));
  EXPECT_FALSE(std::ranges::equal(a_.keys->client_write_key(), a_.keys->server_write_key()));
  EXPECT_TRUE(std::ranges::any_of(a_.keys->material(), [](std::uint8_t b) { return b != 0; }));

  // No loss: nothing was retransmitted, nothing failed, no timer is left once
  // the link is quiet.
  EXPECT_EQ(a_.failed + b_.failed + a_.closed + b_.closed, 0);
  EXPECT_EQ(a_.transport->stats().retransmissions + b_.transport->stats().retransmissions, 0u);
  run_for(5ms);
  EXPECT_EQ(timers_.pending(), 0u);
}

TEST_P(DtlsHandshakeTest, TheDtlsClientSpeaksFirst) {
  make({.a_role = GetParam()});
  start();
  ASSERT_FALSE(link_.log().empty());
  EXPECT_EQ(link_.log().front().direction, from_client());
  const auto first = first_record(link_.log().front().bytes);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->handshake, std::optional<std::uint8_t>(kClientHello));
}

TEST_P(DtlsHandshakeTest, EveryDatagramFitsTheDefaultMtu) {
  make({.a_role = GetParam()});
  start();
  ASSERT_TRUE(run_until([&] { return both_connected(); }, 5s)) << a_.reason << " / " << b_.reason;
  for (const auto& sent : link_.log()) EXPECT_LE(sent.bytes.size(), 1200u);
  // OpenSSL packs each flight's records into as few datagrams as fit.
  EXPECT_LE(link_.log().size(), 6u);
}

TEST_P(DtlsHandshakeTest, ASmallMtuFragmentsTheCertificate) {
  PairOptions options{.a_role = GetParam()};
  options.settings.mtu = 300;
  make(options);
  start();
  ASSERT_TRUE(run_until([&] { return both_connected(); }, 5s)) << a_.reason << " / " << b_.reason;
  for (const auto& sent : link_.log()) EXPECT_LE(sent.bytes.size(), 300u);
  EXPECT_GT(link_.log().size(), 6u);
  EXPECT_EQ(*a_.keys, *b_.keys);
}

TEST_P(DtlsHandshakeTest, ServerProfilePreferenceWins) {
  // The client prefers AES_CM_128_HMAC_SHA1_80; the server, GCM. RFC 5764
  // §4.1.1: the server chooses.
  PairOptions options{.a_role = GetParam()};
  const auto cm_first =
      context_with({SrtpProfileId::aes128_cm_hmac_sha1_80, SrtpProfileId::aead_aes_128_gcm});
  (GetParam() == Role::client ? options.b_context : options.a_context) = context_a();
  (GetParam() == Role::client ? options.a_context : options.b_context) = cm_first;
  make(options);
  start();
  ASSERT_TRUE(run_until([&] { return both_connected(); }, 5s)) << a_.reason << " / " << b_.reason;
  EXPECT_EQ(a_.keys->profile_id(), 0x0007);
  EXPECT_EQ(*a_.keys, *b_.keys);
}

INSTANTIATE_TEST_SUITE_P(Roles, DtlsHandshakeTest, ::testing::Values(Role::client, Role::server), role_name);

struct ProfileCase {
  const char* name;
  std::vector<SrtpProfileId> client;
  std::vector<SrtpProfileId> server;
  std::uint16_t expected;
  std::size_t material;
};

class DtlsProfileTest : public DtlsPairTest, public ::testing::WithParamInterface<ProfileCase> {};

TEST_P(DtlsProfileTest, NegotiatesTheExpectedProfile) {
  const ProfileCase& c = GetParam();
  PairOptions options;
  options.a_context = c.client.empty() ? context_a() : context_with(c.client);
  options.b_context = c.server.empty() ? context_b() : context_with(c.server);
  make(options);
  start();
  ASSERT_TRUE(run_until([&] { return both_connected(); }, 5s)) << a_.reason << " / " << b_.reason;
  EXPECT_EQ(a_.keys->profile_id(), c.expected);
  EXPECT_EQ(b_.keys->profile_id(), c.expected);
  EXPECT_EQ(a_.keys->material().size(), c.material);
  EXPECT_EQ(*a_.keys, *b_.keys);
}

INSTANTIATE_TEST_SUITE_P(
    Profiles, DtlsProfileTest,
    ::testing::Values(
        ProfileCase{"BothOfferGcm", {}, {}, 0x0007, 56},
        ProfileCase{"ClientOnlyAesCm80", {SrtpProfileId::aes128_cm_hmac_sha1_80}, {}, 0x0001, 60},
        ProfileCase{"ServerOnlyAesCm80", {}, {SrtpProfileId::aes128_cm_hmac_sha1_80}, 0x0001, 60},
        ProfileCase{"Aes256Gcm",
                    {SrtpProfileId::aead_aes_256_gcm, SrtpProfileId::aead_aes_128_gcm},
                    {SrtpProfileId::aead_aes_256_gcm},
                    0x0008,
                    88},
        ProfileCase{"AesCm32",
                    {SrtpProfileId::aes128_cm_hmac_sha1_32},
                    {SrtpProfileId::aes128_cm_hmac_sha1_32},
                    0x0002,
                    60}),
    [](const ::testing::TestParamInfo<ProfileCase>& info) { return std::string(info.param.name); });

using DtlsLateFingerprintTest = DtlsPairTest;

TEST_F(DtlsLateFingerprintTest, KeysWaitForTheRemoteFingerprint) {
  // The offerer's ClientHello can beat the SDP answer that carries its
  // fingerprint: B (server) completes the handshake but holds the keys.
  make({.b_knows_a = false});
  start();
  ASSERT_TRUE(run_until([&] { return a_.connected == 1; }, 5s)) << a_.reason;
  run_for(1s);
  EXPECT_EQ(b_.connected, 0);
  EXPECT_EQ(b_.transport->state(), State::connecting);
  EXPECT_FALSE(b_.transport->srtp_profile_id());

  b_.transport->set_remote_fingerprints({context_a()->fingerprint()});
  EXPECT_EQ(b_.connected, 1);
  EXPECT_EQ(b_.transport->state(), State::connected);
  ASSERT_TRUE(b_.keys);
  EXPECT_EQ(*a_.keys, *b_.keys);
}

TEST_F(DtlsLateFingerprintTest, AWrongLateFingerprintFailsAndClosesThePeer) {
  make({.b_knows_a = false});
  start();
  ASSERT_TRUE(run_until([&] { return a_.connected == 1; }, 5s));
  b_.transport->set_remote_fingerprints({context_b()->fingerprint()});  // not A's
  EXPECT_EQ(b_.failed, 1);
  EXPECT_EQ(b_.error, DtlsError::fingerprint_mismatch);
  EXPECT_EQ(b_.connected, 0);
  // B's close_notify ends A's association.
  ASSERT_TRUE(run_until([&] { return a_.closed == 1; }, 1s));
  EXPECT_EQ(a_.transport->state(), State::closed);
}

TEST_F(DtlsLateFingerprintTest, NoFingerprintEverTimesOut) {
  make({.b_knows_a = false});
  start();
  ASSERT_TRUE(run_until([&] { return b_.failed == 1; }, 31s));
  EXPECT_EQ(b_.error, DtlsError::timeout);
  EXPECT_NE(b_.reason.find("no remote fingerprint"), std::string::npos) << b_.reason;
  EXPECT_EQ(timers_.now() - kStart, 30s);
}

TEST(DtlsContextTest, LocalFingerprintIsSha256OfTheCertificate) {
  const auto context = context_a();
  EXPECT_EQ(context->fingerprint().hash, HashFunction::sha_256);
  EXPECT_EQ(context->sdp_fingerprint(), "sha-256 " + context->identity().fingerprint_sha256());
  EXPECT_NE(context_a()->sdp_fingerprint(), context_b()->sdp_fingerprint());
  EXPECT_EQ(EVP_PKEY_get_base_id(context->identity().private_key()), EVP_PKEY_EC);
}

TEST(DtlsContextTest, RefusesNoProfiles) {
  auto identity = std::shared_ptr<const core::TlsIdentity>(context_a(), &context_a()->identity());
  EXPECT_THROW(DtlsContext::create(identity, DtlsContext::Options{{}}), std::runtime_error);
  EXPECT_THROW(DtlsContext::create(nullptr), std::runtime_error);
}

}  // namespace
}  // namespace rtcsip::media::dtls::test
