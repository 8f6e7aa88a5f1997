#pragma once
// Internal: quotation marks paired into quotations, per paragraph, in time linear in the tokens.
#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "framelens/document.hpp"
#include "quotes/tokens.hpp"

namespace framelens::quotes_detail {

struct QSpan {
  std::size_t a = 0, b = 0;  // token range [a, b), marks included
  bool unbalanced = false;
  int group = -1;            // multi-paragraph quotation: pieces share a group
};

/// Paragraphs as the pairing sees them: a paragraph whose typographic double marks stay open is
/// joined with the following ones (at most three) that close them without reopening.
std::vector<Span> quotation_paragraphs(const std::vector<Tok>& toks, const std::vector<Span>& paras, bool german);

/// Top-level quotations of `paras` (sorted by start). Word-final apostrophes found on the way are
/// glued to their words (which renumbers `toks`; a glued word's lower case is kept in `glued` when
/// it is not the text itself); every token inside a quotation gets in_quote.
/// `spaced`: marks are set off by spaces (« … »), so the space beside a mark does not decide its direction.
std::vector<QSpan> find_quotations(std::string_view text, std::vector<Tok>& toks, const std::vector<Span>& paras,
                                   std::deque<std::string>& glued, bool german, bool spaced = false);

/// The words of quotation q when it holds nothing but words, full stops and hyphens — a name as a source
/// gives it („tagesschau.de“, „BBC News“) — else 0.
std::size_t name_like_words(TokView toks, const QSpan& q);

}  // namespace framelens::quotes_detail
