#pragma once
// Story grouping: which documents report the same story.
//
// Each document is a vector of its content words (text.hpp: the tokenizer's terms, no stopwords,
// at least one letter) found in two or more documents, words inside capitalised names counting
// entity_weight times, weighted (1 + ln tf) * idf and L2-normalised (weight(), "tfidf" over log counts).
// Documents are never compared all against all: candidate pairs come from shared rare terms inside
// the time window (each document keeps its best 48), the connected components of candidate pairs at
// or above the threshold form blocks, and average-link clustering (then a refinement pass that moves a
// document to the story nearest to it on average) runs inside each block. docs/comparison.md has the
// details and the measured cost.
#include <string>
#include <vector>

#include "framelens/document.hpp"

namespace framelens {

struct StoryOptions {
  /// Average-link cosine two groups need to merge into one story.
  double threshold = 0.2;
  /// Documents whose metadata "date" (YYYY-MM-DD...) lies more than this many days apart never share a
  /// story; <= 0 disables the window. Documents without a date are compared with every document.
  double window_days = 3.0;
  /// Weight of capitalised words (names) relative to other words in the document vectors.
  double entity_weight = 3.0;
  /// Metadata key holding the date.
  std::string date_key = "date";
  int threads = 0;
};

/// A story label ("story-1", "story-2", ... in order of first document) for every document.
std::vector<std::string> group_stories(const Corpus& corpus, const StoryOptions& options = {});

/// For every document, the index of its most similar document from another outlet among its candidates
/// (same representation, window and candidate search as group_stories), or -1 when no document of
/// another outlet shares one of its rare terms within the window.
std::vector<long> nearest_other_outlet(const Corpus& corpus, const StoryOptions& options = {},
                                       const std::string& by = "outlet");

}  // namespace framelens
