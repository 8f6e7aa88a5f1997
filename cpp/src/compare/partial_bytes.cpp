// compare() on a corpus in pieces, part 3: a partial comparison as bytes (pickling between Dask workers).
// Little-endian fixed-width numbers; every length is checked against the buffer before it is read.
#include <cstring>

#include "framelens/compare_partial.hpp"
#include "framelens/error.hpp"

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
  explicit Reader(std::string_view b) : bytes_(b) {}
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
    throw FormatError("partial comparison bytes: " + what + " at byte " + std::to_string(pos_) +
                      "; the buffer is damaged or truncated (recompute the piece)");
  }
  bool done() const { return pos_ == bytes_.size(); }

 private:
  void need(std::size_t n, const char* what) {
    if (bytes_.size() - pos_ < n) fail(std::string("end of buffer inside ") + what);
  }
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

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
    for (const auto& c : t.columns()) {
      w.str(c.name);
      w.num<std::uint8_t>(static_cast<std::uint8_t>(c.type));
      w.array(c.ints);
      w.array(c.floats);
      w.array(c.codes);
      w.num<std::uint64_t>(c.dictionary.size());
      for (const auto& s : c.dictionary) w.str(s);
    }
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
    for (std::size_t k = r.count(8, "a column list"); k > 0; --k) {
      std::string name = r.str();
      const auto type = r.num<std::uint8_t>();
      if (type > static_cast<std::uint8_t>(ColumnType::string)) r.fail("unknown column type " + std::to_string(type));
      Column& c = t.add(std::move(name), static_cast<ColumnType>(type));
      c.ints = r.array<std::int64_t>();
      c.floats = r.array<double>();
      c.codes = r.array<std::uint32_t>();
      for (std::size_t d = r.count(8, "a dictionary"); d > 0; --d) c.dictionary.push_back(r.str());
    }
    t.validate("partial comparison bytes");
  }
  for (std::size_t n = r.count(8, "the matrix list"); n > 0; --n) {
    std::string name = r.str();
    p.matrices[name] = r.array<double>();
  }
  if (!r.done()) r.fail("trailing bytes");
  return p;
}

}  // namespace framelens
