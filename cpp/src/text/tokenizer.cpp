#include "framelens/tokenizer.hpp"

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <climits>
#include <mutex>

#include "framelens/data.hpp"
#include "framelens/error.hpp"
#include "framelens/utf8.hpp"
#include "util/parallel.hpp"
#include "text/tokenize_impl.hpp"

namespace framelens {
namespace {

// One prototype word-break iterator; each thread works on its own clone (creating an iterator
// loads rules and dictionaries and is far slower than cloning).
const icu::BreakIterator& word_prototype() {
  static std::once_flag once;
  static std::unique_ptr<icu::BreakIterator> proto;
  static UErrorCode status = U_ZERO_ERROR;
  std::call_once(once, [] { proto.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status)); });
  if (U_FAILURE(status) || !proto) throw Error(std::string("ICU word break iterator unavailable: ") + u_errorName(status));
  return *proto;
}

TokenState& thread_state() {
  thread_local TokenState state;
  return state;
}

// Typographic apostrophes and quote marks -> ASCII.
char32_t unify_quote(char32_t c) {
  switch (c) {
    case 0x2018: case 0x2019: case 0x201B: case 0x02BC: case 0x2032: case 0xFF07: return U'\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0xFF02: return U'"';
    default: return c;
  }
}

bool all_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

}  // namespace

TokenState::TokenState() : words(word_prototype().clone()) {
  if (!words) throw Error("could not clone the ICU word break iterator");
}

TokenState::~TokenState() {
  if (utext) utext_close(utext);
}

void Tokenizer::Impl::open_text(std::string_view text, TokenState& st) {
  if (text.size() > static_cast<std::size_t>(INT32_MAX))
    throw InvalidArgument("a document of " + std::to_string(text.size()) +
                          " bytes is longer than ICU can segment (2 GiB); split it into several documents");
  UErrorCode status = U_ZERO_ERROR;
  st.utext = utext_openUTF8(st.utext, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) throw Error(std::string("ICU could not open text: ") + u_errorName(status));
  st.words->setText(st.utext, status);
  if (U_FAILURE(status)) throw Error(std::string("ICU could not segment text: ") + u_errorName(status));
}

TokenKind Tokenizer::Impl::classify(std::string_view segment, int32_t status) {
  if (status >= UBRK_WORD_IDEO && status < UBRK_WORD_IDEO_LIMIT) return TokenKind::ideographic;
  if (status >= UBRK_WORD_KANA && status < UBRK_WORD_KANA_LIMIT) return TokenKind::kana;
  if (status >= UBRK_WORD_LETTER && status < UBRK_WORD_LETTER_LIMIT) return TokenKind::word;
  if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT) return TokenKind::number;
  std::size_t i = 0;
  const char32_t c = utf8::next(segment, i);
  if (u_isUWhiteSpace(static_cast<UChar32>(c)) || u_iscntrl(static_cast<UChar32>(c))) return kSkip;
  const auto type = u_charType(static_cast<UChar32>(c));
  if (type == U_FORMAT_CHAR || type == U_UNASSIGNED) return kSkip;
  if (u_ispunct(static_cast<UChar32>(c))) return TokenKind::punctuation;
  return TokenKind::symbol;
}

bool Tokenizer::Impl::is_py_word(char32_t c) {
  // Python's \w: str.isalnum() (letters Lu/Ll/Lt/Lm/Lo, or any Numeric_Type) or '_'.
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  const auto cp = static_cast<UChar32>(c);
  switch (u_charType(cp)) {
    case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER: case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
      return true;
    default:
      return u_getIntPropertyValue(cp, UCHAR_NUMERIC_TYPE) != U_NT_NONE;
  }
}

const std::u32string& Tokenizer::Impl::lower(char32_t c, TokenState& st) const {
  auto it = st.lower_cache.find(c);
  if (it != st.lower_cache.end()) return it->second;
  std::u32string out;
  if (!u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_CHANGES_WHEN_LOWERCASED)) {
    out.push_back(c);
  } else {
    // Full (SpecialCasing) lowercase mapping, root locale: what Python's str.lower() does.
    UChar src[2];
    int32_t n = 0;
    UBool err = false;
    U16_APPEND(src, n, 2, static_cast<UChar32>(c), err);
    (void)err;
    UChar dst[8];
    UErrorCode status = U_ZERO_ERROR;
    const int32_t m = u_strToLower(dst, 8, src, n, "", &status);
    if (U_FAILURE(status)) {
      out.push_back(c);
    } else {
      for (int32_t j = 0; j < m;) {
        UChar32 d;
        U16_NEXT(dst, j, m, d);
        out.push_back(static_cast<char32_t>(d));
      }
    }
  }
  return st.lower_cache.emplace(c, std::move(out)).first->second;
}

char32_t Tokenizer::Impl::sigma(std::string_view text, std::size_t start, std::size_t end) {
  // Python's Final_Sigma rule (Objects/unicodeobject.c handle_capital_sigma): ς when preceded by a
  // cased letter (skipping case-ignorable characters) and not followed by one; else σ.
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  int32_t j = static_cast<int32_t>(start);
  UChar32 c = 0;
  bool found = false;
  while (j > 0) {
    U8_PREV(s, 0, j, c);
    if (!u_hasBinaryProperty(c, UCHAR_CASE_IGNORABLE)) { found = true; break; }
  }
  bool final_sigma = found && u_hasBinaryProperty(c, UCHAR_CASED);
  if (final_sigma) {
    int32_t k = static_cast<int32_t>(end);
    bool more = false;
    while (k < n) {
      U8_NEXT(s, k, n, c);
      if (!u_hasBinaryProperty(c, UCHAR_CASE_IGNORABLE)) { more = true; break; }
    }
    final_sigma = !more || !u_hasBinaryProperty(c, UCHAR_CASED);
  }
  return final_sigma ? 0x3C2 : 0x3C3;
}

Tokenizer::Impl::Impl(TokenOptions o) : opt(std::move(o)) {
  if (opt.ngram_min < 1 || opt.ngram_max < opt.ngram_min)
    throw InvalidArgument("ngrams must satisfy 1 <= ngram_min <= ngram_max (got " + std::to_string(opt.ngram_min) +
                          ", " + std::to_string(opt.ngram_max) + ")");
  if (opt.ngram_max > 16) throw InvalidArgument("ngram_max above 16 is not supported");
  UErrorCode status = U_ZERO_ERROR;
  nfkc = icu::Normalizer2::getNFKCInstance(status);
  nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) throw Error(std::string("ICU normalizer unavailable: ") + u_errorName(status));
  auto add_stop = [&](std::string_view w) {
    if (w.empty()) return;
    utf8::validate(w, "stopword list");
    if (opt.mode == TokenMode::sklearn) {
      stop.insert(w);  // scikit-learn compares stop words verbatim with the (lowercased) tokens
    } else {
      std::string norm;
      normalize_only(w, thread_state(), norm);
      if (!norm.empty()) stop.insert(norm);
    }
  };
  if (opt.remove_stopwords)
    for (const auto& w : english_stopwords()) add_stop(w);
  for (const auto& w : opt.stopwords) add_stop(w);
}

void Tokenizer::Impl::normalize_only(std::string_view surface, TokenState& st, std::string& out) const {
  out.clear();
  if (all_ascii(surface)) {
    out.assign(surface.data(), surface.size());
    if (opt.case_fold)
      for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return;
  }
  std::string& src = st.tmp;
  src.clear();
  if (opt.unify_quotes) {
    for (std::size_t i = 0; i < surface.size();) utf8::append(src, unify_quote(utf8::next(surface, i)));
  } else {
    src.assign(surface.data(), surface.size());
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::StringByteSink<std::string> sink(&out);
  if (opt.case_fold && opt.nfkc) {
    nfkc_cf->normalizeUTF8(0, src, sink, nullptr, status);
  } else if (opt.case_fold) {
    icu::CaseMap::utf8Fold(0, src, sink, nullptr, status);
  } else if (opt.nfkc) {
    nfkc->normalizeUTF8(0, src, sink, nullptr, status);
  } else {
    out = src;
  }
  if (U_FAILURE(status)) throw Error(std::string("ICU normalisation failed: ") + u_errorName(status));
}

bool Tokenizer::Impl::normalize(std::string_view surface, TokenState& st, std::string& out) const {
  normalize_only(surface, st, out);
  if (out.empty()) return false;
  if (opt.min_length > 1 && utf8::length(out) < opt.min_length) return false;
  return !is_stopword(out);
}

bool is_capitalised(std::string_view surface) {
  if (surface.empty()) return false;
  const auto b = static_cast<unsigned char>(surface[0]);
  if (b < 0x80) return b >= 'A' && b <= 'Z';
  std::size_t i = 0;
  const auto c = static_cast<UChar32>(utf8::next(surface, i));
  return u_isupper(c) || u_istitle(c);
}

const std::vector<std::string>& english_stopwords() {
  static const std::vector<std::string> words = [] {
    std::vector<std::string> out;
    const std::string_view data = data::embedded("lang/en/stopwords.txt");
    std::size_t i = 0;
    while (i < data.size()) {
      std::size_t j = data.find('\n', i);
      if (j == std::string_view::npos) j = data.size();
      std::string_view line = data.substr(i, j - i);
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
      if (!line.empty() && line.front() != '#') out.emplace_back(line);
      i = j + 1;
    }
    return out;
  }();
  return words;
}

Tokenizer::Tokenizer(TokenOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Tokenizer::~Tokenizer() = default;
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;

const TokenOptions& Tokenizer::options() const noexcept { return impl_->opt; }

bool Tokenizer::keeps(TokenKind kind) const noexcept { return impl_->keep(kind); }

bool Tokenizer::keeps(std::string_view term) const {
  const Impl& im = *impl_;
  if (term.empty() || im.is_stopword(term)) return false;
  return im.opt.mode == TokenMode::sklearn || im.opt.min_length <= 1 || utf8::length(term) >= im.opt.min_length;
}

std::string Tokenizer::normalize(std::string_view term) const {
  utf8::validate(term, "term");
  std::string out;
  if (impl_->opt.mode == TokenMode::sklearn) {
    impl_->sklearn_tokens(term, thread_state(), [&](Span, std::string_view t) {
      if (out.empty()) out.assign(t.data(), t.size());
    });
  } else {
    impl_->normalize_only(term, thread_state(), out);
  }
  return out;
}

std::vector<Token> Tokenizer::tokenize(std::string_view text) const {
  const Impl& im = *impl_;
  std::vector<Token> unigrams;
  im.unigrams(text, thread_state(), [&](Span s, std::string_view norm, TokenKind k) {
    unigrams.push_back(Token{s, std::string(norm), k, is_capitalised(text.substr(s.start, s.size()))});
  });
  const std::size_t lo = im.opt.ngram_min, hi = im.opt.ngram_max;
  if (lo == 1 && hi == 1) return unigrams;
  std::vector<Token> out;
  if (lo == 1) out = unigrams;
  for (std::size_t n = std::max<std::size_t>(2, lo); n <= hi; ++n) {
    for (std::size_t i = 0; i + n <= unigrams.size(); ++i) {
      Token t{Span{unigrams[i].span.start, unigrams[i + n - 1].span.end}, unigrams[i].text, TokenKind::ngram,
              unigrams[i].capitalised};
      for (std::size_t j = i + 1; j < i + n; ++j) {
        t.text += im.opt.ngram_separator;
        t.text += unigrams[j].text;
      }
      out.push_back(std::move(t));
    }
  }
  return out;
}

void Tokenizer::tokenize(std::string_view text, Vocabulary& vocabulary, TokenArrays& out) const {
  out.clear();
  impl_->unigrams(text, thread_state(), [&](Span s, std::string_view norm, TokenKind k) {
    out.spans.push_back(s);
    out.terms.push_back(vocabulary.insert(norm));
    out.kinds.push_back(k);
    out.capitalised.push_back(is_capitalised(text.substr(s.start, s.size())) ? 1 : 0);
  });
}

void Tokenizer::tokenize(std::string_view text, TermCache& cache, TokenArrays& out) const {
  const Impl& im = *impl_;
  if (im.opt.mode == TokenMode::sklearn) return tokenize(text, cache.vocabulary(), out);
  out.clear();
  TokenState& st = thread_state();
  TermCache::Impl& c = cache.impl();
  const auto normalize = [&](std::string_view surf, std::string& norm) { return im.normalize(surf, st, norm); };
  im.segments(text, st, [&](Span s, TokenKind k) {
    const std::string_view surf = text.substr(s.start, s.size());
    const std::uint32_t id = c.id(surf, normalize);
    if (id == Vocabulary::npos) return;
    out.spans.push_back(s);
    out.terms.push_back(id);
    out.kinds.push_back(k);
    out.capitalised.push_back(is_capitalised(surf) ? 1 : 0);
  });
}

TermCache::TermCache() : impl_(std::make_unique<Impl>()) {}
TermCache::~TermCache() = default;
TermCache::TermCache(TermCache&&) noexcept = default;
TermCache& TermCache::operator=(TermCache&&) noexcept = default;
Vocabulary& TermCache::vocabulary() noexcept { return impl_->vocabulary; }
const Vocabulary& TermCache::vocabulary() const noexcept { return impl_->vocabulary; }

std::vector<Token> tokenize(std::string_view text, const TokenOptions& options) {
  return Tokenizer(options).tokenize(text);
}

std::vector<std::vector<Token>> tokenize(const Corpus& corpus, const TokenOptions& options, int threads) {
  const Tokenizer tok(options);
  std::vector<std::vector<Token>> out(corpus.size());
  detail::parallel_for(corpus.size(), resolve_threads(threads), 16, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t i = b; i < e; ++i) out[i] = tok.tokenize(corpus[i].text);
  });
  return out;
}

}  // namespace framelens

namespace framelens {

TokenOptions content_tokens() {
  TokenOptions o;
  o.keep_numbers = false;
  o.remove_stopwords = true;
  for (char c = 'a'; c <= 'z'; ++c) o.stopwords.emplace_back(1, c);
  return o;
}

}  // namespace framelens
