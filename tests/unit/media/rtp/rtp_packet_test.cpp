// RTP packet view (RFC 3550 §5.1): fields of captured-looking packets, the
// in-place writers, and every malformed shape a receiver must drop (§A.1).
#include "rtcsip/media/rtp/rtp_packet.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "test_bytes.hpp"

namespace {

using namespace rtcsip::media::rtp;
using rtcsip::media::rtp::test::chrome_opus_packet;
using rtcsip::media::rtp::test::hex;

template <class P>
concept CanRewrite = requires(P p) {
  p.set_ssrc(1u);
  p.set_sequence_number(std::uint16_t{1});
  p.set_timestamp(1u);
  p.set_payload_type(std::uint8_t{1});
  p.set_marker(true);
};
static_assert(CanRewrite<RtpPacket>);
static_assert(!CanRewrite<ConstRtpPacket>, "a read-only view must not offer writers");

RtpError error_of(const std::vector<std::uint8_t>& bytes) {
  const bool parsed = ConstRtpPacket::parse(bytes).has_value();
  const RtpError e = validate_rtp(bytes);
  EXPECT_EQ(parsed, e == RtpError::none);
  return e;
}

TEST(RtpPacket, ParsesChromeOpusPacketWithOneByteExtensions) {
  const auto bytes = chrome_opus_packet();
  ASSERT_EQ(bytes.size(), 172U);
  const auto p = ConstRtpPacket::parse(bytes);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->version(), 2);
  EXPECT_FALSE(p->has_padding());
  EXPECT_TRUE(p->has_extension());
  EXPECT_EQ(p->csrc_count(), 0);
  EXPECT_FALSE(p->marker());
  EXPECT_EQ(p->payload_type(), 111);
  EXPECT_EQ(p->sequence_number(), 0x1a2b);
  EXPECT_EQ(p->timestamp(), 0x000bb840U);
  EXPECT_EQ(p->ssrc(), 0x5e1f0c3aU);
  EXPECT_EQ(p->header().size(), 28U);
  EXPECT_EQ(p->payload().size(), 144U);
  EXPECT_EQ(p->payload()[0], 0x78);
  EXPECT_EQ(p->payload().data(), bytes.data() + 28);
  EXPECT_EQ(p->padding_size(), 0U);
  EXPECT_EQ(p->bytes().size(), bytes.size());

  const auto ext = p->extension();
  ASSERT_TRUE(ext);
  EXPECT_EQ(ext->profile(), kOneByteExtensionProfile);
  EXPECT_EQ(ext->form(), ExtensionForm::one_byte);
  EXPECT_EQ(ext->data().size(), 12U);
  EXPECT_TRUE(ext->well_formed());

  const auto level = p->find_extension(1);
  ASSERT_TRUE(level);
  ASSERT_EQ(level->size(), 1U);
  EXPECT_EQ((*level)[0] & 0x80, 0x80);  // voice activity
  EXPECT_EQ((*level)[0] & 0x7F, 33);    // -33 dBov
  const auto abs_send_time = p->find_extension(2);
  ASSERT_TRUE(abs_send_time);
  EXPECT_EQ(load_be24(abs_send_time->data()), 0x123456U);
  const auto twcc = p->find_extension(3);
  ASSERT_TRUE(twcc);
  EXPECT_EQ(load_be16(twcc->data()), 500);
  EXPECT_FALSE(p->find_extension(4));
  EXPECT_FALSE(p->find_extension(0));
}

TEST(RtpPacket, MinimalHeaderHasEmptyPayload) {
  const auto bytes = hex("80 00 00 01 00 00 00 02 00 00 00 03");
  const auto p = ConstRtpPacket::parse(bytes);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->payload_type(), 0);
  EXPECT_EQ(p->header().size(), 12U);
  EXPECT_TRUE(p->payload().empty());
  EXPECT_FALSE(p->extension());
  EXPECT_FALSE(p->find_extension(1));
}

TEST(RtpPacket, ReadsCsrcListAndMarker) {
  // A mixer's G.711 packet: marker set, PCMA, two contributing sources.
  const auto bytes = hex("82 88 00 10 00 00 03 20 11 11 11 11  aa aa aa aa bb bb bb bb  d5 d5 d5 d5");
  const auto p = ConstRtpPacket::parse(bytes);
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->marker());
  EXPECT_EQ(p->payload_type(), 8);
  ASSERT_EQ(p->csrc_count(), 2);
  EXPECT_EQ(p->csrc(0), 0xaaaaaaaaU);
  EXPECT_EQ(p->csrc(1), 0xbbbbbbbbU);
  EXPECT_EQ(p->header().size(), 20U);
  EXPECT_EQ(p->payload().size(), 4U);
}

TEST(RtpPacket, PaddingIsExcludedFromPayload) {
  // SRTP-style padding to a block: 3 payload octets, 5 padding octets.
  const auto bytes = hex("a0 60 00 01 00 00 00 00 00 00 00 01  01 02 03  00 00 00 00 05");
  const auto p = ConstRtpPacket::parse(bytes);
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->has_padding());
  EXPECT_EQ(p->payload().size(), 3U);
  EXPECT_EQ(p->padding_size(), 5U);
  EXPECT_EQ(p->payload()[2], 0x03);
}

TEST(RtpPacket, PaddingMayFillTheWholePayload) {
  // RFC 3550 §5.1 allows padding-only packets (e.g. for bandwidth probing).
  const auto bytes = hex("a0 60 00 01 00 00 00 00 00 00 00 01  00 00 00 04");
  const auto p = ConstRtpPacket::parse(bytes);
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->payload().empty());
  EXPECT_EQ(p->padding_size(), 4U);
}

TEST(RtpPacket, EmptyExtensionBlockIsValid) {
  const auto bytes = hex("90 60 00 01 00 00 00 00 00 00 00 01  be de 00 00  ff");
  const auto p = ConstRtpPacket::parse(bytes);
  ASSERT_TRUE(p);
  ASSERT_TRUE(p->extension());
  EXPECT_TRUE(p->extension()->data().empty());
  EXPECT_TRUE(p->extension()->begin() == p->extension()->end());
  EXPECT_EQ(p->payload().size(), 1U);
}

TEST(RtpPacket, GenericExtensionIsOpaque) {
  // RFC 3550 §5.3.1 block with a profile that is not RFC 8285.
  const auto bytes = hex("90 60 00 01 00 00 00 00 00 00 00 01  ab cd 00 01 10 a1 22 12  ff");
  const auto p = ConstRtpPacket::parse(bytes);
  ASSERT_TRUE(p);
  const auto ext = p->extension();
  ASSERT_TRUE(ext);
  EXPECT_EQ(ext->profile(), 0xabcd);
  EXPECT_EQ(ext->form(), ExtensionForm::opaque);
  EXPECT_EQ(ext->data().size(), 4U);
  EXPECT_TRUE(ext->begin() == ext->end());
  EXPECT_FALSE(ext->find(1));
  EXPECT_TRUE(ext->well_formed());
}

TEST(RtpPacket, WritersChangeOnlyTheirField) {
  const auto original = chrome_opus_packet();
  auto bytes = original;
  auto p = RtpPacket::parse(bytes);
  ASSERT_TRUE(p);
  p->set_ssrc(0xdeadbeef);
  p->set_sequence_number(0xfffe);
  p->set_timestamp(0x80000001);
  p->set_payload_type(0);
  p->set_marker(true);

  const auto again = ConstRtpPacket::parse(bytes);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->ssrc(), 0xdeadbeefU);
  EXPECT_EQ(again->sequence_number(), 0xfffe);
  EXPECT_EQ(again->timestamp(), 0x80000001U);
  EXPECT_EQ(again->payload_type(), 0);
  EXPECT_TRUE(again->marker());
  EXPECT_EQ(bytes[0], original[0]);
  EXPECT_TRUE(std::equal(bytes.begin() + 12, bytes.end(), original.begin() + 12));

  // Marker and payload type share a byte: each writer keeps the other.
  p->set_payload_type(0xff);  // only 7 bits are used
  EXPECT_EQ(p->payload_type(), 0x7f);
  EXPECT_TRUE(p->marker());
  p->set_marker(false);
  EXPECT_EQ(p->payload_type(), 0x7f);
  EXPECT_FALSE(p->marker());
}

TEST(RtpPacket, RewritesCsrc) {
  auto bytes = hex("82 08 00 10 00 00 03 20 11 11 11 11  aa aa aa aa bb bb bb bb");
  auto p = RtpPacket::parse(bytes);
  ASSERT_TRUE(p);
  p->set_csrc(1, 0x01020304);
  EXPECT_EQ(p->csrc(0), 0xaaaaaaaaU);
  EXPECT_EQ(p->csrc(1), 0x01020304U);
}

TEST(RtpPacket, WritesAnExtensionElementInPlace) {
  auto bytes = chrome_opus_packet();
  auto p = RtpPacket::parse(bytes);
  ASSERT_TRUE(p);
  const auto abs_send_time = p->find_extension(2);
  ASSERT_TRUE(abs_send_time);
  (*abs_send_time)[0] = 0xab;  // a relay restamping abs-send-time
  EXPECT_EQ(bytes[19], 0xab);
}

// ---------------------------------------------------------------- malformed --

TEST(RtpPacketMalformed, ShorterThanFixedHeader) {
  const auto full = hex("80 00 00 01 00 00 00 02 00 00 00 03");
  for (std::size_t n = 0; n < 12; ++n) {
    const std::vector<std::uint8_t> cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
    EXPECT_EQ(error_of(cut), RtpError::too_short) << n;
  }
}

TEST(RtpPacketMalformed, VersionOtherThanTwo) {
  for (const std::uint8_t first : {0x00, 0x40, 0xc0}) {
    auto bytes = hex("80 00 00 01 00 00 00 02 00 00 00 03 00");
    bytes[0] = first;
    EXPECT_EQ(error_of(bytes), RtpError::bad_version) << int{first};
  }
}

TEST(RtpPacketMalformed, CsrcCountPastTheEnd) {
  // CC = 15 needs 72 bytes of header; one CSRC short also fails.
  EXPECT_EQ(error_of(hex("8f 00 00 01 00 00 00 02 00 00 00 03 aa aa aa aa")), RtpError::csrc_overrun);
  EXPECT_EQ(error_of(hex("82 00 00 01 00 00 00 02 00 00 00 03 aa aa aa aa bb bb bb")),
            RtpError::csrc_overrun);
  EXPECT_EQ(error_of(hex("82 00 00 01 00 00 00 02 00 00 00 03 aa aa aa aa bb bb bb bb")), RtpError::none);
}

TEST(RtpPacketMalformed, ExtensionHeaderPastTheEnd) {
  EXPECT_EQ(error_of(hex("90 00 00 01 00 00 00 02 00 00 00 03")), RtpError::extension_overrun);
  EXPECT_EQ(error_of(hex("90 00 00 01 00 00 00 02 00 00 00 03 be de 00")), RtpError::extension_overrun);
  // With CSRCs before it.
  EXPECT_EQ(error_of(hex("91 00 00 01 00 00 00 02 00 00 00 03 aa aa aa aa be de")),
            RtpError::extension_overrun);
}

TEST(RtpPacketMalformed, ExtensionLengthPastTheEnd) {
  EXPECT_EQ(error_of(hex("90 00 00 01 00 00 00 02 00 00 00 03 be de 00 02 10 a1 00 00")),
            RtpError::extension_overrun);
  EXPECT_EQ(error_of(hex("90 00 00 01 00 00 00 02 00 00 00 03 be de ff ff 10 a1 00 00")),
            RtpError::extension_overrun);
}

TEST(RtpPacketMalformed, EveryTruncationOfTheChromePacketBeforeItsPayload) {
  const auto full = chrome_opus_packet();
  for (std::size_t n = 0; n < full.size(); ++n) {
    const std::vector<std::uint8_t> cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
    const RtpError expected =
        n < 12 ? RtpError::too_short : (n < 28 ? RtpError::extension_overrun : RtpError::none);
    EXPECT_EQ(error_of(cut), expected) << n;
  }
}

TEST(RtpPacketMalformed, PaddingCountZero) {
  EXPECT_EQ(error_of(hex("a0 00 00 01 00 00 00 02 00 00 00 03 01 02 00")), RtpError::bad_padding);
}

TEST(RtpPacketMalformed, PaddingCountPastThePayload) {
  // 3 octets after the header, count 4.
  EXPECT_EQ(error_of(hex("a0 00 00 01 00 00 00 02 00 00 00 03 01 02 04")), RtpError::bad_padding);
  // P set on a bare header: the count octet would be part of the SSRC.
  EXPECT_EQ(error_of(hex("a0 00 00 01 00 00 00 02 00 00 00 03")), RtpError::bad_padding);
  // The count may not reach back into the extension block.
  EXPECT_EQ(error_of(hex("b0 00 00 01 00 00 00 02 00 00 00 03 be de 00 01 10 a1 00 00 00 03")),
            RtpError::bad_padding);
  EXPECT_EQ(error_of(hex("b0 00 00 01 00 00 00 02 00 00 00 03 be de 00 01 10 a1 00 00 00 01")),
            RtpError::none);
}

TEST(RtpPacketMalformed, EveryErrorHasAName) {
  for (const RtpError e : {RtpError::none, RtpError::too_short, RtpError::bad_version, RtpError::csrc_overrun,
                           RtpError::extension_overrun, RtpError::bad_padding}) {
    EXPECT_FALSE(to_string(e).empty());
  }
}

}  // namespace
