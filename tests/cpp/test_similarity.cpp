#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

#include "framelens/error.hpp"
#include "framelens/similarity.hpp"

using namespace framelens;
using Catch::Matchers::WithinAbs;

namespace {

// A random sparse non-negative matrix with some all-zero rows and one constant (all-ones) row.
SparseMatrix random_matrix(int rows, int cols, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<Eigen::Triplet<double>> t;
  for (int i = 0; i < rows; ++i) {
    if (i == 3) continue;  // an empty row
    for (int j = 0; j < cols; ++j) {
      if (i == 5) t.emplace_back(i, j, 1.0);  // constant row
      else if (u(rng) < 0.3) t.emplace_back(i, j, std::floor(u(rng) * 5) + 1);
    }
  }
  SparseMatrix m(rows, cols);
  m.setFromTriplets(t.begin(), t.end());
  m.makeCompressed();
  return m;
}

double ref(const Eigen::MatrixXd& X, int i, int j, SimilarityMethod method) {
  const Eigen::VectorXd x = X.row(i), y = X.row(j);
  const double p = static_cast<double>(X.cols());
  switch (method) {
    case SimilarityMethod::cosine: {
      const double nx = x.norm(), ny = y.norm();
      return nx > 0 && ny > 0 ? x.dot(y) / (nx * ny) : 0.0;
    }
    case SimilarityMethod::jaccard: {
      double inter = 0, uni = 0;
      for (int k = 0; k < x.size(); ++k) {
        inter += x[k] != 0 && y[k] != 0;
        uni += x[k] != 0 || y[k] != 0;
      }
      return uni > 0 ? inter / uni : NAN;
    }
    case SimilarityMethod::correlation: {
      const Eigen::VectorXd a = x.array() - x.sum() / p, b = y.array() - y.sum() / p;
      const double d = std::sqrt(a.squaredNorm() * b.squaredNorm());
      return d > 0 ? a.dot(b) / d : NAN;
    }
    case SimilarityMethod::jensen_shannon: {
      if (x.sum() == 0 || y.sum() == 0) return NAN;
      const Eigen::VectorXd P = x / x.sum(), Q = y / y.sum();
      double js = 0;
      for (int k = 0; k < P.size(); ++k) {
        const double m = (P[k] + Q[k]) / 2;
        if (P[k] > 0) js += 0.5 * P[k] * std::log2(P[k] / m);
        if (Q[k] > 0) js += 0.5 * Q[k] * std::log2(Q[k] / m);
      }
      return js;
    }
  }
  return NAN;
}

}  // namespace

TEST_CASE("similarity matches a dense reference for every method", "[similarity]") {
  const SparseMatrix m = random_matrix(23, 17, 7);
  const Eigen::MatrixXd X = Eigen::MatrixXd(m);
  for (auto method : {SimilarityMethod::cosine, SimilarityMethod::jaccard, SimilarityMethod::correlation,
                      SimilarityMethod::jensen_shannon}) {
    INFO("method " << to_string(method));
    const DenseMatrix S = similarity(view(m), method, 2);
    for (int i = 0; i < 23; ++i)
      for (int j = 0; j < 23; ++j) {
        const double r = ref(X, i, j, method);
        if (std::isnan(r)) {
          CHECK(std::isnan(S(i, j)));
        } else {
          CHECK_THAT(S(i, j), WithinAbs(r, 1e-12));
        }
      }
  }
}

TEST_CASE("similarity is symmetric and the same for any thread count", "[similarity][threads]") {
  const SparseMatrix m = random_matrix(60, 40, 11);
  for (auto method : {SimilarityMethod::cosine, SimilarityMethod::jensen_shannon}) {
    const DenseMatrix a = similarity(view(m), method, 1), b = similarity(view(m), method, 2);
    auto same = [](double x, double y) { return (std::isnan(x) && std::isnan(y)) || x == y; };
    for (Eigen::Index i = 0; i < a.rows(); ++i)
      for (Eigen::Index j = 0; j < a.cols(); ++j) {
        CHECK(same(a(i, j), a(j, i)));  // exactly symmetric
        CHECK(same(a(i, j), b(i, j)));  // bit-identical across thread counts
      }
  }
}

TEST_CASE("nearest agrees with the full matrix", "[similarity][nearest]") {
  const SparseMatrix m = random_matrix(40, 30, 3);
  for (auto method : {SimilarityMethod::cosine, SimilarityMethod::jensen_shannon, SimilarityMethod::correlation}) {
    INFO("method " << to_string(method));
    const DenseMatrix S = similarity(view(m), method, 1);
    const Neighbors nb = nearest(view(m), 4, method, 2);
    const bool lower = method == SimilarityMethod::jensen_shannon;
    for (Eigen::Index i = 0; i < 40; ++i) {
      if (i == 3) {  // the empty row: no neighbour has a defined value under JSD / correlation
        if (method != SimilarityMethod::cosine) CHECK(nb.index(i, 0) == -1);
        continue;
      }
      // Reference ranking: by value, ties by lower index, skipping i and NaN.
      std::vector<std::pair<double, Eigen::Index>> all;
      for (Eigen::Index j = 0; j < 40; ++j)
        if (j != i && !std::isnan(S(i, j))) all.emplace_back(lower ? S(i, j) : -S(i, j), j);
      std::sort(all.begin(), all.end());
      for (Eigen::Index r = 0; r < 4 && r < static_cast<Eigen::Index>(all.size()); ++r) {
        CHECK(nb.index(i, r) == all[static_cast<std::size_t>(r)].second);
        CHECK_THAT(nb.value(i, r), WithinAbs(S(i, nb.index(i, r)), 1e-12));
      }
    }
  }
  CHECK_THROWS_AS(nearest(view(m), 0), InvalidArgument);
  const Neighbors many = nearest(view(random_matrix(6, 5, 1)), 50);
  CHECK(many.index.cols() == 5);  // k capped at the 5 other rows
  CHECK(many.index(3, 0) == 0);   // the empty row: cosine 0 with everyone, ties by index
  const Neighbors js = nearest(view(random_matrix(6, 5, 1)), 50, SimilarityMethod::jensen_shannon);
  CHECK(js.index(0, 4) == -1);    // row 3 is empty: no defined divergence, so row 0 has 4 neighbours
  CHECK(std::isnan(js.value(0, 4)));
}

TEST_CASE("method names", "[similarity]") {
  CHECK(parse_similarity("jsd") == SimilarityMethod::jensen_shannon);
  CHECK(parse_similarity("pearson") == SimilarityMethod::correlation);
  CHECK_THROWS_WITH(parse_similarity("euclid"), Catch::Contains("jensen_shannon"));
}
