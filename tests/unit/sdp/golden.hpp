#pragma once
// Golden SDP files for the offer/answer and translator tests: <case>.in.sdp
// is what arrives, <case>.expected.sdp what we must produce, compared whole.
// Files are kept with LF endings; the serializer writes CRLF.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "rtcsip/sdp/parser.hpp"

namespace rtcsip::sdp::golden {

inline std::filesystem::path data_dir(const std::string& sub) {
  return std::filesystem::path(RTCSIP_TEST_DATA) / "sdp" / sub;
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string without_cr(std::string text) {
  std::erase(text, '\r');
  return text;
}

// Parses a data file; a parse failure fails the test and gives an empty model.
inline SessionDescription load(const std::string& sub, const std::string& file) {
  const auto text = read_text(data_dir(sub) / file);
  auto parsed = parse(text);
  EXPECT_TRUE(parsed.ok()) << file << ": " << (parsed.ok() ? "" : parsed.error().reason) << " at line "
                           << (parsed.ok() ? 0 : parsed.error().line);
  return parsed.ok() ? *parsed : SessionDescription{};
}

// The whole serialized SDP against <name>.expected.sdp.
inline void expect_matches(const std::string& sub, const std::string& name, const SessionDescription& got) {
  const auto expected = read_text(data_dir(sub) / (name + ".expected.sdp"));
  EXPECT_EQ(without_cr(serialize(got)), expected) << "case " << sub << "/" << name;
}

}  // namespace rtcsip::sdp::golden
