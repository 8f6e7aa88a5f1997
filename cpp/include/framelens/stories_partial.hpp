#pragma once
// group_stories() on a corpus in pieces (Dask partitions, several machines): the same story labels as
// group_stories() on the whole corpus, from steps that each read one piece, one time bucket or a table of
// pairs, never every document:
//   1. story_counts(piece): each document's content-word counts (the story vectors' raw entries) over the
//      piece's terms, with their document frequencies; the pieces' terms are merged with merge() (dtm.hpp).
//   2. story_vectors(counts, merged, first): the documents' story vectors in the whole corpus's columns,
//      the same bits as group_stories() computes; signature_postings() per piece, summed over the pieces.
//   3. Time buckets: a bucket [lo, hi) owns the dated documents of those days and holds too the dated ones
//      within window_days of them and every undated document (story_buckets() of each piece, joined with
//      join_story_vectors()). Every candidate of an own document is then in the bucket, so
//      story_bucket_pairs() finds its candidate pairs exactly; an undated document's candidates may be
//      anywhere, so each bucket gives its best ones among the bucket's own documents (UndatedCandidates),
//      story_undated_best() keeps the best of all and story_undated_pairs() gives them their cosines in the
//      buckets that own them.
//   4. story_blocks(): the candidate pairs of the whole corpus, each once, and their blocks (connected
//      components at the threshold).
//   5. story_block_pairs() per bucket: every pair inside a small block, which group_stories() compares all
//      against all (each pair lies within the window, so inside the bucket of one of its documents).
//   6. story_large_blocks() (while step 5 runs) and story_numbers(): average link and refinement inside
//      every block; each document's story number, 1, 2, ... in order of first document ("story-<number>"
//      is its group_stories() label).
// Story vectors are not texts: a document's is its few hundred (column, weight) entries.
#include <cstdint>
#include <vector>

#include "framelens/document.hpp"
#include "framelens/dtm.hpp"
#include "framelens/stories.hpp"

namespace framelens {

/// A piece's story-vector entries before the corpus's columns are known.
struct StoryCounts {
  TermFrequencies terms;  ///< the piece's content terms (sorted by bytes), document frequencies, documents
  std::vector<std::int64_t> indptr;  ///< per document: its entries [indptr[d], indptr[d + 1])
  std::vector<std::pair<std::uint32_t, float>> entries;  ///< (index in terms.terms, weighted count), by term
  std::vector<double> day;  ///< days since 1970 of the date metadata; NaN: undated
};

/// Story vectors of some documents of a corpus, in the whole corpus's columns (CSR rows, L2-normalised).
struct StoryVectors {
  std::vector<std::int64_t> positions;  ///< each document's position in the whole corpus, increasing
  std::vector<double> day;              ///< NaN: undated
  std::vector<std::int64_t> indptr;
  std::vector<std::int32_t> columns;
  std::vector<double> values;
};

/// The whole corpus's story columns: the merged terms of two or more documents, in term order.
struct StoryColumns {
  std::vector<std::uint32_t> df;        ///< per column
  std::vector<std::uint32_t> postings;  ///< per column: the documents holding it among their signature terms
  std::uint64_t documents = 0;
};

/// Candidate pairs (a < b, corpus positions) with their cosines.
struct StoryPairs {
  std::vector<std::int64_t> a, b;
  std::vector<double> sim;
};

/// Undated documents' best candidates among one bucket's own documents: (document, candidate, shared
/// signature weight), by document, best first.
struct UndatedCandidates {
  std::vector<std::int64_t> document, candidate;
  std::vector<float> score;
};

/// The whole corpus's candidate pairs (sorted, each once) and every document's block (-1: none).
struct StoryBlocks {
  StoryPairs pairs;
  std::vector<std::int32_t> block;
  std::vector<std::int64_t> sizes;  ///< per block
};

/// 1. The story-vector entries of a piece's documents (the default tokenizer, as group_stories()).
StoryCounts story_counts(const Corpus& piece, const StoryOptions& options);

/// The columns of the merged terms of every piece's story_counts() (merge() of their `terms`).
/// `postings` is left empty: it is the sum of every piece's signature_postings().
StoryColumns story_columns(const TermFrequencies& merged);

/// 2. A piece's story vectors; `first`: the position of its first document in the whole corpus.
StoryVectors story_vectors(const StoryCounts& counts, const TermFrequencies& merged, std::int64_t first);

/// Per column, this piece's documents holding it among their signature terms (StoryColumns::postings is the
/// sum over the pieces).
std::vector<std::uint32_t> signature_postings(const StoryVectors& piece, const StoryColumns& columns,
                                              const StoryOptions& options);

/// 3. The documents of `piece` that each bucket [edges[b], edges[b + 1]) holds: dated within
/// [edges[b] - window, edges[b + 1] + window), and the undated ones.
std::vector<StoryVectors> story_buckets(const StoryVectors& piece, const std::vector<double>& edges,
                                        const StoryOptions& options);
/// Pieces' story vectors as one (positions must keep increasing from piece to piece).
StoryVectors join_story_vectors(const std::vector<const StoryVectors*>& pieces);

/// The candidate pairs of the bucket's own documents (dated in [lo, hi)) and the undated documents' best
/// candidates among them (`undated_own`: the one bucket that also counts the undated documents as its own
/// candidates).
std::pair<StoryPairs, UndatedCandidates> story_bucket_pairs(const StoryVectors& bucket, double lo, double hi,
                                                            bool undated_own, const StoryColumns& columns,
                                                            const StoryOptions& options);

/// Every undated document's best candidates over all buckets (as candidates() ranks them on the whole corpus).
UndatedCandidates story_undated_best(const std::vector<const UndatedCandidates*>& buckets);
/// The cosines of the best undated candidates that this bucket owns, as pairs (those at or above the
/// threshold / 4, as group_stories() keeps them).
StoryPairs story_undated_pairs(const StoryVectors& bucket, double lo, double hi, bool undated_own,
                               const UndatedCandidates& best, const StoryOptions& options);

/// 4. Every bucket's pairs (story_bucket_pairs, story_undated_pairs) as the corpus's candidate pairs and blocks.
StoryBlocks story_blocks(const std::vector<const StoryPairs*>& pairs, std::uint64_t documents, const StoryOptions& options);

/// 5. The pairs inside small blocks that this bucket computes (each pair of a block by exactly one bucket).
StoryPairs story_block_pairs(const StoryVectors& bucket, double lo, double hi, bool undated_own,
                             const StoryBlocks& blocks, const StoryOptions& options);

/// 6a. The stories inside the large blocks, from the blocks' own pairs: each document's story as the
/// corpus position of its first document (documents outside large blocks: their own). Needs none of
/// story_block_pairs(), so it can run while they do.
std::vector<std::int64_t> story_large_blocks(const StoryBlocks& blocks, const StoryOptions& options);

/// 6b. Every document's story number (group_stories()'s label is "story-<number>"): the small blocks
/// clustered from their pairs, the large ones as story_large_blocks() gave them.
std::vector<std::int64_t> story_numbers(const StoryBlocks& blocks, const std::vector<const StoryPairs*>& small,
                                        const std::vector<std::int64_t>& large, const StoryOptions& options);

/// 6a and 6b in one step.
std::vector<std::int64_t> story_numbers(const StoryBlocks& blocks, const std::vector<const StoryPairs*>& small,
                                        const StoryOptions& options);

}  // namespace framelens
