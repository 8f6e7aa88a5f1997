#pragma once
// The one text representation the analyses share (document-term matrices, story grouping, the
// comparison): the tokens of framelens::Tokenizer as compact arrays with term ids in a Vocabulary
// (tokenizer.hpp, vocabulary.hpp), the project's stopword list and content-word test, sentences
// (segment.hpp) and capitalised-name entities. A document is analysed on demand, one at a time per
// worker, so a large corpus never holds all its tokens at once.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "framelens/document.hpp"
#include "framelens/tokenizer.hpp"
#include "framelens/vocabulary.hpp"

namespace framelens {

/// True for a word of the project's English stopword list (cpp/data/lang/en/stopwords.txt), given
/// normalised (case-folded) as the tokenizer's default options give it.
bool is_stopword(std::string_view term);

/// True for a content word: not a stopword, holding at least one letter, and not a single ASCII
/// character (a lone Latin letter is an initial, a party tag or a list marker; one CJK character is a word).
bool is_content_word(std::string_view term);

/// The sentence index of every token: the sentence whose span holds (or, between sentences, precedes) its start.
std::vector<std::uint32_t> token_sentences(const std::vector<Span>& tokens, const std::vector<Span>& sentences);

/// A capitalised name in a document: a run of capitalised words in one sentence separated only by
/// spaces (joined across a connector: "Bank of Aldoria"), without stopwords, calendar words or honorifics
/// at its edges ("The Bank", "On Monday", "Mr. Kim" -> "Kim") nor a closing possessive ("Aldoria's" ->
/// "Aldoria"). A capitalised word opening a sentence counts only when the document also capitalises it
/// mid-sentence: alone ("Harbours reopened." gives nothing) or before a word the document capitalises
/// after a lower-case word ("Later Dorn spoke ... thanked Dorn" -> "Dorn", "Dorn"). Word lists: cpp/data/lang/en/names.json.
struct Entity {
  std::string text;  ///< surface form, words joined by one space
  Span span;         ///< byte span in the text
  std::uint32_t sentence = 0;
};

/// The entities of `text`, from its tokens (tokenized into `vocabulary` with case folding, as by
/// default) and the sentence index of each token (token_sentences). In text order.
std::vector<Entity> entities(std::string_view text, const TokenArrays& tokens, const Vocabulary& vocabulary,
                             const std::vector<std::uint32_t>& token_sentence);

/// Everything above for one document.
struct DocumentText {
  TokenArrays tokens;
  std::vector<Span> sentences;                ///< the document's own, else split_sentences(text)
  std::vector<std::uint32_t> token_sentence;  ///< sentence index of every token
  std::vector<Entity> entities;
};

/// A document's sentences: its own, else split_sentences(text) — those analyse() gives it.
std::vector<Span> document_sentences(const Document& document);

/// Analyses one document into `out` (cleared first), inserting its terms into `cache.vocabulary()`.
/// Thread-safe with one TermCache and DocumentText per thread (and one tokenizer per cache).
void analyse(const Document& document, const Tokenizer& tokenizer, TermCache& cache, DocumentText& out);
/// The same with the document's sentences given (split once for several stages).
void analyse(const Document& document, const std::vector<Span>& sentences, const Tokenizer& tokenizer, TermCache& cache,
             DocumentText& out);

}  // namespace framelens
