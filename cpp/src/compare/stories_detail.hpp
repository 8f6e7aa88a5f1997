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

/// group_stories(corpus, options) from rows already counted (consumes them).
std::vector<std::string> group_stories(const Corpus& corpus, const StoryOptions& options, StoryRows rows);

}  // namespace framelens::detail
