#pragma once
// Internal: the text representation shared by the comparison and story grouping — word tokens,
// content terms (no stopwords, at least one letter), sentences, capitalised-name entities and a
// term vocabulary.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "framelens/document.hpp"
#include "text/word_tokens.hpp"

namespace framelens::detail {

const std::unordered_set<std::string>& comparison_stopwords();

/// True for a token counted as a content term: not a stopword and holding at least one letter.
bool is_content(const WordToken& t);

struct Entity {
  std::string text;  ///< surface form, words joined by one space
  Span span;
  std::size_t sentence = 0;
};

struct DocText {
  std::vector<WordToken> tokens;
  std::vector<Span> sentences;
  std::vector<std::size_t> token_sentence;  ///< sentence index of every token
  std::vector<Entity> entities;
  std::size_t words = 0;                    ///< number of word tokens
};

/// Tokens, sentences (the document's own, else split_sentences) and entities of a document.
DocText analyse(const Document& doc);

/// Analyses every document of the corpus on `threads` threads.
std::vector<DocText> analyse(const Corpus& corpus, int threads);

/// Term -> id, ids in order of first appearance over the documents in corpus order (deterministic).
class Vocabulary {
 public:
  std::size_t id(const std::string& term) {
    auto [it, inserted] = ids_.emplace(term, terms_.size());
    if (inserted) terms_.push_back(term);
    return it->second;
  }
  long find(const std::string& term) const {
    auto it = ids_.find(term);
    return it == ids_.end() ? -1 : static_cast<long>(it->second);
  }
  std::size_t size() const noexcept { return terms_.size(); }
  const std::string& term(std::size_t i) const { return terms_[i]; }

 private:
  std::unordered_map<std::string, std::size_t> ids_;
  std::vector<std::string> terms_;
};

}  // namespace framelens::detail
