// The quote engine's tokenizer: words with byte offsets (apostrophes, hyphens, acronym dots and
// abbreviations kept inside words), punctuation and quotation marks.
#include "quotes/tokens.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstring>

#include "framelens/utf8.hpp"

namespace framelens::quotes_detail {

const Tok& TokView::sentinel() noexcept {
  static const Tok none{0, 0, TK::punct, M_NONE, false, false, 0, {}};
  return none;
}

bool is_space_cp_slow(char32_t c) {
  return c == 0xA0 || c == 0x2009 || c == 0x200A || c == 0x202F || c == 0x3000 || c == 0x2002 || c == 0x2003 ||
         c == 0x200B || c == 0xFEFF;
}

bool is_word_cp_slow(char32_t c) {
  if (is_space_cp(c)) return false;
  const auto cat = u_charType(static_cast<UChar32>(c));
  return u_isalnum(static_cast<UChar32>(c)) || cat == U_NON_SPACING_MARK || cat == U_COMBINING_SPACING_MARK ||
         cat == U_ENCLOSING_MARK || c == 0x200D /*ZWJ*/ || cat == U_OTHER_SYMBOL;
}

bool is_alpha_cp_slow(char32_t c) { return u_isalpha(static_cast<UChar32>(c)); }

Mark mark_of(char32_t c) {
  switch (c) {
    case 0x201C: return M_LDQ;
    case 0x201D: return M_RDQ;
    case 0x201E: return M_LOW9;
    case '"': return M_ASCII_D;
    case 0x2018: return M_LSQ;
    case 0x2019: return M_RSQ;
    case '\'': return M_ASCII_S;
    case 0x00AB: return M_LAQ;
    case 0x00BB: return M_RAQ;
    case 0x2039: return M_LSAQ;
    case 0x203A: return M_RSAQ;
    case 0x300C: return M_CJK;
    case 0x300D: return M_CJK_R;
    case 0x300E: return M_CJKW;
    case 0x300F: return M_CJKW_R;
    case 0x201A: return M_LOW9S;
    case 0x201F: return M_LDQ;
    default: return M_NONE;
  }
}

char32_t cp_at(std::string_view t, std::size_t i) {
  if (i >= t.size()) return 0;
  std::size_t j = i;
  return utf8::next(t, j);
}

char32_t cp_before(std::string_view t, std::size_t i) {
  if (i == 0) return 0;
  std::size_t j = i - 1;
  while (j > 0 && utf8::is_continuation(t[j])) --j;
  std::size_t k = j;
  return utf8::next(t, k);
}

namespace {

std::size_t cp_len(std::string_view t, std::size_t i) {
  const auto b = static_cast<unsigned char>(t[i]);
  return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

}  // namespace

namespace {

// Lower case of s into out; ’ becomes '. ASCII in one pass, the rest through ICU.
void lower_into(std::string_view s, std::string& out) {
  out.resize(s.size());
  std::size_t i = 0;
  for (; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x80) break;
    out[i] = static_cast<char>(static_cast<unsigned char>(b - 'A') < 26 ? b + ('a' - 'A') : b);
  }
  if (i == s.size()) return;
  out.resize(i);
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) { out += static_cast<char>(static_cast<unsigned char>(b - 'A') < 26 ? b + ('a' - 'A') : b); ++i; continue; }
    char32_t c = utf8::next(s, i);
    if (c == 0x2019) c = '\'';  // ’ as apostrophe: one spelling for lexicon lookups
    utf8::append(out, static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))));
  }
}

}  // namespace

std::string lower(std::string_view s) {
  std::string out;
  lower_into(s, out);
  return out;
}

namespace {

// The end of the word starting at i, whose first code point ends at j: word characters, inner
// apostrophes (Korea’s, don't), hyphens (so-called), dots of acronyms (U.S.) and ampersands (AT&T).
// SWAR masks over 8 bytes (high bit of each byte): ASCII letters and digits, and upper-case letters.
constexpr std::uint64_t kOnes = 0x0101010101010101ull;
inline std::uint64_t bytes_in(std::uint64_t v, unsigned lo, unsigned hi) {  // v: bytes below 0x80
  return (v + kOnes * (0x80 - lo)) & ~(v + kOnes * (0x7F - hi)) & (kOnes * 0x80);
}

// The end of the run of ASCII letters and digits starting at k; `upper` notes an upper-case letter
// in it. Eight bytes at a time on little-endian machines (most words end inside the first eight).
inline std::size_t ascii_word_run(const char* p, std::size_t k, std::size_t n, bool& upper) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  while (k + 8 <= n) {
    std::uint64_t x;
    std::memcpy(&x, p + k, 8);
    const std::uint64_t ascii = ~x & (kOnes * 0x80);
    const std::uint64_t v = x & (kOnes * 0x7F);
    const std::uint64_t word = (bytes_in(v | (kOnes * 0x20), 'a', 'z') | bytes_in(v, '0', '9')) & ascii;
    std::uint64_t up = bytes_in(v, 'A', 'Z') & ascii;
    const std::uint64_t stop = ~word & (kOnes * 0x80);
    if (stop) {
      const unsigned bits = static_cast<unsigned>(__builtin_ctzll(stop));  // high bit of the first non-word byte
      up &= (std::uint64_t{1} << bits) - 1;
      upper = upper || up != 0;
      return k + bits / 8;
    }
    upper = upper || up != 0;
    k += 8;
  }
#endif
  for (; k < n && is_ascii_word(static_cast<unsigned char>(p[k])); ++k) upper = upper || static_cast<unsigned char>(p[k] - 'A') < 26;
  return k;
}

// The end of the word starting at i, whose first code point ends at j: word characters, inner
// apostrophes (Korea’s, don't), hyphens (so-called), dots of acronyms (U.S.) and ampersands (AT&T).
// `plain`: the word (from j on) holds no upper-case letter and no non-ASCII byte.
std::size_t word_end(std::string_view t, std::size_t i, std::size_t j, bool& plain) {
  const std::size_t n = t.size();
  const char* const p = t.data();
  std::size_t k = j;
  bool upper = false;
  for (;;) {
    k = ascii_word_run(p, k, n, upper);  // the common case
    if (k >= n) break;
    const auto b = static_cast<unsigned char>(p[k]);
    std::size_t m = k;
    const char32_t d = utf8::next(t, m);
    if (b >= 0x80 && is_word_cp_slow(d)) { k = m; upper = true; continue; }
    if ((d == '\'' || d == 0x2019 || d == '-' || d == 0x2010 || d == '&' || d == '.') && m < n) {
      const char32_t after = cp_at(t, m);
      if (d == '.') {
        if (is_alpha_cp(after) && m - i <= 8 && cp_len(t, m) == 1 &&
            !(m + 1 < n && is_word_cp(cp_at(t, m + 1)) && cp_at(t, m + 1) != '.' && cp_at(t, m + 2) != '.')) {
          k = m;
          continue;
        }
        break;
      }
      if (is_word_cp(after)) { k = m; upper = upper || b >= 0x80; continue; }
    }
    break;
  }
  plain = !upper;
  return k;
}

}  // namespace

namespace {

// The lower case of t[a, b) as a view: the text itself when lowering changes nothing (the common
// case), else appended to `arena` (recorded as an offset in `fix`: views into the arena are made
// once it stops growing).
std::string_view lower_view(std::string_view t, std::size_t a, std::size_t b, std::string& arena, std::string& scratch,
                            std::vector<std::pair<std::size_t, std::size_t>>& fix, std::size_t tok, std::uint32_t& key,
                            bool plain = false) {
  if (plain) { key = word_key(t.substr(a, b - a)); return t.substr(a, b - a); }
  std::size_t k = a;
  while (k < b) {
    const auto c = static_cast<unsigned char>(t[k]);
    if (c >= 0x80 || static_cast<unsigned char>(c - 'A') < 26) break;
    ++k;
  }
  if (k == b) { key = word_key(t.substr(a, b - a)); return t.substr(a, b - a); }
  lower_into(t.substr(a, b - a), scratch);
  key = word_key(scratch);
  fix.emplace_back(tok, arena.size());
  arena += scratch;
  return std::string_view(nullptr, scratch.size());
}

}  // namespace

std::vector<Tok> tokenize(std::string_view t, const detail::WordSet& abbreviations, std::string& arena) {
  std::vector<Tok> out;
  out.reserve(t.size() / 5 + 8);
  arena.clear();
  std::vector<std::pair<std::size_t, std::size_t>> fix;  // (token, arena offset) of lower case forms in the arena
  std::size_t i = 0;
  const std::size_t n = t.size();
  std::string w;  // scratch: a word's lower case before a full stop
  while (i < n) {
    const auto b0 = static_cast<unsigned char>(t[i]);
    if (b0 == ' ') { ++i; continue; }
    std::size_t j = i;
    const char32_t c = utf8::next(t, j);
    if (is_space_cp(c)) { i = j; continue; }
    // Elisions glued to the next word: ’90s, ’n’ (rock ’n’ roll), 'n'.
    if ((c == 0x2019 || c == '\'' || c == 0x2018) && !is_word_cp(cp_before(t, i))) {
      const char32_t nx = cp_at(t, j);
      const bool digit = nx >= '0' && nx <= '9';
      bool n_elision = false;
      if (nx == 'n' || nx == 'N') {
        const char32_t nn = cp_at(t, j + 1);
        n_elision = (nn == 0x2019 || nn == '\'') && !is_word_cp(cp_at(t, j + 1 + cp_len(t, j + 1)));
      }
      if (digit || n_elision) {
        std::size_t k = j;
        if (n_elision) k = j + 1 + cp_len(t, j + 1);
        else while (k < n) { std::size_t m = k; char32_t d = utf8::next(t, m); if (!is_word_cp(d)) break; k = m; }
        Tok& tok = out.emplace_back();
        tok.s = static_cast<std::uint32_t>(i);
        tok.e = static_cast<std::uint32_t>(k);
        tok.kind = TK::word;
        tok.low = lower_view(t, i, k, arena, w, fix, out.size() - 1, tok.key);
        i = k;
        continue;
      }
    }
    if (is_word_cp(c)) {
      bool plain = false;
      std::size_t k = word_end(t, i, j, plain);
      plain = plain && c < 0x80 && static_cast<unsigned char>(c - 'A') >= 26;  // the first character too
      // A trailing period belongs to initials and known abbreviations ("J.", "Sen.", "U.S.").
      if (k < n && t[k] == '.') {
        lower_into(t.substr(i, k - i), w);
        const bool single = j == k && is_alpha_cp(c) && u_isupper(static_cast<UChar32>(c));
        const bool acronym = w.find('.') != std::string::npos;
        if (single || acronym || abbreviations.count(w)) ++k;
      }
      Tok& tok = out.emplace_back();
      tok.s = static_cast<std::uint32_t>(i);
      tok.e = static_cast<std::uint32_t>(k);
      tok.kind = TK::word;
      tok.cap = c < 0x80 ? (c >= 'A' && c <= 'Z') : (u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c)));
      tok.low = lower_view(t, i, k, arena, w, fix, out.size() - 1, tok.key, plain);
      i = k;
      continue;
    }
    Mark m = mark_of(c);
    if (c == '\'' && j < n && t[j] == '\'') { m = M_ASCII_DD; ++j; }  // '' as a double mark
    if (c == '`' && j < n && t[j] == '`') { m = M_ASCII_DD; ++j; }    // `` (typewriter opening)
    if (c == '-' && j < n && t[j] == '-') ++j;                        // -- as a dash
    Tok& tok = out.emplace_back();
    tok.s = static_cast<std::uint32_t>(i);
    tok.e = static_cast<std::uint32_t>(j);
    tok.kind = m == M_NONE ? TK::punct : TK::mark;
    tok.mark = m;
    tok.low = t.substr(i, j - i);
    tok.key = word_key(tok.low);
    i = j;
  }
  for (const auto& [tok, off] : fix) out[tok].low = std::string_view(arena.data() + off, out[tok].low.size());
  return out;
}

bool is_possessive(std::string_view w) {
  return w.size() > 2 && (w.compare(w.size() - 2, 2, "'s") == 0 || (w.back() == '\'' && w[w.size() - 2] == 's'));
}

bool party_tag(std::string_view w) {
  return w.size() >= 3 && w.size() <= 12 && (w[0] == 'r' || w[0] == 'd' || w[0] == 'i') && w[1] == '-' &&
         w[2] >= 'a' && w[2] <= 'z';
}

std::string join_tokens(std::string_view text, const TokView& t, std::size_t a, std::size_t b) {
  if (a >= b) return {};
  return std::string(text.substr(t[a].s, t[b - 1].e - t[a].s));
}

std::string strip_possessive(std::string_view s) {
  for (const char* suf : {"\xE2\x80\x99s", "'s", "\xE2\x80\x99", "'"}) {
    const std::string_view sv(suf);
    if (s.size() > sv.size() && s.compare(s.size() - sv.size(), sv.size(), sv) == 0) return std::string(s.substr(0, s.size() - sv.size()));
  }
  return std::string(s);
}

}  // namespace framelens::quotes_detail
