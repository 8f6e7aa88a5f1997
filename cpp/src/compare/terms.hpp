#pragma once
// Internal: the comparison's word counts, outlet similarity and distinctive terms (terms.cpp).
#include <vector>

#include "compare/context.hpp"

namespace framelens::detail {

/// dtm() with the comparison's token options (an empty n x 0 matrix when no document holds a term).
DocumentTermMatrix count_terms(const Corpus& corpus, const TokenOptions& tokens, int threads);

/// Terms as a look-up index (id = position: a count matrix's column).
Vocabulary term_index(const std::vector<std::string>& terms);

/// A count matrix of `documents` rows and no terms.
DocumentTermMatrix empty_counts(std::size_t documents);

struct OutletSimilarity {
  std::vector<double> corpus;   ///< outlet x outlet, row-major
  std::vector<double> stories;  ///< averaged over shared stories; NaN where two outlets never meet
};

/// Cosine of the outlets' TF-IDF centroids (weight(), group(), similarity() of the matrix stage). The
/// count matrix is weighted in place (no copy): it holds the TF-IDF rows afterwards.
OutletSimilarity outlet_similarity(const CompareContext& ctx, SparseMatrix& counts);

/// Outlet x outlet: the summed cosine of the outlets' TF-IDF centroids inside each story (`sum`) and the
/// number of stories (`count`), so that pieces of a corpus add up. An outlet alone in a story counts its
/// centroid against itself (1, or 0 without terms).
struct StorySimilarity {
  std::vector<double> sum, count;
};
StorySimilarity story_similarity(const CompareContext& ctx, const SparseMatrix& tfidf);

/// Each outlet's top over-used terms against all other outlets; `types` gets each outlet's distinct terms.
std::vector<std::vector<DistinctiveTerm>> distinctive_terms(const CompareContext& ctx, const DocumentTermMatrix& counts,
                                                            std::vector<std::size_t>& types);

}  // namespace framelens::detail
