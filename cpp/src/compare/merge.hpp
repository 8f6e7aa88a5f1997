#pragma once
// Internal: what merge.cpp (the pieces' rows back in order) and merge_sums.cpp (their sums added, the
// outlet-level views) share.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compare/partial.hpp"
#include "framelens/error.hpp"

namespace framelens::detail {

using MergeParts = std::vector<const PartialComparison*>;

/// An empty table with the columns of `t`.
Table empty_like(const Table& t);
/// The table `name` of a piece (FormatError when it lacks it).
const Table& table_of(const PartialComparison& p, const char* name);
/// The matrix `name` of a piece, checked to hold `size` values.
const std::vector<double>& matrix_of(const PartialComparison& p, const char* name, std::size_t size);
/// The pieces that hold tables (a piece with no document has none), checked against the globals.
MergeParts with_tables(const std::vector<const PartialComparison*>& pieces, const CompareGlobals& g);
/// with_tables(), and InvalidArgument when no piece has any (an empty corpus).
MergeParts nonempty(const std::vector<const PartialComparison*>& pieces, const CompareGlobals& g);
/// An empty comparison with the options' description and the globals' outlets.
Comparison described(const CompareOptions& opt, const CompareGlobals& g);

// The corpus's outlets by name: a piece's outlet column is looked up once per dictionary entry, not per row.
class OutletIndex {
 public:
  explicit OutletIndex(const std::vector<std::string>& outlets) {
    for (std::uint32_t g = 0; g < outlets.size(); ++g) index_.emplace(outlets[g], g);
  }
  /// The outlet of each entry of `column`'s dictionary.
  std::vector<std::uint32_t> of(const Column& column) const {
    std::vector<std::uint32_t> out;
    out.reserve(column.dictionary.size());
    for (const auto& name : column.dictionary) {
      const auto it = index_.find(name);
      if (it == index_.end()) throw FormatError("merge: a piece names the outlet '" + name + "', which is not the corpus's");
      out.push_back(it->second);
    }
    return out;
  }

 private:
  std::unordered_map<std::string_view, std::uint32_t> index_;
};

}  // namespace framelens::detail
