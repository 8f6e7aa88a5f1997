#pragma once
// Internal: actor salience and labelling (actors.cpp).
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compare/context.hpp"

namespace framelens::detail {

struct ActorSalience {
  std::string actor;
  std::size_t mentions = 0, documents = 0;
  double first_position = 1;  ///< mean relative position (0 = start) of the first mention in its documents
};

struct LabelCount {
  std::uint32_t outlet;
  std::string actor, label;
  std::size_t count;
};

/// Per outlet, the top_actors most mentioned names.
std::vector<std::vector<ActorSalience>> actor_salience(const CompareContext& ctx, const std::vector<DocAnalysis>& docs);

/// What salience is computed from, per outlet and name (sums, so pieces of a corpus add up).
struct ActorTally {
  std::size_t mentions = 0, documents = 0;
  double first_sum = 0;  ///< summed relative position of the first mention in each document
};
/// Per outlet: name -> tally. The names view strings that outlive the tallies (ctx.names, a table).
using ActorTallies = std::vector<std::unordered_map<std::string_view, ActorTally>>;
ActorTallies actor_tallies(const CompareContext& ctx, const std::vector<DocAnalysis>& docs);
/// Per outlet, the `top` most mentioned names of the tallies (ties: earlier first mention, then name).
std::vector<std::vector<ActorSalience>> top_actors(const ActorTallies& tallies, std::size_t top);

/// Occurrences of every label per outlet (`drop_unnamed`: leave out actors no outlet names).
std::vector<LabelCount> actor_label_counts(const CompareContext& ctx, const std::vector<DocAnalysis>& docs,
                                           const std::vector<ActorLabel>& labels, bool drop_unnamed);

}  // namespace framelens::detail
