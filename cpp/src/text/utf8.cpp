#include "framelens/utf8.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <string>

#include "framelens/error.hpp"

namespace framelens::utf8 {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is invalid (RFC 3629).
std::size_t valid_sequence(std::string_view s, std::size_t i) noexcept {
  const auto n = s.size();
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  auto cont = [&](std::size_t k) { return i + k < n && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b0 == 0xE0 && b1 < 0xA0) return 0;   // overlong
    if (b0 == 0xED && b1 >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b0 == 0xF0 && b1 < 0x90) return 0;  // overlong
    if (b0 == 0xF4 && b1 >= 0x90) return 0;  // > U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

bool is_ascii(std::string_view text) noexcept {
  return std::all_of(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0x80) == 0; });
}

std::size_t find_invalid(std::string_view text) noexcept {
  std::size_t i = 0;
  const auto n = text.size();
  while (i < n) {
    // Fast path over ASCII runs.
    while (i < n && (static_cast<unsigned char>(text[i]) & 0x80) == 0) ++i;
    if (i == n) break;
    const auto len = valid_sequence(text, i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

void validate(std::string_view text, std::string_view source) {
  const auto bad = find_invalid(text);
  if (bad == std::string_view::npos) return;
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < bad; ++i) {
    if (text[i] == '\n') { line += 1; col = 1; }
    else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) col += 1;
  }
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(text[bad])));
  std::string msg = std::string(source.empty() ? "<text>" : source) + ": invalid UTF-8 at byte " +
                    std::to_string(bad) + " (line " + std::to_string(line) + ", column " + std::to_string(col) +
                    ", byte " + hex + "). Convert the input to UTF-8 (e.g. `iconv -f latin1 -t utf-8`), "
                    "or read it with errors=\"replace\" to substitute U+FFFD.";
  throw EncodingError(msg, std::string(source), bad);
}

std::size_t replace_invalid(std::string& text) {
  if (find_invalid(text) == std::string::npos) return 0;
  std::string out;
  out.reserve(text.size() + 16);
  std::size_t count = 0, i = 0;
  while (i < text.size()) {
    const auto len = valid_sequence(text, i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++count;
      ++i;
      // A broken multi-byte sequence's continuation bytes belong to the same replacement.
      while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
    } else {
      out.append(text, i, len);
      i += len;
    }
  }
  text.swap(out);
  return count;
}

bool strip_bom(std::string& text) {
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    text.erase(0, 3);
    return true;
  }
  return false;
}

std::size_t length(std::string_view text) noexcept {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::vector<std::size_t> to_codepoints(std::string_view text, const std::vector<std::size_t>& byte_offsets) {
  std::vector<std::size_t> out(byte_offsets.size());
  if (is_ascii(text)) {
    for (std::size_t k = 0; k < byte_offsets.size(); ++k) out[k] = std::min(byte_offsets[k], text.size());
    return out;
  }
  std::vector<std::size_t> order(byte_offsets.size());
  std::iota(order.begin(), order.end(), 0);
  if (!std::is_sorted(byte_offsets.begin(), byte_offsets.end()))
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return byte_offsets[a] < byte_offsets[b]; });
  std::size_t pos = 0, cp = 0;
  for (auto k : order) {
    const auto target = std::min(byte_offsets[k], text.size());
    for (; pos < target; ++pos) cp += (static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80;
    out[k] = cp;
  }
  return out;
}

std::vector<std::size_t> to_bytes(std::string_view text, const std::vector<std::size_t>& cp_offsets) {
  std::vector<std::size_t> out(cp_offsets.size());
  std::vector<std::size_t> order(cp_offsets.size());
  std::iota(order.begin(), order.end(), 0);
  if (!std::is_sorted(cp_offsets.begin(), cp_offsets.end()))
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return cp_offsets[a] < cp_offsets[b]; });
  std::size_t pos = 0, cp = 0;
  for (auto k : order) {
    const auto target = cp_offsets[k];
    while (cp < target && pos < text.size()) {
      ++pos;
      while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
      ++cp;
    }
    if (cp < target)
      throw InvalidArgument("code point offset " + std::to_string(target) + " is past the end of the text (" +
                            std::to_string(cp) + " code points)");
    out[k] = pos;
  }
  return out;
}

void append(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

namespace {

// Two passes: the exact size first (one allocation, no growth), then the bytes.
template <class Unit>
std::size_t encode_units(const Unit* u, std::size_t n, std::string& out) {
  std::size_t size = n;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t c = u[i];
    if (c < 0x80) continue;
    if constexpr (sizeof(Unit) > 1)
      if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) return i;
    size += c < 0x800 ? 1 : c < 0x10000 ? 2 : 3;
  }
  if constexpr (sizeof(Unit) == 1) {
    if (size == n) {  // ASCII
      out.assign(reinterpret_cast<const char*>(u), n);
      return std::string_view::npos;
    }
  }
  out.resize(size);
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t c = u[i];
    if (c < 0x80) {
      *o++ = static_cast<unsigned char>(c);
    } else if (c < 0x800) {
      *o++ = static_cast<unsigned char>(0xC0 | (c >> 6));
      *o++ = static_cast<unsigned char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      *o++ = static_cast<unsigned char>(0xE0 | (c >> 12));
      *o++ = static_cast<unsigned char>(0x80 | ((c >> 6) & 0x3F));
      *o++ = static_cast<unsigned char>(0x80 | (c & 0x3F));
    } else {
      *o++ = static_cast<unsigned char>(0xF0 | (c >> 18));
      *o++ = static_cast<unsigned char>(0x80 | ((c >> 12) & 0x3F));
      *o++ = static_cast<unsigned char>(0x80 | ((c >> 6) & 0x3F));
      *o++ = static_cast<unsigned char>(0x80 | (c & 0x3F));
    }
  }
  return std::string_view::npos;
}

}  // namespace

std::size_t encode(const void* units, std::size_t n, int width, std::string& out) {
  switch (width) {
    case 1: return encode_units(static_cast<const std::uint8_t*>(units), n, out);
    case 2: return encode_units(static_cast<const std::uint16_t*>(units), n, out);
    case 4: return encode_units(static_cast<const std::uint32_t*>(units), n, out);
    default: throw InvalidArgument("utf8::encode: code units are 1, 2 or 4 bytes wide, not " + std::to_string(width));
  }
}

}  // namespace framelens::utf8
