#pragma once
// Internal: learned content boundaries — an optional, user-trained averaged perceptron that moves
// the start and the end of each content piece the rules found to a nearby token edge. The rules
// stay the default: without a model nothing here runs. The model is a text file of feature
// weights (docs/quotes.md, "A learned component"); it is untrusted input, parsed with clear errors.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "quotes/engine.hpp"

namespace framelens::quotes_detail {

// One decision: where one content piece of one attribution starts (or ends). The candidates are
// token edges near the rules' choice, within the paragraph, never taking in the cue or the
// speaker mention; each carries its feature names.
struct BoundaryDecision {
  bool start = true;                    // the piece's start, or its end
  std::size_t attr = 0, piece = 0;      // d.attrs[attr].contents[piece]
  std::size_t rule = 0;                 // the rules' candidate (index into positions)
  std::vector<std::size_t> positions;   // byte offsets
  std::vector<std::vector<std::string>> features;
};

// Every boundary decision of a document the rules have attributed (scare quotes excluded).
std::vector<BoundaryDecision> boundary_decisions(const DocState& d, const Lexicon& lex);

// Weights by the 64-bit hash of their feature names, read-only once built: open addressing with linear
// probing in one flat array, so a look-up touches one slot (usually one cache line) where
// std::unordered_map takes a modulo and a hop to a node. Extraction with a model is mostly these look-ups.
class HashedWeights {
 public:
  HashedWeights() = default;
  explicit HashedWeights(const std::unordered_map<std::uint64_t, double>& weights);
  const double* find(std::uint64_t key) const noexcept;
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }

 private:
  struct Slot {
    std::uint64_t key = 0;  // 0: empty (a key 0 is held in zero_)
    double value = 0.0;
  };
  std::vector<Slot> slots_;
  std::vector<std::uint64_t> taken_;  // a bit per slot: most keys looked up are absent, and their first
                                      // slot is empty (a quarter of the slots are taken at most); the
                                      // bits fit the nearer caches where the slots do not
  unsigned shift_ = 64;  // slot of a key: (key * golden) >> shift_
  std::size_t size_ = 0;
  bool has_zero_ = false;
  double zero_ = 0.0;
};

// Feature weights of a trained model. parse() throws FormatError naming the line of any defect.
// Format 1 ("framelens quote boundary model 1") holds content-boundary weights only; format 2
// ("framelens quote model 2") holds them in a "[boundaries]" section and speaker-choice weights in
// a "[speakers]" section, and accept/reject weights of loose candidate statements in a "[statements]"
// section (written only when there are any). to_text() writes format 1 when there are no speaker or
// statement weights.
struct BoundaryModel {
  std::string lang;
  std::unordered_map<std::string, double> weights;
  std::unordered_map<std::string, double> speaker_weights;  // speaker_choice.hpp
  std::unordered_map<std::string, double> statement_weights;  // statements.hpp: loose candidate statements
  // How much more than the rules' pick another speaker candidate must score to replace it (the line
  // "@margin<TAB><value>" of the [speakers] section; 0 without it, as in files written before it existed).
  double speaker_margin = 0.0;
  // The same for a content edge against the rules' edge ("@margin" in [boundaries], or a format-1 file).
  double boundary_margin = 0.0;
  // And for accepting a loose candidate statement ("@margin" in [statements]; "no statement" scores 0).
  double statement_margin = 0.0;
  // The weights by the 64-bit FNV-1a hash of the feature name (extraction scores features without
  // building their names); filled by parse().
  HashedWeights hashed;
  HashedWeights speaker_hashed;  // speaker_weights by hash
  HashedWeights statement_hashed;  // statement_weights by hash

  static constexpr std::uint64_t kHashSeed = 0xcbf29ce484222325ULL;
  static std::uint64_t hash(std::uint64_t h, std::string_view part) noexcept;  // h extended by part's bytes
  static BoundaryModel parse(std::string_view text);
  std::string to_text() const;
};

// Moves each content piece's edges to the candidates the model scores highest — the rules' edges
// unless another scores strictly higher (a piece never becomes empty; an attribution whose pieces
// would overlap keeps the rules' pieces).
void apply_boundary_model(DocState& d, const Lexicon& lex, const BoundaryModel& model);

// The candidate at the annotated edge of the gold content that overlaps the rules' piece most
// (npos when no gold content overlaps it or its edge is no candidate).
std::size_t annotated_candidate(const BoundaryDecision& dec, Span piece, const std::vector<Span>& gold);

// Averaged perceptron over decisions whose gold boundary is among the candidates. add() interns the
// feature names (a training set holds millions of them); weights() trains and returns the averaged
// weights, zeros left out. Deterministic: decisions are visited in the order they were added.
//
// The same perceptron chooses speakers (speaker_choice.hpp): there a decision may have several right
// candidates (`ok`); it is right when its pick is one of them, and learns towards the best-scoring one.
class BoundaryTrainer {
 public:
  void add(const BoundaryDecision& dec, std::size_t gold, std::size_t doc = 0);
  // A decision with candidates' features, the rules' candidate and which candidates are right.
  // For margin(): `doc`, the document it comes from, and `counted`, which candidates count right
  // when a pick is scored (empty: those of `ok`).
  void add(std::size_t rule, const std::vector<std::vector<std::string>>& features, const std::vector<bool>& ok,
           std::size_t doc = 0, const std::vector<bool>& counted = {});
  // `right` (optional) receives how many decisions the averaged weights get right.
  std::unordered_map<std::string, double> weights(int epochs, std::size_t* right = nullptr) const;
  // How much more than the rules' candidate another must score before it replaces the rules' pick,
  // chosen by two-fold cross-fitting over documents (even / odd `doc`): weights trained on one half
  // score the other half's decisions, and the margin is the smallest one that gets the most of them
  // right (as `counted` says). 0 when no margin gains a decision over 0.
  double margin(int epochs) const;
  std::size_t size() const noexcept { return decisions_.size(); }
  std::size_t rules_right() const noexcept { return rules_right_; }

 private:
  struct Decision {
    std::size_t rule = 0, gold = 0;
    std::vector<bool> ok;              // empty: only `gold` is right
    std::vector<bool> counted;         // empty: as ok
    std::size_t doc = 0;
    std::vector<std::size_t> offsets;  // candidate c's features: ids[offsets[c] .. offsets[c + 1])
  };
  // Averaged weights by feature id, trained on the decisions `use` accepts.
  template <class Use>
  std::vector<double> train(int epochs, Use&& use) const;
  // Candidate c's score under the weights `w`.
  double score(const std::vector<double>& w, const Decision& x, std::size_t c) const;
  // The rules' candidate unless another scores strictly higher under `w` (the first such on a tie).
  std::size_t pick(const std::vector<double>& w, const Decision& x) const;
  // Whether candidate c is right as `ok` (or `gold`) says.
  static bool right_pick(const Decision& x, std::size_t c) { return x.ok.empty() ? c == x.gold : static_cast<bool>(x.ok[c]); }
  std::unordered_map<std::string, std::size_t> ids_;
  std::vector<std::string> names_;
  std::vector<std::uint32_t> features_;
  std::vector<Decision> decisions_;
  std::size_t rules_right_ = 0;

  void intern(Decision& x, const std::vector<std::vector<std::string>>& features);
};

/// Where a model's features go: their names (training) or the sum of their weights looked up by hash
/// (extraction; `weights` is BoundaryModel::hashed or ::speaker_hashed). A feature is the concatenation of
/// its parts; FeatureScore hashes the parts without building the name.
struct FeatureNames {
  std::vector<std::string> names;
  void operator()(std::initializer_list<std::string_view> parts) {
    std::string s;
    for (const auto p : parts) s.append(p);
    names.push_back(std::move(s));
  }
};

struct FeatureScore {
  const HashedWeights& weights;
  double sum = 0.0;
  void operator()(std::initializer_list<std::string_view> parts) {
    std::uint64_t h = BoundaryModel::kHashSeed;
    for (const auto p : parts) h = BoundaryModel::hash(h, p);
    if (const double* w = weights.find(h)) sum += *w;
  }
};

}  // namespace framelens::quotes_detail
