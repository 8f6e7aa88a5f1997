#pragma once
// Internal: loose candidate statements — an optional, user-trained averaged perceptron that accepts
// or rejects statements the rules did not make. Every word outside the rules' statements and
// quotations proposes one: the rest of its sentence (or the words up to its first comma, coordinator,
// dash or colon, or preposition) as content, the word as cue, the subject of its clause as speaker
// ("Pell [doubted] {the figures}"). The rules
// stay the default: without statement weights in the model nothing here runs, and rejecting wins
// every tie, so a model without them adds nothing. The weights live in the model file
// (boundaries.hpp), in its "[statements]" section (docs/quotes.md, "A learned component: statements").
#include <cstddef>
#include <string>
#include <vector>

#include "quotes/engine.hpp"

namespace framelens::quotes_detail {

// One decision: whether the word at `cue` opens a statement, and where its content ends. Candidate 0
// is "no statement" (no features); candidate k >= 1 is the content [start, ends[k - 1]) in tokens.
struct StatementDecision {
  std::size_t cue = 0;             // token of the cue word
  std::size_t start = 0;           // first content token (cue + 1)
  std::vector<std::size_t> ends;   // content ends (token index, exclusive), one per accepting candidate
  Range mention{0, 0};             // the speaker phrase before the cue (empty: none)
  std::vector<std::vector<std::string>> features;  // per candidate: [0] rejects (empty), [k] accepts with ends[k - 1]
};

// Every statement decision of a document the rules have attributed (before any other model).
std::vector<StatementDecision> statement_decisions(const DocState& d, const Extractor& ex);

// Adds the statements the model's statement weights accept (left to right; a word inside a statement
// accepted before proposes none), each placed among the rules' attributions in text order.
void apply_statement_model(DocState& d, const Extractor& ex, const BoundaryModel& model);

// Training: adds the statements the annotation accepts (`ok` from annotated_statement, the first right
// ending), as apply_statement_model() would, so that a speaker choice trained with them learns on the
// statements the model will add.
void add_annotated_statements(DocState& d, const std::vector<std::pair<StatementDecision, std::vector<bool>>>& labelled);

// Which candidates the annotation counts right: the accepting candidates whose content is exactly an
// annotated content when an annotated content starts at the decision's start (none of them: the
// decision is not learned, an empty vector); else only "no statement".
std::vector<bool> annotated_statement(const StatementDecision& dec, const DocState& d, const std::vector<Span>& gold);

}  // namespace framelens::quotes_detail
