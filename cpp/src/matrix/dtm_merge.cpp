// Document-term matrices counted in pieces and merged (see dtm.hpp): the distributed counterpart of dtm().
#include <algorithm>
#include <climits>
#include <string_view>

#include "framelens/dtm.hpp"
#include "framelens/error.hpp"
#include "framelens/threads.hpp"
#include "util/parallel.hpp"

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

TermFrequencies term_frequencies(const CsrView& counts, const std::vector<std::string>& terms) {
  if (terms.size() != static_cast<std::size_t>(counts.cols()))
    throw InvalidArgument("term_frequencies(): " + std::to_string(terms.size()) + " terms for a matrix of " +
                          std::to_string(counts.cols()) + " columns");
  TermFrequencies v;
  v.terms = terms;
  v.df.assign(terms.size(), 0);
  v.documents = static_cast<std::uint64_t>(counts.rows());
  const int* idx = counts.innerIndexPtr();
  const double* val = counts.valuePtr();
  for (Eigen::Index k = 0, nnz = counts.nonZeros(); k < nnz; ++k)
    if (val[k] != 0) ++v.df[static_cast<std::size_t>(idx[k])];
  return v;
}

TermFrequencies merge(const std::vector<TermFrequencies>& parts, std::vector<std::vector<std::int32_t>>* positions) {
  TermFrequencies out;
  std::size_t total = 0;
  for (const TermFrequencies& p : parts) {
    if (p.df.size() != p.terms.size()) throw InvalidArgument("merge(): a vocabulary with terms and df of different sizes");
    for (std::size_t i = 1; i < p.terms.size(); ++i)
      if (!(p.terms[i - 1] < p.terms[i])) throw InvalidArgument("merge(): vocabulary terms must be sorted and unique");
    total += p.terms.size();
    out.documents += p.documents;
  }
  out.terms.reserve(total);
  out.df.reserve(total);
  if (positions) {
    positions->assign(parts.size(), {});
    for (std::size_t p = 0; p < parts.size(); ++p) (*positions)[p].resize(parts[p].terms.size());
  }
  // k-way merge (k = the fan-in of one reduction step, small): the smallest head term each time.
  std::vector<std::size_t> pos(parts.size(), 0);
  for (;;) {
    const std::string* best = nullptr;
    for (std::size_t p = 0; p < parts.size(); ++p)
      if (pos[p] < parts[p].terms.size() && (!best || parts[p].terms[pos[p]] < *best)) best = &parts[p].terms[pos[p]];
    if (!best) break;
    if (out.terms.size() >= static_cast<std::size_t>(INT_MAX))
      throw InvalidArgument("merge(): more than 2^31-1 distinct terms; prune terms (min_df) or split the corpus");
    const auto at = static_cast<std::int32_t>(out.terms.size());
    out.terms.push_back(*best);
    std::uint64_t df = 0;
    for (std::size_t p = 0; p < parts.size(); ++p)
      if (pos[p] < parts[p].terms.size() && parts[p].terms[pos[p]] == out.terms.back()) {
        if (positions) (*positions)[p][pos[p]] = at;
        df += parts[p].df[pos[p]++];
      }
    out.df.push_back(df);
  }
  return out;
}

std::vector<std::string> prune(const TermFrequencies& v, DfLimit min_df, DfLimit max_df,
                               std::vector<std::int32_t>* positions) {
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
  if (positions) positions->assign(v.terms.size(), -1);
  std::size_t counted = 0;
  for (std::size_t g = 0; g < v.terms.size(); ++g) {
    const auto df = static_cast<double>(v.df[g]);
    if (v.df[g] == 0) continue;
    ++counted;
    if (df < min_count || df > max_count) continue;
    if (terms.size() >= static_cast<std::size_t>(INT_MAX))
      throw InvalidArgument("more than 2^31-1 distinct terms; prune terms (min_df) or split the corpus");
    if (positions) (*positions)[g] = static_cast<std::int32_t>(terms.size());
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

namespace {

// One partition checked against its map (see stacked_entries): its entries kept after the map's drops.
std::int64_t checked_entries(const CountRows& part, const std::vector<std::int32_t>* map, std::size_t k) {
  const auto fail = [k](const std::string& what) {
    return InvalidArgument("stack_rows(): partition " + std::to_string(k) + ": " + what);
  };
  if (!part.indptr || (part.entries > 0 && !part.indices))
    throw fail("missing arrays");
  if (part.indptr[0] != 0 || static_cast<std::size_t>(part.indptr[part.rows]) != part.entries)
    throw fail("indptr does not run from 0 to its " + std::to_string(part.entries) + " entries");
  if (map && map->size() != part.cols)
    throw fail(std::to_string(map->size()) + " column positions for " + std::to_string(part.cols) + " columns");
  std::int64_t kept = 0;
  for (std::size_t i = 0; i < part.rows; ++i) {
    const std::int32_t b = part.indptr[i], e = part.indptr[i + 1];
    if (e < b) throw fail("indptr decreases at row " + std::to_string(i));
    for (std::int32_t j = b; j < e; ++j) {
      const std::int32_t c = part.indices[j];
      if (c < 0 || static_cast<std::size_t>(c) >= part.cols || (j > b && c <= part.indices[j - 1]))
        throw fail("row " + std::to_string(i) + ": column indices must be sorted, unique and below " +
                   std::to_string(part.cols));
      kept += !map || (*map)[static_cast<std::size_t>(c)] >= 0;
    }
  }
  return kept;
}

void check_map(const std::vector<std::int32_t>& map, std::int64_t cols, std::size_t k) {
  std::int32_t last = -1;
  for (const std::int32_t p : map) {
    if (p < -1 || p >= cols || (p >= 0 && p <= last))
      throw InvalidArgument("stack_rows(): partition " + std::to_string(k) +
                            ": column positions must be -1 or increase and lie below " + std::to_string(cols));
    if (p >= 0) last = p;
  }
}

}  // namespace

std::vector<std::int64_t> stacked_entries(const std::vector<CountRows>& parts,
                                          const std::vector<std::vector<std::int32_t>>& maps, std::int64_t cols,
                                          int threads) {
  if (!maps.empty() && maps.size() != parts.size())
    throw InvalidArgument("stack_rows(): " + std::to_string(maps.size()) + " column maps for " +
                          std::to_string(parts.size()) + " partitions");
  if (cols < 0 || cols > INT_MAX) throw InvalidArgument("stack_rows(): columns must lie in [0, 2^31-1]");
  std::vector<std::int64_t> entries(parts.size());
  detail::parallel_for(parts.size(), resolve_threads(threads), 1, [&](std::size_t begin, std::size_t end, unsigned) {
    for (std::size_t k = begin; k < end; ++k) {
      if (maps.empty() && static_cast<std::int64_t>(parts[k].cols) > cols)
        throw InvalidArgument("stack_rows(): partition " + std::to_string(k) + " has more columns than the matrix");
      if (!maps.empty()) check_map(maps[k], cols, k);
      entries[k] = checked_entries(parts[k], maps.empty() ? nullptr : &maps[k], k);
    }
  });
  return entries;
}

void stack_rows(const std::vector<CountRows>& parts, const std::vector<std::vector<std::int32_t>>& maps,
                const std::vector<std::int64_t>& entries, StackedCsr out, int threads) {
  std::vector<std::int64_t> first_row(parts.size() + 1, 0), first_entry(parts.size() + 1, 0);
  for (std::size_t k = 0; k < parts.size(); ++k) {
    first_row[k + 1] = first_row[k] + static_cast<std::int64_t>(parts[k].rows);
    first_entry[k + 1] = first_entry[k] + entries[k];
  }
  out.indptr[0] = 0;
  detail::parallel_for(parts.size(), resolve_threads(threads), 1, [&](std::size_t begin, std::size_t end, unsigned) {
    for (std::size_t k = begin; k < end; ++k) {
      const CountRows& part = parts[k];
      const std::int32_t* map = maps.empty() ? nullptr : maps[k].data();
      std::int64_t w = first_entry[k];
      std::int64_t* indptr = out.indptr + first_row[k] + 1;
      std::visit(
          [&](const auto* counts) {
            for (std::size_t i = 0; i < part.rows; ++i) {
              for (std::int32_t j = part.indptr[i]; j < part.indptr[i + 1]; ++j) {
                const std::int32_t c = map ? map[part.indices[j]] : part.indices[j];
                if (c < 0) continue;
                out.indices[w] = c;  // an increasing map keeps each row sorted
                out.counts[w] = static_cast<double>(counts[j]);
                ++w;
              }
              indptr[i] = w;
            }
          },
          part.counts);
    }
  });
}

}  // namespace framelens
