#include "policy.hpp"

namespace rtcsip::media::srtp {

void set_crypto_policies(Profile profile, srtp_crypto_policy_t& rtp, srtp_crypto_policy_t& rtcp) noexcept {
  switch (profile) {
    case Profile::aes_cm_128_hmac_sha1_80:
      srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&rtp);
      srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&rtcp);
      return;
    case Profile::aes_cm_128_hmac_sha1_32:
      // RFC 5764 §4.1.2 and RFC 3711 §7.5: SRTCP keeps the 80-bit tag.
      srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(&rtp);
      srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&rtcp);
      return;
    case Profile::aead_aes_128_gcm:
      // RFC 7714 §12: a 16-octet tag for SRTP and SRTCP alike.
      srtp_crypto_policy_set_aes_gcm_128_16_auth(&rtp);
      srtp_crypto_policy_set_aes_gcm_128_16_auth(&rtcp);
      return;
    case Profile::aead_aes_256_gcm:
      srtp_crypto_policy_set_aes_gcm_256_16_auth(&rtp);
      srtp_crypto_policy_set_aes_gcm_256_16_auth(&rtcp);
      return;
    case Profile::aes_256_cm_hmac_sha1_80:
      srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(&rtp);
      srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(&rtcp);
      return;
  }
}

srtp_policy_t make_policy(const MasterKey& key, Direction direction, const SessionOptions& options) noexcept {
  srtp_policy_t policy{};
  set_crypto_policies(key.profile(), policy.rtp, policy.rtcp);
  // One template stream per direction; libsrtp clones it for each SSRC it meets.
  policy.ssrc.type = direction == Direction::inbound ? ssrc_any_inbound : ssrc_any_outbound;
  // libsrtp reads key || salt and never writes through this pointer.
  policy.key = const_cast<unsigned char*>(key.key_salt().data());
  policy.window_size = options.replay_window;
  policy.allow_repeat_tx = 0;  // RFC 3711 §3.3.2: a repeated index is a replay
  policy.next = nullptr;
  return policy;
}

}  // namespace rtcsip::media::srtp
