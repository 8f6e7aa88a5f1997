#pragma once
// Column-oriented tables: the form every view of a comparison takes. Numeric columns are contiguous
// vectors (Python receives them as NumPy arrays without per-row work); a string column stores each
// distinct value once (its dictionary, in order of first appearance) and one 32-bit code per row, which
// pandas receives as a Categorical.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "framelens/vocabulary.hpp"

namespace framelens {

enum class ColumnType : unsigned char { int64, float64, boolean, string };

/// "int64", "float64", "bool", "string".
const char* to_string(ColumnType type) noexcept;
/// The inverse of to_string (throws FormatError for another name).
ColumnType parse_column_type(std::string_view name);

struct Column {
  std::string name;
  ColumnType type = ColumnType::int64;
  std::vector<std::int64_t> ints;       ///< int64 and boolean (0 or 1) values
  std::vector<double> floats;           ///< float64 values (NaN for a missing value)
  std::vector<std::uint32_t> codes;     ///< string: index into `dictionary` per row
  std::vector<std::string> dictionary;  ///< string: the distinct values

  std::size_t size() const noexcept;
  /// The string of row `row` (string columns).
  std::string_view str(std::size_t row) const { return dictionary[codes[row]]; }

  void push(std::int64_t v) { ints.push_back(v); }
  void push(double v) { floats.push_back(v); }
  void push(bool v) { ints.push_back(v ? 1 : 0); }
  /// Room for `rows` values of the column's type.
  void reserve(std::size_t rows);
  /// Appends a string, interning it in the dictionary.
  void push(std::string_view v);
  /// Frees the look-up index strings are interned through and the columns' spare capacity (the table
  /// keeps working, read-only).
  void seal();

 private:
  // Interning: an open-addressing index over `dictionary` itself (each slot: 1 + a position and 32 bits of
  // the value's hash; the strings are not copied), and how many dictionary entries are indexed (a reader
  // may fill the dictionary directly).
  struct Slot {
    std::uint32_t position1 = 0;  // 0: empty
    std::uint32_t hash = 0;
  };
  std::uint32_t intern(std::string_view v, std::uint64_t h, bool add);
  std::vector<Slot> slots_;
  std::size_t indexed_ = 0;
};

class Table {
 public:
  /// Adds an empty column and returns it (InvalidArgument when the name is taken). References stay
  /// valid only until the next add().
  Column& add(std::string name, ColumnType type);
  std::size_t rows() const noexcept { return columns_.empty() ? 0 : columns_.front().size(); }
  const std::vector<Column>& columns() const noexcept { return columns_; }
  std::vector<Column>& columns() noexcept { return columns_; }
  bool has(std::string_view name) const noexcept;
  /// The column `name` (NotFound listing the columns otherwise).
  const Column& column(std::string_view name) const;
  Column& column(std::string_view name);
  const std::vector<std::int64_t>& ints(std::string_view name) const { return column(name).ints; }
  const std::vector<double>& floats(std::string_view name) const { return column(name).floats; }
  /// Every row of a string column as a string.
  std::vector<std::string> strings(std::string_view name) const;
  /// Throws FormatError when the columns differ in length or a code lies outside its dictionary.
  void validate(std::string_view what) const;
  /// Seals every column (see Column::seal).
  void seal();

 private:
  std::vector<Column> columns_;
};

}  // namespace framelens
