#include "framelens/table.hpp"

#include <algorithm>
#include <climits>

#include "framelens/error.hpp"

namespace framelens {

const char* to_string(ColumnType type) noexcept {
  switch (type) {
    case ColumnType::int64: return "int64";
    case ColumnType::float64: return "float64";
    case ColumnType::boolean: return "bool";
    case ColumnType::string: return "string";
  }
  return "?";
}

ColumnType parse_column_type(std::string_view name) {
  for (auto t : {ColumnType::int64, ColumnType::float64, ColumnType::boolean, ColumnType::string})
    if (name == to_string(t)) return t;
  throw FormatError("unknown column type '" + std::string(name) + "' (expected int64, float64, bool or string)");
}

std::size_t Column::size() const noexcept {
  switch (type) {
    case ColumnType::float64: return floats.size();
    case ColumnType::string: return codes.size();
    default: return ints.size();
  }
}

void Column::reserve(std::size_t rows) {
  switch (type) {
    case ColumnType::float64: floats.reserve(rows); break;
    case ColumnType::string: codes.reserve(rows); break;
    default: ints.reserve(rows); break;
  }
}

// The position of `v` in the dictionary; when absent, appended (add) or npos-like UINT32_MAX.
std::uint32_t Column::intern(std::string_view v, std::uint64_t h, bool add) {
  // A slot's place comes from the 32 bits of the hash it keeps, so growing the index moves slots
  // without hashing their strings again.
  const auto h32 = static_cast<std::uint32_t>(h >> 32);
  if ((dictionary.size() + 1) * 2 > slots_.size()) {  // at most half full
    std::vector<Slot> slots(std::max<std::size_t>(16, slots_.size() * 2));
    const std::size_t mask = slots.size() - 1;
    for (const Slot& x : slots_) {
      if (!x.position1) continue;
      std::size_t i = x.hash & mask;
      while (slots[i].position1) i = (i + 1) & mask;
      slots[i] = x;
    }
    slots_.swap(slots);
  }
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = h32 & mask;
  for (; slots_[i].position1; i = (i + 1) & mask)
    if (slots_[i].hash == h32 && dictionary[slots_[i].position1 - 1] == v) return slots_[i].position1 - 1;
  if (!add) return UINT32_MAX;
  slots_[i] = {static_cast<std::uint32_t>(dictionary.size() + 1), h32};
  return static_cast<std::uint32_t>(dictionary.size());
}

void Column::push(std::string_view v) {
  for (; indexed_ < dictionary.size(); ++indexed_) {  // entries a reader put in directly (a repeat keeps its first)
    const std::string_view d = dictionary[indexed_];
    const std::uint64_t h = detail::hash_bytes(d);
    if (intern(d, h, false) != UINT32_MAX) continue;
    // index entry indexed_ itself: intern appends at dictionary.size(), so place it by hand
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = (h >> 32) & mask;
    while (slots_[i].position1) i = (i + 1) & mask;
    slots_[i] = {static_cast<std::uint32_t>(indexed_ + 1), static_cast<std::uint32_t>(h >> 32)};
  }
  const std::uint32_t position = intern(v, detail::hash_bytes(v), true);
  if (position == dictionary.size()) {
    dictionary.emplace_back(v);
    ++indexed_;
  }
  codes.push_back(position);
}

void Column::seal() {
  std::vector<Slot>().swap(slots_);
  indexed_ = 0;
  // A column grown row by row holds up to twice its size: give the slack back once it is complete.
  ints.shrink_to_fit();
  floats.shrink_to_fit();
  codes.shrink_to_fit();
  dictionary.shrink_to_fit();
}

Column& Table::add(std::string name, ColumnType type) {
  if (has(name)) throw InvalidArgument("table: a column '" + name + "' exists already");
  Column c;
  c.name = std::move(name);
  c.type = type;
  columns_.push_back(std::move(c));
  return columns_.back();
}

bool Table::has(std::string_view name) const noexcept {
  for (const auto& c : columns_)
    if (c.name == name) return true;
  return false;
}

const Column& Table::column(std::string_view name) const {
  for (const auto& c : columns_)
    if (c.name == name) return c;
  std::string have;
  for (const auto& c : columns_) have += (have.empty() ? "" : ", ") + c.name;
  throw NotFound("table: no column '" + std::string(name) + "' (columns: " + have + ")");
}

Column& Table::column(std::string_view name) {
  return const_cast<Column&>(static_cast<const Table&>(*this).column(name));
}

std::vector<std::string> Table::strings(std::string_view name) const {
  const Column& c = column(name);
  std::vector<std::string> out;
  out.reserve(c.codes.size());
  for (auto code : c.codes) out.push_back(c.dictionary[code]);
  return out;
}

void Table::validate(std::string_view what) const {
  for (const auto& c : columns_) {
    if (c.size() != rows())
      throw FormatError(std::string(what) + ": column '" + c.name + "' has " + std::to_string(c.size()) +
                        " rows where '" + columns_.front().name + "' has " + std::to_string(rows()));
    if (c.type == ColumnType::string)
      for (auto code : c.codes)
        if (code >= c.dictionary.size())
          throw FormatError(std::string(what) + ": column '" + c.name + "' refers to value " + std::to_string(code) +
                            " of a dictionary of " + std::to_string(c.dictionary.size()));
    if (c.type == ColumnType::boolean)
      for (auto v : c.ints)
        if (v != 0 && v != 1) throw FormatError(std::string(what) + ": column '" + c.name + "' holds a non-boolean");
  }
}

void Table::seal() {
  for (auto& c : columns_) c.seal();
}

}  // namespace framelens
