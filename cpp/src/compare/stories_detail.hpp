#pragma once
// Internal: story grouping from rows counted by another pass over the documents. The comparison reads
// every document once (analysis.cpp) and counts the story vectors from the tokens it has anyway, instead
// of group_stories() analysing the corpus a second time. Same rows, same stories.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "framelens/stories.hpp"
#include "framelens/text.hpp"

namespace framelens::detail {

/// Per-worker scratch of story_counts.
struct StoryCounter {
  std::vector<std::int8_t> content;  ///< term id -> 1 content word, 0 not, -1 not yet known
  std::vector<double> weight;        ///< term id -> summed weight in the current document
  std::vector<std::uint32_t> touched;
};

/// One analysed document's story-vector entries, (term id in `vocabulary`, weighted count): its content
/// words (is_content_word), each occurrence inside a capitalised name counting `entity_weight`.
void story_counts(const DocumentText& text, const Vocabulary& vocabulary, double entity_weight, StoryCounter& scratch,
                  std::vector<std::pair<std::uint32_t, float>>& out);

/// A document's day for the time window (days since 1970 of its `options.date_key` metadata), or a
/// sentinel for undated documents.
double story_day(const Document& document, const StoryOptions& options);

/// Every document's story_counts row with ids local to `vocabularies[owner[d]]`, and its story_day. The
/// tokens must be those of the default Tokenizer (TokenOptions{}), as group_stories() reads them.
struct StoryRows {
  std::vector<std::vector<std::pair<std::uint32_t, float>>> rows;
  std::vector<unsigned> owner;
  std::vector<double> day;
  std::vector<const Vocabulary*> vocabularies;
};

/// Two items (a < b) and their cosine.
struct StoryPair {
  std::uint32_t a, b;
  double sim;
  bool operator<(const StoryPair& o) const { return a != o.a ? a < o.a : b < o.b; }
};

/// Average-link agglomeration of m items (group_stories() runs it inside every block): repeatedly merges the
/// two clusters with the highest mean pairwise cosine (pairs absent from `pairs` count 0; ties: the smaller
/// first item, then the smaller second), the later cluster into the earlier, until no mean reaches
/// `threshold`. `pairs` holds each pair once. Returns every item's cluster, named by its smallest item.
std::vector<std::size_t> average_link(std::size_t m, const std::vector<StoryPair>& pairs, double threshold);

/// group_stories(corpus, options) from rows already counted (consumes them).
std::vector<std::string> group_stories(const Corpus& corpus, const StoryOptions& options, StoryRows rows);

}  // namespace framelens::detail
