#pragma once
// Internal: summing the rows of a sparse matrix per group — group()'s arithmetic, for callers that already
// hold dense group indices (the comparison's outlets and story x outlet pairs) and need no label strings.
#include <cstdint>
#include <vector>

#include "framelens/dtm.hpp"

namespace framelens::detail {

/// A row that belongs to no group (sum_rows leaves it out).
inline constexpr std::uint32_t kNoGroup = 0xFFFFFFFFu;

/// An n_groups x m.cols() matrix whose row g sums the rows i of `m` with group_of[i] == g, added in row
/// order (so a sum does not depend on `threads`); rows with kNoGroup are left out. Groups run in
/// parallel; the result is the only large allocation (no product, no triplets).
SparseMatrix sum_rows(const CsrView& m, const std::vector<std::uint32_t>& group_of, std::size_t n_groups,
                      unsigned threads);

}  // namespace framelens::detail
