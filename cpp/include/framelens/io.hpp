#pragma once
// Readers: plain-text pages, directories and globs, JSON Lines and CSV with a field mapping, BASIL-style
// JSON articles ("body-paragraphs"), each optionally gzip-compressed (detected by content, not name).
//
// Every reader checks its input and says what to do when it is wrong: a missing file raises
// FileNotFound; an empty, binary, UTF-16 or oversized file raises FormatError naming the file; invalid
// UTF-8 raises EncodingError with the file, line and byte offset, or is replaced by U+FFFD when
// ReadOptions::errors is Replace (the count is reported). Record files (JSONL, CSV) are streamed:
// each record's text is held once, in the Document it becomes.
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "framelens/clean.hpp"
#include "framelens/document.hpp"

namespace framelens::io {

enum class OnInvalid { Raise, Replace };

struct ReadOptions {
  OnInvalid errors = OnInvalid::Raise;
  /// Largest single text document (a page file, one JSONL line, one CSV record or one JSON file)
  /// accepted, in bytes after decompression; checked while reading, so memory stays bounded.
  std::size_t max_document_bytes = std::size_t{256} << 20;
  /// Largest total size of one input file after decompression (stops gzip bombs), checked while reading.
  std::size_t max_input_bytes = std::size_t{16} << 30;
};

/// Which record field holds what. Names may be dotted paths into nested JSON objects
/// ("meta.publisher"). Empty names are not read. Other scalar fields become metadata when
/// keep_other is true (nested objects flattened one level as "parent.key", lists of scalars joined
/// with "; ").
struct Fields {
  std::string text = "text", title = "title", outlet = "outlet", date = "date", url = "url", author = "author",
              id = "id";
  bool keep_other = true;
};

/// What a read did besides producing documents.
struct ReadReport {
  std::size_t documents = 0;
  std::size_t replaced = 0;                       ///< invalid UTF-8 sequences replaced (errors=Replace)
  std::map<std::string, std::size_t> replaced_by_file;
};

/// Reads a whole file as UTF-8 text (gzip detected by its magic bytes; a UTF-8 BOM is dropped).
std::string read_text(const std::string& path, const ReadOptions& options = {}, std::size_t* replaced = nullptr);

/// Files named by a path: a file itself, every file of a directory (recursively, sorted, hidden files
/// skipped), or the matches of a glob pattern (sorted). Throws FileNotFound when nothing matches.
std::vector<std::string> expand(const std::string& path_or_glob);

/// Plain-text pages, one document per file. The id is the file name without extension.
/// `outlet` (when not empty) is the user's outlet for every page and wins over detected ones.
std::vector<Document> read_text_files(const std::vector<std::string>& paths, const std::string& outlet,
                                      const ReadOptions& options, ReadReport* report = nullptr, int threads = 0);
/// The same with each page's own outlet (`outlets[i]` for `paths[i]`; an empty one leaves that page's outlet to
/// be detected): pages of several outlets read in one call, so that cleaning compares each outlet's pages
/// whatever their order (framelens.read's outlets by folder). InvalidArgument unless there is one per path.
std::vector<Document> read_text_files(const std::vector<std::string>& paths, const std::vector<std::string>& outlets,
                                      const ReadOptions& options, ReadReport* report = nullptr, int threads = 0);

/// Streams a JSON Lines file: sink receives one Document per non-blank line (raw text in `text`), in
/// file order. Lines are parsed in parallel batches of at most 16 MB on `threads` threads (0 = all).
void read_jsonl(const std::string& path, const Fields& fields, const ReadOptions& options,
                const std::function<void(Document&&)>& sink, ReadReport* report = nullptr, int threads = 0);

/// Streams a CSV (or TSV: delimiter '\t') file with a header row; RFC 4180 quoting, fields may span lines.
void read_csv(const std::string& path, const Fields& fields, const ReadOptions& options,
              const std::function<void(Document&&)>& sink, char delimiter = ',', ReadReport* report = nullptr);

/// A JSON file: one article object (BASIL layout: "body-paragraphs" as a list of paragraphs, each a
/// list of sentence strings or a string; "source" is the outlet) or an array of record objects.
void read_json(const std::string& path, const Fields& fields, const ReadOptions& options,
               const std::function<void(Document&&)>& sink, ReadReport* report = nullptr);

/// The field names of a record file's first record ("jsonl", "json", "csv" or "tsv"): the CSV header, or
/// the first JSON object's keys plus "parent.key" for its nested objects, in file order. Read through the
/// same size-limited stream and JSON policy as the readers, so it fails (FormatError) where they would.
std::vector<std::string> record_fields(const std::string& path, const std::string& format, const ReadOptions& options);

/// Normalises meta["date"] (when present) to ISO 8601, keeping the source text in "date_raw".
void normalise_date(Document& doc, const DateOptions& options = {});

}  // namespace framelens::io
