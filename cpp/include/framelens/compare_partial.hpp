#pragma once
// compare() on a corpus in pieces (Dask partitions, several machines): the same Comparison as compare() on
// the whole corpus, built from
//   1. CompareGlobals: what compare() takes from the whole corpus — the outlets in order of first
//      appearance, the vocabulary with its document frequencies (dtm.hpp: partial_dtm, term_frequencies,
//      merge), the full names of the quoted persons (speaker canonicalisation) and the sentences an
//      outlet repeats in three or more documents (house furniture, left out of the alignment). Each is a
//      reduction over the pieces: sentence_keys() gives a piece's share of the last one.
//   2. compare_partial() on each piece, where a piece holds whole stories (every document of a story is in
//      the same piece) and each document knows its position in the whole corpus: per-document and
//      per-sentence rows with corpus positions, and the outlet-level sums (counts, TF-IDF centroids,
//      quote and frame tallies, actor mentions) instead of ratios.
//   3. merge() of all the pieces: rows put back in corpus order, sentence ids renumbered, sums added, and
//      the outlet-level views (similarity, distinctive terms, shares, top actors) computed from the sums.
// Counts are exact; floats differ from compare() only by the order of summation (well below 1e-9).
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "framelens/compare.hpp"
#include "framelens/dtm.hpp"

namespace framelens {

/// What compare() needs to know about the whole corpus.
struct CompareGlobals {
  std::vector<std::string> outlets;  ///< every value of options.by, in order of first appearance
  TermFrequencies vocabulary;        ///< merged term_frequencies of partial_dtm(piece, options.tokens)
  std::vector<std::string> full_names;  ///< multi-word named persons quoted anywhere (see speaker_full_names)
  /// (outlet, sentence hash): sentences repeated word for word in three or more documents of the outlet.
  std::vector<std::pair<std::string, std::uint64_t>> furniture;
};

/// One piece's share of a comparison (see above). Tables and vectors only, so it pickles as bytes.
struct PartialComparison {
  std::vector<std::string> outlets;
  std::map<std::string, Table> tables;
  std::map<std::string, std::vector<double>> matrices;
};

/// The sentences of a piece as (outlet, hash, documents): how many documents of the outlet hold the
/// sentence (summed over pieces and kept at >= 3, they are CompareGlobals::furniture).
Table sentence_keys(const Corpus& piece, const CompareOptions& options);

/// A piece's quotes, found once: each document's statements with its speakers canonical within the
/// document (document_quote_records; `document` is the position in the piece). framelens.dask finds them
/// on the piece after the shuffle: their full names are the piece's share of CompareGlobals::full_names and
/// compare_partial() takes them instead of extracting the quotes a second time.
struct PieceQuotes {
  std::vector<QuoteRecord> records;
  /// Per document of the piece, the paragraphs and sentences the quotes were found in when the document has
  /// none of its own (else empty): compare_partial() reads them instead of splitting the text again. Empty
  /// lists (a quote table's rows) leave the splitting to compare_partial().
  std::vector<std::vector<Span>> paragraphs, sentences;
};

/// The quotes of `piece` with options.extractors (none when !options.extract_quotes).
PieceQuotes piece_quotes(const Corpus& piece, const CompareOptions& options);

/// The multi-word names of the named persons quoted in a piece (united over pieces: CompareGlobals::full_names).
std::vector<std::string> speaker_full_names(const PieceQuotes& quotes);
std::vector<std::string> speaker_full_names(const Corpus& piece, const CompareOptions& options);

/// Lone named-person speakers ("Ruiz") renamed as canonicalize_speakers() renames them over the whole corpus,
/// given its `full_names` (a surname that exactly one full name ends with takes that name).
void canonicalize_records(std::vector<QuoteRecord>& records, const std::vector<std::string>& full_names);

/// quote_records() with speakers canonical against `full_names` (the whole corpus's) instead of the piece's.
std::vector<QuoteRecord> quote_records(const Corpus& corpus, const std::map<std::string, const QuoteExtractor*>& extractors,
                                       int threads, const std::vector<std::string>& full_names);

/// quote_records() with each document's speakers canonical within the document only, as its extraction left
/// them: for a corpus in pieces whose speakers are made canonical across the whole corpus afterwards, once
/// every piece's full names are known (framelens.dask.quotes).
std::vector<QuoteRecord> document_quote_records(const Corpus& corpus,
                                                const std::map<std::string, const QuoteExtractor*>& extractors,
                                                int threads);

/// The share of `piece` (whole stories; options.stories labels its documents) of the comparison of the
/// corpus `globals` describes. `positions[i]`: the position of piece document i in the whole corpus.
/// With `quotes` (piece_quotes() of this piece), its records are made canonical against the globals'
/// full names and used instead of a second extraction (InvalidArgument when one does not fit the piece).
PartialComparison compare_partial(const Corpus& piece, const std::vector<std::int64_t>& positions,
                                  const CompareOptions& options, const CompareGlobals& globals,
                                  const PieceQuotes* quotes = nullptr);

/// The comparison of the whole corpus from the shares of all its pieces (any order).
Comparison merge(const std::vector<PartialComparison>& parts, const CompareOptions& options, const CompareGlobals& globals);
Comparison merge(const std::vector<const PartialComparison*>& parts, const CompareOptions& options, const CompareGlobals& globals);

/// merge() in two halves that need different tables of the pieces, so that they can run at once on two
/// workers: merge_rows() puts the rows back in order (documents, quotes, sentences with their matches,
/// unique and omitted ones, the same quote across outlets, first quoted), merge_sums() adds the sums and
/// computes the outlet-level views (entities, coverage, similarity, distinctive terms, outlets, sourcing,
/// actors, frames); join() moves the sums' tables and matrices into the rows' comparison, which is then
/// merge()'s. split_partial() divides a piece's share into the tables merge_rows() reads (the
/// partial_row_tables()) and those merge_sums() reads.
const std::vector<std::string>& partial_row_tables();
std::pair<PartialComparison, PartialComparison> split_partial(PartialComparison&& partial);
Comparison merge_rows(const std::vector<const PartialComparison*>& parts, const CompareOptions& options, const CompareGlobals& globals);
Comparison merge_sums(const std::vector<const PartialComparison*>& parts, const CompareOptions& options, const CompareGlobals& globals);
/// The sums halves of several pieces (split_partial()'s second) as one sums half: matrices and counts added,
/// names united, in the pieces' own tables, so that merge_sums() gives the same views from it (floats up to
/// the order of addition). framelens.dask adds the pieces' sums up in a tree of these before merge_sums(), so
/// that no task holds every piece's sums at once. Pieces without documents add nothing; only such pieces give
/// a half without tables.
PartialComparison combine_sums(const std::vector<const PartialComparison*>& parts, const CompareOptions& options,
                               const CompareGlobals& globals);
void join(Comparison& rows, Comparison&& sums);

/// Bytes of a partial comparison (format version 1) and back (FormatError naming the position when damaged).
std::string serialize(const PartialComparison& partial);
PartialComparison deserialize_partial(std::string_view bytes);
/// Bytes of a piece's quotes (format version 1) and back (FormatError naming the position when damaged).
std::string serialize(const PieceQuotes& quotes);
PieceQuotes deserialize_piece_quotes(std::string_view bytes);

/// A comparison as bytes, in segments that travel and are read one at a time (framelens.dask sends the
/// comparison to the client segment by segment, so the client never holds it and its bytes whole at once):
///   comparison_header(c): every field but the tables' columns (outlets, frame names, options, matrices,
///     the tables' names);
///   comparison_columns(c, columns): the listed columns of the tables, as (table, column position);
///   comparison_segments(c, max_bytes): every column in groups of about max_bytes (a larger column alone);
///   read_comparison_segment(c, bytes): adds what a segment holds to `c` (the header first);
///   check_comparison(c): the finished comparison checked (columns of a table alike in length, codes in
///     their dictionary, matrix sizes; FormatError otherwise) and sealed.
/// serialize(c) holds the header and every column; deserialize_comparison() reads it.
using ColumnRef = std::pair<std::string, std::size_t>;
std::string comparison_header(const Comparison& c);
std::string comparison_columns(const Comparison& c, const std::vector<ColumnRef>& columns);
std::vector<std::vector<ColumnRef>> comparison_segments(const Comparison& c, std::size_t max_bytes);
void read_comparison_segment(Comparison& c, std::string_view bytes);
void check_comparison(Comparison& c);
std::string serialize(const Comparison& c);
Comparison deserialize_comparison(std::string_view bytes);

}  // namespace framelens
