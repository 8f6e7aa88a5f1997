#pragma once
// Vocabulary: the one term -> id map of framelens (document-term matrices, story grouping, the
// comparison). An open-addressing hash map from byte strings to dense ids 0..n-1 in insertion order;
// keys live in one arena, so a term costs no allocation of its own. term(id) views stay valid until
// the next insert. Not thread-safe for inserts: give each worker its own vocabulary and combine them
// with merge_sorted().
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace framelens {

namespace detail {
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

}  // namespace detail

class Vocabulary {
 public:
  static constexpr std::uint32_t npos = 0xFFFFFFFFu;

  /// `slots`: initial table size, a power of two (it doubles at half load).
  explicit Vocabulary(std::size_t slots = 1024) { rehash(slots); }

  std::size_t size() const noexcept { return offsets_.size() - 1; }

  std::string_view term(std::uint32_t id) const noexcept {
    return std::string_view(arena_.data() + offsets_[id], offsets_[id + 1] - offsets_[id]);
  }

  /// The id of `key`, or npos.
  std::uint32_t find(std::string_view key) const noexcept {
    const std::uint64_t h = detail::hash_bytes(key);
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
    const std::uint64_t h = detail::hash_bytes(key);
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
    if (!key.empty()) std::memcpy(&w, key.data(), key.size());  // an empty view may hold a null pointer
    return w;
  }

  void rehash(std::size_t n) {
    std::vector<Slot> slots(n, Slot{0, 0, 0});
    const std::size_t mask = n - 1;
    for (std::uint32_t id = 0; id < size(); ++id) {
      const std::string_view t = term(id);
      const std::uint64_t h = detail::hash_bytes(t);
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

/// Per-worker vocabularies combined: every distinct term once, in byte order (the column order of a
/// document-term matrix; independent of how the work was split among workers), and for every part its
/// local id -> merged id. `terms` views point into the parts: valid while they live and take no insert.
struct MergedTerms {
  std::vector<std::string_view> terms;
  std::vector<std::vector<std::uint32_t>> ids;
};
MergedTerms merge_sorted(const std::vector<const Vocabulary*>& parts, int threads = 1);

}  // namespace framelens
