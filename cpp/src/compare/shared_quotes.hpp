#pragma once
// Internal: the same quote across outlets (shared_quotes.cpp). Quotes of different outlets of one story
// that render one utterance — verbatim, trimmed, paraphrased, or given to another speaker — are aligned
// into groups around a pivot (the fullest rendering), and each member's differences from the pivot named.
#include <vector>

#include "compare/context.hpp"

namespace framelens::detail {

/// Thresholds of the alignment (docs/comparison.md, "The same quote across outlets").
struct SharedQuoteRules {
  std::size_t min_content = 3;      ///< content words a quote needs to be aligned at all
  std::size_t probes = 8;           ///< a quote looks for partners through its rarest content words
  std::size_t max_posting = 256;    ///< words in more of the story's quotes than this are no probe
  std::size_t max_candidates = 16;  ///< partners compared per quote, those sharing the most probes
  std::size_t min_probe_hits = 2;   ///< probes a partner must share to be compared
  double paraphrase = 0.6;          ///< idf-weighted containment of a paraphrase
  std::size_t paraphrase_run = 3;   ///< ... which also keeps a run of this many words (a phrase)
  double trimmed = 0.9;             ///< containment of a trim with an edit at a cut (with a long common run)
  std::size_t max_words = 400;      ///< words of a quote compared for the common run (the rest ignored)
};

/// Adds the tables "shared_quotes" (one row per group) and "shared_quote_members" (one row per member)
/// from `quotes` (the rows of the quote table). `counted` is
/// the comparison's vocabulary (its content words), `df` each term's document frequency among the
/// corpus's `documents` (the whole corpus's, also when ctx holds one piece of it).
void add_shared_quotes(Comparison& c, const CompareContext& ctx, const QuoteRows& quotes,
                       const Vocabulary& counted, const std::vector<double>& df, double documents,
                       const SharedQuoteRules& rules = {});

}  // namespace framelens::detail
