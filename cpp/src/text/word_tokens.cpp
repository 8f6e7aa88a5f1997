#include "text/word_tokens.hpp"

#include <unicode/uchar.h>

#include "framelens/utf8.hpp"

namespace framelens::detail {
namespace {

bool is_word_char(char32_t c) {
  const auto u = static_cast<UChar32>(c);
  if (u_hasBinaryProperty(u, UCHAR_ALPHABETIC) || u_isdigit(u)) return true;
  const auto t = u_charType(u);
  return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}

bool is_apostrophe(char32_t c) { return c == U'\'' || c == U'\u2019'; }

}  // namespace

std::vector<WordToken> word_tokens(std::string_view text) {
  std::vector<WordToken> out;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    std::size_t start = i;
    char32_t c = utf8::next(text, i);
    if (!is_word_char(c)) continue;
    WordToken tok;
    tok.span.start = start;
    tok.capitalised = u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c));
    utf8::append(tok.text, static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT)));
    std::size_t end = i;
    while (i < n) {
      std::size_t j = i;
      char32_t d = utf8::next(text, j);
      if (is_word_char(d)) {
        utf8::append(tok.text, static_cast<char32_t>(u_foldCase(static_cast<UChar32>(d), U_FOLD_CASE_DEFAULT)));
        i = end = j;
      } else if ((is_apostrophe(d) || d == U'.') && j < n) {
        std::size_t k = j;
        char32_t e = utf8::next(text, k);
        if (!is_word_char(e)) break;
        tok.text.push_back(d == U'.' ? '.' : '\'');
        utf8::append(tok.text, static_cast<char32_t>(u_foldCase(static_cast<UChar32>(e), U_FOLD_CASE_DEFAULT)));
        i = end = k;
      } else {
        break;
      }
    }
    tok.span.end = end;
    out.push_back(std::move(tok));
  }
  return out;
}

}  // namespace framelens::detail
