#pragma once
// Internal: the vocabulary under its internal name, and WordSet for fixed word lists.
#include <initializer_list>

#include "framelens/vocabulary.hpp"

namespace framelens::detail {

using TermIndex = Vocabulary;

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
