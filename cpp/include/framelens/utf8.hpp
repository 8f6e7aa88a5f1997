#pragma once
// UTF-8 validation, repair and byte <-> code point offset conversion.
// Inside the core every offset is a UTF-8 byte offset; Python sees code point offsets.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace framelens::utf8 {

/// Byte offset of the first invalid UTF-8 sequence, or std::string_view::npos when the text is valid.
/// Overlong forms, surrogates and code points above U+10FFFF are invalid.
std::size_t find_invalid(std::string_view text) noexcept;

/// Throws framelens::EncodingError naming `source`, the byte offset, line and column of the first
/// invalid sequence and what to do about it. Does nothing for valid text.
void validate(std::string_view text, std::string_view source);

/// Replaces every invalid sequence by U+FFFD in place; returns how many were replaced.
std::size_t replace_invalid(std::string& text);

/// True when every byte is ASCII.
bool is_ascii(std::string_view text) noexcept;

/// Removes a leading UTF-8 byte order mark; returns true when there was one.
bool strip_bom(std::string& text);

/// Number of code points in valid UTF-8 text.
std::size_t length(std::string_view text) noexcept;

/// Converts byte offsets into code point offsets of the same (valid UTF-8) text. Offsets may come in
/// any order; each must lie on a code point boundary or at text.size(). One pass when sorted.
std::vector<std::size_t> to_codepoints(std::string_view text, const std::vector<std::size_t>& byte_offsets);

/// Converts code point offsets into byte offsets of the same text (the inverse of to_codepoints).
/// Throws InvalidArgument for an offset past the end.
std::vector<std::size_t> to_bytes(std::string_view text, const std::vector<std::size_t>& cp_offsets);

/// Whether `c` continues a multi-byte sequence (10xxxxxx): no code point starts at it.
inline bool is_continuation(char c) noexcept { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

/// Decodes the code point starting at byte `i` of valid UTF-8 and advances `i` past it.
inline char32_t next(std::string_view s, std::size_t& i) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) { ++i; return b0; }
  if (b0 < 0xE0) {
    char32_t c = ((b0 & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
    i += 2; return c;
  }
  if (b0 < 0xF0) {
    char32_t c = ((b0 & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                 (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
    i += 3; return c;
  }
  char32_t c = ((b0 & 0x07u) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 12) |
               ((static_cast<unsigned char>(s[i + 2]) & 0x3Fu) << 6) | (static_cast<unsigned char>(s[i + 3]) & 0x3Fu);
  i += 4; return c;
}

/// Appends the UTF-8 encoding of `c` to `out`.
void append(std::string& out, char32_t c);

/// Encodes `n` fixed-width code units (`width` 1 = Latin-1, 2 = UCS-2, 4 = UCS-4, as Python keeps its
/// strings) as UTF-8, replacing `out`. Returns the index of the first unit UTF-8 cannot hold (a lone
/// surrogate or a value above U+10FFFF; `out` is then unspecified), or std::string_view::npos.
std::size_t encode(const void* units, std::size_t n, int width, std::string& out);

}  // namespace framelens::utf8
