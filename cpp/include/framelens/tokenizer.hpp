#pragma once
// Word tokenization of UTF-8 text.
//
// Two modes:
//  * TokenMode::icu (default): ICU word boundaries (UAX #29 plus ICU's dictionaries for Chinese,
//    Japanese, Thai, ...) run over the UTF-8 bytes through a UText (no UTF-16 copy of the document),
//    then per-token normalisation: apostrophe/quote unification, Unicode case folding, NFKC.
//  * TokenMode::sklearn: scikit-learn's CountVectorizer defaults exactly: Python's str.lower()
//    (full Unicode lowercase mapping, final sigma included) then the regular expression
//    `(?u)\b\w\w+\b`, where \w is Python's (str.isalnum() or '_'; combining marks are not \w).
//    Case folding, NFKC, quote unification, keep_numbers, keep_punct, keep_symbols and min_length
//    do not apply in this mode; `lowercase` (case_fold) and stopwords do, as in scikit-learn.
//
// Every token keeps its UTF-8 byte span in the input; an n-gram spans its first to its last token.
// N-grams are formed after stopwords and filtered tokens are removed (as scikit-learn and quanteda
// do) and joined with `ngram_separator` (default " ", as scikit-learn).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "framelens/document.hpp"
#include "framelens/vocabulary.hpp"

namespace framelens {

enum class TokenMode { icu, sklearn };

/// What a unigram token is, from ICU's word-break rule status and the token's first character.
enum class TokenKind : unsigned char { word, number, ideographic, kana, punctuation, symbol, ngram };

struct TokenOptions {
  TokenMode mode = TokenMode::icu;
  /// Unicode full case folding (ICU mode); lowercase as str.lower() in sklearn mode.
  bool case_fold = true;
  /// Unicode NFKC normalisation of each token (ICU mode). With case_fold this is ICU's
  /// NFKC_Casefold, which also drops default-ignorable code points (soft hyphen, zero-width joiner).
  bool nfkc = true;
  /// Map typographic apostrophes and quote marks to ASCII: ’ ‘ ‛ ʼ ′ ＇ -> ' and “ ” „ ‟ ″ ＂ -> ".
  bool unify_quotes = true;
  bool keep_numbers = true;
  bool keep_punct = false;
  /// Symbols: currency, maths, emoji and other non-letter, non-punctuation characters.
  bool keep_symbols = false;
  /// Drop tokens listed in the project's English list (cpp/data/lang/en/stopwords.txt).
  bool remove_stopwords = false;
  /// Further stopwords (normalised like tokens before matching); used whether or not remove_stopwords is set.
  std::vector<std::string> stopwords;
  /// Minimum token length in code points after normalisation (ICU mode). Default 1 keeps single CJK characters.
  std::size_t min_length = 1;
  /// N-gram range, as scikit-learn's ngram_range = (ngram_min, ngram_max).
  std::size_t ngram_min = 1;
  std::size_t ngram_max = 1;
  std::string ngram_separator = " ";
  /// ICU mode: segment pieces of text made of ASCII and ‘ ’ “ ” – — … without calling ICU, with the
  /// UAX #29 rules that concern them (identical results, checked against ICU by the tests); the
  /// rest goes to ICU. false: ICU for everything.
  bool fast_path = true;
};

/// One token: its byte span in the input (surface form = text.substr(span)), its normalised form and kind.
struct Token {
  Span span;
  std::string text;  ///< the normalised form (the term counted in a document-term matrix)
  TokenKind kind = TokenKind::word;
  bool capitalised = false;  ///< the surface form starts with an upper-case or title-case letter (is_capitalised)
};

/// One document's unigram tokens as parallel arrays (no string per token): the i-th token spans
/// spans[i] of the text, its normalised term is vocabulary.term(terms[i]) in the Vocabulary it was
/// tokenized into, and kinds[i] / capitalised[i] are as in Token. Reuse one TokenArrays per worker.
struct TokenArrays {
  std::vector<Span> spans;
  std::vector<std::uint32_t> terms;
  std::vector<TokenKind> kinds;
  std::vector<std::uint8_t> capitalised;  ///< 1 when the surface form starts with an upper- or title-case letter
  std::size_t size() const noexcept { return spans.size(); }
  bool empty() const noexcept { return spans.empty(); }
  void clear() noexcept {
    spans.clear();
    terms.clear();
    kinds.clear();
    capitalised.clear();
  }
};

/// True when the first code point of `surface` is an upper-case or title-case letter ("Kim", "Éire", "ǅ").
bool is_capitalised(std::string_view surface);

/// The project's English stopword list (one word per line in cpp/data/lang/en/stopwords.txt).
const std::vector<std::string>& english_stopwords();

class TermCache;

/// A reusable tokenizer; construct once (options are validated and stopwords normalised), then call
/// tokenize() from any number of threads.
class Tokenizer {
 public:
  explicit Tokenizer(TokenOptions options = {});
  ~Tokenizer();
  Tokenizer(Tokenizer&&) noexcept;
  Tokenizer& operator=(Tokenizer&&) noexcept;

  const TokenOptions& options() const noexcept;

  /// Tokens of valid UTF-8 `text`: unigrams (if ngram_min == 1) in text order, then bigrams, ...
  std::vector<Token> tokenize(std::string_view text) const;

  /// The unigram tokens of valid UTF-8 `text` (n-gram options do not apply) appended to `out` after
  /// clearing it, their terms inserted into `vocabulary`: exactly the tokens and terms that dtm() counts
  /// with the same options. Thread-safe as long as each thread passes its own vocabulary and arrays.
  void tokenize(std::string_view text, Vocabulary& vocabulary, TokenArrays& out) const;

  /// As above, into `cache.vocabulary()`, normalising each distinct surface form once (the way dtm()
  /// counts): the call for a worker that tokenizes many documents. `cache` must only ever be used with
  /// this tokenizer (or one of equal options); one cache per thread.
  void tokenize(std::string_view text, TermCache& cache, TokenArrays& out) const;

  /// Whether these options keep a token of `kind` (numbers, punctuation, symbols can be filtered out).
  bool keeps(TokenKind kind) const noexcept;
  /// Whether these options keep a token of a kept kind whose normal form is `term`: not empty, not a
  /// stopword, not shorter than min_length (ICU mode). With keeps(kind), a pass that tokenized with
  /// the same normalisation and fewer filters applies these options' filters to its tokens afterwards.
  bool keeps(std::string_view term) const;

  /// The normalised form of one term, as tokens are normalised (for looking up user terms).
  std::string normalize(std::string_view term) const;

  struct Impl;
  const Impl& impl() const noexcept { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

/// A worker's vocabulary with a cache in front of the tokenizer's normalisation: surface form -> term id
/// (npos when the tokenizer filters the token out), with a small direct-mapped table for short surface
/// forms before it, so frequent words resolve without hashing into the large tables. One per worker; use
/// it with one tokenizer only (its entries are that tokenizer's normal forms).
class TermCache {
 public:
  TermCache();
  ~TermCache();
  TermCache(TermCache&&) noexcept;
  TermCache& operator=(TermCache&&) noexcept;

  Vocabulary& vocabulary() noexcept;
  const Vocabulary& vocabulary() const noexcept;

  struct Impl;
  Impl& impl() noexcept { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

/// The token options of the comparison's content words: case-folded NFKC words with the project's stopwords
/// and single Latin letters (initials, list markers) removed, no numbers, punctuation or symbols.
TokenOptions content_tokens();

/// Convenience: tokenize one text with `options`.
std::vector<Token> tokenize(std::string_view text, const TokenOptions& options = {});

/// Tokens of every document, computed on `threads` threads (<= 0: all cores); same result for any count.
std::vector<std::vector<Token>> tokenize(const Corpus& corpus, const TokenOptions& options = {}, int threads = 0);

}  // namespace framelens
