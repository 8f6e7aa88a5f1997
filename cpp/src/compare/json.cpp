// A comparison as JSON (schema version 2, docs/comparison.md): written as a stream of columns, read back
// with a SAX parser straight into the tables — no document tree of the whole result either way.
//
//   {"schema": "framelens.comparison", "version": 2, "by", "align_threshold", "idf_scope", "keyness_measure",
//    "token_options": {name: value}, "outlets": [...], "frame_names": [...],
//    "matrices": {name: [row-major values, null for NaN]},
//    "tables": {name: {"columns": [{"name", "type"}], "data": {column: [values] | {"dictionary", "codes"}}}}}
#include <charconv>
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "framelens/compare.hpp"
#include "framelens/error.hpp"
#include "compare/result.hpp"

namespace framelens {
namespace {

class Writer {
 public:
  explicit Writer(int indent) : indent_(indent) {}
  std::string& out() { return out_; }

  void open(char c) { out_.push_back(c); ++depth_; first_ = true; }
  void close(char c) {
    --depth_;
    if (!first_) newline();
    out_.push_back(c);
    first_ = false;
  }
  void key(std::string_view k) {
    item();
    string(k);
    out_ += indent_ >= 0 ? ": " : ":";
  }
  // A member of an object or an array on its own line (pretty) — arrays of scalars stay on one line.
  void item() {
    if (!first_) out_.push_back(',');
    newline();
    first_ = false;
  }
  void string(std::string_view s) {
    out_.push_back('"');
    for (const char ch : s) {
      const auto c = static_cast<unsigned char>(ch);
      if (c == '"' || c == '\\') { out_.push_back('\\'); out_.push_back(ch); }
      else if (c == '\n') out_ += "\\n";
      else if (c == '\r') out_ += "\\r";
      else if (c == '\t') out_ += "\\t";
      else if (c < 0x20) {
        static const char* hex = "0123456789abcdef";
        out_ += "\\u00";
        out_.push_back(hex[c >> 4]);
        out_.push_back(hex[c & 15]);
      } else out_.push_back(ch);
    }
    out_.push_back('"');
  }
  void number(double v) {
    if (!std::isfinite(v)) { out_ += "null"; return; }
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);  // shortest text that reads back exactly
    out_.append(buf, r.ptr);
  }
  void number(std::int64_t v) { out_ += std::to_string(v); }
  template <class T, class F>
  void array(const std::vector<T>& values, F&& write) {
    out_.push_back('[');
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) out_ += indent_ >= 0 ? ", " : ",";
      write(values[i]);
    }
    out_.push_back(']');
    first_ = false;
  }

 private:
  void newline() {
    if (indent_ < 0) return;
    out_.push_back('\n');
    out_.append(static_cast<std::size_t>(indent_ * depth_), ' ');
  }
  int indent_;
  int depth_ = 0;
  bool first_ = true;
  std::string out_;
};

void write_table(Writer& w, const Table& t) {
  w.open('{');
  w.key("columns");
  w.open('[');
  for (const auto& c : t.columns()) {
    w.item();
    w.out() += "{\"name\": ";
    w.string(c.name);
    w.out() += ", \"type\": ";
    w.string(to_string(c.type));
    w.out() += "}";
  }
  w.close(']');
  w.key("data");
  w.open('{');
  for (const auto& c : t.columns()) {
    w.key(c.name);
    switch (c.type) {
      case ColumnType::int64: w.array(c.ints, [&](std::int64_t v) { w.number(v); }); break;
      case ColumnType::boolean: w.array(c.ints, [&](std::int64_t v) { w.out() += v ? "true" : "false"; }); break;
      case ColumnType::float64: w.array(c.floats, [&](double v) { w.number(v); }); break;
      case ColumnType::string:
        w.open('{');
        w.key("dictionary");
        w.array(c.dictionary, [&](const std::string& s) { w.string(s); });
        w.key("codes");
        w.array(c.codes, [&](std::uint32_t v) { w.number(static_cast<std::int64_t>(v)); });
        w.close('}');
        break;
    }
  }
  w.close('}');
  w.close('}');
}

}  // namespace

std::string to_json(const Comparison& c, int indent) {
  Writer w(indent);
  w.open('{');
  w.key("schema"); w.string("framelens.comparison");
  w.key("version"); w.number(static_cast<std::int64_t>(c.version));
  w.key("by"); w.string(c.by);
  w.key("align_threshold"); w.number(c.align_threshold);
  w.key("idf_scope"); w.string(c.idf_scope);
  w.key("keyness_measure"); w.string(c.keyness_measure);
  w.key("token_options");
  w.open('{');
  for (const auto& [k, v] : c.token_options) { w.key(k); w.string(v); }
  w.close('}');
  w.key("outlets"); w.array(c.outlets, [&](const std::string& s) { w.string(s); });
  w.key("frame_names"); w.array(c.frame_names, [&](const std::string& s) { w.string(s); });
  w.key("matrices");
  w.open('{');
  for (const auto& [name, m] : c.matrices) { w.key(name); w.array(m, [&](double v) { w.number(v); }); }
  w.close('}');
  w.key("tables");
  w.open('{');
  for (const auto& [name, t] : c.tables) { w.key(name); write_table(w, t); }
  w.close('}');
  w.close('}');
  if (indent >= 0) w.out().push_back('\n');
  return std::move(w.out());
}

namespace {

// SAX handler: every value is dispatched by its path of object keys (array positions are not needed:
// values append in order).
class Reader : public nlohmann::json::json_sax_t {
 public:
  // Values under a top-level key the schema does not name (a tool's additions) are passed over.
  bool skipped() const {
    static const char* known[] = {"schema", "version", "by", "align_threshold", "idf_scope", "keyness_measure",
                                  "token_options", "outlets", "frame_names", "matrices", "tables"};
    if (path_.empty() || path_.front().empty()) return false;
    for (const char* k : known)
      if (path_.front() == k) return false;
    return true;
  }
  explicit Reader(Comparison& c) : c_(c) {}
  std::string schema;
  bool has_version = false;

  bool null() override { if (skipped()) return true; return value_float(std::numeric_limits<double>::quiet_NaN(), true); }
  bool boolean(bool v) override {
    if (skipped()) return true;
    Column* col = data_column();
    if (!col || col->type != ColumnType::boolean) return fail("a true/false value");
    col->push(v);
    return true;
  }
  bool number_integer(number_integer_t v) override { return skipped() || value_int(v); }
  bool number_unsigned(number_unsigned_t v) override {
    if (skipped()) return true;
    if (v > static_cast<number_unsigned_t>(std::numeric_limits<std::int64_t>::max())) return fail("a number in range");
    return value_int(static_cast<std::int64_t>(v));
  }
  bool number_float(number_float_t v, const string_t&) override { return skipped() || value_float(v, false); }
  bool string(string_t& v) override {
    if (skipped()) return true;
    const auto& p = path_;
    if (p.size() == 1) {
      if (p[0] == "schema") schema = v;
      else if (p[0] == "by") c_.by = v;
      else if (p[0] == "idf_scope") c_.idf_scope = v;
      else if (p[0] == "keyness_measure") c_.keyness_measure = v;
      else if (p[0] == "outlets") c_.outlets.push_back(v);
      else if (p[0] == "frame_names") c_.frame_names.push_back(v);
      else return fail("no text here");
      return true;
    }
    if (p.size() == 2 && p[0] == "token_options") { c_.token_options[p[1]] = v; return true; }
    if (p.size() == 4 && p[0] == "tables" && p[2] == "columns") {
      if (p[3] == "name") { pending_name_ = v; return true; }
      if (p[3] == "type") {
        try { pending_type_ = parse_column_type(v); } catch (const FormatError&) { return fail("a column type"); }
        return true;
      }
    }
    if (p.size() == 5 && p[0] == "tables" && p[2] == "data" && p[4] == "dictionary") {
      Column* col = find_column();
      if (!col || col->type != ColumnType::string) return fail("a string column");
      col->dictionary.push_back(v);
      return true;
    }
    return fail("no text here");
  }
  bool binary(binary_t&) override { return fail("no binary value"); }
  // Each open object owns one slot of the path: its current key. Arrays add nothing.
  bool start_object(std::size_t) override { path_.emplace_back(); return true; }
  bool key(string_t& k) override { path_.back() = k; return true; }
  bool end_object() override {
    // Closing a column spec adds the column.
    if (skipped()) {
      path_.pop_back();
      return true;
    }
    if (path_.size() == 4 && path_[0] == "tables" && path_[2] == "columns") {
      Table& t = c_.tables[path_[1]];
      if (pending_name_.empty() || t.has(pending_name_)) return fail("a column with a new name");
      t.add(pending_name_, pending_type_);
      pending_name_.clear();
    }
    path_.pop_back();
    return true;
  }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    throw FormatError("comparison JSON: not valid JSON at byte " + std::to_string(position) + " (" +
                      std::string(ex.what()).substr(0, 120) + "); the text is damaged or truncated");
  }

 private:
  bool fail(const char* expected) {
    std::string where;
    for (const auto& k : path_) where += (where.empty() ? "" : "/") + k;
    throw FormatError("comparison JSON: unexpected value at '" + where + "' (expected " + expected +
                      "); is this a framelens comparison written by to_json?");
  }
  Column* find_column() {
    auto it = c_.tables.find(path_[1]);
    if (it == c_.tables.end() || !it->second.has(path_[3])) return nullptr;
    return &it->second.column(path_[3]);
  }
  Column* data_column() {
    return path_.size() == 4 && path_[0] == "tables" && path_[2] == "data" ? find_column() : nullptr;
  }
  bool value_int(std::int64_t v) {
    if (path_.size() == 1 && path_[0] == "version") {
      c_.version = v > 0 && v < 1000 ? static_cast<int>(v) : -1;
      has_version = true;
      if (c_.version < 0) return fail("a schema version");
      return true;
    }
    if (path_.size() == 5 && path_[0] == "tables" && path_[2] == "data" && path_[4] == "codes") {
      Column* col = find_column();
      if (!col || col->type != ColumnType::string || v < 0 || v > std::numeric_limits<std::uint32_t>::max())
        return fail("a code of a string column");
      col->codes.push_back(static_cast<std::uint32_t>(v));
      return true;
    }
    if (Column* col = data_column()) {
      if (col->type == ColumnType::int64) { col->push(v); return true; }
      if (col->type == ColumnType::float64) { col->push(static_cast<double>(v)); return true; }
    }
    return value_float(static_cast<double>(v), false);
  }
  bool value_float(double v, bool is_null) {
    if (!is_null && !std::isfinite(v)) return fail("a finite number");
    if (path_.size() == 1 && path_[0] == "align_threshold") { c_.align_threshold = v; return true; }
    if (path_.size() == 2 && path_[0] == "matrices") { c_.matrices[path_[1]].push_back(v); return true; }
    if (Column* col = data_column(); col && col->type == ColumnType::float64) { col->push(v); return true; }
    if (path_.size() == 1 && path_[0] == "version") return fail("a whole-number schema version");
    return fail(is_null ? "a value, not null" : "a whole number");
  }

  Comparison& c_;
  std::vector<std::string> path_;
  std::string pending_name_;
  ColumnType pending_type_ = ColumnType::int64;
};

}  // namespace

Comparison comparison_from_json(std::string_view json) {
  Comparison c;
  c.version = 0;
  Reader r(c);
  nlohmann::json::sax_parse(json.begin(), json.end(), &r);
  if (r.schema != "framelens.comparison")
    throw FormatError("comparison JSON: no \"schema\": \"framelens.comparison\" field; this is not a framelens comparison");
  if (!r.has_version) throw FormatError("comparison JSON: no \"version\" field");
  if (c.version > kComparisonSchemaVersion)
    throw FormatError("comparison JSON: schema version " + std::to_string(c.version) + " is newer than this framelens understands (" +
                      std::to_string(kComparisonSchemaVersion) + "); upgrade framelens");
  if (c.version < kComparisonSchemaVersion)
    throw FormatError("comparison JSON: schema version " + std::to_string(c.version) +
                      " was written by an older framelens; run compare() again to get version " +
                      std::to_string(kComparisonSchemaVersion));
  detail::check_matrix_sizes(c, "comparison JSON");
  for (auto& [name, t] : c.tables) t.validate("comparison JSON: table '" + name + "'");
  return c;
}

}  // namespace framelens
