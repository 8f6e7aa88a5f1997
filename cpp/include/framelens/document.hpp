#pragma once
// Document and Corpus: the unit every analysis works on.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace framelens {

/// A half-open [start, end) range of UTF-8 byte offsets into a document's text.
struct Span {
  std::size_t start = 0;
  std::size_t end = 0;
  std::size_t size() const noexcept { return end - start; }
  bool operator==(const Span& o) const noexcept { return start == o.start && end == o.end; }
};

/// One line that ingestion removed from the raw input, kept so a user can inspect and override it.
struct RemovedLine {
  std::string text;   ///< the line as it stood in the input
  std::string rule;   ///< which rule removed it (e.g. "navigation", "masthead", "repeated")
  std::size_t line = 0;      ///< 1-based line number in the raw input
  Span raw;                  ///< byte span in the raw input
};

/// One article. `text` is clean UTF-8; every offset into it is a byte offset.
struct Document {
  std::string id;
  std::string outlet;
  std::string title;
  std::string text;
  /// Optional metadata: well-known keys "date", "author", "url", "dateline", plus any others.
  std::map<std::string, std::string> meta;
  /// Structure, filled by ingestion (may be empty for documents added as plain text).
  std::vector<Span> paragraphs;
  std::vector<Span> sentences;
  std::vector<RemovedLine> removed;

  /// The value of `key`: "id", "outlet", "title" or a metadata key; empty when absent.
  std::string_view get(std::string_view key) const;
};

/// An ordered collection of documents. Documents of one outlet can be many.
class Corpus {
 public:
  /// Adds a document after validating its text as UTF-8 (throws EncodingError naming the document);
  /// assigns an id "doc<N>" when the document has none. Returns its index.
  std::size_t add(Document doc);
  /// Adds plain text under an outlet.
  std::size_t add(std::string text, std::string outlet, std::string title = {});
  /// Adds many documents at once, validating them on `threads` threads (<= 0: all cores). All or
  /// nothing: when one is invalid (the first by position is reported) none is added. Returns the
  /// index of the first added document.
  std::size_t add(std::vector<Document> docs, int threads);

  std::size_t size() const noexcept { return docs_.size(); }
  bool empty() const noexcept { return docs_.empty(); }
  const Document& operator[](std::size_t i) const { return docs_[i]; }
  Document& operator[](std::size_t i) { return docs_[i]; }
  /// Bounds-checked access (throws NotFound).
  const Document& at(std::size_t i) const;
  void reserve(std::size_t n) { docs_.reserve(n); }

  auto begin() const noexcept { return docs_.begin(); }
  auto end() const noexcept { return docs_.end(); }
  const std::vector<Document>& documents() const noexcept { return docs_; }

  /// Distinct outlets in order of first appearance.
  std::vector<std::string> outlets() const;
  /// The value of `key` (see Document::get) for every document, in corpus order.
  std::vector<std::string> labels(std::string_view key) const;

 private:
  std::vector<Document> docs_;
};

}  // namespace framelens
