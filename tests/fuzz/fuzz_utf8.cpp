// UTF-8 utilities against a reference decoder written from RFC 3629 (no shortcut shared with the library):
// find_invalid, replace_invalid, length, to_codepoints / to_bytes.
#include <vector>

#include "fuzz_common.hpp"

namespace {
// Length of the valid sequence at s[i], or 0 when the bytes there are not valid UTF-8.
std::size_t reference_sequence(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(s[k])); };
  const unsigned c = b(i);
  if (c < 0x80) return 1;
  std::size_t n;
  unsigned cp, lo;
  if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; lo = 0x80; }
  else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0F; lo = 0x800; }
  else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; lo = 0x10000; }
  else return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if (cp < lo || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace framelens;
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  std::size_t first_bad = std::string_view::npos, count = 0;
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < size;) {
    const std::size_t n = reference_sequence(in, i);
    if (!n) { first_bad = i; break; }
    starts.push_back(i);
    ++count;
    i += n;
  }
  fuzz::require(utf8::find_invalid(in) == first_bad, "find_invalid disagrees with the reference decoder");
  std::string repaired(in);
  const std::size_t replaced = utf8::replace_invalid(repaired);
  fuzz::require(fuzz::valid_utf8(repaired), "replace_invalid left invalid UTF-8");
  fuzz::require((replaced == 0) == (first_bad == std::string_view::npos), "replace_invalid count");
  if (first_bad == std::string_view::npos) {
    fuzz::require(repaired == in, "replace_invalid changed valid text");
    fuzz::require(utf8::length(in) == count, "length disagrees with the reference decoder");
    std::vector<std::size_t> bytes = starts;
    bytes.push_back(size);
    const auto cps = utf8::to_codepoints(in, bytes);
    for (std::size_t k = 0; k < cps.size(); ++k) fuzz::require(cps[k] == k, "to_codepoints");
    fuzz::require(utf8::to_bytes(in, cps) == bytes, "to_bytes(to_codepoints(x)) != x");
  }
  return 0;
}
