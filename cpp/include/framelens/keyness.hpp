#pragma once
// Keyness: which terms a target group of documents uses more (or less) than a reference group.
//
// Measures (quanteda vocabulary: a `target` against a `reference`):
//  * log_odds  — log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
//                "Fightin' Words", eq. 16-22), reported as a z-score (the default).
//                With y = counts, n = totals, a_w = prior counts (a_0 = sum a_w):
//                  delta_w = ln((y_tw + a_w) / (n_t + a_0 - y_tw - a_w)) - ln((y_rw + a_w) / (n_r + a_0 - y_rw - a_w))
//                  var_w   = 1 / (y_tw + a_w) + 1 / (y_rw + a_w);     z_w = delta_w / sqrt(var_w)
//                The prior is a_w = prior * pi_w where pi is the background distribution: the pooled
//                target + reference counts unless the caller passes its own (e.g. a larger corpus).
//  * chi2      — Pearson chi-squared of the 2x2 table (a = target count, b = reference count,
//                c = target total - a, d = reference total - b, N = a + b + c + d):
//                  chi2 = N (|ad - bc| - N delta)^2 / ((a+b)(c+d)(a+c)(b+d)), signed + when a > E = (a+b)(a+c)/N.
//                Yates' continuity correction delta = 0.5 is applied per term, as quanteda.textstats'
//                textstat_keyness does by default, only when |ad - bc| >= N/2 and some expected cell count
//                is below 5; otherwise delta = 0. Williams' correction divides by
//                q = 1 + (N/(a+b) + N/(c+d) - 1)(N/(a+c) + N/(b+d) - 1) / (6N) (q = 1 when a cell is 0).
//  * g2        — likelihood ratio G2 = 2 sum O ln(O / E + eps) over the four cells (eps = 1e-9, as quanteda),
//                signed as chi2; with the default/Yates correction each cell moves 0.5 toward independence
//                under the same rule as chi2, with Williams' correction G2 is divided by q.
//  * pmi       — pointwise mutual information ln(a / E + eps) (no correction).
// p-values: 1 - pchisq(|stat|, 1) for chi2, g2 and pmi (as quanteda); two-sided normal for log_odds.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/SparseCore>

namespace framelens {

enum class KeynessMeasure { log_odds, chi2, g2, pmi };
enum class KeynessCorrection { default_, yates, williams, none };

KeynessMeasure keyness_measure(std::string_view name);        ///< "log_odds" | "chi2" | "g2" (or "lr") | "pmi"
KeynessCorrection keyness_correction(std::string_view name);  ///< "default" | "yates" | "williams" | "none"
std::string to_string(KeynessMeasure m);

struct KeynessOptions {
  KeynessMeasure measure = KeynessMeasure::log_odds;
  KeynessCorrection correction = KeynessCorrection::default_;
  /// a_0 of the informative Dirichlet prior (log_odds): the prior's total pseudo-count.
  double prior = 500.0;
  /// Background counts per term for the log_odds prior (empty: target + reference counts).
  std::vector<double> background;
  /// false: leave KeynessResult::p empty (a caller that reports a few terms computes their p-values with
  /// keyness_p instead of one erfc per term of the vocabulary).
  bool p_values = true;
};

/// One value per term (column), in term order.
struct KeynessResult {
  KeynessMeasure measure = KeynessMeasure::log_odds;
  std::vector<double> score;        ///< z (log_odds), chi2, G2 or PMI, signed: > 0 = over-used by the target
  std::vector<double> p;            ///< p-value of the score
  std::vector<double> n_target;     ///< count in the target
  std::vector<double> n_reference;  ///< count in the reference
  std::vector<double> delta;        ///< log_odds only: the log-odds ratio before scaling to z
};

/// The score of one term from the group totals: what keyness() computes for each term, for a caller that
/// scores a few terms of a large vocabulary (an outlet's own terms) without vectors over all of it.
class TermKeyness {
 public:
  /// `target_total` and `reference_total`: the groups' summed counts (both > 0); `background_total`: the
  /// summed background counts (log_odds; the pooled counts nt + nr by default).
  TermKeyness(const KeynessOptions& options, double target_total, double reference_total, double background_total);
  /// The signed score of a term counted `target` and `reference` times, `background` in the background
  /// (log_odds; target + reference by default); `delta` receives log_odds' ratio before scaling.
  double operator()(double target, double reference, double background, double* delta = nullptr) const;

 private:
  KeynessMeasure measure_;
  KeynessCorrection correction_;
  double nt_, nr_, a0_, bg_total_;
};

/// Keyness from the summed term counts of the target and the reference (equal length).
KeynessResult keyness(const std::vector<double>& target, const std::vector<double>& reference,
                      const KeynessOptions& options = {});

/// The p-value of one keyness score: two-sided normal for log_odds, 1 - pchisq(|score|, 1) otherwise.
double keyness_p(KeynessMeasure measure, double score);

using CountMatrix = Eigen::SparseMatrix<double, Eigen::RowMajor>;

/// Keyness of the rows flagged in `target` against the rows flagged in `reference`
/// (an empty `reference`: every row not in the target). Rows are documents or groups, columns terms.
KeynessResult keyness(const CountMatrix& counts, const std::vector<bool>& target,
                      const std::vector<bool>& reference = {}, const KeynessOptions& options = {});

/// Terms to drop so that house style does not swamp substance: honorifics and titles
/// (mr, ms, sen, rep, representative, senator, ...; cpp/data/lang/en/house_style.txt) and the words of
/// the outlets' own names ("sentinel", "herald", ...), lower-cased.
std::vector<std::string> house_style_terms(const std::vector<std::string>& outlets);

}  // namespace framelens
