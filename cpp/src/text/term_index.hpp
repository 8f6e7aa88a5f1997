#pragma once
// Internal: an open-addressing hash map from byte strings to dense ids 0..n-1 (insertion order).
// Keys live in one arena; term(id) views are valid until the next insert.
#include <cstdint>
#include <cstring>
#include <initializer_list>
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

  /// `slots`: initial table size, a power of two (it doubles at half load).
  explicit TermIndex(std::size_t slots = 1024) { rehash(slots); }

  std::size_t size() const noexcept { return offsets_.size() - 1; }

  std::string_view term(std::uint32_t id) const noexcept {
    return std::string_view(arena_.data() + offsets_[id], offsets_[id + 1] - offsets_[id]);
  }

  std::uint32_t find(std::string_view key) const noexcept {
    const std::uint64_t h = hash_bytes(key);
    const std::uint64_t w = word(key, h);
    const auto len = static_cast<std::uint32_t>(key.size());
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.id1 == 0) return npos;
      if (slot.word == w && slot.len == len && (len <= 8 || term(slot.id1 - 1) == key)) return slot.id1 - 1;
    }
  }

  /// The id of `key`, inserting it when new.
  std::uint32_t insert(std::string_view key) {
    const std::uint64_t h = hash_bytes(key);
    const std::uint64_t w = word(key, h);
    const auto len = static_cast<std::uint32_t>(key.size());
    std::size_t i = h & mask_;
    for (;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.id1 == 0) break;
      if (slot.word == w && slot.len == len && (len <= 8 || term(slot.id1 - 1) == key)) return slot.id1 - 1;
    }
    const auto id = static_cast<std::uint32_t>(size());
    arena_.append(key.data(), key.size());
    offsets_.push_back(arena_.size());
    slots_[i] = Slot{w, id + 1, len};
    if ((size() + 1) * 2 > slots_.size()) rehash(slots_.size() * 2);
    return id;
  }

 private:
  // Keys of up to 8 bytes are stored in the slot itself (most words), so a lookup touches one
  // cache line; longer keys store their hash there and are compared in the arena.
  struct Slot {
    std::uint64_t word;
    std::uint32_t id1;  // id + 1; 0 = empty
    std::uint32_t len;
  };

  static std::uint64_t word(std::string_view key, std::uint64_t h) noexcept {
    if (key.size() > 8) return h;
    std::uint64_t w = 0;
    std::memcpy(&w, key.data(), key.size());
    return w;
  }

  void rehash(std::size_t n) {
    std::vector<Slot> slots(n, Slot{0, 0, 0});
    const std::size_t mask = n - 1;
    for (std::uint32_t id = 0; id < size(); ++id) {
      const std::string_view t = term(id);
      const std::uint64_t h = hash_bytes(t);
      std::size_t i = h & mask;
      while (slots[i].id1) i = (i + 1) & mask;
      slots[i] = Slot{word(t, h), id + 1, static_cast<std::uint32_t>(t.size())};
    }
    slots_.swap(slots);
    mask_ = mask;
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::string arena_;
  std::vector<std::size_t> offsets_{0};
};

/// A set of byte strings for fixed word lists looked up once or more per token: one probe of an
/// open-addressing table (words up to 8 bytes compared in the slot), no node chasing, no modulo.
class WordSet {
 public:
  WordSet() : index_(64) {}
  WordSet(std::initializer_list<std::string_view> words) : index_(64) {
    for (const std::string_view w : words) index_.insert(w);
  }
  void insert(std::string_view word) { index_.insert(word); }
  std::size_t count(std::string_view word) const noexcept { return index_.find(word) != TermIndex::npos; }
  std::size_t size() const noexcept { return index_.size(); }
  bool empty() const noexcept { return index_.size() == 0; }

 private:
  TermIndex index_;
};

}  // namespace framelens::detail
