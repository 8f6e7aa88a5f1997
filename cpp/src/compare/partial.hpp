#pragma once
// Internal: what partial.cpp (each piece) and merge.cpp and merge_sums.cpp (the pieces together) share.
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "compare/result.hpp"
#include "framelens/compare_partial.hpp"

namespace framelens::detail {

/// An empty table with these columns.
Table make_table(std::initializer_list<std::pair<const char*, ColumnType>> columns);

/// An outlets x terms matrix as an (outlet, term, value) table, row by row (the pieces' "term_counts" and
/// "centroids").
Table sparse_table(const SparseMatrix& m);

}  // namespace framelens::detail
