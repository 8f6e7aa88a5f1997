#pragma once
// Internal: the tokenizer's machinery, shared by tokenizer.cpp and dtm.cpp so the document-term
// matrix can count terms without building Token objects.
#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "framelens/tokenizer.hpp"
#include "framelens/utf8.hpp"
#include "text/term_index.hpp"

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
  /// ICU word-break segments of text[begin, end) (kept kinds only), spans relative to `text`.
  template <class F>
  void icu_segments(std::string_view text, std::size_t begin, std::size_t end, TokenState& st, F&& f) const;

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

/// TermCache's state: the vocabulary, every surface form seen with its term id, and a direct-mapped
/// table in front for surface forms of up to 16 bytes (the frequent words then resolve from L1/L2).
struct TermCache::Impl {
  struct Hot {
    std::uint64_t w0 = 0, w1 = 0;
    std::uint32_t len = 0;  // 0 = empty
    std::uint32_t id = 0;
  };
  static constexpr unsigned kHotBits = 13;

  Vocabulary vocabulary;
  Vocabulary surface;
  std::vector<std::uint32_t> surface_id;  // surface id -> term id, or npos when filtered out
  std::vector<Hot> hot = std::vector<Hot>(std::size_t{1} << kHotBits);
  std::string norm;

  /// The term id of `surf` (npos: filtered out); `normalize(surf, out)` -> kept? runs once per new form.
  template <class Normalize>
  std::uint32_t id(std::string_view surf, Normalize&& normalize) {
    if (surf.size() > 16) return slow(surf, normalize);
    std::uint64_t w0 = 0, w1 = 0;
    std::memcpy(&w0, surf.data(), std::min<std::size_t>(8, surf.size()));
    if (surf.size() > 8) std::memcpy(&w1, surf.data() + 8, surf.size() - 8);
    const auto len = static_cast<std::uint32_t>(surf.size());
    const std::uint64_t h = (w0 ^ (w1 * 0xC2B2AE3D27D4EB4Full) ^ len) * 0x9E3779B97F4A7C15ull;
    Hot& e = hot[h >> (64 - kHotBits)];
    if (e.len == len && e.w0 == w0 && e.w1 == w1) return e.id;
    const std::uint32_t id = slow(surf, normalize);
    e = Hot{w0, w1, len, id};
    return id;
  }

 private:
  template <class Normalize>
  std::uint32_t slow(std::string_view surf, Normalize& normalize) {
    const std::uint32_t sid = surface.find(surf);
    if (sid != Vocabulary::npos) return surface_id[sid];
    const std::uint32_t id = normalize(surf, norm) ? vocabulary.insert(norm) : Vocabulary::npos;
    surface.insert(surf);
    surface_id.push_back(id);
    return id;
  }
};

constexpr auto kSkip = static_cast<TokenKind>(255);

template <class F>
void Tokenizer::Impl::icu_segments(std::string_view text, std::size_t begin, std::size_t end, TokenState& st,
                                   F&& f) const {
  if (begin >= end) return;
  const std::string_view part = text.substr(begin, end - begin);
  open_text(part, st);
  icu::BreakIterator& it = *st.words;
  int32_t start = it.first();
  for (int32_t stop = it.next(); stop != icu::BreakIterator::DONE; start = stop, stop = it.next()) {
    const auto s = begin + static_cast<std::size_t>(start), e = begin + static_cast<std::size_t>(stop);
    const auto first = static_cast<unsigned char>(text[s]);
    TokenKind kind;
    const int32_t status = it.getRuleStatus();
    if (status >= UBRK_WORD_LETTER && status < UBRK_WORD_KANA) {
      kind = TokenKind::word;
    } else if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_LETTER) {
      kind = TokenKind::number;
    } else if (first < 0x80 && (first <= ' ' || first == 0x7F)) {
      continue;  // white space and controls
    } else {
      kind = classify(text.substr(s, e - s), status);
    }
    if (kind == kSkip || !keep(kind)) continue;
    f(Span{s, e}, kind);
  }
}

namespace fast {

// Word-break classes of the characters the fast path handles (UAX #29 names): letters, digits,
// ExtendNumLet '_', MidNumLetQ (. ' ‘ ’), MidNum (, ;), white space / controls, and Other
// (every other ASCII character and “ ” – — …, each a segment of its own).
enum Cls : unsigned char { L, N, E, MNL, MN, WS, O, SLOW };

inline bool is_ws4(unsigned char b) { return b == ' ' || b == '\t' || b == '\n' || b == '\r'; }

/// The class of the character at text[i] and its length in bytes; SLOW for anything else.
inline Cls cls(std::string_view text, std::size_t i, std::size_t& len) {
  const auto b = static_cast<unsigned char>(text[i]);
  len = 1;
  if (b < 0x80) {
    if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) return L;
    if (b >= '0' && b <= '9') return N;
    if (b == '@') return L;  // ICU's word rules count '@' as ALetter ('@handle', 'a@b.c' are words)
    if (b == '_') return E;
    if (b == '.' || b == '\'') return MNL;
    if (b == ',' || b == ';') return MN;
    if (b <= ' ' || b == 0x7F) return WS;
    return O;
  }
  if (b == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
    len = 3;
    switch (static_cast<unsigned char>(text[i + 2])) {
      case 0x98: case 0x99: return MNL;                       // ‘ ’
      case 0x9C: case 0x9D: case 0x93: case 0x94: case 0xA6: return O;  // “ ” – — …
      default: break;
    }
  }
  len = 1;
  return SLOW;
}

}  // namespace fast

template <class F>
void Tokenizer::Impl::segments(std::string_view text, TokenState& st, F&& f) const {
  if (text.empty()) return;
  if (!opt.fast_path) return icu_segments(text, 0, text.size(), st, f);
  // The text is cut into pieces at the start of every white-space run (always a word boundary:
  // no UAX #29 rule joins a character with following white space). Pieces made only of the
  // characters of fast::Cls are segmented here with the UAX #29 rules that concern them;
  // consecutive other pieces go to ICU together. Both give identical segments and statuses (tested
  // against ICU in tests/cpp/test_tokenizer.cpp and tests/python/test_parity.py).
  const std::size_t n = text.size();
  std::size_t i = 0, icu_from = n;
  std::size_t len = 0;
  while (i < n) {
    std::size_t j = i;
    while (j < n && fast::is_ws4(static_cast<unsigned char>(text[j]))) ++j;
    bool quick = true;
    while (j < n && !fast::is_ws4(static_cast<unsigned char>(text[j]))) {
      if (static_cast<unsigned char>(text[j]) < 0x80) { ++j; continue; }
      if (fast::cls(text, j, len) != fast::SLOW) { j += len; continue; }
      quick = false;
      ++j;
    }
    if (!quick) {
      if (icu_from == n) icu_from = i;
      i = j;
      continue;
    }
    if (icu_from != n) {
      icu_segments(text, icu_from, i, st, f);
      icu_from = n;
    }
    // Segment [i, j) on the fast path.
    std::size_t p = i;
    while (p < j) {
      const fast::Cls c = fast::cls(text, p, len);
      if (c == fast::WS) { p += len; continue; }
      if (c == fast::L || c == fast::N || c == fast::E) {
        const std::size_t s = p;
        fast::Cls last = c, prev = fast::WS;
        p += len;
        while (p < j) {
          std::size_t l2 = 0, l3 = 0;
          const fast::Cls c2 = fast::cls(text, p, l2);
          if (c2 == fast::L || c2 == fast::N || c2 == fast::E) {  // WB5, WB8-10, WB13a/b
            prev = last;
            last = c2;
            p += l2;
            continue;
          }
          if ((c2 == fast::MNL || c2 == fast::MN) && p + l2 < j) {
            const fast::Cls c3 = fast::cls(text, p + l2, l3);
            if ((last == fast::L && c3 == fast::L && c2 == fast::MNL) || (last == fast::N && c3 == fast::N)) {
              prev = c2;  // WB6/7 (letters) and WB11/12 (numbers)
              last = c3;
              p += l2 + l3;
              continue;
            }
          }
          break;
        }
        // ICU's rule status is that of the last rule applied: set by the last two characters.
        int32_t status;
        if (last == fast::L) status = UBRK_WORD_LETTER;
        else if (last == fast::N) status = UBRK_WORD_NUMBER;
        else if (p - s == 1) status = UBRK_WORD_NONE;  // a lone '_'
        else status = prev == fast::N ? UBRK_WORD_NUMBER : UBRK_WORD_LETTER;
        const TokenKind kind = status == UBRK_WORD_LETTER   ? TokenKind::word
                               : status == UBRK_WORD_NUMBER ? TokenKind::number
                                                            : classify(text.substr(s, p - s), status);
        if (kind != kSkip && keep(kind)) f(Span{s, p}, kind);
        continue;
      }
      // Any other character is a segment of its own.
      const TokenKind kind = classify(text.substr(p, len), UBRK_WORD_NONE);
      if (kind != kSkip && keep(kind)) f(Span{p, p + len}, kind);
      p += len;
    }
    i = j;
  }
  if (icu_from != n) icu_segments(text, icu_from, n, st, f);
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
