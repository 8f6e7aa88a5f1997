#pragma once
// Internal: the vocabulary under its internal name, and WordSet for fixed word lists.
#include <cstdint>
#include <initializer_list>

#include "framelens/vocabulary.hpp"

namespace framelens::detail {

using TermIndex = Vocabulary;

/// A set of byte strings for fixed word lists looked up once or more per token: one probe of an
/// open-addressing table (words up to 8 bytes compared in the slot), no node chasing, no modulo.
/// Most look-ups miss (a token against a list of titles or cue nouns), so two bit tests come first:
/// the lengths and the first bytes of the words in the set; a word whose length or first byte no
/// member has is no member, and is never hashed.
class WordSet {
 public:
  WordSet() : index_(64) {}
  WordSet(std::initializer_list<std::string_view> words) : index_(64) {
    for (const std::string_view w : words) insert(w);
  }
  void insert(std::string_view word) {
    index_.insert(word);
    lengths_ |= std::uint64_t{1} << length_bit(word);
    const unsigned char c = first_byte(word);
    firsts_[c >> 6] |= std::uint64_t{1} << (c & 63);
  }
  std::size_t count(std::string_view word) const noexcept {
    const unsigned char c = first_byte(word);
    if (!(lengths_ >> length_bit(word) & 1) || !(firsts_[c >> 6] >> (c & 63) & 1)) return 0;
    return index_.find(word) != TermIndex::npos;
  }
  std::size_t size() const noexcept { return index_.size(); }
  bool empty() const noexcept { return index_.size() == 0; }

 private:
  static unsigned length_bit(std::string_view w) noexcept { return w.size() < 63 ? static_cast<unsigned>(w.size()) : 63u; }
  static unsigned char first_byte(std::string_view w) noexcept { return w.empty() ? 0 : static_cast<unsigned char>(w[0]); }

  TermIndex index_;
  std::uint64_t lengths_ = 0;     // bit n: a member of n bytes (63: 63 or more)
  std::uint64_t firsts_[4] = {};  // bit c: a member whose first byte is c (the empty word: 0)
};

}  // namespace framelens::detail
