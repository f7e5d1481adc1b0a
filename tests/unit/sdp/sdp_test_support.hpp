#pragma once
// Shared by the SDP unit tests: the golden files of tests/data/sdp/golden and
// readable failure output for parse errors.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "rtcsip/sdp/parser.hpp"

namespace rtcsip::sdp {

// GoogleTest prints an Error this way instead of as bytes.
inline void PrintTo(const Error& e, std::ostream* os) { *os << '"' << e.reason << "\" at line " << e.line; }

}  // namespace rtcsip::sdp

namespace rtcsip::sdp::test {

inline std::filesystem::path golden_dir() {
  return std::filesystem::path(RTCSIP_TEST_DATA) / "sdp" / "golden";
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::string golden(const std::string& name) { return read_file(golden_dir() / (name + ".sdp")); }

// The names (without .sdp) of every golden file, sorted.
inline std::vector<std::string> golden_names() {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(golden_dir())) {
    if (e.path().extension() == ".sdp") names.push_back(e.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace rtcsip::sdp::test
