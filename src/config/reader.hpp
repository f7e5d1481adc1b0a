#pragma once
// Reads one YAML mapping into typed fields, recording a Diagnostic for every
// wrong type, bad value, missing key or unknown key, and carrying on.
#include <yaml-cpp/yaml.h>

#include <optional>
#include <set>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "rtcsip/config/config.hpp"

namespace rtcsip::config::detail {

class Diagnostics {
 public:
  Diagnostics(std::string file, std::filesystem::path base_dir)
      : file_(std::move(file)), base_dir_(std::move(base_dir)) {}
  void error(const Location& where, std::string key_path, std::string message);
  [[nodiscard]] Location locate(const YAML::Node& node) const;
  [[nodiscard]] const std::filesystem::path& base_dir() const { return base_dir_; }
  [[nodiscard]] const std::string& file() const { return file_; }
  std::vector<Diagnostic> take() { return std::move(list_); }
  [[nodiscard]] std::size_t count() const { return list_.size(); }

 private:
  std::string file_;
  std::filesystem::path base_dir_;
  std::vector<Diagnostic> list_;
};

template <class E>
using Names = std::span<const std::pair<std::string_view, E>>;

class MapReader {
 public:
  // `node` may be absent (all keys take defaults) or must be a mapping.
  MapReader(const YAML::Node& node, std::string path, Diagnostics& diags, Location fallback);
  MapReader(const MapReader&) = delete;
  MapReader& operator=(const MapReader&) = delete;
  ~MapReader() = default;

  [[nodiscard]] bool ok() const { return ok_; }
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] Location location() const { return where_; }
  [[nodiscard]] Location location_of(std::string_view key) const;
  [[nodiscard]] std::string key_path(std::string_view key) const;
  [[nodiscard]] Diagnostics& diags() { return diags_; }
  void error(std::string_view key, std::string message);

  // The child node, marked as known; nothing when absent or null.
  std::optional<YAML::Node> child(std::string_view key);
  bool has(std::string_view key);

  bool string(std::string_view key, std::string& out, bool required = false);
  bool path(std::string_view key, std::filesystem::path& out);
  bool boolean(std::string_view key, bool& out);
  bool integer(std::string_view key, long long& out, long long min, long long max, bool required = false);
  template <class T>
  bool number(std::string_view key, T& out, long long min, long long max, bool required = false) {
    long long v = 0;
    if (!integer(key, v, min, max, required)) return false;
    out = static_cast<T>(v);
    return true;
  }
  bool duration(std::string_view key, Milliseconds& out, Milliseconds min, Milliseconds max);
  bool ip_address(std::string_view key, std::string& out, bool required = false);
  bool string_list(std::string_view key, std::vector<std::string>& out);
  template <class E>
  bool enumeration(std::string_view key, E& out, Names<E> names);
  template <class E>
  bool enum_list(std::string_view key, std::vector<E>& out, Names<E> names);

  // Reports every key that was not asked for, and duplicated keys.
  void finish();

 private:
  template <class E>
  bool enum_value(const YAML::Node& n, const std::string& kpath, E& out, Names<E> names);
  bool scalar(const YAML::Node& n, const std::string& kpath, std::string& out, const char* expected);

  YAML::Node node_;
  std::string path_;
  Diagnostics& diags_;
  Location where_;
  bool ok_ = true;
  std::set<std::string, std::less<>> known_;
};

// "a, b, c" of the names, for messages.
std::string join_names(std::span<const std::string_view> names);
bool is_ip_address(const std::string& text);
// Parses "500ms", "30s", "5m", "1h" (or "0").
std::optional<Milliseconds> parse_duration(std::string_view text);

template <class E>
bool MapReader::enum_value(const YAML::Node& n, const std::string& kpath, E& out, Names<E> names) {
  std::string text;
  if (!scalar(n, kpath, text, "a string")) return false;
  for (const auto& [name, value] : names) {
    if (name == text) {
      out = value;
      return true;
    }
  }
  std::vector<std::string_view> list;
  for (const auto& entry : names) list.push_back(entry.first);
  diags_.error(diags_.locate(n), kpath, "must be one of " + join_names(list) + "; got '" + text + "'");
  return false;
}

template <class E>
bool MapReader::enumeration(std::string_view key, E& out, Names<E> names) {
  auto n = child(key);
  return n && enum_value(*n, key_path(key), out, names);
}

template <class E>
bool MapReader::enum_list(std::string_view key, std::vector<E>& out, Names<E> names) {
  auto n = child(key);
  if (!n) return false;
  if (!n->IsSequence()) {
    diags_.error(diags_.locate(*n), key_path(key), "expected a list");
    return false;
  }
  std::vector<E> values;
  bool good = true;
  for (std::size_t i = 0; i < n->size(); ++i) {
    E v{};
    if (enum_value((*n)[i], key_path(key) + "[" + std::to_string(i) + "]", v, names)) {
      values.push_back(v);
    } else {
      good = false;
    }
  }
  if (good) out = std::move(values);
  return good;
}

}  // namespace rtcsip::config::detail
