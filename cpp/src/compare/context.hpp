#pragma once
// Internal: what every part of the comparison shares — the outlets and stories as dense indices, the one
// vocabulary (the count matrix's terms) and each document's analysis.
#include <cstddef>
#include <cstdint>
#include <map>
#include <unordered_map>
#include <utility>
#include <string>
#include <vector>

#include "framelens/compare.hpp"
#include "framelens/dtm.hpp"
#include "framelens/tokenizer.hpp"
#include "framelens/text.hpp"
#include "framelens/vocabulary.hpp"

namespace framelens::detail {

struct CompareContext {
  CompareContext(const Corpus& c, const CompareOptions& o) : corpus(c), options(o) {}
  const Corpus& corpus;
  const CompareOptions& options;
  unsigned threads = 1;
  std::vector<std::string> outlets;             ///< group names, in order of first appearance
  std::vector<std::uint32_t> outlet_of;         ///< per document
  std::vector<std::string> stories;             ///< story names, in order of first appearance
  std::vector<std::uint32_t> story_of;          ///< per document
  std::vector<std::vector<std::uint32_t>> story_documents;  ///< per story, in corpus order
  std::vector<std::vector<std::uint32_t>> story_outlets;    ///< per story, distinct outlets ascending

  std::size_t n_outlets() const noexcept { return outlets.size(); }
};

/// Validates the options against the corpus and indexes outlets and stories.
CompareContext make_context(const Corpus& corpus, const CompareOptions& options);

/// Dense indices of `values` in order of first appearance: names out, one index per value.
std::vector<std::uint32_t> index_labels(const std::vector<std::string>& values, std::vector<std::string>& names);

/// One document as the comparison sees it, from the one Tokenizer.
struct DocAnalysis {
  std::size_t words = 0;                       ///< word and number tokens
  std::vector<Span> sentences;                 ///< bytes: the document's own sentences, else split_sentences
  std::vector<std::uint32_t> sentence_words;   ///< words per sentence
  /// Content terms per sentence as ids into the count matrix's vocabulary: sentence s holds
  /// terms[term_start[s] .. term_start[s + 1]).
  std::vector<std::uint32_t> term_start;
  std::vector<std::uint32_t> terms;
  std::vector<Entity> entities;
  std::vector<double> frame_weight;            ///< summed match weight per frame
  std::vector<double> frame_value;             ///< per frame on the lexicon's scale (per 1,000 tokens or probability)
  std::size_t frame_tokens = 0;
  std::vector<std::map<std::string, double>> frame_hits;
  /// (label index, occurrences) of the actor labels found (see actors.cpp).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> labels;
};

/// An actor label as a word sequence of normalised tokens.
struct ActorLabel {
  std::string actor, label;
  std::vector<std::string> words;
};

/// The labels of `actors` (or of the gazetteer) as word sequences, longest first.
std::vector<ActorLabel> actor_labels(const std::map<std::string, std::vector<std::string>>& actors,
                                     const Tokenizer& tokenizer);

/// Analyses every document (threads): sentences, content terms looked up in `vocabulary`, entities,
/// frame scores and actor-label counts.
std::vector<DocAnalysis> analyse_documents(const CompareContext& ctx, const Vocabulary& vocabulary,
                                           const FrameLexicon& lexicon, const std::vector<ActorLabel>& labels);

}  // namespace framelens::detail
