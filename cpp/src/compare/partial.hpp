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

}  // namespace framelens::detail
