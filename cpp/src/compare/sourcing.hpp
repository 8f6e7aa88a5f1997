#pragma once
// Internal: per-outlet sourcing from the quotes (sourcing.cpp).
#include <map>
#include <string>
#include <vector>

#include "compare/context.hpp"

namespace framelens::detail {

struct Sourcing {
  struct Outlet {
    std::size_t quotes = 0;        ///< every quote, scare quotes included
    std::size_t speakers = 0;      ///< distinct named speakers
    double named_share = 0, anonymous_share = 0, direct_share = 0, indirect_share = 0;  ///< among attributed quotes
    double quoted_words = 0;       ///< words inside direct and partial quotes
    /// field ("kind", "cue", "source_type", "affiliation", "speaker") -> value -> count
    std::map<std::string, std::map<std::string, std::size_t>> counts;
    std::vector<std::string> exclusive;  ///< quoted by this outlet and no other of the same story
  };
  struct First {
    std::uint32_t outlet;
    std::size_t document;
    std::string speaker;  ///< the first speaker the document quotes ("" none)
  };
  std::vector<Outlet> outlets;
  std::vector<First> first_quoted;
  std::vector<double> speaker_overlap;  ///< outlet x outlet: distinct named speakers quoted by both
};

/// quote_records() (compare.hpp; with `full_names`, compare_partial.hpp's) from the documents' `segments`.
std::vector<QuoteRecord> quote_records(const Corpus& corpus, const Segments& segments,
                                       const std::map<std::string, const QuoteExtractor*>& extractors, int threads,
                                       const std::vector<std::string>& full_names = {});

/// document_quote_records() (compare_partial.hpp) from the documents' `segments`.
std::vector<QuoteRecord> document_quote_records(const Corpus& corpus, const Segments& segments,
                                                const std::map<std::string, const QuoteExtractor*>& extractors,
                                                int threads);

/// `quoted_words`: per document, the words inside its direct and partial attributed quotes (read_documents).
Sourcing sourcing(const CompareContext& ctx, const QuoteRows& quotes, const std::vector<double>& quoted_words);

}  // namespace framelens::detail
