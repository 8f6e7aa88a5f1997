// Document-term matrices counted in pieces and merged (see dtm.hpp): the distributed counterpart of dtm().
#include <algorithm>
#include <climits>
#include <string_view>

#include "framelens/dtm.hpp"
#include "framelens/error.hpp"
#include "framelens/threads.hpp"
#include "util/parallel.hpp"

namespace framelens {

namespace {

// Column positions as the merges give them: -1 (dropped) or increasing, and below `cols`.
bool increasing_positions(const std::vector<std::int32_t>& positions, std::int64_t cols) {
  std::int32_t last = -1;
  for (const std::int32_t p : positions) {
    if (p < -1 || p >= cols || (p >= 0 && p <= last)) return false;
    if (p >= 0) last = p;
  }
  return true;
}

}  // namespace

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
  if (!increasing_positions(positions, cols))
    throw InvalidArgument("remap_columns(): positions must be -1 or increase and lie below cols");
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

InvalidArgument bad_part(std::size_t k, const std::string& what) {
  return InvalidArgument("RowStack.add(): partition " + std::to_string(k) + ": " + what);
}

// Checks one partition's rows: offsets that never decrease and stay within its entries, column indices sorted,
// unique and below its columns within each row.
template <class Index>
void check_rows(const CountRows& part, const Index* indices, std::size_t k) {
  for (std::size_t i = 0; i < part.rows; ++i) {
    const std::int32_t b = part.indptr[i], e = part.indptr[i + 1];
    if (e < b || static_cast<std::size_t>(e) > part.entries)
      throw bad_part(k, "indptr decreases or passes its " + std::to_string(part.entries) + " entries at row " +
                            std::to_string(i));
    for (std::int32_t j = b; j < e; ++j) {
      const auto c = static_cast<std::int64_t>(indices[j]);
      if (c < 0 || static_cast<std::size_t>(c) >= part.cols || (j > b && c <= static_cast<std::int64_t>(indices[j - 1])))
        throw bad_part(k, "row " + std::to_string(i) + ": column indices must be sorted, unique and below " +
                              std::to_string(part.cols));
    }
  }
}

// Appends one checked partition's rows to `out`: offsets moved by the entries before it, columns as int32,
// counts as double.
template <class Index, class Count>
void append_rows(const CountRows& part, const Index* indices, const Count* counts, StackedCsr& out) {
  const std::int64_t base = out.indptr.back();
  const std::size_t rows = out.indptr.size();
  out.indptr.resize(rows + part.rows);
  for (std::size_t i = 0; i < part.rows; ++i) out.indptr[rows + i] = base + part.indptr[i + 1];
  // inserted converted (not resized, which writes zeros first, then copied over: a second pass over
  // 16 M entries for the article-bias corpus)
  out.indices.insert(out.indices.end(), indices, indices + part.entries);
  out.counts.insert(out.counts.end(), counts, counts + part.entries);
}

}  // namespace

void RowStack::reserve_for(std::size_t entries) {
  const std::size_t need = stacked_.indices.size() + entries;
  if (need <= stacked_.indices.capacity()) return;
  // room for the partitions still to come at the mean size so far (+5 %), so that the buffers grow about
  // once; without an expected number of partitions, twice the room
  const std::size_t seen = part_cols_.size() + 1, left = expected_ > seen ? expected_ - seen : 0;
  const std::size_t want = expected_ > 0 ? need + left * (need / seen) / 20 * 21
                                         : std::max(need, 2 * stacked_.indices.capacity());
  stacked_.indices.reserve(want);
  stacked_.counts.reserve(want);
}

void RowStack::add(const CountRows& part) {
  const std::size_t k = part_cols_.size();
  if (!part.indptr) throw bad_part(k, "missing indptr");
  if (part.indptr[0] != 0 || static_cast<std::size_t>(part.indptr[part.rows]) != part.entries)
    throw bad_part(k, "indptr does not run from 0 to its " + std::to_string(part.entries) + " entries");
  if (part.cols > static_cast<std::size_t>(INT_MAX)) throw bad_part(k, "more than 2^31-1 columns");
  const bool missing = std::visit([](const auto* p) { return p == nullptr; }, part.indices) ||
                       std::visit([](const auto* p) { return p == nullptr; }, part.counts);
  if (part.entries > 0 && missing) throw bad_part(k, "missing indices or counts");
  std::visit([&](const auto* indices) { check_rows(part, indices, k); }, part.indices);
  reserve_for(part.entries);
  std::visit([&](const auto* indices, const auto* counts) { append_rows(part, indices, counts, stacked_); },
             part.indices, part.counts);
  part_cols_.push_back(part.cols);
  first_entry_.push_back(static_cast<std::int64_t>(stacked_.indices.size()));
}

void RowStack::check_maps(const std::vector<std::vector<std::int32_t>>& maps, std::int64_t cols) const {
  if (cols < 0 || cols > INT_MAX) throw InvalidArgument("RowStack.finish(): columns must lie in [0, 2^31-1]");
  if (!maps.empty() && maps.size() != parts())
    throw InvalidArgument("RowStack.finish(): " + std::to_string(maps.size()) + " column maps for " +
                          std::to_string(parts()) + " partitions");
  for (std::size_t k = 0; k < parts(); ++k) {
    const auto fail = [k](const std::string& what) {
      return InvalidArgument("RowStack.finish(): partition " + std::to_string(k) + ": " + what);
    };
    if (maps.empty()) {
      if (static_cast<std::int64_t>(part_cols_[k]) > cols) throw fail("more columns than the matrix");
      continue;
    }
    if (maps[k].size() != part_cols_[k])
      throw fail(std::to_string(maps[k].size()) + " column positions for " + std::to_string(part_cols_[k]) +
                 " columns");
    if (!increasing_positions(maps[k], cols))
      throw fail("column positions must be -1 or increase and lie below " + std::to_string(cols));
  }
}

// Each partition's columns through its map, in place (-1 where pruned), the partitions on up to `threads`
// threads; returns the entries dropped.
std::int64_t RowStack::map_in_place(const std::vector<std::vector<std::int32_t>>& maps, int threads) {
  std::vector<std::int64_t> dropped(parts(), 0);
  std::int32_t* indices = stacked_.indices.data();
  detail::parallel_for(parts(), resolve_threads(threads), 1, [&](std::size_t begin, std::size_t end, unsigned) {
    for (std::size_t k = begin; k < end; ++k) {
      const std::int32_t* map = maps[k].data();
      std::int64_t n = 0;
      for (std::int64_t j = first_entry_[k]; j < first_entry_[k + 1]; ++j) {
        indices[j] = map[indices[j]];  // an increasing map keeps each row sorted
        n += indices[j] < 0;
      }
      dropped[k] = n;
    }
  });
  std::int64_t total = 0;
  for (const std::int64_t n : dropped) total += n;
  return total;
}

// The entries mapped to -1 taken out (one pass, rows in order).
void RowStack::drop_pruned() {
  std::vector<std::int64_t>& indptr = stacked_.indptr;
  std::int64_t w = 0, begin = 0;
  for (std::size_t i = 1; i < indptr.size(); ++i) {
    const std::int64_t end = indptr[i];
    for (std::int64_t j = begin; j < end; ++j) {
      if (stacked_.indices[j] < 0) continue;
      stacked_.indices[w] = stacked_.indices[j];
      stacked_.counts[w] = stacked_.counts[j];
      ++w;
    }
    begin = end;
    indptr[i] = w;
  }
  stacked_.indices.resize(static_cast<std::size_t>(w));
  stacked_.counts.resize(static_cast<std::size_t>(w));
}

StackedCsr RowStack::finish(const std::vector<std::vector<std::int32_t>>& maps, std::int64_t cols, int threads) {
  check_maps(maps, cols);
  if (!maps.empty() && map_in_place(maps, threads) > 0) drop_pruned();
  StackedCsr out = std::move(stacked_);
  out.cols = cols;
  stacked_ = StackedCsr{};
  part_cols_.clear();
  first_entry_.assign(1, 0);
  return out;
}

}  // namespace framelens
