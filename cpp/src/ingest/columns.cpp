#include "framelens/columns.hpp"

#include <cstring>
#include <utility>

#include "framelens/error.hpp"
#include "framelens/threads.hpp"
#include "framelens/utf8.hpp"
#include "util/parallel.hpp"

namespace framelens {

std::size_t StringColumn::size() const noexcept {
  std::size_t n = 0;
  for (const auto& c : chunks) n += c.length;
  return n;
}

namespace {

// A value of a column: a view into its data buffer, or absent (null).
struct Value {
  std::string_view text;
  bool present = false;
};

[[noreturn]] void bad_column(const StringColumn& column, const std::string& what) {
  throw InvalidArgument("column '" + column.name + "': " + what);
}

std::int64_t offset_at(const StringChunk& c, std::size_t i) {
  if (c.large) {
    std::int64_t v;
    std::memcpy(&v, static_cast<const char*>(c.offsets) + i * sizeof(v), sizeof(v));
    return v;
  }
  std::int32_t v;
  std::memcpy(&v, static_cast<const char*>(c.offsets) + i * sizeof(v), sizeof(v));
  return v;
}

// Every value of a column as a view, after checking that each buffer holds what its chunk says.
std::vector<Value> values(const StringColumn& column) {
  std::vector<Value> out;
  out.reserve(column.size());
  for (std::size_t k = 0; k < column.chunks.size(); ++k) {
    const StringChunk& c = column.chunks[k];
    const std::string where = "chunk " + std::to_string(k) + ": ";
    if (c.length == 0) continue;
    const std::size_t width = c.large ? 8 : 4;
    if (c.offsets == nullptr || c.offset + c.length < c.offset ||
        c.offsets_size / width < c.offset + c.length + 1)
      bad_column(column, where + "the offsets buffer holds fewer than offset + length + 1 entries");
    if (c.validity != nullptr && c.validity_size < (c.offset + c.length + 7) / 8)
      bad_column(column, where + "the validity bitmap is shorter than offset + length bits");
    std::int64_t begin = offset_at(c, c.offset);
    for (std::size_t i = 0; i < c.length; ++i) {
      const std::size_t row = c.offset + i;
      const std::int64_t end = offset_at(c, row + 1);
      if (begin < 0 || end < begin || static_cast<std::uint64_t>(end) > c.data_size)
        bad_column(column, where + "value " + std::to_string(i) + " has offsets [" + std::to_string(begin) + ", " +
                               std::to_string(end) + ") outside its data buffer of " + std::to_string(c.data_size) +
                               " bytes");
      Value v;
      v.present = c.validity == nullptr || ((c.validity[row / 8] >> (row % 8)) & 1u) != 0;
      if (v.present && end > begin)
        v.text = std::string_view(c.data + begin, static_cast<std::size_t>(end - begin));
      out.push_back(v);
      begin = end;
    }
  }
  return out;
}

std::vector<Value> optional_values(const std::optional<StringColumn>& column, std::size_t rows) {
  if (!column) return {};
  std::vector<Value> v = values(*column);
  if (v.size() != rows)
    bad_column(*column, "has " + std::to_string(v.size()) + " values for " + std::to_string(rows) + " rows of text");
  return v;
}

// Throws EncodingError naming the row and column when `text` is not UTF-8.
void check_utf8(std::string_view text, std::size_t row, const StringColumn& column) {
  if (utf8::find_invalid(text) != std::string_view::npos)
    utf8::validate(text, "row " + std::to_string(row) + " (column '" + column.name + "')");
}

std::string text_of(const std::vector<Value>& column, std::size_t row) {
  return column.empty() ? std::string() : std::string(column[row].text);
}

}  // namespace

std::vector<Document> documents_from_columns(const DocumentColumns& columns, int threads) {
  const std::vector<Value> text = values(columns.text);
  const std::size_t rows = text.size();
  const std::vector<Value> outlet = optional_values(columns.outlet, rows);
  const std::vector<Value> title = optional_values(columns.title, rows);
  const std::vector<Value> id = optional_values(columns.id, rows);
  std::vector<std::vector<Value>> meta;
  meta.reserve(columns.meta.size());
  for (const auto& m : columns.meta) {
    meta.push_back(values(m));
    if (meta.back().size() != rows)
      bad_column(m, "has " + std::to_string(meta.back().size()) + " values for " + std::to_string(rows) + " rows of text");
  }
  for (std::size_t i = 0; i < rows; ++i)
    if (!text[i].present)
      throw InvalidArgument("row " + std::to_string(i) + ": column '" + columns.text.name +
                            "' holds null, not text; drop or fill empty rows first");

  std::vector<Document> docs(rows);
  detail::parallel_for(rows, resolve_threads(threads), 64, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t i = b; i < e; ++i) {
      Document& d = docs[i];
      d.text.assign(text[i].text);
      d.outlet = text_of(outlet, i);
      d.title = text_of(title, i);
      d.id = text_of(id, i);
      // Text, title and outlet are validated by Corpus::add; the id and metadata here (they reach Python as str).
      if (!id.empty()) check_utf8(id[i].text, i, *columns.id);
      for (std::size_t k = 0; k < meta.size(); ++k) {
        if (!meta[k][i].present) continue;
        check_utf8(meta[k][i].text, i, columns.meta[k]);
        d.meta.emplace(columns.meta[k].name, std::string(meta[k][i].text));
      }
    }
  });
  return docs;
}

}  // namespace framelens
