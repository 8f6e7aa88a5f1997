#pragma once
// Internal: a word's 32-bit key (its length and three of its bytes), computed once per token by the
// tokenizer while the bytes are in cache, so look-up filters need not read the text again.
#include <cstdint>
#include <string_view>

namespace framelens::quotes_detail {

inline std::uint32_t word_key(std::string_view w) noexcept {
  const std::size_t n = w.size();
  if (n == 0) return 0;
  return static_cast<unsigned char>(w[0]) | static_cast<std::uint32_t>(static_cast<unsigned char>(w[n / 2])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(w[n - 1])) << 16 |
         static_cast<std::uint32_t>(n < 255 ? n : 255) << 24;
}

}  // namespace framelens::quotes_detail
