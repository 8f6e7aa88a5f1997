#pragma once
// Internal: the tokenizer's machinery, shared by tokenizer.cpp and dtm.cpp so the document-term
// matrix can count terms without building Token objects.
#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/utext.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "framelens/tokenizer.hpp"
#include "framelens/utf8.hpp"
#include "term_index.hpp"

namespace framelens {

/// Per-thread scratch state: a cloned word-break iterator and its UText, buffers, caches.
struct TokenState {
  TokenState();
  ~TokenState();
  TokenState(const TokenState&) = delete;
  TokenState& operator=(const TokenState&) = delete;

  std::unique_ptr<icu::BreakIterator> words;
  UText* utext = nullptr;
  std::string tmp, tmp2, tok;
  std::unordered_map<char32_t, std::u32string> lower_cache;  // sklearn mode: full lowercase of non-ASCII
};

struct Tokenizer::Impl {
  explicit Impl(TokenOptions o);

  TokenOptions opt;
  detail::TermIndex stop;  // normalised stopwords
  const icu::Normalizer2* nfkc = nullptr;
  const icu::Normalizer2* nfkc_cf = nullptr;

  /// ICU mode: calls f(Span, TokenKind) for every word-break segment of a kept kind (no normalisation).
  template <class F>
  void segments(std::string_view text, TokenState& st, F&& f) const;

  /// ICU mode: the normalised form of `surface` into `out`; false when the token is filtered out
  /// (stopword, shorter than min_length, empty after normalisation).
  bool normalize(std::string_view surface, TokenState& st, std::string& out) const;
  /// Normalises without filtering.
  void normalize_only(std::string_view surface, TokenState& st, std::string& out) const;

  /// sklearn mode: calls f(Span, std::string_view lowered_token) for every \w\w+ run (before stopwords).
  template <class F>
  void sklearn_tokens(std::string_view text, TokenState& st, F&& f) const;

  bool is_stopword(std::string_view norm) const { return stop.size() && stop.find(norm) != detail::TermIndex::npos; }

  /// Calls f(Span, std::string_view norm, TokenKind) for every kept unigram, in either mode.
  template <class F>
  void unigrams(std::string_view text, TokenState& st, F&& f) const {
    if (opt.mode == TokenMode::sklearn) {
      sklearn_tokens(text, st, [&](Span s, std::string_view t) {
        if (!is_stopword(t)) f(s, t, TokenKind::word);
      });
    } else {
      std::string norm;
      segments(text, st, [&](Span s, TokenKind k) {
        if (normalize(text.substr(s.start, s.size()), st, norm)) f(s, std::string_view(norm), k);
      });
    }
  }

  // Helpers used by the templates (defined in tokenizer.cpp).
  static TokenKind classify(std::string_view segment, int32_t rule_status);  // TokenKind or 255 = skip
  bool keep(TokenKind k) const {
    switch (k) {
      case TokenKind::number: return opt.keep_numbers;
      case TokenKind::punctuation: return opt.keep_punct;
      case TokenKind::symbol: return opt.keep_symbols;
      default: return true;
    }
  }
  static void open_text(std::string_view text, TokenState& st);
  static bool is_py_word(char32_t c);
  const std::u32string& lower(char32_t c, TokenState& st) const;
  static char32_t sigma(std::string_view text, std::size_t start, std::size_t end);
};

constexpr auto kSkip = static_cast<TokenKind>(255);

template <class F>
void Tokenizer::Impl::segments(std::string_view text, TokenState& st, F&& f) const {
  if (text.empty()) return;
  open_text(text, st);
  icu::BreakIterator& it = *st.words;
  int32_t start = it.first();
  for (int32_t end = it.next(); end != icu::BreakIterator::DONE; start = end, end = it.next()) {
    const auto s = static_cast<std::size_t>(start), e = static_cast<std::size_t>(end);
    const auto first = static_cast<unsigned char>(text[s]);
    TokenKind kind;
    const int32_t status = it.getRuleStatus();
    if (status >= UBRK_WORD_LETTER && status < UBRK_WORD_KANA) {
      kind = TokenKind::word;
    } else if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_LETTER) {
      kind = TokenKind::number;
    } else if (first < 0x80) {
      // ASCII fast path for the common no-word segments: white space and punctuation.
      if (first <= ' ' || first == 0x7F) continue;
      kind = classify(text.substr(s, e - s), status);
    } else {
      kind = classify(text.substr(s, e - s), status);
    }
    if (kind == kSkip || !keep(kind)) continue;
    f(Span{s, e}, kind);
  }
}

template <class F>
void Tokenizer::Impl::sklearn_tokens(std::string_view text, TokenState& st, F&& f) const {
  std::string& tok = st.tok;
  tok.clear();
  std::size_t tok_start = 0, tok_end = 0, ncp = 0;
  const bool lowercase = opt.case_fold;
  auto flush = [&] {
    if (ncp >= 2) f(Span{tok_start, tok_end}, std::string_view(tok));
    tok.clear();
    ncp = 0;
  };
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (lowercase && c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
      const bool w = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '_';
      if (w) {
        if (ncp == 0) tok_start = i;
        tok.push_back(static_cast<char>(c));
        ++ncp;
        tok_end = i + 1;
      } else if (ncp) {
        flush();
      }
      ++i;
      continue;
    }
    const std::size_t s = i;
    const char32_t cp = utf8::next(text, i);
    auto emit = [&](char32_t lc) {
      if (is_py_word(lc)) {
        if (ncp == 0) tok_start = s;
        utf8::append(tok, lc);
        ++ncp;
        tok_end = i;
      } else if (ncp) {
        flush();
      }
    };
    if (!lowercase) {
      emit(cp);
    } else if (cp == 0x3A3) {
      emit(sigma(text, s, i));
    } else {
      for (char32_t lc : lower(cp, st)) emit(lc);
    }
  }
  flush();
}

}  // namespace framelens
