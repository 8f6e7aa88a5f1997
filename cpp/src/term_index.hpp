#pragma once
// Internal: an open-addressing hash map from byte strings to dense ids 0..n-1 (insertion order).
// Keys live in one arena; term(id) views are valid until the next insert.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace framelens::detail {

inline std::uint64_t hash_bytes(std::string_view s) noexcept {
  // A small multiply-xorshift hash over 8-byte words (terms are short; this is not cryptographic).
  constexpr std::uint64_t k = 0x9E3779B97F4A7C15ull;
  std::uint64_t h = 0xA0761D6478BD642Full ^ (s.size() * k);
  const char* p = s.data();
  std::size_t n = s.size();
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * k;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = (h ^ w) * k;
    h ^= h >> 29;
  }
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 32;
  return h;
}

class TermIndex {
 public:
  static constexpr std::uint32_t npos = 0xFFFFFFFFu;

  TermIndex() { rehash(1024); }

  std::size_t size() const noexcept { return offsets_.size() - 1; }

  std::string_view term(std::uint32_t id) const noexcept {
    return std::string_view(arena_.data() + offsets_[id], offsets_[id + 1] - offsets_[id]);
  }

  std::uint32_t find(std::string_view key) const noexcept { return find(key, hash_bytes(key)); }

  std::uint32_t find(std::string_view key, std::uint64_t h) const noexcept {
    std::size_t i = h & mask_;
    for (;;) {
      const std::uint32_t slot = slots_[i];
      if (slot == 0) return npos;
      if (hashes_[i] == h && term(slot - 1) == key) return slot - 1;
      i = (i + 1) & mask_;
    }
  }

  /// The id of `key`, inserting it when new.
  std::uint32_t insert(std::string_view key) {
    const std::uint64_t h = hash_bytes(key);
    std::size_t i = h & mask_;
    for (;;) {
      const std::uint32_t slot = slots_[i];
      if (slot == 0) break;
      if (hashes_[i] == h && term(slot - 1) == key) return slot - 1;
      i = (i + 1) & mask_;
    }
    const auto id = static_cast<std::uint32_t>(size());
    arena_.append(key.data(), key.size());
    offsets_.push_back(arena_.size());
    slots_[i] = id + 1;
    hashes_[i] = h;
    if ((size() + 1) * 2 > slots_.size()) rehash(slots_.size() * 2);
    return id;
  }

 private:
  void rehash(std::size_t n) {
    std::vector<std::uint32_t> slots(n, 0);
    std::vector<std::uint64_t> hashes(n, 0);
    const std::size_t mask = n - 1;
    for (std::size_t j = 0; j < slots_.size(); ++j) {
      if (!slots_[j]) continue;
      std::size_t i = hashes_[j] & mask;
      while (slots[i]) i = (i + 1) & mask;
      slots[i] = slots_[j];
      hashes[i] = hashes_[j];
    }
    slots_.swap(slots);
    hashes_.swap(hashes);
    mask_ = mask;
  }

  std::vector<std::uint32_t> slots_;  // id + 1; 0 = empty
  std::vector<std::uint64_t> hashes_;
  std::size_t mask_ = 0;
  std::string arena_;
  std::vector<std::size_t> offsets_{0};
};

}  // namespace framelens::detail
