// Document-term matrices counted in pieces and merged (see dtm.hpp): the distributed counterpart of dtm().
#include <algorithm>
#include <climits>
#include <string_view>

#include "framelens/dtm.hpp"
#include "framelens/error.hpp"

namespace framelens {

DocumentTermMatrix partial_dtm(const Corpus& corpus, const TokenOptions& tokens, int threads) {
  DocumentTermMatrix out;
  out.docnames = corpus.labels("id");
  out.outlets = corpus.labels("outlet");
  out.matrix.resize(static_cast<Eigen::Index>(corpus.size()), 0);
  out.matrix.makeCompressed();
  if (corpus.empty()) return out;
  DtmOptions o;
  o.tokens = tokens;
  o.min_df = DfLimit::documents(1);
  o.max_df = DfLimit::share(1.0);
  o.threads = threads;
  try {
    return dtm(corpus, o);
  } catch (const InvalidArgument& e) {
    // Without pruning, dtm() of a non-empty corpus fails for an empty vocabulary or for a bad option;
    // only the first is not an error for one partition (the merged vocabulary decides).
    if (std::string_view(e.what()).rfind("empty vocabulary", 0) != 0) throw;
    return out;
  }
}

DocumentFrequencies vocabulary(const CsrView& counts, const std::vector<std::string>& terms) {
  if (terms.size() != static_cast<std::size_t>(counts.cols()))
    throw InvalidArgument("vocabulary(): " + std::to_string(terms.size()) + " terms for a matrix of " +
                          std::to_string(counts.cols()) + " columns");
  DocumentFrequencies v;
  v.terms = terms;
  v.df.assign(terms.size(), 0);
  v.documents = static_cast<std::uint64_t>(counts.rows());
  const int* idx = counts.innerIndexPtr();
  const double* val = counts.valuePtr();
  for (Eigen::Index k = 0, nnz = counts.nonZeros(); k < nnz; ++k)
    if (val[k] != 0) ++v.df[static_cast<std::size_t>(idx[k])];
  return v;
}

DocumentFrequencies merge(const std::vector<DocumentFrequencies>& parts) {
  DocumentFrequencies out;
  std::size_t total = 0;
  for (const DocumentFrequencies& p : parts) {
    if (p.df.size() != p.terms.size()) throw InvalidArgument("merge(): a vocabulary with terms and df of different sizes");
    for (std::size_t i = 1; i < p.terms.size(); ++i)
      if (!(p.terms[i - 1] < p.terms[i])) throw InvalidArgument("merge(): vocabulary terms must be sorted and unique");
    total += p.terms.size();
    out.documents += p.documents;
  }
  out.terms.reserve(total);
  out.df.reserve(total);
  // k-way merge (k = the fan-in of one reduction step, small): the smallest head term each time.
  std::vector<std::size_t> pos(parts.size(), 0);
  for (;;) {
    const std::string* best = nullptr;
    for (std::size_t p = 0; p < parts.size(); ++p)
      if (pos[p] < parts[p].terms.size() && (!best || parts[p].terms[pos[p]] < *best)) best = &parts[p].terms[pos[p]];
    if (!best) break;
    std::uint64_t df = 0;
    const std::string term = *best;
    for (std::size_t p = 0; p < parts.size(); ++p)
      if (pos[p] < parts[p].terms.size() && parts[p].terms[pos[p]] == term) df += parts[p].df[pos[p]++];
    out.terms.push_back(term);
    out.df.push_back(df);
  }
  return out;
}

std::vector<std::string> prune(const DocumentFrequencies& v, DfLimit min_df, DfLimit max_df) {
  // The checks and messages of dtm(), in its order.
  if (v.documents == 0)
    throw InvalidArgument("the corpus is empty: add documents before building a document-term matrix");
  const auto n_docs = static_cast<std::size_t>(v.documents);
  const double max_count = max_df.resolve(n_docs), min_count = min_df.resolve(n_docs);
  if (min_df.value < 0 || max_df.value < 0 || (min_df.proportion && min_df.value > 1) ||
      (max_df.proportion && max_df.value > 1))
    throw InvalidArgument("min_df and max_df must be non-negative counts or proportions in [0, 1]");
  if (max_count < min_count) throw InvalidArgument("max_df corresponds to fewer documents than min_df");
  std::vector<std::string> terms;
  std::size_t counted = 0;
  for (std::size_t g = 0; g < v.terms.size(); ++g) {
    const auto df = static_cast<double>(v.df[g]);
    if (v.df[g] == 0) continue;
    ++counted;
    if (df < min_count || df > max_count) continue;
    if (terms.size() >= static_cast<std::size_t>(INT_MAX))
      throw InvalidArgument("more than 2^31-1 distinct terms; prune terms (min_df) or split the corpus");
    terms.push_back(v.terms[g]);
  }
  if (counted == 0)
    throw InvalidArgument("empty vocabulary: the " + std::to_string(n_docs) +
                          " documents hold no tokens (are they empty, or only stopwords / filtered tokens?)");
  if (terms.empty()) throw InvalidArgument("after pruning, no terms remain; try a lower min_df or a higher max_df");
  return terms;
}

std::vector<std::int32_t> term_positions(const std::vector<std::string>& from, const std::vector<std::string>& to) {
  if (to.size() > static_cast<std::size_t>(INT_MAX)) throw InvalidArgument("term_positions(): more than 2^31-1 terms");
  std::vector<std::int32_t> out(from.size(), -1);
  std::size_t j = 0;
  for (std::size_t i = 0; i < from.size(); ++i) {
    if (i > 0 && !(from[i - 1] < from[i])) throw InvalidArgument("term_positions(): terms must be sorted and unique");
    while (j < to.size() && to[j] < from[i]) ++j;
    if (j < to.size() && to[j] == from[i]) out[i] = static_cast<std::int32_t>(j);
  }
  return out;
}

SparseMatrix remap_columns(const CsrView& m, const std::vector<std::int32_t>& positions, Eigen::Index cols) {
  if (positions.size() != static_cast<std::size_t>(m.cols()))
    throw InvalidArgument("remap_columns(): " + std::to_string(positions.size()) + " positions for " +
                          std::to_string(m.cols()) + " columns");
  std::int32_t last = -1;
  for (const std::int32_t p : positions) {
    if (p < 0) continue;
    if (p <= last || p >= cols) throw InvalidArgument("remap_columns(): positions must increase and lie below cols");
    last = p;
  }
  const Eigen::Index rows = m.rows();
  const int* ptr = m.outerIndexPtr();
  const int* idx = m.innerIndexPtr();
  const double* val = m.valuePtr();
  SparseMatrix out(rows, cols);
  out.makeCompressed();
  Eigen::Index kept = 0;
  for (Eigen::Index k = 0, nnz = m.nonZeros(); k < nnz; ++k) kept += positions[static_cast<std::size_t>(idx[k])] >= 0;
  out.resizeNonZeros(kept);
  int* optr = out.outerIndexPtr();
  int* oidx = out.innerIndexPtr();
  double* oval = out.valuePtr();
  int w = 0;
  optr[0] = 0;
  for (Eigen::Index i = 0; i < rows; ++i) {
    for (int k = ptr[i]; k < ptr[i + 1]; ++k) {
      const std::int32_t p = positions[static_cast<std::size_t>(idx[k])];
      if (p < 0) continue;
      oidx[w] = p;  // increasing positions keep each row sorted
      oval[w] = val[k];
      ++w;
    }
    optr[i + 1] = w;
  }
  return out;
}

}  // namespace framelens
