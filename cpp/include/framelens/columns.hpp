#pragma once
// Documents from columns of strings in Apache Arrow's memory layout (one column per field), as pyarrow,
// pandas' Arrow-backed strings and Parquet readers hold them: the values are read straight from the
// columns' buffers in one pass, without a call per row. This header needs no Arrow library: a column is
// described by plain pointers into its buffers, and every offset is checked against the buffer sizes
// before it is used.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "framelens/document.hpp"

namespace framelens {

/// One chunk of an Arrow string column: `length` values starting at element `offset`. Value i spans
/// data[offsets[offset + i], offsets[offset + i + 1]); `offsets` holds 32-bit integers (Arrow `utf8`) or,
/// when `large`, 64-bit integers (`large_utf8`). `validity` is Arrow's bitmap (bit offset + i set: the
/// value is present) or null when every value is present. Sizes are in bytes, as the buffers were handed
/// over; a buffer too small for `offset + length` values is an InvalidArgument, never a read past its end.
struct StringChunk {
  const char* data = nullptr;
  std::size_t data_size = 0;
  const void* offsets = nullptr;
  std::size_t offsets_size = 0;
  bool large = false;
  const std::uint8_t* validity = nullptr;
  std::size_t validity_size = 0;
  std::size_t offset = 0;
  std::size_t length = 0;
};

/// A column of strings: its name (for messages) and its chunks in row order.
struct StringColumn {
  std::string name;
  std::vector<StringChunk> chunks;
  /// The number of values (the chunks' lengths summed).
  std::size_t size() const noexcept;
};

/// The columns that make documents: one value per row in each. `text` is required (a null text is an
/// InvalidArgument naming the row and column); `outlet`, `title` and `id` may be absent, and a null value
/// is "" (an empty id is numbered "doc<N>" when the documents are added to a Corpus). Each `meta` column
/// becomes the metadata key of its name; a null value leaves the key out of that document.
struct DocumentColumns {
  StringColumn text;
  std::optional<StringColumn> outlet, title, id;
  std::vector<StringColumn> meta;
};

/// Checks every column (the same number of values as `text`; offsets non-decreasing and inside the data
/// buffer; buffers large enough) and builds the documents in row order on `threads` threads (<= 0: all
/// cores). Throws InvalidArgument naming the column (and row) on bad input, EncodingError for an id or
/// metadata value that is not UTF-8 (text, title and outlet are validated by Corpus::add, as for every
/// document).
std::vector<Document> documents_from_columns(const DocumentColumns& columns, int threads = 0);

}  // namespace framelens
