#pragma once
// Shared checks of the libFuzzer harnesses. A harness may only see framelens's own exceptions for bad
// input (caught by guarded()); anything else - another exception, a sanitizer report, a broken invariant
// (require()) - aborts and is a finding.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

#include "framelens/document.hpp"
#include "framelens/error.hpp"
#include "framelens/utf8.hpp"

namespace fuzz {

[[noreturn]] inline void fail(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "INVARIANT BROKEN: %s %s\n", what, detail.c_str());
  std::abort();
}
inline void require(bool ok, const char* what, const std::string& detail = {}) {
  if (!ok) fail(what, detail);
}

inline bool valid_utf8(std::string_view s) { return framelens::utf8::find_invalid(s) == std::string_view::npos; }

/// Not inside a multi-byte sequence: the byte at i is no continuation byte (or i is the end).
inline bool on_boundary(std::string_view s, std::size_t i) {
  return i == s.size() || (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80);
}

/// A span inside `text`, start <= end, both on code-point boundaries.
inline void require_span(std::string_view text, const framelens::Span& sp, const char* what) {
  if (sp.start > sp.end || sp.end > text.size() || !on_boundary(text, sp.start) || !on_boundary(text, sp.end))
    fail(what, "span [" + std::to_string(sp.start) + ", " + std::to_string(sp.end) + ") in a text of " +
                   std::to_string(text.size()) + " bytes");
}

/// The fuzz input as a (repaired) UTF-8 string: most entry points take valid UTF-8 only.
inline std::string text_of(const std::uint8_t* data, std::size_t size) {
  std::string s(reinterpret_cast<const char*>(data), size);
  framelens::utf8::replace_invalid(s);
  return s;
}

/// Writes the input to a file of this process (readers take paths); removed by the destructor.
class TempFile {
 public:
  TempFile(const std::uint8_t* data, std::size_t size, const char* suffix)
      : path_("/tmp/framelens_fuzz_" + std::to_string(::getpid()) + suffix) {
    std::ofstream(path_, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data), size);
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// Runs f; framelens errors (bad input, reported properly) are fine, and their message names something.
template <class F>
bool guarded(F&& f) {
  try {
    f();
    return true;
  } catch (const framelens::Error& e) {
    require(std::string_view(e.what()).size() > 10, "error without a message");
    return false;
  }
}

}  // namespace fuzz
