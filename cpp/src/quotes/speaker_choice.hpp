#pragma once
// Internal: learned speaker choice — an optional, user-trained averaged perceptron that picks the
// speaker mention of each statement among the mentions the rules could have chosen (the rules'
// pick, the noun phrases around the cue, names, pronouns and earlier mentions nearby). The rules
// stay the default: without speaker weights in the model nothing here runs, and the rules' pick
// wins every tie. The weights live in the content-boundary model file (boundaries.hpp), in its
// speaker section (docs/quotes.md, "A learned component: speaker choice").
#include <cstddef>
#include <string>
#include <vector>

#include "quotes/engine.hpp"

namespace framelens::quotes_detail {

// One decision: the speaker mention of one attribution. The candidates are token ranges; an empty
// range (a == b) is "no speaker", a candidate only when the rules found none.
struct SpeakerDecision {
  std::size_t attr = 0;                 // d.attrs[attr]
  std::size_t rule = 0;                 // the rules' candidate (index into ranges)
  std::vector<Range> ranges;            // token ranges [first, second)
  std::vector<std::vector<std::string>> features;
};

// Sentence index of each token: a new sentence after . ! ? ; and at a paragraph break.
std::vector<std::size_t> sentence_ids(const DocState& d);

// Every speaker decision of a document the rules have attributed (scare quotes excluded), made
// with the extractor's noun-phrase parser.
std::vector<SpeakerDecision> speaker_decisions(const DocState& d, const Extractor& ex);

// Moves each attribution's speaker mention to the candidate the model's speaker weights score
// highest — the rules' unless another scores strictly higher.
void apply_speaker_model(DocState& d, const Extractor& ex, const BoundaryModel& model);

// Which candidates an annotation counts right, for the annotated quote whose contents best match
// the attribution's (char Jaccard >= 0.5, as the scorer's speaker figure): the candidates equal to
// one of its sources if any, else those overlapping one. Empty when no annotated quote matches, it
// names no source, or no candidate overlaps it. `overlapping` (optional) receives the candidates
// overlapping a source — those the scorer's speaker figure counts right.
std::vector<bool> annotated_speakers(const SpeakerDecision& dec, const DocState& d, const std::vector<AnnotatedQuote>& gold,
                                     std::vector<bool>* overlapping = nullptr);

}  // namespace framelens::quotes_detail
