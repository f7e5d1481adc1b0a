#include "reader.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <map>

namespace rtcsip::config::detail {
namespace {

// Edits between two keys, a swap of neighbours counting as one edit
// (optimal string alignment distance).
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

std::string describe(const YAML::Node& n) {
  if (n.IsScalar()) return "'" + n.Scalar() + "'";
  if (n.IsSequence()) return "a list";
  if (n.IsMap()) return "a mapping";
  return "nothing";
}

}  // namespace

void Diagnostics::error(const Location& where, std::string key_path, std::string message) {
  list_.push_back(Diagnostic{where, std::move(key_path), std::move(message)});
}

Location Diagnostics::locate(const YAML::Node& node) const {
  const YAML::Mark m = node.Mark();
  if (m.is_null()) return Location{file_, 0, 0};
  return Location{file_, m.line + 1, m.column + 1};
}

std::string join_names(std::span<const std::string_view> names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

bool is_ip_address(const std::string& text) {
  unsigned char buf[16];
  return inet_pton(AF_INET, text.c_str(), buf) == 1 || inet_pton(AF_INET6, text.c_str(), buf) == 1;
}

std::optional<Milliseconds> parse_duration(std::string_view text) {
  if (text == "0") return Milliseconds{0};
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end == text.data() || value < 0) return std::nullopt;
  const std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  static const std::map<std::string_view, long long> kUnits = {
      {"ms", 1}, {"s", 1000}, {"m", 60'000}, {"h", 3'600'000}};
  auto it = kUnits.find(unit);
  if (it == kUnits.end() || value > (1LL << 40) / it->second) return std::nullopt;
  return Milliseconds{value * it->second};
}

MapReader::MapReader(const YAML::Node& node, std::string path, Diagnostics& diags, Location fallback)
    : node_(node), path_(std::move(path)), diags_(diags), where_(fallback) {
  if (!node_.IsDefined() || node_.IsNull()) {
    node_ = YAML::Node(YAML::NodeType::Map);
    return;
  }
  where_ = diags_.locate(node_);
  if (!node_.IsMap()) {
    diags_.error(where_, path_, "expected a mapping, got " + describe(node_));
    node_ = YAML::Node(YAML::NodeType::Map);
    ok_ = false;
  }
}

std::string MapReader::key_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

Location MapReader::location_of(std::string_view key) const {
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) return diags_.locate(it->second);
  }
  return where_;
}

void MapReader::error(std::string_view key, std::string message) {
  diags_.error(location_of(key), key_path(key), std::move(message));
}

std::optional<YAML::Node> MapReader::child(std::string_view key) {
  known_.emplace(key);
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) {
      if (it->second.IsNull()) return std::nullopt;
      return it->second;
    }
  }
  return std::nullopt;
}

bool MapReader::has(std::string_view key) { return child(key).has_value(); }

bool MapReader::scalar(const YAML::Node& n, const std::string& kpath, std::string& out,
                       const char* expected) {
  if (!n.IsScalar()) {
    diags_.error(diags_.locate(n), kpath, std::string("expected ") + expected + ", got " + describe(n));
    return false;
  }
  out = n.Scalar();
  return true;
}

bool MapReader::string(std::string_view key, std::string& out, bool required) {
  auto n = child(key);
  if (!n) {
    if (required) diags_.error(where_, key_path(key), "is required");
    return false;
  }
  return scalar(*n, key_path(key), out, "a string");
}

bool MapReader::path(std::string_view key, std::filesystem::path& out) {
  std::string text;
  if (!string(key, text)) return false;
  if (text.empty()) {
    out.clear();
    return true;
  }
  std::filesystem::path p(text);
  out = p.is_relative() && !diags_.base_dir().empty() ? diags_.base_dir() / p : p;
  return true;
}

bool MapReader::boolean(std::string_view key, bool& out) {
  auto n = child(key);
  if (!n) return false;
  std::string text;
  if (!scalar(*n, key_path(key), text, "true or false")) return false;
  if (text == "true" || text == "yes" || text == "on") {
    out = true;
  } else if (text == "false" || text == "no" || text == "off") {
    out = false;
  } else {
    diags_.error(diags_.locate(*n), key_path(key), "expected true or false, got '" + text + "'");
    return false;
  }
  return true;
}

bool MapReader::integer(std::string_view key, long long& out, long long min, long long max, bool required) {
  auto n = child(key);
  if (!n) {
    if (required) diags_.error(where_, key_path(key), "is required");
    return false;
  }
  std::string text;
  if (!scalar(*n, key_path(key), text, "an integer")) return false;
  long long v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec == std::errc::result_out_of_range ||
      (ec == std::errc{} && end == text.data() + text.size() && (v < min || v > max))) {
    diags_.error(diags_.locate(*n), key_path(key),
                 "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " + text);
    return false;
  }
  if (ec != std::errc{} || end != text.data() + text.size()) {
    diags_.error(diags_.locate(*n), key_path(key), "expected an integer, got '" + text + "'");
    return false;
  }
  out = v;
  return true;
}

bool MapReader::duration(std::string_view key, Milliseconds& out, Milliseconds min, Milliseconds max) {
  auto n = child(key);
  if (!n) return false;
  std::string text;
  if (!scalar(*n, key_path(key), text, "a duration")) return false;
  auto d = parse_duration(text);
  if (!d) {
    diags_.error(diags_.locate(*n), key_path(key),
                 "expected a duration such as 500ms, 30s, 5m or 1h, got '" + text + "'");
    return false;
  }
  if (*d < min || *d > max) {
    diags_.error(diags_.locate(*n), key_path(key),
                 "must be between " + std::to_string(min.count()) + "ms and " + std::to_string(max.count()) +
                     "ms, got " + text);
    return false;
  }
  out = *d;
  return true;
}

bool MapReader::ip_address(std::string_view key, std::string& out, bool required) {
  std::string text;
  if (!string(key, text, required)) return false;
  if (!is_ip_address(text)) {
    error(key, "expected an IPv4 or IPv6 address, got '" + text + "'");
    return false;
  }
  out = text;
  return true;
}

bool MapReader::string_list(std::string_view key, std::vector<std::string>& out) {
  auto n = child(key);
  if (!n) return false;
  if (!n->IsSequence()) {
    diags_.error(diags_.locate(*n), key_path(key), "expected a list, got " + describe(*n));
    return false;
  }
  std::vector<std::string> values;
  bool good = true;
  for (std::size_t i = 0; i < n->size(); ++i) {
    std::string v;
    if (scalar((*n)[i], key_path(key) + "[" + std::to_string(i) + "]", v, "a string")) {
      values.push_back(std::move(v));
    } else {
      good = false;
    }
  }
  if (good) out = std::move(values);
  return good;
}

void MapReader::finish() {
  std::set<std::string, std::less<>> seen;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    const std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string("?");
    const Location at = diags_.locate(it->first);
    if (!seen.insert(key).second) {
      diags_.error(at, key_path(key), "duplicate key");
      continue;
    }
    if (known_.contains(key)) continue;
    std::string message = "unknown key '" + key + "'";
    std::string best;
    // Suggest only close misspellings: one edit in a short key, two in a longer one.
    std::size_t best_distance = key.size() <= 4 ? 2 : 3;
    for (const auto& k : known_) {
      const std::size_t d = edit_distance(key, k);
      if (d < best_distance) {
        best_distance = d;
        best = k;
      }
    }
    if (!best.empty()) message += " (did you mean '" + best + "'?)";
    diags_.error(at, key_path(key), message);
  }
}

}  // namespace rtcsip::config::detail
