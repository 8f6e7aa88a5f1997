// Story grouping at corpus scale (stories.hpp).
//
//  1. Vectors: every document analysed on demand (text.hpp) into content-word counts, words inside
//     capitalised names counting entity_weight times, over the terms of two or more documents;
//     1 + ln(count), then weight(tfidf) (dtm.hpp): sublinear tf x smooth idf, rows L2-normalised.
//  2. Candidates: each document's signature is its highest-weighted rare terms (2 <= df <= rare cap).
//     Documents sharing a signature term inside the time window are scored by their shared
//     signature weight and each document keeps its top kCandidates; only those pairs get an exact
//     cosine. Never all pairs of a window.
//  3. Blocks: an average link can reach the threshold only through a pair at or above it, so the
//     connected components of the pairs >= threshold bound every story. Small blocks get every
//     pair inside them (exact average link); large ones keep their candidate pairs.
//  4. Average-link clustering inside each block, blocks in parallel, then a refinement that moves a
//     document greedily merged with the wrong story to the story it is nearest to on average.
#include "framelens/stories.hpp"
#include "framelens/stories_partial.hpp"
#include "compare/stories_detail.hpp"

#include <algorithm>
#include <atomic>
#include <climits>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <queue>
#include <unordered_map>

#include "framelens/dates.hpp"
#include "framelens/dtm.hpp"
#include "framelens/error.hpp"
#include "framelens/text.hpp"
#include "framelens/threads.hpp"
#include "framelens/vocabulary.hpp"
#include "util/parallel.hpp"

namespace framelens {
namespace {

constexpr double kNoDate = -1e18;
constexpr std::size_t kSignature = 24;    // signature terms per document
constexpr std::size_t kCandidates = 48;   // candidate partners per document (sparse top-k)
constexpr std::size_t kExactBlock = 400;  // blocks up to this size compare all their pairs
constexpr std::size_t kRareInWindow = 200;  // a signature term links at most this many documents of a window

// Days since 1970-01-01 of a "YYYY-MM-DD..." string, or kNoDate.
double parse_day(std::string_view s) {
  const auto day = iso_day(s);
  return day ? static_cast<double>(*day) : kNoDate;
}

// ---- 1. vectors ---------------------------------------------------------------------------------

struct Vectors {
  SparseMatrix rows;            // documents x terms, L2-normalised
  std::vector<double> day;      // per document, kNoDate when undated
  std::vector<std::uint32_t> df;  // per term
};

// Smooth idf, as weight(tfidf): ln((n + 1) / (df + 1)) + 1.
std::vector<double> smooth_idf(const std::vector<std::uint32_t>& df, std::size_t n) {
  std::vector<double> idf(df.size());
  for (std::size_t c = 0; c < idf.size(); ++c)
    idf[c] = std::log((static_cast<double>(n) + 1) / (static_cast<double>(df[c]) + 1)) + 1;
  return idf;
}

// One document's story vector, written to idx/val: its entries [b, e) (term, weighted count) in term
// order, over the terms `column` maps to a column (npos: none), as (1 + ln count) x idf, L2-normalised.
// False when a log count is negative. Every path to a story vector goes through here: the same
// operations in the same order give the same bits.
bool weigh_row(const std::pair<std::uint32_t, float>* b, const std::pair<std::uint32_t, float>* e,
               const std::vector<std::uint32_t>& column, const std::vector<double>& idf, int* idx, double* val) {
  bool ok = true;
  double ss = 0;
  int k = 0;
  for (const auto* it = b; it != e; ++it) {
    const std::uint32_t c = column[it->first];
    if (c == Vocabulary::npos) continue;
    const double tf = 1.0 + std::log(static_cast<double>(it->second));
    if (!(tf >= 0)) ok = false;
    const double x = tf * idf[c];
    idx[k] = static_cast<int>(c);
    val[k++] = x;
    ss += x * x;
  }
  const double norm = std::sqrt(ss);
  if (norm > 0)
    for (int j = 0; j < k; ++j) val[j] /= norm;
  return ok;
}

// A weighted count below 1/e (entity_weight < 1/e) has a negative log count, which weight() refused too.
[[noreturn]] void throw_negative_weight() {
  throw InvalidArgument("group_stories: a content word weighs less than 1/e (entity_weight too small); use entity_weight >= 0.37");
}

// Every row's ids moved to the merged terms (merged.ids of its worker's vocabulary) and sorted by them;
// returns each merged term's document frequency.
std::vector<std::uint32_t> to_merged_terms(detail::StoryRows& rows, const MergedTerms& merged, unsigned threads) {
  detail::parallel_for(rows.rows.size(), threads, 256, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t d = b; d < e; ++d) {
      const auto& ids = merged.ids[rows.owner[d]];
      for (auto& entry : rows.rows[d]) entry.first = ids[entry.first];
      std::sort(rows.rows[d].begin(), rows.rows[d].end());
    }
  });
  std::vector<std::uint32_t> df(merged.terms.size(), 0);
  for (const auto& row : rows.rows)
    for (const auto& entry : row) ++df[entry.first];
  return df;
}

// The rows of every document before the vocabularies are merged (stories_detail.hpp), weighted straight
// into one CSR: weight(tfidf) (dtm.hpp) of the 1 + ln(count) matrix over the terms of two or more
// documents, the same operations in the same order, without the intermediate matrix of logs (one copy of
// the entries fewer at the peak). Columns are those terms only, numbered in term order: a monotone
// renumbering of the merged ids, so every row keeps its order, every sum runs in the same order and ties
// break the same way, with a dense scratch row (one per worker) a fraction of the vocabulary's size.
Vectors vectors(const Corpus& corpus, detail::StoryRows rows, unsigned threads) {
  const std::size_t n = corpus.size();
  auto& local = rows.rows;
  Vectors v;
  v.day = std::move(rows.day);
  std::vector<std::uint32_t> df = to_merged_terms(rows, merge_sorted(rows.vocabularies, static_cast<int>(threads)), threads);
  // A term of one document links no pair and only dilutes every cosine of that document (min_df = 2).
  std::vector<std::uint32_t> column(df.size(), Vocabulary::npos);
  for (std::size_t t = 0; t < df.size(); ++t)
    if (df[t] >= 2) {
      column[t] = static_cast<std::uint32_t>(v.df.size());
      v.df.push_back(df[t]);
    }
  std::vector<std::uint32_t>().swap(df);
  const std::vector<double> idf = smooth_idf(v.df, n);
  std::vector<int> ptr(n + 1, 0);
  std::int64_t total = 0;
  for (std::size_t d = 0; d < n; ++d) {
    for (const auto& entry : local[d]) total += column[entry.first] != Vocabulary::npos;
    if (total > INT_MAX) throw InvalidArgument("group_stories: more than 2^31-1 story-vector entries; split the corpus");
    ptr[d + 1] = static_cast<int>(total);
  }
  v.rows = SparseMatrix(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(std::max<std::size_t>(1, idf.size())));
  v.rows.makeCompressed();
  v.rows.resizeNonZeros(ptr[n]);
  std::copy(ptr.begin(), ptr.end(), v.rows.outerIndexPtr());
  std::atomic<bool> negative{false};
  detail::parallel_for(n, threads, 256, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t d = b; d < e; ++d) {
      const auto& row = local[d];
      if (!weigh_row(row.data(), row.data() + row.size(), column, idf, v.rows.innerIndexPtr() + ptr[d],
                     v.rows.valuePtr() + ptr[d]))
        negative = true;
      std::vector<std::pair<std::uint32_t, float>>().swap(local[d]);
    }
  });
  if (negative) throw_negative_weight();
  return v;
}

struct StoryWorker {
  TermCache cache;
  DocumentText text;
  detail::StoryCounter counter;
};

// Every document analysed (text.hpp) with the default tokenizer, as Corpus.dtm(), and counted; a row's ids
// are those of its worker's vocabulary (the workers must outlive the rows).
detail::StoryRows count_rows(const Corpus& corpus, const StoryOptions& opt, std::vector<StoryWorker>& workers) {
  const std::size_t n = corpus.size();
  const Tokenizer tok;  // the default options, as Corpus.dtm()
  detail::StoryRows rows;
  rows.rows.resize(n);
  rows.owner.assign(n, 0);
  rows.day.resize(n);
  detail::parallel_for(n, static_cast<unsigned>(workers.size()), 8, [&](std::size_t b, std::size_t e, unsigned wi) {
    StoryWorker& w = workers[wi];
    for (std::size_t d = b; d < e; ++d) {
      rows.owner[d] = wi;
      analyse(corpus[d], tok, w.cache, w.text);
      detail::story_counts(w.text, w.cache.vocabulary(), opt.entity_weight, w.counter, rows.rows[d]);
      rows.day[d] = detail::story_day(corpus[d], opt);
    }
  });
  for (const auto& w : workers) rows.vocabularies.push_back(&w.cache.vocabulary());
  return rows;
}

Vectors vectors(const Corpus& corpus, const StoryOptions& opt, unsigned threads) {
  std::vector<StoryWorker> workers(threads);
  return vectors(corpus, count_rows(corpus, opt, workers), threads);
}

// ---- 2. candidates ------------------------------------------------------------------------------

bool in_window(const Vectors& v, std::size_t i, std::size_t j, double window) {
  if (window <= 0 || v.day[i] == kNoDate || v.day[j] == kNoDate) return true;
  return std::abs(v.day[i] - v.day[j]) <= window;
}

// Signature postings: for every term, the documents holding it among their signature terms, sorted by
// (day, document); undated documents (kNoDate) come first.
struct Signatures {
  std::vector<std::vector<std::pair<std::uint32_t, float>>> terms;  // per document: (term, weight)
  std::vector<std::vector<std::pair<std::uint32_t, float>>> postings;  // per term: (document, weight)
};

// `corpus_size`: the documents of the whole corpus (v may hold some of them).
Signatures signatures(const Vectors& v, std::size_t corpus_size, unsigned threads) {
  const std::size_t n = static_cast<std::size_t>(v.rows.rows());
  // Rare: in at most max(64, 2 % of the documents); a term in one document links nothing.
  const std::uint32_t cap = static_cast<std::uint32_t>(std::max<std::size_t>(64, corpus_size / 50));
  Signatures s;
  s.terms.resize(n);
  const int* ptr = v.rows.outerIndexPtr();
  const int* idx = v.rows.innerIndexPtr();
  const double* val = v.rows.valuePtr();
  detail::parallel_for(n, threads, 256, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t d = b; d < e; ++d) {
      auto& sig = s.terms[d];
      for (int k = ptr[d]; k < ptr[d + 1]; ++k) {
        const std::uint32_t df = v.df[static_cast<std::size_t>(idx[k])];
        if (df >= 2 && df <= cap) sig.emplace_back(static_cast<std::uint32_t>(idx[k]), static_cast<float>(val[k]));
      }
      if (sig.size() > kSignature) {
        std::nth_element(sig.begin(), sig.begin() + kSignature, sig.end(),
                         [](const auto& a, const auto& c) { return a.second > c.second || (a.second == c.second && a.first < c.first); });
        sig.resize(kSignature);
      }
      sig.shrink_to_fit();
    }
  });
  s.postings.resize(static_cast<std::size_t>(v.rows.cols()));
  for (std::size_t d = 0; d < n; ++d)
    for (const auto& [t, w] : s.terms[d]) s.postings[t].emplace_back(static_cast<std::uint32_t>(d), w);
  detail::parallel_for(s.postings.size(), threads, 4096, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t t = b; t < e; ++t)
      std::sort(s.postings[t].begin(), s.postings[t].end(), [&](const auto& a, const auto& c) {
        return v.day[a.first] != v.day[c.first] ? v.day[a.first] < v.day[c.first] : a.first < c.first;
      });
  });
  return s;
}

// Per worker: a dense score per document and a dense row per term, both zero between uses.
struct Scratch {
  std::vector<float> score;
  std::vector<std::uint32_t> touched;
  std::vector<double> row;
};

std::vector<Scratch> make_scratch(const Vectors& v, unsigned threads) {
  std::vector<Scratch> out(threads);
  for (auto& w : out) {
    w.score.assign(static_cast<std::size_t>(v.rows.rows()), 0.0f);
    w.row.assign(static_cast<std::size_t>(v.rows.cols()), 0.0);
  }
  return out;
}

// Writes row i into `dense` (clear = false) or zeroes its entries again (clear = true).
void scatter(const SparseMatrix& m, std::size_t i, std::vector<double>& dense, bool clear = false) {
  for (SparseMatrix::InnerIterator it(m, static_cast<Eigen::Index>(i)); it; ++it)
    dense[static_cast<std::size_t>(it.col())] = clear ? 0.0 : it.value();
}

double dot(const SparseMatrix& m, std::size_t j, const std::vector<double>& dense) {
  double s = 0;
  for (SparseMatrix::InnerIterator it(m, static_cast<Eigen::Index>(j)); it; ++it)
    s += it.value() * dense[static_cast<std::size_t>(it.col())];
  return s;
}

// The candidate partners of document i (at most kCandidates, highest shared signature weight first,
// ties by index) that pass `accept`. `postings` (when v holds part of a corpus): per term, the documents of
// the whole corpus holding it among their signature terms; the cap on an undated document's terms counts them.
template <class Accept>
void candidates(const Vectors& v, const Signatures& s, std::size_t i, double window, Scratch& w, Accept&& accept,
                std::vector<std::uint32_t>& out, const std::vector<std::uint32_t>* postings = nullptr,
                std::vector<float>* scores = nullptr) {
  out.clear();
  w.touched.clear();
  const double lo = v.day[i] - window, hi = v.day[i] + window;
  const bool dated = window > 0 && v.day[i] != kNoDate;
  for (const auto& term_weight : s.terms[i]) {
    const auto t = term_weight.first;
    const auto x = term_weight.second;  // a named copy: C++17 lambdas cannot capture structured bindings
    const auto& post = s.postings[t];
    auto visit = [&](const std::pair<std::uint32_t, float>& p) {
      const std::uint32_t j = p.first;
      if (j == i || !accept(j)) return;
      if (w.score[j] == 0) w.touched.push_back(j);
      w.score[j] += x * p.second;
    };
    if (!dated) {
      if ((postings ? (*postings)[t] : post.size()) > kRareInWindow) continue;
      for (const auto& p : post) visit(p);
      continue;
    }
    // Undated documents first, then the dated ones inside [day - window, day + window].
    auto first_dated = std::partition_point(post.begin(), post.end(), [&](const auto& p) { return v.day[p.first] == kNoDate; });
    auto from = std::lower_bound(first_dated, post.end(), lo, [&](const auto& p, double d) { return v.day[p.first] < d; });
    auto to = std::upper_bound(from, post.end(), hi, [&](double d, const auto& p) { return d < v.day[p.first]; });
    if (static_cast<std::size_t>((first_dated - post.begin()) + (to - from)) > kRareInWindow) continue;
    for (auto it = post.begin(); it != first_dated; ++it) visit(*it);
    for (auto it = from; it != to; ++it) visit(*it);
  }
  out.assign(w.touched.begin(), w.touched.end());
  auto better = [&](std::uint32_t a, std::uint32_t c) { return w.score[a] > w.score[c] || (w.score[a] == w.score[c] && a < c); };
  if (out.size() > kCandidates) {
    std::nth_element(out.begin(), out.begin() + kCandidates, out.end(), better);
    out.resize(kCandidates);
  }
  std::sort(out.begin(), out.end(), better);
  if (scores) {
    scores->clear();
    for (const std::uint32_t j : out) scores->push_back(w.score[j]);
  }
  for (const std::uint32_t j : w.touched) w.score[j] = 0;
}

using Pair = detail::StoryPair;

// Exact cosines of every document with its candidates, kept when >= keep; sorted, each pair once. First
// every document's candidates (a table of n x kCandidates), then the cosines: a pair that is a candidate of
// both documents is computed by the earlier one only (the cosine is symmetric to the bit: the same products
// summed in the same column order). Each document's pairs go to its own slots of one array, compacted after.
// `own` (when v holds part of a corpus): the documents whose candidates are searched; the others are only
// candidates.
std::vector<Pair> candidate_pairs(const Vectors& v, const Signatures& s, double window, double keep, unsigned threads,
                                  std::vector<Scratch>& scratch, const std::vector<char>* own = nullptr) {
  const std::size_t n = static_cast<std::size_t>(v.rows.rows());
  // Documents visited in order of day (undated first): neighbours in that order share most of their
  // candidates, whose rows and postings then stay in cache. The result does not depend on the order.
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t c) { return v.day[a] < v.day[c]; });
  std::vector<std::uint32_t> table(n * kCandidates);
  std::vector<std::uint8_t> count(n);
  detail::parallel_for(n, threads, 64, [&](std::size_t b, std::size_t e, unsigned wi) {
    std::vector<std::uint32_t> cand;
    for (std::size_t p = b; p < e; ++p) {
      const std::size_t i = order[p];
      if (own && !(*own)[i]) continue;
      candidates(v, s, i, window, scratch[wi], [](std::uint32_t) { return true; }, cand);
      std::copy(cand.begin(), cand.end(), table.begin() + static_cast<std::ptrdiff_t>(i * kCandidates));
      count[i] = static_cast<std::uint8_t>(cand.size());
    }
  });
  auto candidate_of = [&](std::size_t j, std::uint32_t i) {
    const auto first = table.begin() + static_cast<std::ptrdiff_t>(j * kCandidates);
    return std::find(first, first + count[j], i) != first + count[j];
  };
  std::vector<Pair> pairs(n * kCandidates);
  std::vector<std::uint8_t> kept(n, 0);
  detail::parallel_for(n, threads, 64, [&](std::size_t b, std::size_t e, unsigned wi) {
    Scratch& w = scratch[wi];
    for (std::size_t p = b; p < e; ++p) {
      const std::size_t i = order[p];
      scatter(v.rows, i, w.row);
      Pair* out = pairs.data() + i * kCandidates;
      for (std::size_t c = 0; c < count[i]; ++c) {
        const std::uint32_t j = table[i * kCandidates + c];
        if (j < i && candidate_of(j, static_cast<std::uint32_t>(i))) continue;  // computed by j
        const double sim = dot(v.rows, j, w.row);
        if (sim >= keep)
          out[kept[i]++] = Pair{static_cast<std::uint32_t>(std::min<std::size_t>(i, j)),
                                static_cast<std::uint32_t>(std::max<std::size_t>(i, j)), sim};
      }
      scatter(v.rows, i, w.row, true);
    }
  });
  std::vector<std::uint32_t>().swap(table);
  // Sorted by (a, b) without one long sort: counted into a bucket per first document, then every bucket
  // sorted by b, buckets side by side (each pair is there once, so the order is the sort's).
  std::vector<std::size_t> start(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t k = 0; k < kept[i]; ++k) ++start[pairs[i * kCandidates + k].a + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<Pair> sorted(start[n]);
  {
    std::vector<std::size_t> next(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t k = 0; k < kept[i]; ++k) {
        const Pair& p = pairs[i * kCandidates + k];
        sorted[next[p.a]++] = p;
      }
  }
  std::vector<Pair>().swap(pairs);
  detail::parallel_for(n, threads, 1024, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t a = b; a < e; ++a)
      std::sort(sorted.begin() + static_cast<std::ptrdiff_t>(start[a]), sorted.begin() + static_cast<std::ptrdiff_t>(start[a + 1]),
                [](const Pair& x, const Pair& y) { return x.b < y.b; });
  });
  return sorted;
}

// ---- 3. blocks ----------------------------------------------------------------------------------

std::size_t find_root(std::vector<std::size_t>& parent, std::size_t i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

// Connected components of the pairs >= threshold with more than one document, each sorted, in order
// of their first document.
std::vector<std::vector<std::uint32_t>> blocks(std::size_t n, const std::vector<Pair>& pairs, double threshold) {
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  for (const Pair& p : pairs)
    if (p.sim >= threshold) {
      const std::size_t a = find_root(parent, p.a), b = find_root(parent, p.b);
      if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
  std::vector<std::vector<std::uint32_t>> out;
  std::unordered_map<std::size_t, std::size_t> index;
  std::vector<std::size_t> size(n, 0);
  for (std::size_t i = 0; i < n; ++i) ++size[find_root(parent, i)];
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t r = find_root(parent, i);
    if (size[r] < 2) continue;
    auto [it, inserted] = index.emplace(r, out.size());
    if (inserted) out.emplace_back();
    out[it->second].push_back(static_cast<std::uint32_t>(i));
  }
  return out;
}

// The pairs (local indices into `block`) that the clustering of one block sees: every pair in the
// window when the block is small, else the block's candidate pairs.
std::vector<Pair> block_pairs(const Vectors& v, const std::vector<std::uint32_t>& block, const std::vector<Pair>& pairs,
                              double window, double keep, Scratch& w) {
  std::vector<Pair> out;
  if (block.size() <= kExactBlock) {
    for (std::size_t a = 0; a < block.size(); ++a) {
      scatter(v.rows, block[a], w.row);
      for (std::size_t b = a + 1; b < block.size(); ++b) {
        if (!in_window(v, block[a], block[b], window)) continue;
        const double sim = dot(v.rows, block[b], w.row);
        if (sim >= keep) out.push_back(Pair{static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b), sim});
      }
      scatter(v.rows, block[a], w.row, true);
    }
    return out;
  }
  // Large block: its candidate pairs. `pairs` is sorted by (a, b); block is sorted. A pair below the
  // threshold may leave the block.
  std::vector<std::uint32_t> local(v.day.size(), Vocabulary::npos);
  for (std::size_t k = 0; k < block.size(); ++k) local[block[k]] = static_cast<std::uint32_t>(k);
  auto each = [&](auto&& f) {
    for (std::size_t k = 0; k < block.size(); ++k) {
      auto it = std::lower_bound(pairs.begin(), pairs.end(), Pair{block[k], 0, 0});
      for (; it != pairs.end() && it->a == block[k]; ++it)
        if (local[it->b] != Vocabulary::npos) f(Pair{static_cast<std::uint32_t>(k), local[it->b], it->sim});
    }
  };
  std::size_t size = 0;
  each([&](const Pair&) { ++size; });
  out.reserve(size);
  each([&](const Pair& p) { out.push_back(p); });
  return out;
}

// ---- 4. average link ----------------------------------------------------------------------------

// A link of a cluster: the neighbouring cluster, the summed cosine of their pairs, and where the same link
// sits in the neighbour's list, so that either side is updated in O(1) (a story's hub may have thousands).
struct Link {
  std::uint32_t to;
  std::uint32_t twin;
  double sum;
};
using Adjacency = std::vector<std::vector<Link>>;

// Removes adj[x][k], moving the list's last link into its place.
void remove_link(Adjacency& adj, std::uint32_t x, std::uint32_t k) {
  auto& list = adj[x];
  if (k + 1 != list.size()) {
    list[k] = list.back();
    adj[list[k].to][list[k].twin].twin = k;
  }
  list.pop_back();
}

// Cluster b merged into cluster a: a links to the union of both clusters' neighbours, adding the sums of a
// neighbour of both (a's sum + b's sum), and every neighbour of b links to a instead. O(a's links + b's
// links); `where` (one entry per cluster, all npos) is scratch, npos again on return.
void merge_links(Adjacency& adj, std::uint32_t a, std::uint32_t b, std::vector<std::uint32_t>& where) {
  for (std::uint32_t k = 0; k < adj[a].size(); ++k) where[adj[a][k].to] = k;
  const std::uint32_t ab = where[b];
  std::vector<Link> lb;
  lb.swap(adj[b]);
  for (const Link& l : lb) {
    if (l.to == a) continue;
    if (const std::uint32_t k = where[l.to]; k != Vocabulary::npos) {  // a neighbour of both
      Link& ax = adj[a][k];
      ax.sum += l.sum;
      adj[l.to][ax.twin].sum = ax.sum;
      remove_link(adj, l.to, l.twin);
    } else {
      const auto k_new = static_cast<std::uint32_t>(adj[a].size());
      adj[a].push_back(Link{l.to, l.twin, l.sum});
      adj[l.to][l.twin] = Link{a, k_new, l.sum};
      where[l.to] = k_new;
    }
  }
  for (const Link& l : adj[a]) where[l.to] = Vocabulary::npos;
  remove_link(adj, a, ab);  // the link a-b itself
}

// Greedy merging cannot undo an early pair: a document first merged with its single nearest neighbour
// may sit with the wrong story once the stories have grown. Each pass moves every document (in order)
// to the story with the highest mean cosine to it (pairs absent count 0), when that mean reaches the
// threshold and beats the mean to the rest of its own story; passes repeat until none moves (at most 8).
void refine(std::vector<std::size_t>& story, const std::vector<Pair>& pairs, double threshold) {
  const std::size_t m = story.size();
  // Each document's neighbours in one array (CSR), in the order of `pairs` as before: the same sums.
  std::vector<std::size_t> first(m + 1, 0);
  for (const Pair& p : pairs) {
    ++first[p.a + 1];
    ++first[p.b + 1];
  }
  for (std::size_t i = 0; i < m; ++i) first[i + 1] += first[i];
  std::vector<std::pair<std::uint32_t, double>> neighbours(first[m]);
  {
    std::vector<std::size_t> next(first.begin(), first.end() - 1);
    for (const Pair& p : pairs) {
      neighbours[next[p.a]++] = {p.b, p.sim};
      neighbours[next[p.b]++] = {p.a, p.sim};
    }
  }
  std::vector<std::size_t> size(m, 0);
  for (const std::size_t s : story) ++size[s];
  std::vector<double> sum(m, 0.0);  // per story: summed cosine to the current document
  std::vector<std::size_t> touched;
  for (int pass = 0; pass < 8; ++pass) {
    bool moved = false;
    for (std::size_t i = 0; i < m; ++i) {
      touched.clear();
      for (std::size_t k = first[i]; k < first[i + 1]; ++k) {
        const auto [j, sim] = neighbours[k];
        if (sum[story[j]] == 0) touched.push_back(story[j]);
        sum[story[j]] += sim;
      }
      const std::size_t own = story[i];
      const double own_mean = size[own] > 1 ? sum[own] / static_cast<double>(size[own] - 1) : 0.0;
      std::size_t best = own;
      double best_mean = own_mean;
      for (const std::size_t s : touched) {
        const double mean = sum[s] / static_cast<double>(size[s]);
        if (s != own && mean >= threshold && (mean > best_mean || (mean == best_mean && best != own && s < best))) {
          best = s;
          best_mean = mean;
        }
      }
      for (const std::size_t s : touched) sum[s] = 0;
      if (best != own) {
        --size[own];
        ++size[best];
        story[i] = best;
        moved = true;
      }
    }
    if (!moved) break;
  }
}

void check(const StoryOptions& opt) {
  if (!(opt.threshold > 0 && opt.threshold <= 1)) throw InvalidArgument("group_stories: threshold must be in (0, 1]");
  if (!(opt.entity_weight > 0)) throw InvalidArgument("group_stories: entity_weight must be > 0");
}

// Each document's story (named by one of its documents) as numbers 1, 2, ... in order of first document.
std::vector<std::int64_t> number_stories(const std::vector<std::size_t>& story) {
  std::unordered_map<std::size_t, std::int64_t> number;
  std::vector<std::int64_t> out(story.size());
  for (std::size_t i = 0; i < story.size(); ++i)
    out[i] = number.emplace(story[i], static_cast<std::int64_t>(number.size()) + 1).first->second;
  return out;
}

// Clusters the documents of `v` into stories (steps 2-4), labelled in order of first document.
std::vector<std::string> cluster(const Vectors& v, const StoryOptions& opt, unsigned threads) {
  const std::size_t n = v.day.size();
  const Signatures sig = signatures(v, n, threads);
  std::vector<Scratch> scratch = make_scratch(v, threads);
  // Pairs that could matter for an average link at the threshold (a smaller cosine cannot lift it).
  const double keep = opt.threshold * 0.25;
  const std::vector<Pair> pairs = candidate_pairs(v, sig, opt.window_days, keep, threads, scratch);
  const auto bl = blocks(n, pairs, opt.threshold);
  // Cluster every block; a document's story is (block, root inside the block).
  std::vector<std::size_t> story(n);
  std::iota(story.begin(), story.end(), std::size_t{0});
  detail::parallel_for(bl.size(), threads, 1, [&](std::size_t b, std::size_t e, unsigned wi) {
    for (std::size_t k = b; k < e; ++k) {
      const auto& block = bl[k];
      const auto local = block_pairs(v, block, pairs, opt.window_days, keep, scratch[wi]);
      auto root = detail::average_link(block.size(), local, opt.threshold);
      refine(root, local, opt.threshold);
      for (std::size_t i = 0; i < block.size(); ++i) story[block[i]] = block[root[i]];
    }
  });
  const std::vector<std::int64_t> number = number_stories(story);
  std::vector<std::string> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = "story-" + std::to_string(number[i]);
  return out;
}

}  // namespace

std::vector<std::string> group_stories(const Corpus& corpus, const StoryOptions& opt) {
  check(opt);
  if (corpus.empty()) return {};
  const unsigned threads = resolve_threads(opt.threads);
  return cluster(vectors(corpus, opt, threads), opt, threads);
}

std::vector<long> nearest_other_outlet(const Corpus& corpus, const StoryOptions& opt, const std::string& by) {
  const std::size_t n = corpus.size();
  std::vector<long> out(n, -1);
  if (n == 0) return out;
  check(opt);
  const unsigned threads = resolve_threads(opt.threads);
  const Vectors v = vectors(corpus, opt, threads);
  const Signatures sig = signatures(v, n, threads);
  const auto labels = corpus.labels(by);
  std::vector<Scratch> scratch = make_scratch(v, threads);
  detail::parallel_for(n, threads, 64, [&](std::size_t b, std::size_t e, unsigned wi) {
    Scratch& w = scratch[wi];
    std::vector<std::uint32_t> cand;
    for (std::size_t i = b; i < e; ++i) {
      candidates(v, sig, i, opt.window_days, w, [&](std::uint32_t j) { return labels[j] != labels[i]; }, cand);
      scatter(v.rows, i, w.row);
      double best = -1;
      for (const std::uint32_t j : cand) {
        const double s = dot(v.rows, j, w.row);
        if (s > best || (s == best && static_cast<long>(j) < out[i])) {
          best = s;
          out[i] = static_cast<long>(j);
        }
      }
      scatter(v.rows, i, w.row, true);
    }
  });
  return out;
}

// ---- group_stories() in pieces (stories_partial.hpp) -----------------------------------------------

namespace {

double day_of(double day) { return std::isnan(day) ? kNoDate : day; }

void check_pieces(const StoryOptions& opt) {
  check(opt);
  if (!(opt.window_days > 0))
    throw InvalidArgument("group_stories in pieces: window_days must be > 0 (without a window every document is a "
                          "candidate of every other, so the corpus cannot be cut into time buckets)");
}

// Some documents' story vectors as Vectors (index = order of position), with the corpus's column df.
Vectors bucket_vectors(const StoryVectors& b, const StoryColumns& columns) {
  const std::size_t n = b.positions.size();
  if (b.day.size() != n || b.indptr.size() != n + 1 || b.columns.size() != b.values.size() ||
      static_cast<std::size_t>(b.indptr[n]) != b.columns.size())
    throw InvalidArgument("story vectors: positions, days, indptr, columns and values do not agree in length");
  if (b.columns.size() > static_cast<std::size_t>(INT_MAX))
    throw InvalidArgument("story vectors: more than 2^31-1 entries in one bucket; use more buckets");
  Vectors v;
  v.df = columns.df;
  v.day.resize(n);
  for (std::size_t d = 0; d < n; ++d) v.day[d] = day_of(b.day[d]);
  const auto cols = static_cast<std::int64_t>(std::max<std::size_t>(1, columns.df.size()));
  for (std::size_t d = 0; d < n; ++d) {
    if (b.indptr[d] > b.indptr[d + 1] || (d > 0 && b.positions[d] <= b.positions[d - 1]))
      throw InvalidArgument("story vectors: indptr must not decrease and positions must increase");
    for (auto k = b.indptr[d]; k < b.indptr[d + 1]; ++k)
      if (b.columns[static_cast<std::size_t>(k)] < 0 || b.columns[static_cast<std::size_t>(k)] >= cols ||
          (k > b.indptr[d] && b.columns[static_cast<std::size_t>(k)] <= b.columns[static_cast<std::size_t>(k - 1)]))
        throw InvalidArgument("story vectors: a column is out of range or out of order");
  }
  v.rows = SparseMatrix(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(cols));
  v.rows.makeCompressed();
  v.rows.resizeNonZeros(static_cast<Eigen::Index>(b.columns.size()));
  for (std::size_t d = 0; d <= n; ++d) v.rows.outerIndexPtr()[d] = static_cast<int>(b.indptr[d]);
  std::copy(b.columns.begin(), b.columns.end(), v.rows.innerIndexPtr());
  std::copy(b.values.begin(), b.values.end(), v.rows.valuePtr());
  return v;
}

// Columns enough for the bucket's rows, for cosines alone (no signatures: no document frequencies).
StoryColumns columns_of(const StoryVectors& b) {
  StoryColumns columns;
  std::int32_t max_column = -1;
  for (const std::int32_t c : b.columns) max_column = std::max(max_column, c);
  columns.df.assign(static_cast<std::size_t>(max_column + 1), 0);
  return columns;
}

// The bucket [lo, hi) owns its dated documents of those days.
std::vector<char> own_documents(const Vectors& v, double lo, double hi) {
  std::vector<char> own(v.day.size());
  for (std::size_t d = 0; d < own.size(); ++d) own[d] = v.day[d] != kNoDate && v.day[d] >= lo && v.day[d] < hi;
  return own;
}

void append(StoryPairs& out, std::int64_t a, std::int64_t b, double sim) {
  out.a.push_back(a);
  out.b.push_back(b);
  out.sim.push_back(sim);
}

// Pairs as local indices of one block (`local`: corpus position -> index in its block), sorted.
std::vector<Pair> local_pairs(const std::vector<Pair>& pairs, const std::vector<std::uint32_t>& local) {
  std::vector<Pair> out;
  out.reserve(pairs.size());
  for (const Pair& p : pairs) out.push_back(Pair{local[p.a], local[p.b], p.sim});
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

StoryCounts story_counts(const Corpus& piece, const StoryOptions& options) {
  check_pieces(options);
  const unsigned threads = resolve_threads(options.threads);
  std::vector<StoryWorker> workers(threads);
  detail::StoryRows rows = count_rows(piece, options, workers);
  const std::size_t n = piece.size();
  const MergedTerms merged = merge_sorted(rows.vocabularies, static_cast<int>(threads));
  const std::vector<std::uint32_t> df = to_merged_terms(rows, merged, threads);
  // The piece's content terms: the merged terms some row holds, renumbered in term order (a monotone
  // renumbering: every row stays sorted).
  StoryCounts out;
  std::vector<std::uint32_t> id(df.size(), Vocabulary::npos);
  for (std::size_t t = 0; t < df.size(); ++t)
    if (df[t] > 0) {
      id[t] = static_cast<std::uint32_t>(out.terms.terms.size());
      out.terms.terms.emplace_back(merged.terms[t]);
      out.terms.df.push_back(df[t]);
    }
  out.terms.documents = n;
  out.indptr.assign(1, 0);
  out.day.resize(n);
  for (std::size_t d = 0; d < n; ++d) {
    auto& row = rows.rows[d];
    for (auto& entry : row) entry.first = id[entry.first];
    out.entries.insert(out.entries.end(), row.begin(), row.end());
    out.indptr.push_back(static_cast<std::int64_t>(out.entries.size()));
    std::vector<std::pair<std::uint32_t, float>>().swap(row);
    out.day[d] = rows.day[d] == kNoDate ? std::nan("") : rows.day[d];
  }
  return out;
}

StoryColumns story_columns(const TermFrequencies& merged) {
  StoryColumns c;
  for (const std::uint64_t df : merged.df)
    if (df >= 2) c.df.push_back(static_cast<std::uint32_t>(std::min<std::uint64_t>(df, UINT32_MAX)));
  c.documents = merged.documents;
  return c;
}

StoryVectors story_vectors(const StoryCounts& counts, const TermFrequencies& merged, std::int64_t first) {
  const std::size_t n = counts.day.size();
  if (counts.indptr.size() != n + 1 || counts.indptr[0] != 0 || static_cast<std::size_t>(counts.indptr[n]) != counts.entries.size())
    throw InvalidArgument("story counts: indptr, entries and days do not agree in length");
  for (std::size_t d = 0; d < n; ++d)
    if (counts.indptr[d] > counts.indptr[d + 1]) throw InvalidArgument("story counts: indptr must not decrease");
  for (const auto& entry : counts.entries)
    if (entry.first >= counts.terms.terms.size()) throw InvalidArgument("story counts: a term id is out of range");
  // Each of the piece's terms to its column in the whole corpus (npos: in one document only).
  std::vector<std::uint32_t> rank(merged.terms.size(), Vocabulary::npos);
  for (std::size_t t = 0, c = 0; t < merged.terms.size(); ++t)
    if (merged.df[t] >= 2) rank[t] = static_cast<std::uint32_t>(c++);
  const std::vector<std::uint32_t> df = story_columns(merged).df;
  const std::vector<std::int32_t> at = term_positions(counts.terms.terms, merged.terms);
  std::vector<std::uint32_t> column(at.size(), Vocabulary::npos);
  for (std::size_t t = 0; t < at.size(); ++t) {
    if (at[t] < 0) throw InvalidArgument("story_vectors: a term of the piece is not among the merged terms");
    column[t] = rank[static_cast<std::size_t>(at[t])];
  }
  const std::vector<double> idf = smooth_idf(df, static_cast<std::size_t>(merged.documents));
  StoryVectors out;
  out.positions.resize(n);
  out.day = counts.day;
  out.indptr.assign(n + 1, 0);
  for (std::size_t d = 0; d < n; ++d) {
    out.positions[d] = first + static_cast<std::int64_t>(d);
    std::int64_t kept = 0;
    for (auto k = counts.indptr[d]; k < counts.indptr[d + 1]; ++k)
      kept += column[counts.entries[static_cast<std::size_t>(k)].first] != Vocabulary::npos;
    out.indptr[d + 1] = out.indptr[d] + kept;
  }
  out.columns.resize(static_cast<std::size_t>(out.indptr[n]));
  out.values.resize(out.columns.size());
  std::vector<int> idx;
  for (std::size_t d = 0; d < n; ++d) {
    const auto* b = counts.entries.data() + counts.indptr[d];
    const auto* e = counts.entries.data() + counts.indptr[d + 1];
    idx.resize(static_cast<std::size_t>(out.indptr[d + 1] - out.indptr[d]));
    if (!weigh_row(b, e, column, idf, idx.data(), out.values.data() + out.indptr[d])) throw_negative_weight();
    std::copy(idx.begin(), idx.end(), out.columns.begin() + out.indptr[d]);
  }
  return out;
}

std::vector<std::uint32_t> signature_postings(const StoryVectors& piece, const StoryColumns& columns,
                                              const StoryOptions& options) {
  const Vectors v = bucket_vectors(piece, columns);
  const Signatures sig = signatures(v, static_cast<std::size_t>(columns.documents), resolve_threads(options.threads));
  std::vector<std::uint32_t> out(columns.df.size(), 0);
  for (std::size_t t = 0; t < out.size(); ++t) out[t] = static_cast<std::uint32_t>(sig.postings[t].size());
  return out;
}

std::vector<StoryVectors> story_buckets(const StoryVectors& piece, const std::vector<double>& edges,
                                        const StoryOptions& options) {
  check_pieces(options);
  bucket_vectors(piece, columns_of(piece));  // checks the piece
  if (edges.size() < 2 || !std::is_sorted(edges.begin(), edges.end()))
    throw InvalidArgument("story_buckets: the bucket edges must be two or more, in increasing order");
  const double w = options.window_days;
  std::vector<StoryVectors> out(edges.size() - 1);
  for (std::size_t b = 0; b + 1 < edges.size(); ++b) {
    StoryVectors& o = out[b];
    o.indptr.assign(1, 0);
    for (std::size_t d = 0; d < piece.positions.size(); ++d) {
      const double day = piece.day[d];
      if (!std::isnan(day) && !(day >= edges[b] - w && day < edges[b + 1] + w)) continue;
      o.positions.push_back(piece.positions[d]);
      o.day.push_back(day);
      o.columns.insert(o.columns.end(), piece.columns.begin() + piece.indptr[d], piece.columns.begin() + piece.indptr[d + 1]);
      o.values.insert(o.values.end(), piece.values.begin() + piece.indptr[d], piece.values.begin() + piece.indptr[d + 1]);
      o.indptr.push_back(static_cast<std::int64_t>(o.columns.size()));
    }
  }
  return out;
}

StoryVectors join_story_vectors(const std::vector<const StoryVectors*>& pieces) {
  StoryVectors out;
  out.indptr.assign(1, 0);
  for (const StoryVectors* p : pieces) {
    if (!p->positions.empty() && !out.positions.empty() && p->positions.front() <= out.positions.back())
      throw InvalidArgument("join_story_vectors: the pieces must follow each other in corpus order");
    out.positions.insert(out.positions.end(), p->positions.begin(), p->positions.end());
    out.day.insert(out.day.end(), p->day.begin(), p->day.end());
    const std::int64_t base = out.indptr.back();
    for (std::size_t d = 1; d < p->indptr.size(); ++d) out.indptr.push_back(base + p->indptr[d]);
    out.columns.insert(out.columns.end(), p->columns.begin(), p->columns.end());
    out.values.insert(out.values.end(), p->values.begin(), p->values.end());
  }
  return out;
}

std::pair<StoryPairs, UndatedCandidates> story_bucket_pairs(const StoryVectors& bucket, double lo, double hi,
                                                            bool undated_own, const StoryColumns& columns,
                                                            const StoryOptions& options) {
  check_pieces(options);
  if (columns.postings.size() != columns.df.size())
    throw InvalidArgument("story_bucket_pairs: the columns need their signature postings (summed over the pieces)");
  const unsigned threads = resolve_threads(options.threads);
  const Vectors v = bucket_vectors(bucket, columns);
  const std::size_t n = v.day.size();
  const std::vector<char> own = own_documents(v, lo, hi);
  const Signatures sig = signatures(v, static_cast<std::size_t>(columns.documents), threads);
  std::vector<Scratch> scratch = make_scratch(v, threads);
  const double keep = options.threshold * 0.25;
  std::pair<StoryPairs, UndatedCandidates> out;
  for (const Pair& p : candidate_pairs(v, sig, options.window_days, keep, threads, scratch, &own))
    append(out.first, bucket.positions[p.a], bucket.positions[p.b], p.sim);
  // Undated documents: their best candidates among this bucket's own documents (and the undated ones in
  // the bucket that counts them), each a candidate here and nowhere else. No cosines yet: only the best of
  // all buckets get one (story_undated_pairs).
  // The postings of those candidates alone (the others' entries would be visited by every bucket).
  auto accept = [&](std::uint32_t j) { return own[j] || (undated_own && v.day[j] == kNoDate); };
  Signatures mine;
  mine.terms = sig.terms;
  mine.postings.resize(sig.postings.size());
  for (std::size_t t = 0; t < sig.postings.size(); ++t)
    for (const auto& p : sig.postings[t])
      if (accept(p.first)) mine.postings[t].push_back(p);
  std::vector<std::uint32_t> cand;
  std::vector<float> score;
  UndatedCandidates& u = out.second;
  for (std::size_t i = 0; i < n; ++i) {
    if (v.day[i] != kNoDate) continue;
    candidates(v, mine, i, options.window_days, scratch[0], [](std::uint32_t) { return true; }, cand, &columns.postings, &score);
    for (std::size_t c = 0; c < cand.size(); ++c) {
      u.document.push_back(bucket.positions[i]);
      u.candidate.push_back(bucket.positions[cand[c]]);
      u.score.push_back(score[c]);
    }
  }
  return out;
}

namespace {

struct UndatedEntry {
  std::int64_t document, candidate;
  float score;
};

// candidates()'s order: highest shared signature weight first, ties by position.
bool ranks_before(const UndatedEntry& x, const UndatedEntry& y) {
  if (x.score != y.score) return x.score > y.score;
  return x.candidate < y.candidate;
}

// The buckets' entries grouped by document, documents in increasing order: a counting sort over the
// documents' positions when their range is not far above the entries' number (a corpus's undated documents
// each have up to kCandidates entries per bucket), else a sort.
std::vector<UndatedEntry> by_document(const std::vector<const UndatedCandidates*>& parts) {
  std::size_t n = 0;
  std::int64_t lo = std::numeric_limits<std::int64_t>::max(), hi = std::numeric_limits<std::int64_t>::min();
  for (const UndatedCandidates* u : parts) {
    if (u->candidate.size() != u->document.size() || u->score.size() != u->document.size())
      throw InvalidArgument("undated candidates: the columns differ in length");
    n += u->document.size();
    for (const std::int64_t d : u->document) {
      lo = std::min(lo, d);
      hi = std::max(hi, d);
    }
  }
  std::vector<UndatedEntry> out(n);
  if (n == 0) return out;
  const auto range = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo) + 1;
  if (range > 4 * static_cast<std::uint64_t>(n) + 1024) {
    std::size_t k = 0;
    for (const UndatedCandidates* u : parts)
      for (std::size_t j = 0; j < u->document.size(); ++j) out[k++] = {u->document[j], u->candidate[j], u->score[j]};
    std::stable_sort(out.begin(), out.end(), [](const UndatedEntry& x, const UndatedEntry& y) { return x.document < y.document; });
    return out;
  }
  std::vector<std::size_t> at(static_cast<std::size_t>(range) + 1, 0);
  for (const UndatedCandidates* u : parts)
    for (const std::int64_t d : u->document) ++at[static_cast<std::size_t>(d - lo) + 1];
  for (std::size_t d = 1; d < at.size(); ++d) at[d] += at[d - 1];
  for (const UndatedCandidates* u : parts)
    for (std::size_t j = 0; j < u->document.size(); ++j)
      out[at[static_cast<std::size_t>(u->document[j] - lo)]++] = {u->document[j], u->candidate[j], u->score[j]};
  return out;
}

}  // namespace

UndatedCandidates story_undated_best(const std::vector<const UndatedCandidates*>& parts) {
  std::vector<UndatedEntry> all = by_document(parts);
  UndatedCandidates out;
  for (auto first = all.begin(); first != all.end();) {
    auto last = first;
    while (last != all.end() && last->document == first->document) ++last;
    const auto keep = std::min<std::ptrdiff_t>(last - first, static_cast<std::ptrdiff_t>(kCandidates));
    std::partial_sort(first, first + keep, last, ranks_before);
    for (auto e = first; e != first + keep; ++e) {
      out.document.push_back(e->document);
      out.candidate.push_back(e->candidate);
      out.score.push_back(e->score);
    }
    first = last;
  }
  return out;
}

StoryPairs story_undated_pairs(const StoryVectors& bucket, double lo, double hi, bool undated_own,
                               const UndatedCandidates& best, const StoryOptions& options) {
  check_pieces(options);
  const Vectors v = bucket_vectors(bucket, columns_of(bucket));
  const std::vector<char> own = own_documents(v, lo, hi);
  const double keep = options.threshold * 0.25;
  auto at = [&](std::int64_t position) {
    const auto it = std::lower_bound(bucket.positions.begin(), bucket.positions.end(), position);
    return it != bucket.positions.end() && *it == position ? static_cast<std::size_t>(it - bucket.positions.begin())
                                                           : std::size_t(-1);
  };
  std::vector<double> row(v.df.size(), 0.0);
  StoryPairs out;
  std::size_t scattered = std::size_t(-1);
  for (std::size_t k = 0; k < best.document.size(); ++k) {
    const std::size_t j = at(best.candidate[k]);
    if (j == std::size_t(-1) || !(own[j] || (undated_own && v.day[j] == kNoDate))) continue;
    const std::size_t i = at(best.document[k]);
    if (i == std::size_t(-1) || v.day[i] != kNoDate)
      throw InvalidArgument("story_undated_pairs: an undated document is not in the bucket");
    if (i != scattered) {
      if (scattered != std::size_t(-1)) scatter(v.rows, scattered, row, true);
      scatter(v.rows, i, row);
      scattered = i;
    }
    const double sim = dot(v.rows, j, row);
    if (sim >= keep)
      append(out, std::min(best.document[k], best.candidate[k]), std::max(best.document[k], best.candidate[k]), sim);
  }
  return out;
}

StoryBlocks story_blocks(const std::vector<const StoryPairs*>& pairs, std::uint64_t documents, const StoryOptions& options) {
  check_pieces(options);
  const auto n = static_cast<std::size_t>(documents);
  if (n > UINT32_MAX) throw InvalidArgument("group_stories: more than 2^32-1 documents");
  std::vector<Pair> all;
  for (const StoryPairs* p : pairs)
    for (std::size_t k = 0; k < p->a.size(); ++k) {
      if (p->a[k] < 0 || p->b[k] <= p->a[k] || static_cast<std::size_t>(p->b[k]) >= n)
        throw InvalidArgument("story_blocks: a pair is not (a < b) inside the corpus");
      all.push_back(Pair{static_cast<std::uint32_t>(p->a[k]), static_cast<std::uint32_t>(p->b[k]), p->sim[k]});
    }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end(), [](const Pair& x, const Pair& y) { return x.a == y.a && x.b == y.b; }),
            all.end());
  StoryBlocks out;
  out.block.assign(n, -1);
  const auto bl = blocks(n, all, options.threshold);
  for (std::size_t k = 0; k < bl.size(); ++k) {
    out.sizes.push_back(static_cast<std::int64_t>(bl[k].size()));
    for (const std::uint32_t d : bl[k]) out.block[d] = static_cast<std::int32_t>(k);
  }
  // A large block clusters its candidate pairs (block_pairs()); a small one gets all of its pairs later.
  for (const Pair& p : all) {
    const std::int32_t k = out.block[p.a];
    if (k >= 0 && k == out.block[p.b] && static_cast<std::size_t>(out.sizes[static_cast<std::size_t>(k)]) > kExactBlock)
      append(out.pairs, p.a, p.b, p.sim);
  }
  return out;
}

StoryPairs story_block_pairs(const StoryVectors& bucket, double lo, double hi, bool undated_own, const StoryBlocks& blocks,
                             const StoryOptions& options) {
  check_pieces(options);
  const std::size_t n = bucket.positions.size();
  const Vectors v = bucket_vectors(bucket, columns_of(bucket));
  const std::vector<char> own = own_documents(v, lo, hi);
  // The bucket's documents in small blocks, by block then position.
  std::vector<std::pair<std::int32_t, std::uint32_t>> members;
  for (std::size_t d = 0; d < n; ++d) {
    const auto pos = static_cast<std::size_t>(bucket.positions[d]);
    if (pos >= blocks.block.size()) throw InvalidArgument("story_block_pairs: a position is outside the corpus");
    const std::int32_t k = blocks.block[pos];
    if (k >= static_cast<std::int64_t>(blocks.sizes.size())) throw InvalidArgument("story_block_pairs: a block id is out of range");
    if (k >= 0 && static_cast<std::size_t>(blocks.sizes[static_cast<std::size_t>(k)]) <= kExactBlock)
      members.emplace_back(k, static_cast<std::uint32_t>(d));
  }
  std::sort(members.begin(), members.end());
  // Each pair by one bucket: two dated documents by the earlier one's, a dated and an undated one by the
  // dated one's, two undated ones by the bucket that counts them.
  auto mine = [&](std::uint32_t x, std::uint32_t y) {
    const bool ux = v.day[x] == kNoDate, uy = v.day[y] == kNoDate;
    if (ux && uy) return undated_own;
    return ux ? static_cast<bool>(own[y]) : static_cast<bool>(own[x]);
  };
  const double keep = options.threshold * 0.25;
  std::vector<double> row(v.df.size(), 0.0);
  StoryPairs out;
  for (std::size_t s = 0; s < members.size();) {
    std::size_t e = s;
    while (e < members.size() && members[e].first == members[s].first) ++e;
    for (std::size_t x = s; x < e; ++x) {
      const std::uint32_t a = members[x].second;
      scatter(v.rows, a, row);
      for (std::size_t y = x + 1; y < e; ++y) {
        const std::uint32_t b = members[y].second;
        if (!mine(a, b) || !in_window(v, a, b, options.window_days)) continue;
        const double sim = dot(v.rows, b, row);
        if (sim >= keep) append(out, bucket.positions[a], bucket.positions[b], sim);
      }
      scatter(v.rows, a, row, true);
    }
    s = e;
  }
  return out;
}

namespace {

// Every block's documents (in corpus order) and each document's index in its block.
struct BlockMembers {
  std::vector<std::vector<std::uint32_t>> members;
  std::vector<std::uint32_t> local;
};

BlockMembers block_members(const StoryBlocks& blocks) {
  const std::size_t n = blocks.block.size();
  BlockMembers m;
  m.members.resize(blocks.sizes.size());
  m.local.assign(n, Vocabulary::npos);
  for (std::size_t d = 0; d < n; ++d)
    if (const std::int32_t k = blocks.block[d]; k >= 0) {
      if (static_cast<std::size_t>(k) >= m.members.size()) throw InvalidArgument("story_numbers: a block id is out of range");
      auto& mine = m.members[static_cast<std::size_t>(k)];
      m.local[d] = static_cast<std::uint32_t>(mine.size());
      mine.push_back(static_cast<std::uint32_t>(d));
    }
  return m;
}

bool large_block(const BlockMembers& m, std::size_t k) { return m.members[k].size() > kExactBlock; }

// The pairs of `p` added to their block's list: each (a < b) inside one block, of the kind (large or
// small) this step clusters.
void add_block_pairs(const StoryBlocks& blocks, const BlockMembers& m, const StoryPairs& p, bool large,
                     std::vector<std::vector<Pair>>& pairs) {
  const std::size_t n = blocks.block.size();
  for (std::size_t k = 0; k < p.a.size(); ++k) {
    if (p.a[k] < 0 || p.b[k] <= p.a[k] || static_cast<std::size_t>(p.b[k]) >= n ||
        blocks.block[static_cast<std::size_t>(p.a[k])] < 0 ||
        blocks.block[static_cast<std::size_t>(p.a[k])] != blocks.block[static_cast<std::size_t>(p.b[k])])
      throw InvalidArgument("story_numbers: a pair is not (a < b) inside one block");
    const auto block = static_cast<std::size_t>(blocks.block[static_cast<std::size_t>(p.a[k])]);
    if (large_block(m, block) != large)
      throw InvalidArgument(large ? "story_numbers: a pair of the blocks' own is in a small block"
                                  : "story_numbers: a pair of a small block's list is in a large block");
    pairs[block].push_back(Pair{static_cast<std::uint32_t>(p.a[k]), static_cast<std::uint32_t>(p.b[k]), p.sim[k]});
  }
}

// Average link and refinement inside each large (or each small) block: story[d] becomes the corpus position
// of the first document of d's story; documents of other blocks keep theirs.
void cluster_blocks(const BlockMembers& m, const std::vector<std::vector<Pair>>& pairs, bool large,
                    const StoryOptions& options, std::vector<std::size_t>& story) {
  detail::parallel_for(m.members.size(), resolve_threads(options.threads), 1, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t k = b; k < e; ++k) {
      if (large_block(m, k) != large) continue;
      const auto block_local = local_pairs(pairs[k], m.local);
      auto root = detail::average_link(m.members[k].size(), block_local, options.threshold);
      refine(root, block_local, options.threshold);
      for (std::size_t i = 0; i < m.members[k].size(); ++i) story[m.members[k][i]] = m.members[k][root[i]];
    }
  });
}

}  // namespace

std::vector<std::int64_t> story_large_blocks(const StoryBlocks& blocks, const StoryOptions& options) {
  check_pieces(options);
  const BlockMembers m = block_members(blocks);
  std::vector<std::vector<Pair>> pairs(m.members.size());
  add_block_pairs(blocks, m, blocks.pairs, true, pairs);
  std::vector<std::size_t> story(blocks.block.size());
  std::iota(story.begin(), story.end(), std::size_t{0});
  cluster_blocks(m, pairs, true, options, story);
  return std::vector<std::int64_t>(story.begin(), story.end());
}

std::vector<std::int64_t> story_numbers(const StoryBlocks& blocks, const std::vector<const StoryPairs*>& small,
                                        const std::vector<std::int64_t>& large, const StoryOptions& options) {
  check_pieces(options);
  const std::size_t n = blocks.block.size();
  if (large.size() != n)
    throw InvalidArgument("story_numbers: the large blocks' stories have " + std::to_string(large.size()) +
                          " documents, the blocks " + std::to_string(n));
  const BlockMembers m = block_members(blocks);
  std::vector<std::vector<Pair>> pairs(m.members.size());
  for (const StoryPairs* p : small) add_block_pairs(blocks, m, *p, false, pairs);
  std::vector<std::size_t> story(n);
  for (std::size_t d = 0; d < n; ++d) {
    if (large[d] < 0 || static_cast<std::size_t>(large[d]) >= n)
      throw InvalidArgument("story_numbers: a large block's story is outside the corpus");
    story[d] = static_cast<std::size_t>(large[d]);
  }
  cluster_blocks(m, pairs, false, options, story);
  return number_stories(story);
}

std::vector<std::int64_t> story_numbers(const StoryBlocks& blocks, const std::vector<const StoryPairs*>& small,
                                        const StoryOptions& options) {
  return story_numbers(blocks, small, story_large_blocks(blocks, options), options);
}

namespace detail {

void story_counts(const DocumentText& text, const Vocabulary& vocabulary, double entity_weight, StoryCounter& w,
                  std::vector<std::pair<std::uint32_t, float>>& out) {
  const TokenArrays& t = text.tokens;
  if (w.content.size() < vocabulary.size()) {
    w.content.resize(vocabulary.size() + 1024, -1);
    w.weight.resize(vocabulary.size() + 1024, 0.0);
  }
  w.touched.clear();
  std::size_t e = 0;
  const auto& ents = text.entities;
  for (std::size_t k = 0; k < t.size(); ++k) {
    const std::uint32_t id = t.terms[k];
    if (w.content[id] < 0) w.content[id] = is_content_word(vocabulary.term(id)) ? 1 : 0;
    if (!w.content[id]) continue;
    while (e < ents.size() && ents[e].span.end <= t.spans[k].start) ++e;
    const bool in_entity = e < ents.size() && ents[e].span.start <= t.spans[k].start;
    if (w.weight[id] == 0) w.touched.push_back(id);
    w.weight[id] += in_entity ? entity_weight : 1.0;
  }
  out.clear();
  out.reserve(w.touched.size());
  for (const std::uint32_t id : w.touched) {
    out.emplace_back(id, static_cast<float>(w.weight[id]));
    w.weight[id] = 0;
  }
}

// A merge changes only the links of the merged cluster; the queue keeps one valid entry per link (the
// others are stale, skipped by version), so the merges depend on the links alone, not on the order
// entries were pushed.
std::vector<std::size_t> average_link(std::size_t m, const std::vector<Pair>& pairs, double threshold) {
  std::vector<std::size_t> size(m, 1);
  std::vector<unsigned> version(m, 0);
  std::vector<char> alive(m, 1);
  Adjacency adj(m);  // cluster -> its links
  {
    std::vector<std::uint32_t> degree(m, 0);
    for (const Pair& p : pairs) {
      ++degree[p.a];
      ++degree[p.b];
    }
    for (std::size_t i = 0; i < m; ++i) adj[i].reserve(degree[i]);
  }
  for (const Pair& p : pairs) {
    const auto ka = static_cast<std::uint32_t>(adj[p.a].size()), kb = static_cast<std::uint32_t>(adj[p.b].size());
    adj[p.a].push_back(Link{p.b, kb, p.sim});
    adj[p.b].push_back(Link{p.a, ka, p.sim});
  }
  struct Cand {
    double avg;
    std::uint32_t a, b;
    unsigned va, vb;
    bool operator<(const Cand& o) const {
      if (avg != o.avg) return avg < o.avg;
      if (a != o.a) return a > o.a;
      return b > o.b;
    }
  };
  std::priority_queue<Cand> pq;
  auto push = [&](std::uint32_t a, std::uint32_t b, double sum) {
    if (a > b) std::swap(a, b);
    const double avg = sum / static_cast<double>(size[a] * size[b]);
    if (avg >= threshold) pq.push({avg, a, b, version[a], version[b]});
  };
  for (std::size_t i = 0; i < m; ++i)
    for (const Link& l : adj[i])
      if (i < l.to) push(static_cast<std::uint32_t>(i), l.to, l.sum);
  std::vector<std::size_t> parent(m);
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  std::vector<std::uint32_t> where(m, Vocabulary::npos);
  while (!pq.empty()) {
    const Cand c = pq.top();
    pq.pop();
    if (!alive[c.a] || !alive[c.b] || version[c.a] != c.va || version[c.b] != c.vb) continue;
    alive[c.b] = 0;  // merge b into a
    parent[c.b] = c.a;
    size[c.a] += size[c.b];
    ++version[c.a];
    merge_links(adj, c.a, c.b, where);
    // Only links of the merged cluster change; links between other clusters keep their mean.
    for (const Link& l : adj[c.a]) push(c.a, l.to, l.sum);
  }
  std::vector<std::size_t> root(m);
  for (std::size_t i = 0; i < m; ++i) {
    std::size_t r = i;
    while (parent[r] != r) r = parent[r];
    root[i] = r;
  }
  return root;
}

double story_day(const Document& document, const StoryOptions& options) { return parse_day(document.get(options.date_key)); }

std::vector<std::string> group_stories(const Corpus& corpus, const StoryOptions& options, StoryRows rows) {
  check(options);
  if (corpus.empty()) return {};
  if (rows.rows.size() != corpus.size() || rows.owner.size() != corpus.size() || rows.day.size() != corpus.size())
    throw InvalidArgument("group_stories: one row, owner and day per document");
  const unsigned threads = resolve_threads(options.threads);
  return cluster(vectors(corpus, std::move(rows), threads), options, threads);
}

}  // namespace detail

}  // namespace framelens
