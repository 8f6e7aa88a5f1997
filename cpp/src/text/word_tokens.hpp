#pragma once
// Internal: a light word tokenizer used by the comparison and frame scoring. Words are maximal runs of
// letters, digits and combining marks, with inner apostrophes (' or U+2019, unified to ') and inner
// full stops kept (as UAX #29 keeps them: "U.S." is the word "u.s", "F.B.I." is "f.b.i", not letters);
// each word is case-folded (ICU simple case folding) and keeps its UTF-8 byte span.
#include <string>
#include <string_view>
#include <vector>

#include "framelens/document.hpp"

namespace framelens::detail {

struct WordToken {
  Span span;
  std::string text;  ///< case-folded
  bool capitalised = false;  ///< the surface form starts with an upper-case or title-case letter
};

std::vector<WordToken> word_tokens(std::string_view text);

}  // namespace framelens::detail
