#pragma once
// Internal: the quote engine's tokens — words with byte offsets, punctuation and quotation marks —
// and bounds-safe access to them.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "quotes/word_key.hpp"
#include "text/term_index.hpp"

namespace framelens::quotes_detail {

enum class TK : unsigned char { word, punct, mark };

// Quotation mark kinds. Openers and closers are told apart in context.
enum Mark : unsigned char {
  M_NONE, M_LDQ /*“*/, M_RDQ /*”*/, M_LOW9 /*„*/, M_ASCII_D /*"*/, M_ASCII_DD /*''*/, M_LSQ /*‘*/, M_RSQ /*’*/,
  M_ASCII_S /*'*/, M_LAQ /*«*/, M_RAQ /*»*/, M_LSAQ /*‹*/, M_RSAQ /*›*/, M_CJK /*「*/, M_CJK_R /*」*/,
  M_CJKW /*『*/, M_CJKW_R /*』*/, M_LOW9S /*‚*/
};

struct Tok {
  std::uint32_t s = 0, e = 0;
  TK kind = TK::word;
  Mark mark = M_NONE;
  bool cap = false;       // starts with an upper-case letter
  bool in_quote = false;  // inside a quotation (marks included)
  std::uint32_t key = 0;  // word_key(low), for look-up filters
  // Lower case (words and punctuation): a view into the text when the token is already lower case
  // (most words), else into the document's arena of lower-cased forms (tokenize()).
  std::string_view low;
};

// Bounds-safe read access to a document's tokens. The rules look at neighbours (t[i - 1], t[k - 2])
// near unit and document edges; an index outside [0, size) — "one before the first" wraps around to
// a huge value — reads an empty sentinel token (punctuation without text, outside every quotation,
// not capitalised) instead of memory outside the vector.
class TokView {
 public:
  explicit TokView(const std::vector<Tok>& v) noexcept : p_(v.data()), n_(v.size()) {}
  const Tok& operator[](std::size_t i) const noexcept { return i < n_ ? p_[i] : sentinel(); }
  std::size_t size() const noexcept { return n_; }
  const Tok* begin() const noexcept { return p_; }
  const Tok* end() const noexcept { return p_ + n_; }

 private:
  static const Tok& sentinel() noexcept;
  const Tok* p_;
  std::size_t n_;
};

bool is_space_cp_slow(char32_t c);
bool is_word_cp_slow(char32_t c);
bool is_alpha_cp_slow(char32_t c);
// Called for every code point of every text: ASCII inline, the rest out of line (ICU's tables).
inline bool is_space_cp(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  return is_space_cp_slow(c);
}
inline bool is_ascii_word(unsigned char b) {
  return static_cast<unsigned char>((b | 0x20) - 'a') < 26 || static_cast<unsigned char>(b - '0') < 10;
}
inline bool is_word_cp(char32_t c) { return c < 0x80 ? is_ascii_word(static_cast<unsigned char>(c)) : is_word_cp_slow(c); }
inline bool is_alpha_cp(char32_t c) {
  return c < 0x80 ? static_cast<unsigned char>((c | 0x20) - 'a') < 26 : is_alpha_cp_slow(c);
}
char32_t cp_at(std::string_view t, std::size_t i);
char32_t cp_before(std::string_view t, std::size_t i);
/// Lower case; ’ becomes ' (one spelling for lexicon look-ups).
std::string lower(std::string_view s);
/// Tokens of `t`; a word in `abbreviations` keeps its full stop ("Sen.", "Dr."). Lower-case forms
/// that differ from the text go to `arena` (replaced): the tokens' views need `t` and `arena`
/// unchanged and alive.
std::vector<Tok> tokenize(std::string_view t, const detail::WordSet& abbreviations, std::string& arena);

/// Sentence punctuation: . ! ? ;
inline bool ends_unit(const Tok& t) {
  return t.kind == TK::punct && (t.low == "." || t.low == "!" || t.low == "?" || t.low == ";");
}
/// "Trump's", "Korea’s" (’ is lower-cased to '), and the plural possessive "voters'".
bool is_possessive(std::string_view w);
/// A US party and state tag: "r-ky", "d-n.y.", "i-vt" (lower case).
bool party_tag(std::string_view w);
/// The text of tokens [a, b) as written.
std::string join_tokens(std::string_view text, const TokView& t, std::size_t a, std::size_t b);
/// "Trump’s" -> "Trump", "voters'" -> "voters".
std::string strip_possessive(std::string_view s);

}  // namespace framelens::quotes_detail
