#include "reference_srtp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cctype>
#include <cstdio>
#include <stdexcept>

namespace rtcsip::media::srtp::reference {
namespace {

bool is_gcm(Profile p) { return p == Profile::aead_aes_128_gcm || p == Profile::aead_aes_256_gcm; }

const EVP_CIPHER* ctr_cipher(std::size_t key_length) {
  return key_length == 32 ? EVP_aes_256_ctr() : EVP_aes_128_ctr();
}

const EVP_CIPHER* gcm_cipher(std::size_t key_length) {
  return key_length == 32 ? EVP_aes_256_gcm() : EVP_aes_128_gcm();
}

// Encrypts `data` in place under AES-CTR or, with a tag buffer, AES-GCM.
void evp_encrypt(const EVP_CIPHER* cipher, View key, View iv, View aad, std::span<std::uint8_t> data,
                 std::span<std::uint8_t> tag = {}) {
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  int n = 0;
  bool ok = EVP_EncryptInit_ex(ctx, cipher, nullptr, nullptr, nullptr) == 1;
  if (!tag.empty())
    ok = ok && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(iv.size()), nullptr);
  ok = ok && EVP_EncryptInit_ex(ctx, nullptr, nullptr, key.data(), iv.data()) == 1;
  if (!aad.empty())
    ok = ok && EVP_EncryptUpdate(ctx, nullptr, &n, aad.data(), static_cast<int>(aad.size())) == 1;
  if (!data.empty()) {
    ok = ok && EVP_EncryptUpdate(ctx, data.data(), &n, data.data(), static_cast<int>(data.size())) == 1;
  }
  ok = ok && EVP_EncryptFinal_ex(ctx, data.data() + data.size(), &n) == 1;
  if (!tag.empty())
    ok = ok && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, static_cast<int>(tag.size()), tag.data());
  EVP_CIPHER_CTX_free(ctx);
  if (!ok) throw std::runtime_error("OpenSSL failed");
}

Bytes hmac_sha1(View key, View message) {
  Bytes out(20);
  unsigned int n = 0;
  HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), message.data(), message.size(), out.data(), &n);
  return out;
}

void put32(std::uint8_t* p, std::uint32_t v) {
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

std::uint32_t get32(const std::uint8_t* p) {
  return std::uint32_t(p[0]) << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

// RFC 3550 §5.1: fixed header, CSRC list and header extension.
std::size_t rtp_header_length(View packet) {
  std::size_t length = 12 + 4 * (packet[0] & 0x0F);
  if (packet[0] & 0x10) length += 4 + 4 * (std::size_t(packet[length + 2]) << 8 | packet[length + 3]);
  return length;
}

// RFC 3711 §4.1.1: IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16).
Bytes cm_iv(View salt, std::uint32_t ssrc, std::uint64_t index) {
  Bytes iv(16, 0);
  std::copy(salt.begin(), salt.end(), iv.begin());
  for (int i = 0; i < 4; ++i) iv[4 + i] ^= std::uint8_t(ssrc >> (24 - 8 * i));
  for (int i = 0; i < 6; ++i) iv[8 + i] ^= std::uint8_t(index >> (40 - 8 * i));
  return iv;
}

// RFC 7714 §8.1 / §9.1: IV = (00 00 || SSRC || 48-bit index) XOR salt.
Bytes gcm_iv(View salt, std::uint32_t ssrc, std::uint64_t index) {
  Bytes iv(salt.begin(), salt.end());
  for (int i = 0; i < 4; ++i) iv[2 + i] ^= std::uint8_t(ssrc >> (24 - 8 * i));
  for (int i = 0; i < 6; ++i) iv[6 + i] ^= std::uint8_t(index >> (40 - 8 * i));
  return iv;
}

SessionKeys derive_keys(const MasterKey& master, Label enc, Label auth, Label salt) {
  const Profile p = master.profile();
  SessionKeys keys;
  keys.encryption = derive(master.key(), master.salt(), enc, master_key_length(p));
  keys.salt = derive(master.key(), master.salt(), salt, master_salt_length(p));
  if (!is_gcm(p)) keys.authentication = derive(master.key(), master.salt(), auth, 20);
  return keys;
}

}  // namespace

Bytes hex(std::string_view text) {
  Bytes out;
  std::string digits;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) digits.push_back(c);
  }
  for (std::size_t i = 0; i + 1 < digits.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoul(digits.substr(i, 2), nullptr, 16)));
  }
  return out;
}

std::string to_hex(View bytes) {
  std::string out;
  char buf[3];
  for (std::uint8_t b : bytes) {
    std::snprintf(buf, sizeof buf, "%02x", b);
    out += buf;
  }
  return out;
}

Bytes derive(View master_key, View master_salt, Label label, std::size_t length) {
  // RFC 3711 §4.3.1: x = key_id XOR master_salt, key_id = label || r (r = 0);
  // §4.3.3: the PRF is AES-CM keyed with the master key from IV = x * 2^16.
  Bytes iv(16, 0);
  std::copy(master_salt.begin(), master_salt.end(), iv.begin());
  iv[7] ^= label;
  return aes_cm_keystream(master_key, iv, length);
}

Bytes aes_cm_keystream(View session_key, View iv, std::size_t length) {
  Bytes out(length, 0);
  evp_encrypt(ctr_cipher(session_key.size()), session_key, iv, {}, out);
  return out;
}

SessionKeys derive_rtp_keys(const MasterKey& m) {
  return derive_keys(m, rtp_encryption, rtp_authentication, rtp_salt);
}
SessionKeys derive_rtcp_keys(const MasterKey& m) {
  return derive_keys(m, rtcp_encryption, rtcp_authentication, rtcp_salt);
}

Bytes protect_rtp(Profile profile, const SessionKeys& keys, View packet, std::uint32_t roc) {
  const std::size_t header = rtp_header_length(packet);
  const std::uint32_t ssrc = get32(packet.data() + 8);
  const std::uint64_t index = std::uint64_t{roc} << 16 | (packet[2] << 8 | packet[3]);
  Bytes out(packet.begin(), packet.end());
  std::span<std::uint8_t> payload(out.data() + header, out.size() - header);
  if (is_gcm(profile)) {
    // RFC 7714 §8.1: the header is associated data; the tag follows the ciphertext.
    Bytes tag(16);
    evp_encrypt(gcm_cipher(keys.encryption.size()), keys.encryption, gcm_iv(keys.salt, ssrc, index),
                View(out.data(), header), payload, tag);
    out.insert(out.end(), tag.begin(), tag.end());
    return out;
  }
  // RFC 3711 §3.3: encrypt the payload, then tag header || payload || ROC.
  const Bytes stream = aes_cm_keystream(keys.encryption, cm_iv(keys.salt, ssrc, index), payload.size());
  for (std::size_t i = 0; i < payload.size(); ++i) payload[i] ^= stream[i];
  Bytes authenticated = out;
  authenticated.resize(out.size() + 4);
  put32(authenticated.data() + out.size(), roc);
  const Bytes tag = hmac_sha1(keys.authentication, authenticated);
  out.insert(out.end(), tag.begin(), tag.begin() + rtp_overhead(profile));
  return out;
}

Bytes protect_rtcp(Profile profile, const SessionKeys& keys, View packet, std::uint32_t index) {
  const std::uint32_t ssrc = get32(packet.data() + 4);
  Bytes out(packet.begin(), packet.end());
  std::span<std::uint8_t> payload(out.data() + 8, out.size() - 8);
  std::uint8_t e_index[4];
  put32(e_index, 0x80000000u | index);  // RFC 3711 §3.4: E flag set, 31-bit index
  if (is_gcm(profile)) {
    // RFC 7714 §9.1: AAD = the first 8 octets || E flag and index.
    Bytes aad(out.begin(), out.begin() + 8);
    aad.insert(aad.end(), e_index, e_index + 4);
    Bytes tag(16);
    evp_encrypt(gcm_cipher(keys.encryption.size()), keys.encryption, gcm_iv(keys.salt, ssrc, index), aad,
                payload, tag);
    out.insert(out.end(), tag.begin(), tag.end());
    out.insert(out.end(), e_index, e_index + 4);
    return out;
  }
  // RFC 3711 §3.4: encrypt after the first 8 octets, append E||index, tag it all.
  const Bytes stream = aes_cm_keystream(keys.encryption, cm_iv(keys.salt, ssrc, index), payload.size());
  for (std::size_t i = 0; i < payload.size(); ++i) payload[i] ^= stream[i];
  out.insert(out.end(), e_index, e_index + 4);
  const Bytes tag = hmac_sha1(keys.authentication, out);
  out.insert(out.end(), tag.begin(), tag.begin() + traits(profile).rtcp_tag_length);
  return out;
}

}  // namespace rtcsip::media::srtp::reference
