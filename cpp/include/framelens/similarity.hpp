#pragma once
// Similarity and distance between the rows of a matrix (documents or groups such as outlets).
//
//   cosine          x.y / (|x| |y|)                    (0 when a row is all zeros, as scikit-learn)
//   jaccard         |A n B| / |A u B| over the sets of terms present (non-zero); NaN when both are empty
//   correlation     Pearson's r between the two rows over all terms; NaN when a row is constant
//   jensen_shannon  Jensen-Shannon DIVERGENCE (base 2, in [0, 1]; 0 = identical distributions) of the
//                   rows scaled to sum 1; NaN for an all-zero row. Its square root is a metric.
// For nearest(), higher is nearer, except for jensen_shannon where lower is nearer.
//
// Computed row by row from column postings (a row-blocked sparse product, Gustavson style) with one
// dense accumulator per worker thread, so nearest() never materialises the n x n matrix.
#include <Eigen/Core>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "framelens/dtm.hpp"

namespace framelens {

enum class SimilarityMethod { cosine, jaccard, correlation, jensen_shannon };

/// "cosine", "jaccard", "correlation" (or "pearson"), "jensen_shannon" (or "jsd"); InvalidArgument otherwise.
SimilarityMethod parse_similarity(std::string_view name);
std::string_view to_string(SimilarityMethod m);

using DenseMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using IndexMatrix = Eigen::Matrix<std::int64_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// The symmetric rows x rows matrix. Throws InvalidArgument when it would exceed 4 GiB (use nearest()).
DenseMatrix similarity(const CsrView& m, SimilarityMethod method = SimilarityMethod::cosine, int threads = 0);

/// The k nearest other rows of every row, nearest first (ties: lower index first). k is capped at
/// rows - 1; -1 / NaN pad a row whose other rows are fewer than k with a defined value (e.g. an
/// empty row under jensen_shannon).
struct Neighbors {
  IndexMatrix index;
  DenseMatrix value;
};
Neighbors nearest(const CsrView& m, std::size_t k, SimilarityMethod method = SimilarityMethod::cosine, int threads = 0);

}  // namespace framelens
