#pragma once
// Shared helpers for the Catch2 tests.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace framelens::testing {

/// ../shared beside the project, or $FRAMELENS_SHARED; empty path when absent (tests then SKIP-by-warn).
inline std::filesystem::path shared_dir() {
  if (const char* env = std::getenv("FRAMELENS_SHARED"); env && *env) return env;
  std::filesystem::path p = std::filesystem::path(FRAMELENS_SOURCE_DIR) / ".." / "shared";
  return std::filesystem::exists(p) ? p : std::filesystem::path{};
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Writes `bytes` to <temp>/<folder>/<name> and returns the path (scratch input files for the readers).
inline std::filesystem::path scratch_file(const std::string& folder, const std::string& name, const std::string& bytes) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / folder;
  std::filesystem::create_directories(dir);
  const std::filesystem::path p = dir / name;
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}

}  // namespace framelens::testing
