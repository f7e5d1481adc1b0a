#include "line_fields.hpp"

#include <algorithm>

#include "grammar.hpp"

namespace rtcsip::sdp::fields {
namespace {

using grammar::is_digits;
using grammar::is_non_ws;
using grammar::is_token;
using grammar::parse_number;
using grammar::split_fields;

constexpr auto npos = std::string_view::npos;

// typed-time = 1*DIGIT [fixed-len-time-unit] (RFC 8866 §9)
bool is_typed_time(std::string_view s) {
  if (!s.empty() && std::string_view("dhms").find(s.back()) != npos) s.remove_suffix(1);
  return is_digits(s);
}

// proto = token *("/" token)
bool is_proto(std::string_view s) {
  while (true) {
    const auto slash = s.find('/');
    if (!is_token(s.substr(0, slash))) return false;
    if (slash == npos) return true;
    s.remove_prefix(slash + 1);
  }
}

std::string join(const std::vector<std::string_view>& fields) {
  std::string out;
  for (const auto f : fields) {
    if (!out.empty()) out += ' ';
    out += f;
  }
  return out;
}

}  // namespace

std::optional<Origin> parse_origin(std::string_view value) {
  const auto f = split_fields(value);
  if (f.size() != 6 || !is_non_ws(f[0]) || !is_digits(f[1]) || !is_digits(f[2]) || !is_token(f[3]) ||
      !is_token(f[4]) || !is_non_ws(f[5])) {
    return std::nullopt;
  }
  return Origin{std::string(f[0]), std::string(f[1]), std::string(f[2]),
                std::string(f[3]), std::string(f[4]), std::string(f[5])};
}

std::optional<Connection> parse_connection(std::string_view value) {
  const auto f = split_fields(value);
  if (f.size() != 3 || !is_token(f[0]) || !is_token(f[1]) || !is_non_ws(f[2])) return std::nullopt;
  return Connection{std::string(f[0]), std::string(f[1]), std::string(f[2])};
}

std::optional<Bandwidth> parse_bandwidth(std::string_view value) {
  const auto colon = value.find(':');
  if (colon == npos || !is_token(value.substr(0, colon))) return std::nullopt;
  const auto n = parse_number(value.substr(colon + 1));
  if (!n) return std::nullopt;
  return Bandwidth{std::string(value.substr(0, colon)), *n};
}

std::optional<Timing> parse_timing(std::string_view value) {
  const auto f = split_fields(value);
  if (f.size() != 2 || !is_digits(f[0]) || !is_digits(f[1])) return std::nullopt;
  return Timing{join(f), {}};
}

// r=<repeat interval> <active duration> <offsets from start-time>
std::optional<std::string> parse_repeat(std::string_view value) {
  const auto f = split_fields(value);
  if (f.size() < 3 || !std::all_of(f.begin(), f.end(), is_typed_time)) return std::nullopt;
  return join(f);
}

// z=<adjustment time> <offset> ... with offsets that may be negative.
std::optional<std::string> parse_zone(std::string_view value) {
  const auto f = split_fields(value);
  if (f.empty() || f.size() % 2 != 0) return std::nullopt;
  for (std::size_t i = 0; i < f.size(); i += 2) {
    auto offset = f[i + 1];
    if (!offset.empty() && offset.front() == '-') offset.remove_prefix(1);
    if (!is_digits(f[i]) || !is_typed_time(offset)) return std::nullopt;
  }
  return join(f);
}

// m=<media> <port>[/<number of ports>] <proto> <fmt> ...
std::optional<MediaDescription> parse_media(std::string_view value) {
  const auto f = split_fields(value);
  if (f.size() < 4 || !is_token(f[0]) || !is_proto(f[2])) return std::nullopt;
  MediaDescription m;
  const auto slash = f[1].find('/');
  const auto port = parse_number(f[1].substr(0, slash), 65535);
  if (!port) return std::nullopt;
  if (slash != npos) {
    const auto count = parse_number(f[1].substr(slash + 1), 65535);
    if (!count || *count == 0) return std::nullopt;
    m.port_count = static_cast<std::uint16_t>(*count);
  }
  if (!std::all_of(f.begin() + 3, f.end(), is_token)) return std::nullopt;
  m.media = f[0];
  m.port = static_cast<std::uint16_t>(*port);
  m.proto = f[2];
  m.formats.assign(f.begin() + 3, f.end());
  return m;
}

}  // namespace rtcsip::sdp::fields
