// SDES keys: a=crypto (RFC 4568 §9.1), offered to and by legacy SRTP peers.
#include <algorithm>

#include "grammar.hpp"
#include "rtcsip/sdp/attributes.hpp"

namespace rtcsip::sdp {
namespace {

using grammar::is_digits;
using grammar::next_field;
using grammar::parse_number;

bool is_suite_char(char c) { return grammar::is_alpha(c) || grammar::is_digit(c) || c == '_'; }

bool is_suite(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_suite_char); }

bool is_base64(std::string_view s) {
  const auto pad = s.find('=');
  if (pad != std::string_view::npos && s.find_first_not_of('=', pad) != std::string_view::npos) return false;
  const auto data = s.substr(0, pad);
  return !data.empty() && std::all_of(data.begin(), data.end(), [](char c) {
    return grammar::is_alpha(c) || grammar::is_digit(c) || c == '+' || c == '/';
  });
}

// lifetime = ["2^"] 1*(DIGIT)
bool is_lifetime(std::string_view s) {
  if (s.starts_with("2^")) s.remove_prefix(2);
  return is_digits(s);
}

// mki = mki-value ":" mki-length; mki-value = 1*DIGIT; mki-length = 1*3DIGIT
bool is_mki(std::string_view s) {
  const auto colon = s.find(':');
  if (colon == std::string_view::npos) return false;
  const auto length = s.substr(colon + 1);
  return is_digits(s.substr(0, colon)) && is_digits(length) && length.size() <= 3;
}

// "inline:" key||salt ["|" lifetime] ["|" mki ":" mki-length]
bool parse_inline(std::string_view info, CryptoKey& key) {
  auto bar = info.find('|');
  key.key_salt = info.substr(0, bar);
  if (!is_base64(key.key_salt)) return false;
  while (bar != std::string_view::npos) {
    info.remove_prefix(bar + 1);
    bar = info.find('|');
    const auto part = info.substr(0, bar);
    if (key.mki.empty() && key.lifetime.empty() && is_lifetime(part)) {
      key.lifetime = part;
    } else if (key.mki.empty() && is_mki(part)) {
      key.mki = part;
    } else {
      return false;
    }
  }
  return true;
}

// key-param = key-method ":" key-info
std::optional<CryptoKey> parse_key_param(std::string_view param) {
  const auto colon = param.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  CryptoKey key;
  key.method = param.substr(0, colon);
  const auto info = param.substr(colon + 1);
  if (!is_suite(key.method) || info.empty()) return std::nullopt;
  if (key.method == "inline") {
    if (!parse_inline(info, key)) return std::nullopt;
  } else {
    key.key_salt = info;  // key-method-ext: kept whole
  }
  return key;
}

std::string format_key(const CryptoKey& k) {
  std::string out = k.method + ':' + k.key_salt;
  if (!k.lifetime.empty()) out += '|' + k.lifetime;
  if (!k.mki.empty()) out += '|' + k.mki;
  return out;
}

}  // namespace

// a=crypto:<tag> <crypto-suite> <key-params> [<session-params>]
std::optional<Crypto> parse_crypto(std::string_view value) {
  auto rest = grammar::trim(value);
  const auto tag = parse_number(next_field(rest), 999999999);  // tag = 1*9DIGIT
  Crypto c;
  c.suite = next_field(rest);
  auto params = next_field(rest);
  if (!tag || !is_suite(c.suite) || params.empty()) return std::nullopt;
  c.tag = static_cast<std::uint32_t>(*tag);
  while (true) {
    const auto semi = params.find(';');
    auto key = parse_key_param(params.substr(0, semi));
    if (!key) return std::nullopt;
    c.keys.push_back(*std::move(key));
    if (semi == std::string_view::npos) break;
    params.remove_prefix(semi + 1);
  }
  while (!rest.empty()) c.session_params.emplace_back(next_field(rest));
  return c;
}

std::string format_crypto(const Crypto& c) {
  std::string out = std::to_string(c.tag) + ' ' + c.suite + ' ';
  for (std::size_t i = 0; i < c.keys.size(); ++i) {
    if (i != 0) out += ';';
    out += format_key(c.keys[i]);
  }
  for (const auto& p : c.session_params) out += ' ' + p;
  return out;
}

std::vector<Crypto> cryptos(const MediaDescription& m) {
  std::vector<Crypto> out;
  for (const auto& a : m.attributes) {
    if (a.name != "crypto") continue;
    if (auto c = parse_crypto(a.value)) out.push_back(*std::move(c));
  }
  return out;
}

}  // namespace rtcsip::sdp
