#include "framelens/keyness.hpp"

#include <cmath>
#include <sstream>
#include <unordered_set>

#include "framelens/data.hpp"
#include "framelens/error.hpp"

namespace framelens {
namespace {

constexpr double kEps = 1e-9;  // offsets zero cells in G2 and PMI, the value quanteda uses

struct Table {
  double a, b, c, d, N, E;
};

Table table(double a, double b, double nt, double nr) {
  Table t{a, b, nt - a, nr - b, 0, 0};
  t.N = t.a + t.b + t.c + t.d;
  t.E = (t.a + t.b) * (t.a + t.c) / t.N;
  return t;
}

// quanteda's default rule: Yates' 0.5 only when |ad - bc| >= N/2 and an expected count is below 5.
double yates_delta(const Table& t) {
  const double N = t.N;
  const bool small = (t.a + t.b) * (t.a + t.c) / N < 5 || (t.a + t.b) * (t.b + t.d) / N < 5 ||
                     (t.a + t.c) * (t.c + t.d) / N < 5 || (t.c + t.d) * (t.b + t.d) / N < 5;
  return (std::abs(t.a * t.d - t.b * t.c) >= N / 2 && small) ? 0.5 : 0.0;
}

double williams_q(const Table& t) {
  if (t.a * t.b * t.c * t.d == 0) return 1.0;
  const double N = t.N;
  return 1.0 + (N / (t.a + t.b) + N / (t.c + t.d) - 1.0) * (N / (t.a + t.c) + N / (t.b + t.d) - 1.0) / (6.0 * N);
}

double chi2(const Table& t, KeynessCorrection cor) {
  const double delta = (cor == KeynessCorrection::default_ || cor == KeynessCorrection::yates) ? yates_delta(t) : 0.0;
  const double q = cor == KeynessCorrection::williams ? williams_q(t) : 1.0;
  const double diff = std::abs(t.a * t.d - t.b * t.c) - t.N * delta;
  const double v = t.N * diff * diff / ((t.a + t.b) * (t.c + t.d) * (t.a + t.c) * (t.b + t.d)) / q;
  return t.a > t.E ? v : -v;
}

double g2(const Table& t, KeynessCorrection cor) {
  double a = t.a, b = t.b, c = t.c, d = t.d;
  if (cor == KeynessCorrection::default_ || cor == KeynessCorrection::yates) {
    const double delta = yates_delta(t);
    const bool pos = t.a * t.d - t.b * t.c > 0;
    a += pos ? -delta : delta;
    b += pos ? delta : -delta;
    c += pos ? delta : -delta;
    d += pos ? -delta : delta;
  }
  const double N = t.N;
  double v = 2.0 * (a * std::log(a / ((a + b) * (a + c) / N) + kEps) + b * std::log(b / ((a + b) * (b + d) / N) + kEps) +
                    c * std::log(c / ((a + c) * (c + d) / N) + kEps) + d * std::log(d / ((b + d) * (c + d) / N) + kEps));
  if (cor == KeynessCorrection::williams) v /= williams_q(t);
  return t.a > t.E ? v : -v;
}

double pchisq1_upper(double x) { return std::erfc(std::sqrt(std::abs(x) / 2.0)); }

}  // namespace

KeynessMeasure keyness_measure(std::string_view name) {
  if (name == "log_odds" || name == "logodds") return KeynessMeasure::log_odds;
  if (name == "chi2") return KeynessMeasure::chi2;
  if (name == "g2" || name == "G2" || name == "lr") return KeynessMeasure::g2;
  if (name == "pmi") return KeynessMeasure::pmi;
  throw InvalidArgument("unknown keyness measure '" + std::string(name) + "'; use log_odds, chi2, g2 or pmi");
}

KeynessCorrection keyness_correction(std::string_view name) {
  if (name == "default") return KeynessCorrection::default_;
  if (name == "yates") return KeynessCorrection::yates;
  if (name == "williams") return KeynessCorrection::williams;
  if (name == "none") return KeynessCorrection::none;
  throw InvalidArgument("unknown keyness correction '" + std::string(name) + "'; use default, yates, williams or none");
}

std::string to_string(KeynessMeasure m) {
  switch (m) {
    case KeynessMeasure::log_odds: return "log_odds";
    case KeynessMeasure::chi2: return "chi2";
    case KeynessMeasure::g2: return "g2";
    case KeynessMeasure::pmi: return "pmi";
  }
  return "?";
}

KeynessResult keyness(const std::vector<double>& target, const std::vector<double>& reference,
                      const KeynessOptions& opt) {
  const std::size_t n = target.size();
  if (reference.size() != n)
    throw InvalidArgument("keyness: target has " + std::to_string(n) + " terms but reference has " +
                          std::to_string(reference.size()) + "; both must count the same terms");
  if (!opt.background.empty() && opt.background.size() != n)
    throw InvalidArgument("keyness: background has " + std::to_string(opt.background.size()) + " terms, expected " +
                          std::to_string(n));
  if (!(opt.prior > 0)) throw InvalidArgument("keyness: prior must be > 0");
  double nt = 0, nr = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (target[i] < 0 || reference[i] < 0 || !std::isfinite(target[i]) || !std::isfinite(reference[i]))
      throw InvalidArgument("keyness: counts must be finite and >= 0 (term " + std::to_string(i) + ")");
    nt += target[i];
    nr += reference[i];
  }
  if (nt <= 0 || nr <= 0)
    throw InvalidArgument(std::string("keyness: the ") + (nt <= 0 ? "target" : "reference") +
                          " has no tokens; give both groups at least one counted term");
  KeynessResult r;
  r.measure = opt.measure;
  r.n_target = target;
  r.n_reference = reference;
  r.score.resize(n);
  const auto background = [&](std::size_t i) { return opt.background.empty() ? target[i] + reference[i] : opt.background[i]; };
  double bg_total = 0;
  if (opt.measure == KeynessMeasure::log_odds) {
    r.delta.resize(n);
    for (std::size_t i = 0; i < n; ++i) bg_total += background(i);
    if (bg_total <= 0) throw InvalidArgument("keyness: the background counts sum to zero");
  }
  const TermKeyness score(opt, nt, nr, bg_total);
  for (std::size_t i = 0; i < n; ++i)
    r.score[i] = score(target[i], reference[i], background(i), r.delta.empty() ? nullptr : &r.delta[i]);
  if (opt.p_values) {
    r.p.resize(n);
    for (std::size_t i = 0; i < n; ++i) r.p[i] = keyness_p(opt.measure, r.score[i]);
  }
  return r;
}

TermKeyness::TermKeyness(const KeynessOptions& options, double target_total, double reference_total,
                         double background_total)
    : measure_(options.measure), correction_(options.correction), nt_(target_total), nr_(reference_total),
      a0_(options.prior), bg_total_(background_total) {}

double TermKeyness::operator()(double target, double reference, double background, double* delta) const {
  if (measure_ == KeynessMeasure::log_odds) {
    const double aw = bg_total_ > 0 ? a0_ * background / bg_total_ : 0.0;
    if (aw <= 0) {  // a term absent from the background carries no evidence either way
      if (delta) *delta = 0;
      return 0;
    }
    const double yt = target + aw, yr = reference + aw;
    const double d = std::log(yt / (nt_ + a0_ - yt)) - std::log(yr / (nr_ + a0_ - yr));
    if (delta) *delta = d;
    return d / std::sqrt(1.0 / yt + 1.0 / yr);
  }
  const Table t = table(target, reference, nt_, nr_);
  switch (measure_) {
    case KeynessMeasure::chi2: return chi2(t, correction_);
    case KeynessMeasure::g2: return g2(t, correction_);
    case KeynessMeasure::pmi: return std::log(t.a / t.E + kEps);
    default: return 0;
  }
}

double keyness_p(KeynessMeasure measure, double score) {
  return measure == KeynessMeasure::log_odds ? std::erfc(std::abs(score) / std::sqrt(2.0)) : pchisq1_upper(score);
}

KeynessResult keyness(const CountMatrix& counts, const std::vector<bool>& target, const std::vector<bool>& reference,
                      const KeynessOptions& options) {
  const auto rows = static_cast<std::size_t>(counts.rows());
  if (target.size() != rows)
    throw InvalidArgument("keyness: target flags " + std::to_string(target.size()) + " rows but the matrix has " +
                          std::to_string(rows));
  if (!reference.empty() && reference.size() != rows)
    throw InvalidArgument("keyness: reference flags " + std::to_string(reference.size()) + " rows but the matrix has " +
                          std::to_string(rows));
  std::vector<double> t(static_cast<std::size_t>(counts.cols()), 0.0), r(t.size(), 0.0);
  for (Eigen::Index i = 0; i < counts.rows(); ++i) {
    const auto row = static_cast<std::size_t>(i);
    const bool in_t = target[row];
    const bool in_r = reference.empty() ? !in_t : static_cast<bool>(reference[row]);
    if (in_t && !reference.empty() && in_r)
      throw InvalidArgument("keyness: row " + std::to_string(row) + " is in both the target and the reference");
    if (!in_t && !in_r) continue;
    auto& out = in_t ? t : r;
    for (CountMatrix::InnerIterator it(counts, i); it; ++it) out[static_cast<std::size_t>(it.col())] += it.value();
  }
  return keyness(t, r, options);
}

std::vector<std::string> house_style_terms(const std::vector<std::string>& outlets) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  auto add = [&](std::string w) {
    if (!w.empty() && seen.insert(w).second) out.push_back(std::move(w));
  };
  std::istringstream in{std::string(data::embedded("lang/en/house_style.txt"))};
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    add(line);
  }
  static const std::unordered_set<std::string> generic = {"the", "a", "an", "of", "and", "news", "daily", "new"};
  for (const auto& o : outlets) {
    std::string w;
    for (std::size_t i = 0; i <= o.size(); ++i) {
      const unsigned char ch = i < o.size() ? static_cast<unsigned char>(o[i]) : ' ';
      if (ch >= 0x80 || std::isalnum(ch)) {
        w.push_back(ch < 0x80 ? static_cast<char>(std::tolower(ch)) : static_cast<char>(ch));
      } else {
        if (!w.empty() && !generic.count(w)) add(w);
        w.clear();
      }
    }
  }
  return out;
}

}  // namespace framelens
