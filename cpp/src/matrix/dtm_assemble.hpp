#pragma once
// Internal: the second half of dtm() — merging per-worker vocabularies and assembling the CSR — for any
// pass that counted terms itself: dtm() and the comparison's one pass over the documents, which counts
// the content terms from the tokens it reads anyway.
#include <cstdint>
#include <utility>
#include <vector>

#include "framelens/dtm.hpp"
#include "framelens/vocabulary.hpp"

namespace framelens::detail {

/// One document's counts before the vocabularies are merged: (term id, count) with ids local to the
/// vocabulary of part `worker`, each id once.
struct LocalCounts {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> entries;
  unsigned worker = 0;
};

/// Steps 2-4 of dtm(): merges the parts' vocabularies into byte order, sums their document frequencies
/// (`dfs[part][local id]`; ids beyond its size count 0), prunes by options.min_df / max_df as
/// scikit-learn does, and builds the matrix (each row of `docs` is released once copied). With
/// `columns`, also gives every part's local id -> matrix column (-1: pruned or never counted).
/// Throws InvalidArgument as dtm() does for an empty vocabulary.
DocumentTermMatrix assemble_dtm(const Corpus& corpus, const DtmOptions& options,
                                const std::vector<const Vocabulary*>& vocabularies,
                                const std::vector<const std::vector<std::uint32_t>*>& dfs, std::vector<LocalCounts>& docs,
                                unsigned threads, std::vector<std::vector<std::int32_t>>* columns = nullptr);

}  // namespace framelens::detail
