#include "framelens/similarity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "framelens/error.hpp"
#include "util/parallel.hpp"

namespace framelens {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using ColMatrix = Eigen::SparseMatrix<double, Eigen::ColMajor>;

// The rows prepared for one method (scaled copies, per-row statistics) and their column postings.
struct Prepared {
  SimilarityMethod method;
  SparseMatrix rows;
  ColMatrix cols;
  std::vector<double> stat;    // correlation: row mean
  std::vector<double> stat2;   // correlation: row variance * p; jaccard: terms present
  std::vector<bool> valid;     // jensen_shannon: row has mass
  double p = 0;                // number of columns
};

Prepared prepare(const CsrView& m, SimilarityMethod method) {
  Prepared P;
  P.method = method;
  P.rows = m;  // one copy: the scaled values
  P.rows.makeCompressed();
  P.p = static_cast<double>(m.cols());
  const Eigen::Index n = m.rows();
  int* ptr = P.rows.outerIndexPtr();
  double* val = P.rows.valuePtr();
  P.stat.assign(static_cast<std::size_t>(n), 0);
  P.stat2.assign(static_cast<std::size_t>(n), 0);
  P.valid.assign(static_cast<std::size_t>(n), true);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto ui = static_cast<std::size_t>(i);
    double s = 0, ss = 0, present = 0;
    for (int k = ptr[i]; k < ptr[i + 1]; ++k) {
      if (std::isnan(val[k])) throw InvalidArgument("similarity: the matrix holds NaN (row " + std::to_string(i) + ")");
      s += val[k];
      ss += val[k] * val[k];
      present += val[k] != 0;
    }
    switch (method) {
      case SimilarityMethod::cosine: {
        const double norm = std::sqrt(ss);
        if (norm > 0)
          for (int k = ptr[i]; k < ptr[i + 1]; ++k) val[k] /= norm;
        break;
      }
      case SimilarityMethod::jaccard:
        for (int k = ptr[i]; k < ptr[i + 1]; ++k) val[k] = val[k] != 0 ? 1 : 0;
        P.stat2[ui] = present;
        break;
      case SimilarityMethod::correlation: {
        const double mean = s / P.p;
        double var = (P.p - (ptr[i + 1] - ptr[i])) * mean * mean;  // the implicit zeros
        for (int k = ptr[i]; k < ptr[i + 1]; ++k) var += (val[k] - mean) * (val[k] - mean);
        P.stat[ui] = mean;
        P.stat2[ui] = var;
        break;
      }
      case SimilarityMethod::jensen_shannon:
        for (int k = ptr[i]; k < ptr[i + 1]; ++k)
          if (val[k] < 0) throw InvalidArgument("jensen_shannon needs non-negative weights (row " + std::to_string(i) + ")");
        if (s > 0) {
          for (int k = ptr[i]; k < ptr[i + 1]; ++k) val[k] /= s;
        } else {
          P.valid[ui] = false;
        }
        break;
    }
  }
  P.rows.prune(0.0, 0.0);  // exact zeros only
  P.rows.makeCompressed();
  P.cols = P.rows;
  P.cols.makeCompressed();
  return P;
}

inline double kernel(SimilarityMethod method, double x, double y) {
  if (method == SimilarityMethod::jensen_shannon) {
    const double m = x + y;
    return x * std::log2(2 * x / m) + y * std::log2(2 * y / m) - m;
  }
  return x * y;
}

// Per worker: a dense accumulator over rows with a list of touched rows.
struct Accumulator {
  std::vector<double> acc;
  std::vector<char> mark;
  std::vector<int> touched;
  explicit Accumulator(std::size_t n) : acc(n, 0), mark(n, 0) {}

  // acc[j] = sum over shared terms of kernel(row i, row j), for rows j >= jmin.
  void run(const Prepared& P, Eigen::Index i, int jmin) {
    const int* rptr = P.rows.outerIndexPtr();
    const int* ridx = P.rows.innerIndexPtr();
    const double* rval = P.rows.valuePtr();
    const int* cptr = P.cols.outerIndexPtr();
    const int* cidx = P.cols.innerIndexPtr();
    const double* cval = P.cols.valuePtr();
    for (int k = rptr[i]; k < rptr[i + 1]; ++k) {
      const double x = rval[k];
      const int t = ridx[k];
      const int* b = cidx + cptr[t];
      const int* e = cidx + cptr[t + 1];
      if (jmin > 0) b = std::lower_bound(b, e, jmin);
      for (const int* q = b; q < e; ++q) {
        const int j = *q;
        if (!mark[static_cast<std::size_t>(j)]) {
          mark[static_cast<std::size_t>(j)] = 1;
          acc[static_cast<std::size_t>(j)] = 0;
          touched.push_back(j);
        }
        acc[static_cast<std::size_t>(j)] += kernel(P.method, x, cval[q - cidx]);
      }
    }
  }
  void reset() {
    for (int j : touched) mark[static_cast<std::size_t>(j)] = 0;
    touched.clear();
  }
  double value(const Prepared& P, std::size_t i, std::size_t j) const {
    const bool shared = mark[j] != 0;
    const double a = shared ? acc[j] : 0.0;
    switch (P.method) {
      case SimilarityMethod::cosine:
        return a;
      case SimilarityMethod::jaccard: {
        const double uni = P.stat2[i] + P.stat2[j] - a;
        return uni > 0 ? a / uni : kNaN;
      }
      case SimilarityMethod::correlation: {
        if (!(P.stat2[i] > 0) || !(P.stat2[j] > 0)) return kNaN;
        const double cov = a - P.p * P.stat[i] * P.stat[j];
        return std::clamp(cov / std::sqrt(P.stat2[i] * P.stat2[j]), -1.0, 1.0);
      }
      case SimilarityMethod::jensen_shannon:
        if (!P.valid[i] || !P.valid[j]) return kNaN;
        if (i == j) return 0.0;
        return shared ? std::clamp(1 + 0.5 * a, 0.0, 1.0) : 1.0;
    }
    return kNaN;
  }
};

}  // namespace

SimilarityMethod parse_similarity(std::string_view name) {
  if (name == "cosine") return SimilarityMethod::cosine;
  if (name == "jaccard") return SimilarityMethod::jaccard;
  if (name == "correlation" || name == "pearson") return SimilarityMethod::correlation;
  if (name == "jensen_shannon" || name == "jsd") return SimilarityMethod::jensen_shannon;
  throw InvalidArgument("unknown similarity method '" + std::string(name) +
                        "'; use one of cosine, jaccard, correlation, jensen_shannon");
}

std::string_view to_string(SimilarityMethod m) {
  switch (m) {
    case SimilarityMethod::cosine: return "cosine";
    case SimilarityMethod::jaccard: return "jaccard";
    case SimilarityMethod::correlation: return "correlation";
    case SimilarityMethod::jensen_shannon: return "jensen_shannon";
  }
  return "cosine";
}

DenseMatrix similarity(const CsrView& m, SimilarityMethod method, int threads) {
  const auto n = static_cast<std::size_t>(m.rows());
  if (static_cast<double>(n) * static_cast<double>(n) * 8.0 > 4.0 * (1ull << 30))
    throw InvalidArgument("a " + std::to_string(n) + " x " + std::to_string(n) +
                          " similarity matrix would exceed 4 GiB; use nearest(k) or group the rows first");
  const Prepared P = prepare(m, method);
  DenseMatrix out(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
  const unsigned nt = resolve_threads(threads);
  std::vector<std::unique_ptr<Accumulator>> accs(nt);
  detail::parallel_for(n, nt, 16, [&](std::size_t b, std::size_t e, unsigned w) {
    if (!accs[w]) accs[w] = std::make_unique<Accumulator>(n);
    Accumulator& A = *accs[w];
    for (std::size_t i = b; i < e; ++i) {
      A.run(P, static_cast<Eigen::Index>(i), static_cast<int>(i));
      for (std::size_t j = i; j < n; ++j) {
        const double v = A.value(P, i, j);
        out(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = v;
        out(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(i)) = v;
      }
      A.reset();
    }
  });
  return out;
}

Neighbors nearest(const CsrView& m, std::size_t k, SimilarityMethod method, int threads) {
  if (k == 0) throw InvalidArgument("nearest(): k must be at least 1");
  const auto n = static_cast<std::size_t>(m.rows());
  k = std::min(k, n > 0 ? n - 1 : 0);  // there are only n - 1 other rows
  const Prepared P = prepare(m, method);
  Neighbors out;
  out.index = IndexMatrix::Constant(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(k), -1);
  out.value = DenseMatrix::Constant(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(k), kNaN);
  const bool lower_is_nearer = method == SimilarityMethod::jensen_shannon;
  const unsigned nt = resolve_threads(threads);
  std::vector<std::unique_ptr<Accumulator>> accs(nt);
  detail::parallel_for(n, nt, 16, [&](std::size_t b, std::size_t e, unsigned w) {
    if (!accs[w]) accs[w] = std::make_unique<Accumulator>(n);
    Accumulator& A = *accs[w];
    std::vector<std::pair<double, std::int64_t>> cand;
    for (std::size_t i = b; i < e; ++i) {
      A.run(P, static_cast<Eigen::Index>(i), 0);
      cand.clear();
      for (std::size_t j = 0; j < n; ++j) {
        if (j == i) continue;
        const double v = A.value(P, i, j);
        if (std::isnan(v)) continue;
        cand.emplace_back(lower_is_nearer ? v : -v, static_cast<std::int64_t>(j));
      }
      A.reset();
      const std::size_t kk = std::min(k, cand.size());
      std::partial_sort(cand.begin(), cand.begin() + static_cast<std::ptrdiff_t>(kk), cand.end());
      for (std::size_t r = 0; r < kk; ++r) {
        out.index(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(r)) = cand[r].second;
        out.value(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(r)) =
            lower_is_nearer ? cand[r].first : -cand[r].first;
      }
    }
  });
  return out;
}

}  // namespace framelens
