#pragma once
// Internal: writes each part's output into the comparison's tables (result.cpp).
#include <vector>

#include "compare/actors.hpp"
#include "compare/alignment.hpp"
#include "compare/sourcing.hpp"

namespace framelens::detail {

/// The comparison's options as its header says them: by, align_threshold, idf_scope, keyness measure,
/// token options by name, frame names.
void describe(Comparison& c, const CompareOptions& options, const FrameLexicon& lexicon);
void add_documents(Comparison& c, const CompareContext& ctx, const std::vector<DocAnalysis>& docs);
void add_frames(Comparison& c, const CompareContext& ctx, const std::vector<DocAnalysis>& docs);
void add_alignment(Comparison& c, const CompareContext& ctx, const std::vector<DocAnalysis>& docs,
                   const Alignment& alignment, const Coverage& coverage);
void add_terms(Comparison& c, const CompareContext& ctx, const std::vector<std::vector<DistinctiveTerm>>& terms);
void add_sourcing(Comparison& c, const CompareContext& ctx, const Sourcing& sourcing);
void add_actors(Comparison& c, const CompareContext& ctx, const std::vector<std::vector<ActorSalience>>& salience,
                const std::vector<LabelCount>& labels);
void add_outlets(Comparison& c, const CompareContext& ctx, const std::vector<DocAnalysis>& docs,
                 const std::vector<std::size_t>& types, const Coverage& coverage, const Sourcing& sourcing);

/// Every matrix of a comparison read back (JSON or bytes) has outlets x outlets values (frames: outlets x
/// frames); FormatError naming `what` ("comparison JSON", "comparison bytes") otherwise.
void check_matrix_sizes(const Comparison& c, const std::string& what);

}  // namespace framelens::detail
