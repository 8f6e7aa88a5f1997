#pragma once
// Vocabulary, document-term matrices (CSR), weightings and grouping.
//
// Rows are documents (or groups), columns are terms sorted by their UTF-8 bytes (the order of
// Python's str comparison, hence of scikit-learn's vocabulary). Results never depend on the
// number of threads.
//
// Weightings (tf = the count of a term in a document, N = documents, df = documents holding the
// term, dl = tokens in the document, avgdl = mean dl over documents):
//   count           tf
//   proportion      tf / dl                                      (a row of zeros stays zero)
//   log             1 + ln(tf)                                   (tf > 0)
//   boolean         1                                            (tf > 0)
//   tfidf           tf * (ln((1 + N) / (1 + df)) + 1), rows L2-normalised  (scikit-learn's TfidfVectorizer defaults)
//   tfidf_quanteda  tf * log10(N / df)                           (quanteda dfm_tfidf defaults)
//   tfidf_gensim    tf * log2(N / df), rows L2-normalised        (gensim TfidfModel defaults)
//   bm25            idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl)),
//                   idf = ln(1 + (N - df + 0.5) / (df + 0.5))   (Okapi BM25 with Lucene's non-negative idf)
// Entries that weigh exactly zero (a term in every document under an idf) are removed from the matrix.
#include <Eigen/SparseCore>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "framelens/document.hpp"
#include "framelens/tokenizer.hpp"

namespace framelens {

/// Documents x terms, compressed row storage.
using SparseMatrix = Eigen::SparseMatrix<double, Eigen::RowMajor>;
/// A read-only CSR view over buffers owned elsewhere (e.g. a NumPy/SciPy matrix): no copy.
using CsrView = Eigen::Map<const SparseMatrix>;

/// A view of `m` (which must be compressed).
CsrView view(const SparseMatrix& m);

/// A document-frequency bound: a number of documents, or a proportion of them (as scikit-learn's int / float).
struct DfLimit {
  double value = 1;
  bool proportion = false;
  static DfLimit documents(std::size_t n) { return {static_cast<double>(n), false}; }
  static DfLimit share(double p) { return {p, true}; }
  /// The bound as a number of documents out of `n_docs`.
  double resolve(std::size_t n_docs) const { return proportion ? value * static_cast<double>(n_docs) : value; }
};

struct DtmOptions {
  TokenOptions tokens;
  /// Keep terms with min_df <= df <= max_df (scikit-learn's semantics).
  DfLimit min_df = DfLimit::documents(1);
  DfLimit max_df = DfLimit::share(1.0);
  /// Worker threads (<= 0: all cores).
  int threads = 0;
};

enum class Weighting { count, proportion, log, boolean, tfidf, tfidf_quanteda, tfidf_gensim, bm25 };

struct WeightOptions {
  double k1 = 1.2;   ///< BM25 term-frequency saturation
  double b = 0.75;   ///< BM25 length normalisation
};

/// "count", "proportion" (or "prop"), "log", "boolean", "tfidf" (or "tfidf_sklearn"), "tfidf_quanteda",
/// "tfidf_gensim", "bm25"; throws InvalidArgument listing the names otherwise.
Weighting parse_weighting(std::string_view name);
std::string_view to_string(Weighting w);

struct DocumentTermMatrix {
  SparseMatrix matrix;                 ///< rows x terms
  std::vector<std::string> terms;      ///< column names, sorted by UTF-8 bytes
  std::vector<std::string> docnames;   ///< row names: document ids, or group names after group()
  std::vector<std::string> outlets;    ///< the outlet of each row ("" for a group mixing outlets)
  Weighting weighting = Weighting::count;

  // Eigen 3.4's SparseMatrix has no move constructor or move assignment (moving one copies every
  // entry), so moves swap the matrix.
  DocumentTermMatrix() = default;
  DocumentTermMatrix(const DocumentTermMatrix&) = default;
  DocumentTermMatrix& operator=(const DocumentTermMatrix&) = default;
  DocumentTermMatrix(DocumentTermMatrix&& other) noexcept { *this = std::move(other); }
  DocumentTermMatrix& operator=(DocumentTermMatrix&& other) noexcept {
    matrix.swap(other.matrix);
    terms = std::move(other.terms);
    docnames = std::move(other.docnames);
    outlets = std::move(other.outlets);
    weighting = other.weighting;
    return *this;
  }
};

/// Tokenizes every document (threads) and counts terms. Throws InvalidArgument for an empty corpus,
/// an empty vocabulary, or bounds that leave no term.
DocumentTermMatrix dtm(const Corpus& corpus, const DtmOptions& options = {});

/// Weights a count matrix.
SparseMatrix weight(const CsrView& counts, Weighting weighting, const WeightOptions& options = {});
/// Weights a count DocumentTermMatrix (InvalidArgument when it is already weighted).
DocumentTermMatrix weight(const DocumentTermMatrix& counts, Weighting weighting, const WeightOptions& options = {});

/// Rows summed per label; groups in order of first appearance.
struct Grouped {
  SparseMatrix matrix;
  std::vector<std::string> groups;

  Grouped() = default;
  Grouped(const Grouped&) = default;
  Grouped& operator=(const Grouped&) = default;
  Grouped(Grouped&& other) noexcept { *this = std::move(other); }  // swaps the matrix (see DocumentTermMatrix)
  Grouped& operator=(Grouped&& other) noexcept {
    matrix.swap(other.matrix);
    groups = std::move(other.groups);
    return *this;
  }
};
/// (`threads`: see threads.hpp.)
Grouped group(const CsrView& m, const std::vector<std::string>& labels, int threads = 0);
/// Groups a count matrix by row labels (InvalidArgument for a weighted matrix: group first, then weight).
DocumentTermMatrix group(const DocumentTermMatrix& m, const std::vector<std::string>& labels);
/// Groups by a document field of `corpus` ("outlet", "id", "title" or a metadata key, see Document::get).
DocumentTermMatrix group(const DocumentTermMatrix& m, const Corpus& corpus, std::string_view key);

// -- Matrices counted in pieces (cpp/src/matrix/dtm_merge.cpp) ----------------------------------------------
// A corpus split into partitions (Dask, several machines) gives the same matrix as dtm() on the whole:
// each partition is counted without pruning (partial_dtm), the partitions' vocabularies are merged in any
// grouping (merge is associative), pruned once (prune, dtm()'s rules), and each partition's columns are moved
// to the merged vocabulary (term_positions, remap_columns) before the rows are stacked or grouped.

/// Terms with their document frequencies, sorted by UTF-8 bytes, and the number of documents counted.
struct TermFrequencies {
  std::vector<std::string> terms;
  std::vector<std::uint64_t> df;
  std::uint64_t documents = 0;
};

/// The count matrix of one partition: dtm() without pruning; a partition without any token (or without
/// documents) gives its rows with no terms instead of an error.
DocumentTermMatrix partial_dtm(const Corpus& corpus, const TokenOptions& tokens, int threads = 0);
/// The terms of a count matrix with their document frequencies: its terms, and per term the rows holding it.
TermFrequencies term_frequencies(const CsrView& counts, const std::vector<std::string>& terms);
/// Term frequencies merged: terms united (sorted), document frequencies and documents summed. With
/// `positions`, also where each part's terms went: (*positions)[p][j] is the merged position of parts[p]'s term j
/// (so a partition's columns reach the merged vocabulary through the merges on its way up, without comparing
/// terms again).
TermFrequencies merge(const std::vector<TermFrequencies>& parts,
                      std::vector<std::vector<std::int32_t>>* positions = nullptr);
/// The terms dtm() keeps for these document frequencies (same bounds, same errors: an empty corpus,
/// an empty vocabulary, max_df below min_df, no term left). With `positions`, also each vocabulary term's
/// position among the kept terms, or -1.
std::vector<std::string> prune(const TermFrequencies& vocabulary, DfLimit min_df, DfLimit max_df,
                               std::vector<std::int32_t>* positions = nullptr);
/// For each term of `from`, its position in `to` or -1 (both sorted by bytes).
std::vector<std::int32_t> term_positions(const std::vector<std::string>& from, const std::vector<std::string>& to);
/// Column j of `m` moved to column positions[j] (dropped where -1) of a matrix with `cols` columns.
/// `positions` must increase over its non-negative entries (as term_positions gives).
SparseMatrix remap_columns(const CsrView& m, const std::vector<std::int32_t>& positions, Eigen::Index cols);

/// One partition's count rows as they travel to the client (see RowStack): CSR arrays with 32-bit offsets,
/// column indices sorted within rows (16-bit where the partition has at most 65,536 columns), counts in the
/// smallest unsigned type that holds them (or double).
struct CountRows {
  std::size_t rows = 0;
  std::size_t cols = 0;                   // the partition's own columns
  std::size_t entries = 0;                // indptr[rows]: the length of indices and counts
  const std::int32_t* indptr = nullptr;   // rows + 1 offsets
  std::variant<const std::int32_t*, const std::uint16_t*> indices;
  std::variant<const std::uint8_t*, const std::uint16_t*, const std::uint32_t*, const double*> counts;
};

/// A stacked count matrix: int64 row offsets, int32 columns, double counts.
struct StackedCsr {
  std::vector<std::int64_t> indptr{0};
  std::vector<std::int32_t> indices;
  std::vector<double> counts;
  std::int64_t cols = 0;
};

/// The partitions' rows stacked as they arrive, in their own columns (add: the copy and the conversion to
/// double happen while the other partitions still count), then moved in place to the columns of the merged
/// vocabulary once it is known (finish: one pass over the column indices, and one more only where terms were
/// pruned). Not safe for concurrent calls.
class RowStack {
 public:
  /// `expected_parts`: how many partitions will come (0: unknown), to size the buffers once.
  explicit RowStack(std::size_t expected_parts = 0) : expected_(expected_parts) {}

  /// Checks `part` (InvalidArgument naming the partition and what is wrong; nothing is kept) and appends
  /// its rows.
  void add(const CountRows& part);

  std::size_t parts() const { return part_cols_.size(); }
  std::size_t rows() const { return stacked_.indptr.size() - 1; }

  /// Partition p's column j moved to column maps[p][j] of a matrix with `cols` columns (the entry dropped
  /// where it is -1; each map must increase over its other entries, as term_positions() and the positions of
  /// merge() and prune() do); no maps: the columns stay. Checks every map first (InvalidArgument, nothing
  /// changed); then the stack is left empty and its matrix returned.
  StackedCsr finish(const std::vector<std::vector<std::int32_t>>& maps, std::int64_t cols, int threads = 0);

 private:
  void reserve_for(std::size_t entries);
  void check_maps(const std::vector<std::vector<std::int32_t>>& maps, std::int64_t cols) const;
  std::int64_t map_in_place(const std::vector<std::vector<std::int32_t>>& maps, int threads);
  void drop_pruned();

  std::size_t expected_;
  std::vector<std::size_t> part_cols_;
  std::vector<std::int64_t> first_entry_{0};  // per partition, then the total
  StackedCsr stacked_;
};

}  // namespace framelens
