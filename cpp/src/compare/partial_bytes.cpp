// compare() on a corpus in pieces, part 3: a partial comparison and a comparison as bytes (pickling between
// Dask workers and to the client). Little-endian fixed-width numbers; every length is checked against the
// buffer before it is read.
#include <cstring>

#include "framelens/compare_partial.hpp"
#include "framelens/error.hpp"
#include "compare/result.hpp"

namespace framelens {
namespace {

constexpr char kMagic[4] = {'F', 'L', 'P', 'C'};
constexpr std::uint32_t kVersion = 1;

class Writer {
 public:
  template <class T>
  void num(T v) {
    char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    out.append(b, sizeof(T));
  }
  void str(std::string_view s) {
    num<std::uint64_t>(s.size());
    out.append(s.data(), s.size());
  }
  template <class T>
  void array(const std::vector<T>& v) {
    num<std::uint64_t>(v.size());
    out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  std::string out;
};

class Reader {
 public:
  explicit Reader(std::string_view b, const char* what = "partial comparison bytes", const char* remedy = "recompute the piece")
      : bytes_(b), what_(what), remedy_(remedy) {}
  template <class T>
  T num() {
    need(sizeof(T), "a number");
    T v;
    std::memcpy(&v, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  std::string str() {
    const auto n = count(1, "a string");
    std::string s(bytes_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  template <class T>
  std::vector<T> array() {
    const auto n = count(sizeof(T), "an array");
    std::vector<T> v(n);
    if (n) std::memcpy(v.data(), bytes_.data() + pos_, n * sizeof(T));
    pos_ += n * sizeof(T);
    return v;
  }
  /// A length whose `width`-byte items must fit in the rest of the buffer.
  std::size_t count(std::size_t width, const char* what) {
    const auto n = num<std::uint64_t>();
    if (n > (bytes_.size() - pos_) / width) fail(std::string(what) + " longer than the buffer");
    return static_cast<std::size_t>(n);
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw FormatError(std::string(what_) + ": " + what + " at byte " + std::to_string(pos_) + "; the buffer is damaged or truncated (" +
                      remedy_ + ")");
  }
  bool done() const { return pos_ == bytes_.size(); }
  std::size_t position() const { return pos_; }
  void skip(std::size_t n) {
    need(n, "a segment");
    pos_ += n;
  }

 private:
  void need(std::size_t n, const char* what) {
    if (bytes_.size() - pos_ < n) fail(std::string("end of buffer inside ") + what);
  }
  std::string_view bytes_;
  const char* what_;
  const char* remedy_;
  std::size_t pos_ = 0;
};

void write_column(Writer& w, const Column& c) {
  w.str(c.name);
  w.num<std::uint8_t>(static_cast<std::uint8_t>(c.type));
  w.array(c.ints);
  w.array(c.floats);
  w.array(c.codes);
  w.num<std::uint64_t>(c.dictionary.size());
  for (const auto& s : c.dictionary) w.str(s);
}

// A column written by write_column, added to `t` (FormatError when `t` has one of that name already).
void read_column(Reader& r, Table& t) {
  std::string name = r.str();
  const auto type = r.num<std::uint8_t>();
  if (type > static_cast<std::uint8_t>(ColumnType::string)) r.fail("unknown column type " + std::to_string(type));
  if (t.has(name)) r.fail("a second column '" + name + "'");
  Column& c = t.add(std::move(name), static_cast<ColumnType>(type));
  c.ints = r.array<std::int64_t>();
  c.floats = r.array<double>();
  c.codes = r.array<std::uint32_t>();
  const std::size_t n = r.count(8, "a dictionary");
  c.dictionary.reserve(n);
  for (std::size_t d = 0; d < n; ++d) c.dictionary.push_back(r.str());
}

// Comparison segments: "FLCS", version, kind (0: header, 1: columns).
constexpr char kSegmentMagic[4] = {'F', 'L', 'C', 'S'};
constexpr char kComparisonMagic[4] = {'F', 'L', 'C', 'M'};
constexpr std::uint32_t kSegmentVersion = 1;
constexpr const char* kSegmentWhat = "comparison bytes";
constexpr const char* kSegmentRemedy = "send the comparison again";

Writer segment(std::uint8_t kind) {
  Writer w;
  w.out.append(kSegmentMagic, 4);
  w.num<std::uint32_t>(kSegmentVersion);
  w.num<std::uint8_t>(kind);
  return w;
}

std::size_t column_bytes(const Column& c) {
  std::size_t n = 64 + c.name.size() + 8 * (c.ints.size() + c.floats.size()) + 4 * c.codes.size();
  for (const auto& s : c.dictionary) n += 8 + s.size();
  return n;
}

}  // namespace

std::string serialize(const PartialComparison& p) {
  Writer w;
  w.out.append(kMagic, 4);
  w.num<std::uint32_t>(kVersion);
  w.num<std::uint64_t>(p.outlets.size());
  for (const auto& o : p.outlets) w.str(o);
  w.num<std::uint64_t>(p.tables.size());
  for (const auto& [name, t] : p.tables) {
    w.str(name);
    w.num<std::uint64_t>(t.columns().size());
    for (const auto& c : t.columns()) write_column(w, c);
  }
  w.num<std::uint64_t>(p.matrices.size());
  for (const auto& [name, m] : p.matrices) {
    w.str(name);
    w.array(m);
  }
  return std::move(w.out);
}

PartialComparison deserialize_partial(std::string_view bytes) {
  if (bytes.size() < 8 || std::memcmp(bytes.data(), kMagic, 4) != 0)
    throw FormatError("partial comparison bytes: no FLPC header at byte 0; these are not framelens partial comparison bytes");
  Reader r(bytes.substr(4));
  const auto version = r.num<std::uint32_t>();
  if (version != kVersion)
    throw FormatError("partial comparison bytes: format version " + std::to_string(version) + " at byte 4; this library reads version " +
                      std::to_string(kVersion) + " (use the same framelens on every worker)");
  PartialComparison p;
  for (std::size_t n = r.count(8, "the outlet list"); n > 0; --n) p.outlets.push_back(r.str());
  for (std::size_t n = r.count(8, "the table list"); n > 0; --n) {
    Table& t = p.tables[r.str()];
    for (std::size_t k = r.count(8, "a column list"); k > 0; --k) read_column(r, t);
    t.validate("partial comparison bytes");
  }
  for (std::size_t n = r.count(8, "the matrix list"); n > 0; --n) {
    std::string name = r.str();
    p.matrices[name] = r.array<double>();
  }
  if (!r.done()) r.fail("trailing bytes");
  return p;
}

// A piece's quotes: "FLPQ", version, the number of records, then per record its fields in the order of
// QuoteRecord; then the number of documents with split lists and per document its paragraphs and its
// sentences (each a count, then start and end of every span).
constexpr char kQuotesMagic[4] = {'F', 'L', 'P', 'Q'};
constexpr std::uint32_t kQuotesVersion = 2;

void write_spans(Writer& w, const std::vector<std::vector<Span>>& lists) {
  for (const auto& spans : lists) {
    w.num<std::uint64_t>(spans.size());
    for (const Span& x : spans) {
      w.num<std::uint64_t>(x.start);
      w.num<std::uint64_t>(x.end);
    }
  }
}

void read_spans(Reader& r, std::vector<std::vector<Span>>& lists) {
  for (auto& spans : lists) {
    spans.resize(r.count(16, "a span list"));
    for (Span& x : spans) {
      x.start = static_cast<std::size_t>(r.num<std::uint64_t>());
      x.end = static_cast<std::size_t>(r.num<std::uint64_t>());
      if (x.start > x.end) r.fail("a span ending before it starts");
    }
  }
}

std::string serialize(const PieceQuotes& quotes) {
  Writer w;
  w.out.append(kQuotesMagic, 4);
  w.num<std::uint32_t>(kQuotesVersion);
  w.num<std::uint64_t>(quotes.records.size());
  for (const auto& q : quotes.records) {
    for (const std::size_t v : {q.document, q.span.start, q.span.end}) w.num<std::uint64_t>(v);
    for (const std::string* f : {&q.text, &q.speaker, &q.kind}) w.str(*f);
    w.num<std::uint8_t>(q.anonymous ? 1 : 0);
    for (const std::string* f : {&q.affiliation, &q.source_type, &q.cue, &q.mention, &q.role}) w.str(*f);
    w.num<double>(q.confidence);
  }
  if (quotes.paragraphs.size() != quotes.sentences.size())
    throw InvalidArgument("piece quotes: paragraphs of " + std::to_string(quotes.paragraphs.size()) + " documents, sentences of " +
                          std::to_string(quotes.sentences.size()));
  w.num<std::uint64_t>(quotes.sentences.size());
  write_spans(w, quotes.paragraphs);
  write_spans(w, quotes.sentences);
  return std::move(w.out);
}

PieceQuotes deserialize_piece_quotes(std::string_view bytes) {
  if (bytes.size() < 8 || std::memcmp(bytes.data(), kQuotesMagic, 4) != 0)
    throw FormatError("piece quotes bytes: no FLPQ header at byte 0; these are not framelens piece quotes");
  Reader r(bytes.substr(4), "piece quotes bytes", "find the piece's quotes again");
  const auto version = r.num<std::uint32_t>();
  if (version != kQuotesVersion)
    throw FormatError("piece quotes bytes: format version " + std::to_string(version) + " at byte 4; this library reads version " +
                      std::to_string(kQuotesVersion) + " (use the same framelens on every worker)");
  PieceQuotes out;
  // a record takes at least 3 numbers, 8 string lengths, a flag and a float: 97 bytes
  out.records.resize(r.count(97, "the record list"));
  for (auto& q : out.records) {
    for (std::size_t* v : {&q.document, &q.span.start, &q.span.end}) *v = static_cast<std::size_t>(r.num<std::uint64_t>());
    if (q.span.start > q.span.end) r.fail("a quote ending before it starts");
    for (std::string* f : {&q.text, &q.speaker, &q.kind}) *f = r.str();
    q.anonymous = r.num<std::uint8_t>() != 0;
    for (std::string* f : {&q.affiliation, &q.source_type, &q.cue, &q.mention, &q.role}) *f = r.str();
    q.confidence = r.num<double>();
  }
  const std::size_t documents = r.count(16, "the document list");  // two span counts each
  out.paragraphs.resize(documents);
  out.sentences.resize(documents);
  read_spans(r, out.paragraphs);
  read_spans(r, out.sentences);
  if (!r.done()) r.fail("trailing bytes");
  return out;
}

std::string comparison_header(const Comparison& c) {
  Writer w = segment(0);
  w.num<std::int32_t>(c.version);
  w.str(c.by);
  w.num<double>(c.align_threshold);
  w.str(c.idf_scope);
  w.str(c.keyness_measure);
  w.num<std::uint64_t>(c.token_options.size());
  for (const auto& [k, v] : c.token_options) {
    w.str(k);
    w.str(v);
  }
  for (const auto* list : {&c.outlets, &c.frame_names}) {
    w.num<std::uint64_t>(list->size());
    for (const auto& x : *list) w.str(x);
  }
  w.num<std::uint64_t>(c.matrices.size());
  for (const auto& [name, m] : c.matrices) {
    w.str(name);
    w.array(m);
  }
  w.num<std::uint64_t>(c.tables.size());
  for (const auto& [name, t] : c.tables) w.str(name);
  return std::move(w.out);
}

namespace {

// A columns segment appended to w.out.
void write_columns(Writer& w, const Comparison& c, const std::vector<ColumnRef>& columns) {
  w.out.append(kSegmentMagic, 4);
  w.num<std::uint32_t>(kSegmentVersion);
  w.num<std::uint8_t>(1);
  w.num<std::uint64_t>(columns.size());
  for (const auto& [table, k] : columns) {
    const Table& t = c.table(table);
    if (k >= t.columns().size())
      throw InvalidArgument("comparison_columns: table '" + table + "' has " + std::to_string(t.columns().size()) +
                            " columns, not " + std::to_string(k + 1));
    w.str(table);
    write_column(w, t.columns()[k]);
  }
}

}  // namespace

std::string comparison_columns(const Comparison& c, const std::vector<ColumnRef>& columns) {
  Writer w;
  std::size_t size = 64;
  for (const auto& [table, k] : columns) {
    const Table& t = c.table(table);
    if (k < t.columns().size()) size += table.size() + column_bytes(t.columns()[k]);
  }
  w.out.reserve(size);
  write_columns(w, c, columns);
  return std::move(w.out);
}

std::vector<std::vector<ColumnRef>> comparison_segments(const Comparison& c, std::size_t max_bytes) {
  std::vector<std::vector<ColumnRef>> out;
  std::size_t size = 0;
  for (const auto& [name, t] : c.tables)
    for (std::size_t k = 0; k < t.columns().size(); ++k) {
      const std::size_t n = column_bytes(t.columns()[k]);
      if (out.empty() || (size + n > max_bytes && size > 0)) {
        out.emplace_back();
        size = 0;
      }
      out.back().emplace_back(name, k);
      size += n;
    }
  return out;
}

void read_comparison_segment(Comparison& c, std::string_view bytes) {
  if (bytes.size() < 9 || std::memcmp(bytes.data(), kSegmentMagic, 4) != 0)
    throw FormatError("comparison bytes: no FLCS header at byte 0; these are not framelens comparison bytes");
  Reader r(bytes.substr(4), kSegmentWhat, kSegmentRemedy);
  const auto version = r.num<std::uint32_t>();
  if (version != kSegmentVersion)
    throw FormatError("comparison bytes: format version " + std::to_string(version) + " at byte 4; this library reads version " +
                      std::to_string(kSegmentVersion) + " (use the same framelens on every worker and the client)");
  const auto kind = r.num<std::uint8_t>();
  if (kind == 0) {
    c.version = r.num<std::int32_t>();
    if (c.version != kComparisonSchemaVersion)
      throw FormatError("comparison bytes: schema version " + std::to_string(c.version) + "; this library reads version " +
                        std::to_string(kComparisonSchemaVersion) + " (use the same framelens on every worker and the client)");
    c.by = r.str();
    c.align_threshold = r.num<double>();
    c.idf_scope = r.str();
    c.keyness_measure = r.str();
    c.token_options.clear();
    for (std::size_t n = r.count(16, "the token options"); n > 0; --n) {
      std::string k = r.str();
      c.token_options[std::move(k)] = r.str();
    }
    for (auto* list : {&c.outlets, &c.frame_names}) {
      list->clear();
      for (std::size_t n = r.count(8, "a name list"); n > 0; --n) list->push_back(r.str());
    }
    c.matrices.clear();
    for (std::size_t n = r.count(16, "the matrix list"); n > 0; --n) {
      std::string name = r.str();
      c.matrices[std::move(name)] = r.array<double>();
    }
    c.tables.clear();
    for (std::size_t n = r.count(8, "the table list"); n > 0; --n) c.tables[r.str()];
  } else if (kind == 1) {
    for (std::size_t n = r.count(16, "the column list"); n > 0; --n) {
      const std::string table = r.str();
      const auto it = c.tables.find(table);
      if (it == c.tables.end()) r.fail("a column of table '" + table + "', which the header does not list (read the header first)");
      read_column(r, it->second);
    }
  } else {
    r.fail("unknown segment kind " + std::to_string(kind));
  }
  if (!r.done()) r.fail("trailing bytes");
}

void check_comparison(Comparison& c) {
  detail::check_matrix_sizes(c, "comparison bytes");
  for (auto& [name, t] : c.tables) {
    t.validate("comparison bytes: table '" + name + "'");
    t.seal();
  }
}

std::string serialize(const Comparison& c) {
  Writer w;
  const std::string header = comparison_header(c);
  std::vector<ColumnRef> all;
  std::size_t size = 64 + header.size();
  for (const auto& [name, t] : c.tables)
    for (std::size_t k = 0; k < t.columns().size(); ++k) {
      all.emplace_back(name, k);
      size += name.size() + column_bytes(t.columns()[k]);
    }
  w.out.reserve(size);  // one allocation, not a string doubling its way up (and copied each time)
  w.out.append(kComparisonMagic, 4);
  w.str(header);
  const std::size_t at = w.out.size();  // the columns segment written in place, its length filled in after
  w.num<std::uint64_t>(0);
  write_columns(w, c, all);
  const std::uint64_t n = w.out.size() - at - 8;
  std::memcpy(w.out.data() + at, &n, 8);
  return std::move(w.out);
}

Comparison deserialize_comparison(std::string_view bytes) {
  if (bytes.size() < 4 || std::memcmp(bytes.data(), kComparisonMagic, 4) != 0)
    throw FormatError("comparison bytes: no FLCM header at byte 0; these are not framelens comparison bytes");
  Reader r(bytes.substr(4), kSegmentWhat, kSegmentRemedy);
  Comparison c;
  for (int k = 0; k < 2; ++k) {
    const std::size_t n = r.count(1, "a segment");
    read_comparison_segment(c, bytes.substr(4 + r.position(), n));
    r.skip(n);
  }
  if (!r.done()) r.fail("trailing bytes");
  check_comparison(c);
  return c;
}

}  // namespace framelens
