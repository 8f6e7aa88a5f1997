#include "framelens/serialize.hpp"

#include <cstdint>
#include <cstring>
#include <vector>

#include "framelens/error.hpp"

namespace framelens {
namespace {

constexpr char kMagic[4] = {'F', 'L', 'C', '1'};

class Writer {
 public:
  void u64(std::uint64_t v) {
    char b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
    out.append(b, 8);
  }
  void str(std::string_view s) {
    u64(s.size());
    out.append(s.data(), s.size());
  }
  void spans(const std::vector<Span>& v) {
    u64(v.size());
    for (const Span& s : v) { u64(s.start); u64(s.end); }
  }
  std::string out;
};

class Reader {
 public:
  explicit Reader(std::string_view b) : b_(b) {}
  std::uint64_t u64() {
    need(8, "a number");
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(b_[pos_ + i])) << (8 * i);
    pos_ += 8;
    return v;
  }
  std::string str() {
    const std::uint64_t n = u64();
    need(n, "a string");
    std::string s(b_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  std::size_t count(std::size_t min_item_bytes) {  // a element count that the rest of the buffer can hold
    const std::uint64_t n = u64();
    if (n > (b_.size() - pos_) / min_item_bytes) fail("an element count larger than the data");
    return static_cast<std::size_t>(n);
  }
  std::vector<Span> spans(std::size_t text_size) {
    std::vector<Span> v(count(16));
    for (Span& s : v) {
      s.start = u64();
      s.end = u64();
      if (s.start > s.end || s.end > text_size) fail("a span outside its text");
    }
    return v;
  }
  bool done() const { return pos_ == b_.size(); }
  [[noreturn]] void fail(const std::string& what) const {
    throw FormatError("serialized corpus: " + what + " at byte " + std::to_string(pos_) + " of " +
                      std::to_string(b_.size()) + "; the data is truncated or damaged: serialize the corpus again");
  }

 private:
  void need(std::uint64_t n, const char* what) const {
    if (n > b_.size() - pos_) fail(std::string("the buffer ends inside ") + what);
  }
  std::string_view b_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string serialize(const Corpus& corpus) {
  Writer w;
  std::size_t reserve = 16;
  for (const Document& d : corpus) reserve += d.text.size() + d.id.size() + d.outlet.size() + d.title.size() + 64;
  w.out.reserve(reserve);
  w.out.append(kMagic, 4);
  w.u64(corpus.size());
  for (const Document& d : corpus) {
    w.str(d.id);
    w.str(d.outlet);
    w.str(d.title);
    w.str(d.text);
    w.u64(d.meta.size());
    for (const auto& [k, v] : d.meta) { w.str(k); w.str(v); }
    w.spans(d.paragraphs);
    w.spans(d.sentences);
    w.u64(d.removed.size());
    for (const RemovedLine& r : d.removed) {
      w.str(r.text);
      w.str(r.rule);
      w.u64(r.line);
      w.u64(r.raw.start);
      w.u64(r.raw.end);
    }
  }
  return std::move(w.out);
}

Corpus deserialize_corpus(std::string_view bytes) {
  if (bytes.size() < 4 || std::memcmp(bytes.data(), kMagic, 4) != 0)
    throw FormatError("serialized corpus: the data does not start with the framelens corpus header (FLC1); "
                      "it was not written by framelens.Corpus pickling");
  Reader r(bytes.substr(4));
  std::vector<Document> docs(r.count(5 * 8));
  for (Document& d : docs) {
    d.id = r.str();
    d.outlet = r.str();
    d.title = r.str();
    d.text = r.str();
    const std::size_t n_meta = r.count(16);
    for (std::size_t i = 0; i < n_meta; ++i) {
      std::string k = r.str();
      d.meta[std::move(k)] = r.str();
    }
    d.paragraphs = r.spans(d.text.size());
    d.sentences = r.spans(d.text.size());
    d.removed.resize(r.count(5 * 8));
    for (RemovedLine& line : d.removed) {
      line.text = r.str();
      line.rule = r.str();
      line.line = r.u64();
      line.raw.start = r.u64();
      line.raw.end = r.u64();
      if (line.raw.start > line.raw.end) r.fail("a removed line with start after end");
    }
  }
  if (!r.done()) r.fail("bytes after the last document");
  Corpus corpus;
  corpus.add(std::move(docs), 1);  // validates the UTF-8 of every text, title and outlet
  return corpus;
}

}  // namespace framelens
