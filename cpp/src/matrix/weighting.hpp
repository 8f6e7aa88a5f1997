#pragma once
// Internal: weighting a count matrix in place, for a caller that no longer needs the counts (the
// comparison's outlet similarity), without the copy weight() makes.
#include "framelens/dtm.hpp"

namespace framelens::detail {

/// `counts` becomes weight(view(counts), weighting, options), value for value.
void weight_in_place(SparseMatrix& counts, Weighting weighting, const WeightOptions& options = {});

}  // namespace framelens::detail
