#include "framelens/dtm.hpp"

#include <algorithm>
#include <atomic>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <numeric>
#include <unordered_map>

#include "framelens/error.hpp"
#include "util/parallel.hpp"
#include "matrix/dtm_assemble.hpp"
#include "matrix/weighting.hpp"
#include "matrix/sum_rows.hpp"
#include "text/term_index.hpp"
#include "text/tokenize_impl.hpp"

namespace framelens {
namespace {

using detail::TermIndex;

// Per worker: its own vocabulary (local ids) behind a cache from surface forms to local ids (so each
// distinct surface form is normalised once; TermCache), and scratch buffers.
struct Worker {
  TermCache cache;
  TermIndex& vocab() noexcept { return cache.vocabulary(); }
  const TermIndex& vocab() const noexcept { return cache.vocabulary(); }
  std::vector<std::uint32_t> uni, ids, touched;
  std::vector<std::uint32_t> counts;      // per local id, zero between documents
  std::string gram;
  std::vector<std::uint32_t> df;          // per local id: documents of this worker holding it
};

using DocCounts = detail::LocalCounts;

void count_document(const Tokenizer::Impl& im, std::string_view text, Worker& w, TokenState& st, DocCounts& out) {
  w.uni.clear();
  w.ids.clear();
  if (im.opt.mode == TokenMode::sklearn) {
    im.sklearn_tokens(text, st, [&](Span, std::string_view t) {
      if (!im.is_stopword(t)) w.uni.push_back(w.vocab().insert(t));
    });
  } else {
    TermCache::Impl& cache = w.cache.impl();
    const auto normalize = [&](std::string_view surf, std::string& norm) { return im.normalize(surf, st, norm); };
    im.segments(text, st, [&](Span s, TokenKind) {
      const std::uint32_t id = cache.id(text.substr(s.start, s.size()), normalize);
      if (id != TermIndex::npos) w.uni.push_back(id);
    });
  }
  const std::size_t lo = im.opt.ngram_min, hi = im.opt.ngram_max;
  if (lo == 1 && hi > 1) w.ids = w.uni;
  for (std::size_t n = std::max<std::size_t>(2, lo); n <= hi; ++n) {
    for (std::size_t i = 0; i + n <= w.uni.size(); ++i) {
      w.gram.assign(w.vocab().term(w.uni[i]));
      for (std::size_t j = i + 1; j < i + n; ++j) {
        w.gram += im.opt.ngram_separator;
        w.gram += w.vocab().term(w.uni[j]);
      }
      w.ids.push_back(w.vocab().insert(w.gram));
    }
  }
  // Count with a dense per-worker array (first-seen order; rows are sorted by column later).
  if (w.counts.size() < w.vocab().size()) {
    const std::size_t size = w.vocab().size() + w.vocab().size() / 2 + 1024;
    w.counts.resize(size, 0);
    w.df.resize(size, 0);
  }
  w.touched.clear();
  for (const std::uint32_t id : hi == 1 ? w.uni : w.ids)
    if (w.counts[id]++ == 0) w.touched.push_back(id);
  // Exact-size per-document storage (a growing vector would hold up to twice its entries).
  out.entries.clear();
  out.entries.shrink_to_fit();
  out.entries.reserve(w.touched.size());
  for (const std::uint32_t id : w.touched) {
    out.entries.emplace_back(id, w.counts[id]);
    w.counts[id] = 0;
    ++w.df[id];
  }
}

// Sorts one row's entries, (column << 32) | count with distinct columns, by column. Long rows take an
// LSD radix sort on the column bits (digits of at most 11 bits, so the counters stay in L1; two passes
// up to 4M columns): a comparison sort of ~400 entries per news article mispredicts most branches and
// took four fifths of the matrix assembly.
class RowSorter {
 public:
  explicit RowSorter(std::size_t columns) {
    unsigned bits = 1;
    while (bits < 32 && (std::uint64_t{1} << bits) < columns) ++bits;
    passes_ = (bits + 10) / 11;
    digit_ = (bits + passes_ - 1) / passes_;
    count_.resize(static_cast<std::size_t>(passes_) << digit_);
  }

  void sort(std::vector<std::uint64_t>& row) {
    if (row.size() < 64) {
      std::sort(row.begin(), row.end());
      return;
    }
    const std::uint64_t mask = (std::uint64_t{1} << digit_) - 1;
    std::fill(count_.begin(), count_.end(), 0u);
    for (const std::uint64_t x : row)
      for (unsigned p = 0; p < passes_; ++p) ++count_[(p << digit_) + (((x >> 32) >> (p * digit_)) & mask)];
    for (unsigned p = 0; p < passes_; ++p) {  // counts -> first positions
      std::uint32_t sum = 0;
      for (std::size_t d = 0; d <= mask; ++d) {
        const std::uint32_t c = count_[(p << digit_) + d];
        count_[(p << digit_) + d] = sum;
        sum += c;
      }
    }
    tmp_.resize(row.size());
    for (unsigned p = 0; p < passes_; ++p) {
      std::uint32_t* pos = count_.data() + (static_cast<std::size_t>(p) << digit_);
      for (const std::uint64_t x : row) tmp_[pos[((x >> 32) >> (p * digit_)) & mask]++] = x;
      row.swap(tmp_);
    }
  }

 private:
  unsigned passes_ = 1, digit_ = 1;
  std::vector<std::uint32_t> count_;
  std::vector<std::uint64_t> tmp_;
};

// Writes a compressed CSR matrix directly into Eigen's buffers.
SparseMatrix make_csr(Eigen::Index rows, Eigen::Index cols, const std::vector<std::int64_t>& indptr) {
  if (indptr.back() > INT_MAX)
    throw InvalidArgument("the matrix would hold " + std::to_string(indptr.back()) +
                          " non-zero entries, more than 2^31-1; split the corpus or prune terms (min_df)");
  SparseMatrix m(rows, cols);
  m.makeCompressed();
  m.resizeNonZeros(static_cast<Eigen::Index>(indptr.back()));
  for (Eigen::Index i = 0; i <= rows; ++i) m.outerIndexPtr()[i] = static_cast<int>(indptr[static_cast<std::size_t>(i)]);
  return m;
}

}  // namespace

CsrView view(const SparseMatrix& m) {
  if (!m.isCompressed()) throw InvalidArgument("view() needs a compressed sparse matrix; call makeCompressed() first");
  return CsrView(m.rows(), m.cols(), m.nonZeros(), m.outerIndexPtr(), m.innerIndexPtr(), m.valuePtr());
}

DocumentTermMatrix dtm(const Corpus& corpus, const DtmOptions& options) {
  if (corpus.empty())
    throw InvalidArgument("the corpus is empty: add documents before building a document-term matrix");
  const Tokenizer tokenizer(options.tokens);
  const Tokenizer::Impl& im = tokenizer.impl();
  const std::size_t n_docs = corpus.size();
  const unsigned threads = std::max(1u, std::min<unsigned>(resolve_threads(options.threads),
                                                            static_cast<unsigned>(std::max<std::size_t>(1, n_docs))));

  // 1. Count terms per document, each worker with its own vocabulary.
  std::vector<Worker> workers(threads);
  std::vector<DocCounts> docs(n_docs);
  std::vector<std::unique_ptr<TokenState>> states(threads);  // one cloned break iterator per worker
  detail::parallel_for(n_docs, threads, 8, [&](std::size_t b, std::size_t e, unsigned wi) {
    if (!states[wi]) states[wi] = std::make_unique<TokenState>();
    TokenState& st = *states[wi];
    for (std::size_t d = b; d < e; ++d) {
      docs[d].worker = wi;
      count_document(im, corpus[d].text, workers[wi], st, docs[d]);
    }
  });

  std::vector<const Vocabulary*> vocabularies;
  std::vector<const std::vector<std::uint32_t>*> dfs;
  for (const Worker& w : workers) {
    vocabularies.push_back(&w.vocab());
    dfs.push_back(&w.df);
  }
  return detail::assemble_dtm(corpus, options, vocabularies, dfs, docs, threads);
}

namespace detail {

DocumentTermMatrix assemble_dtm(const Corpus& corpus, const DtmOptions& options,
                                const std::vector<const Vocabulary*>& vocabularies,
                                const std::vector<const std::vector<std::uint32_t>*>& dfs, std::vector<LocalCounts>& docs,
                                unsigned threads, std::vector<std::vector<std::int32_t>>* columns_out) {
  // 2. Merge the vocabularies: global ids in the byte order of the terms.
  const std::size_t n_docs = corpus.size();
  const std::size_t parts = vocabularies.size();
  MergedTerms merged = merge_sorted(vocabularies, static_cast<int>(threads));
  const std::vector<std::string_view>& all_terms = merged.terms;
  const std::vector<std::vector<std::uint32_t>>& global = merged.ids;

  // 3. Document frequencies (summed from the parts' own, one pass over each vocabulary) and pruning
  // (scikit-learn's rules).
  std::vector<std::uint32_t> df(all_terms.size(), 0);
  for (std::size_t wi = 0; wi < parts; ++wi) {
    const auto& local_df = *dfs[wi];
    for (std::size_t id = 0; id < global[wi].size() && id < local_df.size(); ++id) df[global[wi][id]] += local_df[id];
  }
  const double max_count = options.max_df.resolve(n_docs), min_count = options.min_df.resolve(n_docs);
  if (options.min_df.value < 0 || options.max_df.value < 0 || (options.min_df.proportion && options.min_df.value > 1) ||
      (options.max_df.proportion && options.max_df.value > 1))
    throw InvalidArgument("min_df and max_df must be non-negative counts or proportions in [0, 1]");
  if (max_count < min_count) throw InvalidArgument("max_df corresponds to fewer documents than min_df");
  std::vector<std::int32_t> column(all_terms.size(), -1);
  std::vector<std::string> terms;
  std::size_t counted = 0;  // terms in any document's counts (a unigram seen only inside n-grams is not)
  for (std::size_t g = 0; g < all_terms.size(); ++g) {
    if (df[g] == 0) continue;
    ++counted;
    if (df[g] < min_count || df[g] > max_count) continue;
    if (terms.size() >= static_cast<std::size_t>(INT_MAX))
      throw InvalidArgument("more than 2^31-1 distinct terms; prune terms (min_df) or split the corpus");
    column[g] = static_cast<std::int32_t>(terms.size());
    terms.emplace_back(all_terms[g]);
  }
  if (counted == 0)
    throw InvalidArgument("empty vocabulary: the " + std::to_string(n_docs) +
                          " documents hold no tokens (are they empty, or only stopwords / filtered tokens?)");
  if (terms.empty()) throw InvalidArgument("after pruning, no terms remain; try a lower min_df or a higher max_df");
  const bool pruned = terms.size() < counted;
  std::vector<std::vector<std::int32_t>> columns(parts);  // per part: local id -> column, or -1
  detail::parallel_for(parts, threads, 1, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t wi = b; wi < e; ++wi) {
      columns[wi].resize(global[wi].size());
      for (std::size_t id = 0; id < global[wi].size(); ++id) columns[wi][id] = column[global[wi][id]];
    }
  });

  // 4. CSR: row sizes (without pruning, each document's entry count), prefix sums, then rows filled
  // in parallel, each sorted by column.
  std::vector<std::int64_t> indptr(n_docs + 1, 0);
  detail::parallel_for(n_docs, threads, 1024, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t d = b; d < e; ++d) {
      std::int64_t n = static_cast<std::int64_t>(docs[d].entries.size());
      if (pruned) {
        const auto& col = columns[docs[d].worker];
        n = 0;
        for (const auto& entry : docs[d].entries) n += col[entry.first] >= 0;
      }
      indptr[d + 1] = n;
    }
  });
  for (std::size_t d = 0; d < n_docs; ++d) indptr[d + 1] += indptr[d];
  DocumentTermMatrix out;
  {
    SparseMatrix m = make_csr(static_cast<Eigen::Index>(n_docs), static_cast<Eigen::Index>(terms.size()), indptr);
    out.matrix.swap(m);  // assignment would copy (no move in Eigen 3.4)
  }
  int* inner = out.matrix.innerIndexPtr();
  double* values = out.matrix.valuePtr();
  detail::parallel_for(n_docs, threads, 256, [&](std::size_t b, std::size_t e, unsigned) {
    std::vector<std::uint64_t> row;  // (column << 32) | count
    RowSorter sorter(terms.size());
    for (std::size_t d = b; d < e; ++d) {
      row.clear();
      const auto& col = columns[docs[d].worker];
      for (const auto& [id, c] : docs[d].entries)
        if (col[id] >= 0) row.push_back((static_cast<std::uint64_t>(col[id]) << 32) | c);
      sorter.sort(row);
      std::size_t k = static_cast<std::size_t>(indptr[d]);
      for (const std::uint64_t x : row) {
        inner[k] = static_cast<int>(x >> 32);
        values[k] = static_cast<double>(x & 0xFFFFFFFFu);
        ++k;
      }
      std::vector<std::pair<std::uint32_t, std::uint32_t>>().swap(docs[d].entries);
    }
  });
  out.terms = std::move(terms);
  out.docnames = corpus.labels("id");
  out.outlets = corpus.labels("outlet");
  out.weighting = Weighting::count;
  if (columns_out) *columns_out = std::move(columns);
  return out;
}

}  // namespace detail

Weighting parse_weighting(std::string_view name) {
  if (name == "count") return Weighting::count;
  if (name == "proportion" || name == "prop") return Weighting::proportion;
  if (name == "log") return Weighting::log;
  if (name == "boolean") return Weighting::boolean;
  if (name == "tfidf" || name == "tfidf_sklearn") return Weighting::tfidf;
  if (name == "tfidf_quanteda") return Weighting::tfidf_quanteda;
  if (name == "tfidf_gensim") return Weighting::tfidf_gensim;
  if (name == "bm25") return Weighting::bm25;
  throw InvalidArgument("unknown weighting '" + std::string(name) +
                        "'; use one of count, proportion, log, boolean, tfidf, tfidf_quanteda, tfidf_gensim, bm25");
}

std::string_view to_string(Weighting w) {
  switch (w) {
    case Weighting::count: return "count";
    case Weighting::proportion: return "proportion";
    case Weighting::log: return "log";
    case Weighting::boolean: return "boolean";
    case Weighting::tfidf: return "tfidf";
    case Weighting::tfidf_quanteda: return "tfidf_quanteda";
    case Weighting::tfidf_gensim: return "tfidf_gensim";
    case Weighting::bm25: return "bm25";
  }
  return "count";
}

namespace {

// The weighted values of `counts`, written to out[k] for its k-th entry (`out` may be the counts' own
// values: each entry is read before it is written). Returns whether any entry weighs 0.
bool weigh_values(const CsrView& counts, Weighting weighting, const WeightOptions& options, double* out) {
  if (options.k1 < 0 || options.b < 0 || options.b > 1)
    throw InvalidArgument("BM25 needs k1 >= 0 and 0 <= b <= 1");
  const Eigen::Index rows = counts.rows(), cols = counts.cols();
  const int* ptr = counts.outerIndexPtr();
  const int* idx = counts.innerIndexPtr();
  const double* val = counts.valuePtr();
  for (Eigen::Index k = 0, nnz = counts.nonZeros(); k < nnz; ++k)
    if (!(val[k] >= 0)) throw InvalidArgument("weighting needs a count matrix: found a negative or NaN entry");

  std::vector<double> df(static_cast<std::size_t>(cols), 0.0), rowsum(static_cast<std::size_t>(rows), 0.0);
  for (Eigen::Index i = 0; i < rows; ++i)
    for (int k = ptr[i]; k < ptr[i + 1]; ++k) {
      if (val[k] > 0) df[static_cast<std::size_t>(idx[k])] += 1;
      rowsum[static_cast<std::size_t>(i)] += val[k];
    }
  const double n = static_cast<double>(rows);
  std::vector<double> idf(static_cast<std::size_t>(cols), 1.0);
  for (std::size_t j = 0; j < idf.size(); ++j) {
    const double d = df[j];
    switch (weighting) {
      case Weighting::tfidf: idf[j] = std::log((n + 1) / (d + 1)) + 1; break;
      case Weighting::tfidf_quanteda: idf[j] = d > 0 ? std::log10(n / d) : 0; break;
      case Weighting::tfidf_gensim: idf[j] = d > 0 ? std::log(n / d) / std::log(2.0) : 0; break;
      case Weighting::bm25: idf[j] = std::log(1 + (n - d + 0.5) / (d + 0.5)); break;
      default: break;
    }
  }
  double avgdl = 0;
  for (double s : rowsum) avgdl += s;
  avgdl = rows ? avgdl / n : 0;

  // Rows in parallel.
  std::atomic<bool> zeros{false};
  detail::parallel_for(static_cast<std::size_t>(rows), resolve_threads(0), 512, [&](std::size_t b, std::size_t e, unsigned) {
    bool any_zero = false;
    for (std::size_t i = b; i < e; ++i) {
      const double dl = rowsum[i];
      double ss = 0;
      for (int k = ptr[i]; k < ptr[i + 1]; ++k) {
        const double tf = val[k];
        const auto j = static_cast<std::size_t>(idx[k]);
        double x = tf;
        switch (weighting) {
          case Weighting::count: break;
          case Weighting::proportion: x = dl > 0 ? tf / dl : 0; break;
          case Weighting::log: x = tf > 0 ? 1 + std::log(tf) : 0; break;
          case Weighting::boolean: x = tf > 0 ? 1 : 0; break;
          case Weighting::tfidf:
          case Weighting::tfidf_quanteda:
          case Weighting::tfidf_gensim: x = tf * idf[j]; break;
          case Weighting::bm25: {
            const double norm = avgdl > 0 ? (1 - options.b + options.b * dl / avgdl) : 1;
            x = tf > 0 ? idf[j] * tf * (options.k1 + 1) / (tf + options.k1 * norm) : 0;
            break;
          }
        }
        out[k] = x;
        ss += x * x;
        any_zero = any_zero || x == 0;
      }
      if (weighting == Weighting::tfidf || weighting == Weighting::tfidf_gensim) {
        const double norm = std::sqrt(ss);
        if (norm > 0)
          for (int k = ptr[i]; k < ptr[i + 1]; ++k) out[k] /= norm;
      }
    }
    if (any_zero) zeros = true;
  });
  return zeros;
}

void drop_zeros(SparseMatrix& m) {
  m.prune(0.0, 0.0);  // exact zeros only
  m.makeCompressed();
}

}  // namespace

SparseMatrix weight(const CsrView& counts, Weighting weighting, const WeightOptions& options) {
  // Same sparsity as the counts, then the entries that weigh 0 dropped.
  std::vector<std::int64_t> indptr(counts.outerIndexPtr(), counts.outerIndexPtr() + counts.rows() + 1);
  SparseMatrix m = make_csr(counts.rows(), counts.cols(), indptr);
  std::copy(counts.innerIndexPtr(), counts.innerIndexPtr() + counts.nonZeros(), m.innerIndexPtr());
  if (weigh_values(counts, weighting, options, m.valuePtr())) drop_zeros(m);
  return m;
}

void detail::weight_in_place(SparseMatrix& counts, Weighting weighting, const WeightOptions& options) {
  if (weigh_values(view(counts), weighting, options, counts.valuePtr())) drop_zeros(counts);
}


DocumentTermMatrix weight(const DocumentTermMatrix& counts, Weighting weighting, const WeightOptions& options) {
  if (counts.weighting != Weighting::count)
    throw InvalidArgument("this matrix is already weighted (" + std::string(to_string(counts.weighting)) +
                          "); weight the count matrix instead");
  DocumentTermMatrix out;
  SparseMatrix m = weight(view(counts.matrix), weighting, options);
  out.matrix.swap(m);
  out.terms = counts.terms;
  out.docnames = counts.docnames;
  out.outlets = counts.outlets;
  out.weighting = weighting;
  return out;
}

Grouped group(const CsrView& m, const std::vector<std::string>& labels, int threads) {
  if (labels.size() != static_cast<std::size_t>(m.rows()))
    throw InvalidArgument("group(): " + std::to_string(labels.size()) + " labels for a matrix of " +
                          std::to_string(m.rows()) + " rows");
  Grouped out;
  std::unordered_map<std::string_view, std::uint32_t> index;
  std::vector<std::uint32_t> g(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    auto [it, fresh] = index.emplace(labels[i], static_cast<std::uint32_t>(out.groups.size()));
    if (fresh) out.groups.push_back(labels[i]);
    g[i] = it->second;
  }
  out.matrix = detail::sum_rows(m, g, out.groups.size(), resolve_threads(threads));
  return out;
}

namespace detail {

SparseMatrix sum_rows(const CsrView& m, const std::vector<std::uint32_t>& group_of, std::size_t n_groups,
                      unsigned threads) {
  const std::size_t cols = static_cast<std::size_t>(m.cols());
  const int* ptr = m.outerIndexPtr();
  const int* idx = m.innerIndexPtr();
  const double* val = m.valuePtr();
  // The rows of each group, in row order (CSR of groups).
  std::vector<std::size_t> first(n_groups + 1, 0);
  for (const auto g : group_of)
    if (g != kNoGroup) ++first[g + 1];
  for (std::size_t g = 0; g < n_groups; ++g) first[g + 1] += first[g];
  std::vector<std::uint32_t> rows(first[n_groups]);
  {
    std::vector<std::size_t> at(first.begin(), first.end() - 1);
    for (std::size_t i = 0; i < group_of.size(); ++i)
      if (group_of[i] != kNoGroup) rows[at[group_of[i]]++] = static_cast<std::uint32_t>(i);
  }
  // Pass 1: the distinct columns of each group; pass 2: their sums, written straight into the result.
  struct Scratch {
    std::vector<double> sum;
    std::vector<char> seen;
    std::vector<int> touched;
  };
  std::vector<Scratch> scratch(std::max(1u, threads));
  const auto touch = [&](Scratch& w, std::size_t g, bool add) {
    if (w.seen.empty()) {
      w.seen.assign(cols, 0);
      w.sum.assign(cols, 0.0);
    }
    w.touched.clear();
    for (std::size_t r = first[g]; r < first[g + 1]; ++r)
      for (int k = ptr[rows[r]]; k < ptr[rows[r] + 1]; ++k) {
        const int j = idx[k];
        if (!w.seen[static_cast<std::size_t>(j)]) {
          w.seen[static_cast<std::size_t>(j)] = 1;
          w.touched.push_back(j);
        }
        if (add) w.sum[static_cast<std::size_t>(j)] += val[k];
      }
  };
  std::vector<std::int64_t> indptr(n_groups + 1, 0);
  parallel_for(n_groups, std::max(1u, threads), 16, [&](std::size_t b, std::size_t e, unsigned t) {
    Scratch& w = scratch[t];
    for (std::size_t g = b; g < e; ++g) {
      if (first[g + 1] - first[g] == 1) {  // one row: its own columns
        indptr[g + 1] = ptr[rows[first[g]] + 1] - ptr[rows[first[g]]];
        continue;
      }
      touch(w, g, false);
      indptr[g + 1] = static_cast<std::int64_t>(w.touched.size());
      for (const int j : w.touched) w.seen[static_cast<std::size_t>(j)] = 0;
    }
  });
  for (std::size_t g = 0; g < n_groups; ++g) indptr[g + 1] += indptr[g];
  SparseMatrix out = make_csr(static_cast<Eigen::Index>(n_groups), m.cols(), indptr);
  int* out_idx = out.innerIndexPtr();
  double* out_val = out.valuePtr();
  parallel_for(n_groups, std::max(1u, threads), 16, [&](std::size_t b, std::size_t e, unsigned t) {
    Scratch& w = scratch[t];
    for (std::size_t g = b; g < e; ++g) {
      auto at = static_cast<std::size_t>(indptr[g]);
      if (first[g + 1] - first[g] == 1) {  // one row, already sorted: copied
        const std::uint32_t r = rows[first[g]];
        std::copy(idx + ptr[r], idx + ptr[r + 1], out_idx + at);
        std::copy(val + ptr[r], val + ptr[r + 1], out_val + at);
        continue;
      }
      touch(w, g, true);
      const auto emit = [&](int j) {
        out_idx[at] = j;
        out_val[at++] = w.sum[static_cast<std::size_t>(j)];
        w.sum[static_cast<std::size_t>(j)] = 0.0;
        w.seen[static_cast<std::size_t>(j)] = 0;
      };
      if (w.touched.size() * 32 >= cols) {  // many columns: read off in order, cheaper than sorting them
        for (std::size_t j = 0; j < cols; ++j)
          if (w.seen[j]) emit(static_cast<int>(j));
      } else {
        std::sort(w.touched.begin(), w.touched.end());
        for (const int j : w.touched) emit(j);
      }
    }
  });
  return out;
}

}  // namespace detail

DocumentTermMatrix group(const DocumentTermMatrix& m, const std::vector<std::string>& labels) {
  if (m.weighting != Weighting::count)
    throw InvalidArgument("group the count matrix, then weight it (this matrix is weighted: " +
                          std::string(to_string(m.weighting)) + ")");
  Grouped g = group(view(m.matrix), labels);
  DocumentTermMatrix out;
  out.matrix.swap(g.matrix);
  out.terms = m.terms;
  out.docnames = g.groups;
  // The outlet of a group: shared by all its rows, else "".
  std::unordered_map<std::string_view, std::size_t> pos;
  for (std::size_t i = 0; i < out.docnames.size(); ++i) pos.emplace(out.docnames[i], i);
  out.outlets.assign(out.docnames.size(), std::string());
  std::vector<bool> seen(out.docnames.size(), false), mixed(out.docnames.size(), false);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const std::size_t gi = pos[labels[i]];
    const std::string& o = i < m.outlets.size() ? m.outlets[i] : std::string();
    if (!seen[gi]) { out.outlets[gi] = o; seen[gi] = true; }
    else if (out.outlets[gi] != o) mixed[gi] = true;
  }
  for (std::size_t i = 0; i < mixed.size(); ++i)
    if (mixed[i]) out.outlets[i].clear();
  out.weighting = Weighting::count;
  return out;
}

DocumentTermMatrix group(const DocumentTermMatrix& m, const Corpus& corpus, std::string_view key) {
  if (corpus.size() != static_cast<std::size_t>(m.matrix.rows()))
    throw InvalidArgument("group(): the corpus has " + std::to_string(corpus.size()) + " documents, the matrix " +
                          std::to_string(m.matrix.rows()) + " rows");
  if (key != "id" && key != "outlet" && key != "title") {
    bool any = false;
    for (const auto& d : corpus) any = any || d.meta.count(std::string(key));
    if (!any) throw NotFound("no document has a metadata key '" + std::string(key) + "'");
  }
  return group(m, corpus.labels(key));
}

}  // namespace framelens
