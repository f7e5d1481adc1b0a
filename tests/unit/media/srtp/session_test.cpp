// Session behaviour for every profile: round trips, failures, replay
// protection, sequence wrap, direction and buffer checks.
#include "rtcsip/media/srtp/session.hpp"

#include <gtest/gtest.h>

#include "rtcsip/media/srtp/library.hpp"
#include "test_packets.hpp"

namespace rtcsip::media::srtp {
namespace {

using test::Bytes;

class SessionTest : public ::testing::TestWithParam<Profile> {
 protected:
  void SetUp() override {
    // Debian 12's libsrtp2 supports every profile; a build without one must fail loudly.
    ASSERT_TRUE(is_supported(GetParam())) << library_version() << " lacks " << to_string(GetParam());
  }

  Profile profile() const { return GetParam(); }
  Session make(Direction d, std::uint8_t seed = 1) {
    auto s = Session::create(d, test::make_key(profile(), seed));
    EXPECT_TRUE(s.ok());
    return std::move(*s);
  }

  // Protects into a buffer of exactly the size needed, so ASan sees any overrun.
  Bytes protect_rtp(Session& s, const Bytes& rtp) {
    Bytes buffer = test::with_room(rtp, s.rtp_overhead());
    auto n = s.protect_rtp(buffer, rtp.size());
    if (!n) ADD_FAILURE() << to_string(n.error());
    EXPECT_EQ(n.ok() ? *n : 0, buffer.size());
    return buffer;
  }
  Bytes protect_rtcp(Session& s, const Bytes& rtcp) {
    Bytes buffer = test::with_room(rtcp, s.rtcp_overhead());
    auto n = s.protect_rtcp(buffer, rtcp.size());
    if (!n) ADD_FAILURE() << to_string(n.error());
    EXPECT_EQ(n.ok() ? *n : 0, buffer.size());
    return buffer;
  }

  Session tx_ = make(Direction::outbound);
  Session rx_ = make(Direction::inbound);
};

TEST_P(SessionTest, RtpRoundTrip) {
  for (std::size_t payload : {0, 1, 15, 16, 17, 160, 1200}) {
    const Bytes rtp = test::make_rtp(static_cast<std::uint16_t>(payload + 100), 0x11223344, payload);
    Bytes srtp = protect_rtp(tx_, rtp);
    ASSERT_EQ(srtp.size(), rtp.size() + rtp_overhead(profile()));
    if (payload >= 16) {
      EXPECT_NE(Bytes(srtp.begin() + 12, srtp.begin() + 28), Bytes(rtp.begin() + 12, rtp.begin() + 28));
    }
    auto n = rx_.unprotect_rtp(srtp);
    ASSERT_TRUE(n.ok()) << to_string(n.error());
    srtp.resize(*n);
    EXPECT_EQ(srtp, rtp) << "payload " << payload;
  }
}

TEST_P(SessionTest, RtcpRoundTrip) {
  for (std::size_t extra : {0, 4, 24, 400}) {
    const Bytes rtcp = test::make_rtcp(0x55667788, extra);
    Bytes srtcp = protect_rtcp(tx_, rtcp);
    ASSERT_EQ(srtcp.size(), rtcp.size() + rtcp_overhead(profile()));
    auto n = rx_.unprotect_rtcp(srtcp);
    ASSERT_TRUE(n.ok()) << to_string(n.error());
    srtcp.resize(*n);
    EXPECT_EQ(srtcp, rtcp);
  }
}

TEST_P(SessionTest, WrongKeyFailsAuthentication) {
  Session other = make(Direction::inbound, 2);
  Bytes srtp = protect_rtp(tx_, test::make_rtp(1));
  auto rtp = other.unprotect_rtp(srtp);
  ASSERT_FALSE(rtp.ok());
  EXPECT_EQ(rtp.error(), SrtpError::auth_failure);
  Bytes srtcp = protect_rtcp(tx_, test::make_rtcp());
  auto rtcp = other.unprotect_rtcp(srtcp);
  ASSERT_FALSE(rtcp.ok());
  EXPECT_EQ(rtcp.error(), SrtpError::auth_failure);
}

// Found by fuzz_media_receive: libsrtp answers an SRTCP packet whose E flag
// (RFC 3711 §3.4) claims no encryption with "cannot check", which must read
// as a bad packet from the peer, not as a failure of the library.
TEST_P(SessionTest, SrtcpWithTheEncryptionFlagClearedIsABadPacket) {
  const Bytes rtcp = test::make_rtcp(0x55667788, 24);
  Bytes srtcp = protect_rtcp(tx_, rtcp);
  // AES-CM: E||index follows the encrypted part and precedes the tag;
  // AEAD (RFC 7714 §9.1): it ends the packet.
  const bool aead = profile() == Profile::aead_aes_128_gcm || profile() == Profile::aead_aes_256_gcm;
  const std::size_t e_flag = aead ? srtcp.size() - 4 : rtcp.size();
  ASSERT_NE(srtcp[e_flag] & 0x80, 0);
  srtcp[e_flag] &= 0x7F;
  auto n = rx_.unprotect_rtcp(srtcp);
  ASSERT_FALSE(n.ok());
  EXPECT_TRUE(n.error() == SrtpError::bad_packet || n.error() == SrtpError::auth_failure)
      << to_string(n.error());
}

TEST_P(SessionTest, AnyChangedOctetFailsAuthentication) {
  const Bytes srtp = protect_rtp(tx_, test::make_rtp(7));
  for (std::size_t at : {std::size_t{1}, std::size_t{11}, std::size_t{12}, srtp.size() - 1}) {
    Bytes tampered = srtp;
    tampered[at] ^= 0x01;
    auto n = rx_.unprotect_rtp(tampered);
    ASSERT_FALSE(n.ok()) << "octet " << at;
    EXPECT_EQ(n.error(), SrtpError::auth_failure) << "octet " << at;
  }
  Bytes good = srtp;
  EXPECT_TRUE(rx_.unprotect_rtp(good).ok()) << "a failed packet must not poison the stream";
}

TEST_P(SessionTest, ReplayedRtpRejected) {
  const Bytes srtp = protect_rtp(tx_, test::make_rtp(500));
  Bytes first = srtp, again = srtp;
  ASSERT_TRUE(rx_.unprotect_rtp(first).ok());
  auto n = rx_.unprotect_rtp(again);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error(), SrtpError::replay);
}

TEST_P(SessionTest, ReplayedRtcpRejected) {
  const Bytes srtcp = protect_rtcp(tx_, test::make_rtcp());
  Bytes first = srtcp, again = srtcp;
  ASSERT_TRUE(rx_.unprotect_rtcp(first).ok());
  auto n = rx_.unprotect_rtcp(again);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error(), SrtpError::replay);
}

// RFC 3711 §3.3.2: a packet behind the window is rejected, one inside it that
// has not been seen is accepted (reordering).
TEST_P(SessionTest, ReplayWindow) {
  std::vector<Bytes> sent;
  for (std::uint16_t seq = 1000; seq < 1300; ++seq) sent.push_back(protect_rtp(tx_, test::make_rtp(seq)));
  for (std::size_t i = 200; i < sent.size(); ++i) ASSERT_TRUE(rx_.unprotect_rtp(sent[i]).ok());
  auto old = rx_.unprotect_rtp(sent[0]);  // 299 behind, outside the 128-packet window
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.error(), SrtpError::replay_old);
  EXPECT_TRUE(rx_.unprotect_rtp(sent[190]).ok()) << "late but inside the window";
}

TEST_P(SessionTest, SequenceNumberWrapAdvancesRolloverCounter) {
  std::vector<Bytes> sent;
  for (std::uint16_t seq : {65533, 65534, 65535, 0, 1, 2})
    sent.push_back(protect_rtp(tx_, test::make_rtp(seq)));
  EXPECT_EQ(tx_.rollover_counter(0x11223344), 1u);
  // Delivered out of order across the wrap (RFC 3711 §3.3.1 index estimation).
  for (std::size_t i : {0, 1, 3, 2, 5, 4}) {
    auto n = rx_.unprotect_rtp(sent[i]);
    ASSERT_TRUE(n.ok()) << "packet " << i << ": " << to_string(n.error());
  }
  EXPECT_EQ(rx_.rollover_counter(0x11223344), 1u);
}

// One session serves every SSRC of its direction, as a BUNDLE transport needs.
TEST_P(SessionTest, SeveralSsrcs) {
  for (std::uint32_t ssrc : {1u, 2u, 0xFFFFFFFFu}) {
    const Bytes rtp = test::make_rtp(10, ssrc);
    Bytes srtp = protect_rtp(tx_, rtp);
    auto n = rx_.unprotect_rtp(srtp);
    ASSERT_TRUE(n.ok()) << to_string(n.error());
    EXPECT_EQ(Bytes(srtp.begin(), srtp.begin() + static_cast<std::ptrdiff_t>(*n)), rtp);
  }
  EXPECT_FALSE(rx_.rollover_counter(3).has_value());
}

TEST_P(SessionTest, NoRoomForTrailer) {
  const Bytes rtp = test::make_rtp(1);
  Bytes buffer = test::with_room(rtp, rtp_overhead(profile()) - 1);
  auto n = tx_.protect_rtp(buffer, rtp.size());
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error(), SrtpError::buffer_too_small);
  EXPECT_EQ(Bytes(buffer.begin(), buffer.begin() + 172), rtp) << "left untouched";

  const Bytes rtcp = test::make_rtcp();
  Bytes rtcp_buffer = test::with_room(rtcp, rtcp_overhead(profile()) - 1);
  auto m = tx_.protect_rtcp(rtcp_buffer, rtcp.size());
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error(), SrtpError::buffer_too_small);
}

TEST_P(SessionTest, MalformedPacketsRejected) {
  Bytes buffer(64, 0);
  buffer[0] = 0x80;
  EXPECT_EQ(tx_.protect_rtp(buffer, 11).error(), SrtpError::bad_packet);  // short header
  EXPECT_EQ(tx_.protect_rtp(buffer, 65).error(), SrtpError::bad_packet);  // longer than the buffer
  EXPECT_EQ(tx_.protect_rtcp(buffer, 7).error(), SrtpError::bad_packet);
  buffer[0] = 0x40;  // version 1
  EXPECT_EQ(tx_.protect_rtp(buffer, 20).error(), SrtpError::bad_packet);
  EXPECT_EQ(tx_.protect_rtcp(buffer, 20).error(), SrtpError::bad_packet);
  buffer[0] = 0x8F;  // 15 CSRCs past the end
  EXPECT_EQ(tx_.protect_rtp(buffer, 20).error(), SrtpError::bad_packet);

  Bytes short_srtp(12 + rtp_overhead(profile()) - 1, 0);
  short_srtp[0] = 0x80;
  EXPECT_EQ(rx_.unprotect_rtp(short_srtp).error(), SrtpError::bad_packet);
  Bytes empty;
  EXPECT_EQ(rx_.unprotect_rtp(empty).error(), SrtpError::bad_packet);
  EXPECT_EQ(rx_.unprotect_rtcp(empty).error(), SrtpError::bad_packet);
  Bytes garbage(100, 0xFF);  // version 3
  EXPECT_EQ(rx_.unprotect_rtp(garbage).error(), SrtpError::bad_packet);
  EXPECT_EQ(rx_.unprotect_rtcp(garbage).error(), SrtpError::bad_packet);
}

TEST_P(SessionTest, WrongDirection) {
  Bytes buffer = test::with_room(test::make_rtp(1), kMaxRtcpOverhead);
  EXPECT_EQ(rx_.protect_rtp(buffer, 172).error(), SrtpError::wrong_direction);
  EXPECT_EQ(rx_.protect_rtcp(buffer, 172).error(), SrtpError::wrong_direction);
  EXPECT_EQ(tx_.unprotect_rtp(buffer).error(), SrtpError::wrong_direction);
  EXPECT_EQ(tx_.unprotect_rtcp(buffer).error(), SrtpError::wrong_direction);
}

TEST_P(SessionTest, MovedSessionKeepsItsState) {
  const Bytes srtp = protect_rtp(tx_, test::make_rtp(1));
  Bytes first = srtp, again = srtp;
  Session moved = std::move(rx_);
  ASSERT_TRUE(moved.unprotect_rtp(first).ok());
  EXPECT_EQ(moved.unprotect_rtp(again).error(), SrtpError::replay);
}

// libsrtp's sender keeps a replay list too: protecting one sequence number
// twice would reuse keystream (RFC 3711 §9.1), so it is refused.
TEST_P(SessionTest, SenderRefusesToReuseAnIndex) {
  protect_rtp(tx_, test::make_rtp(77));
  Bytes again = test::with_room(test::make_rtp(77), kMaxRtpOverhead);
  EXPECT_EQ(tx_.protect_rtp(again, 172).error(), SrtpError::replay);
  protect_rtp(tx_, test::make_rtp(76));  // late but new: allowed
}

TEST_P(SessionTest, ReplayWindowOption) {
  const MasterKey key = test::make_key(profile(), 1);
  EXPECT_EQ(Session::create(Direction::inbound, key, {.replay_window = 63}).error(), SrtpError::bad_option);
  EXPECT_EQ(Session::create(Direction::inbound, key, {.replay_window = 0x8000}).error(),
            SrtpError::bad_option);
  auto wide = Session::create(Direction::inbound, key, {.replay_window = 1024});
  ASSERT_TRUE(wide.ok());
  std::vector<Bytes> sent;
  for (std::uint16_t seq = 0; seq < 600; ++seq) sent.push_back(protect_rtp(tx_, test::make_rtp(seq)));
  ASSERT_TRUE(wide->unprotect_rtp(sent.back()).ok());
  EXPECT_TRUE(wide->unprotect_rtp(sent[0]).ok()) << "599 behind, inside a 1024 window";
}

INSTANTIATE_TEST_SUITE_P(AllProfiles, SessionTest, ::testing::ValuesIn(kAllProfiles),
                         [](const auto& info) { return std::string(to_string(info.param)); });

}  // namespace
}  // namespace rtcsip::media::srtp
