// Word choice and likeness: the count matrix (dtm()), outlet x outlet similarity of TF-IDF centroids over
// the corpus and within stories, and each outlet's distinctive terms (keyness against the others).
#include "compare/terms.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "framelens/error.hpp"
#include "framelens/similarity.hpp"
#include "matrix/sum_rows.hpp"
#include "matrix/weighting.hpp"
#include "util/parallel.hpp"

namespace framelens::detail {
namespace {

// Distinctive terms of one outlet (grouped row `g`) against the rest of the corpus: keyness of the terms
// it uses (the only ones that can rank), from the totals, without vectors over the whole vocabulary.
std::vector<DistinctiveTerm> distinctive(const SparseMatrix& grouped, Eigen::Index g, const std::vector<double>& total,
                                         double kept_total, const std::vector<char>& keep,
                                         const std::vector<std::string>& terms, const KeynessOptions& options,
                                         std::size_t top) {
  double nt = 0;
  for (SparseMatrix::InnerIterator it(grouped, g); it; ++it)
    if (keep[static_cast<std::size_t>(it.col())]) nt += it.value();
  const double nr = kept_total - nt;  // whole counts: exact
  if (nt <= 0 || nr <= 0) return {};  // an outlet (or all the others) without words: nothing to contrast
  const TermKeyness score(options, nt, nr, kept_total);
  struct Scored {
    std::size_t term;
    double score, target, reference;
  };
  std::vector<Scored> order;
  for (SparseMatrix::InnerIterator it(grouped, g); it; ++it) {
    const auto t = static_cast<std::size_t>(it.col());
    if (!keep[t] || it.value() <= 0) continue;
    const double a = it.value(), b = total[t] - a;
    const double z = score(a, b, total[t]);
    if (z > 0) order.push_back({t, z, a, b});
  }
  const auto better = [&](const Scored& a, const Scored& b) {
    return a.score != b.score ? a.score > b.score : terms[a.term] < terms[b.term];
  };
  if (order.size() > top) {
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top), order.end(), better);
    order.resize(top);
  } else {
    std::sort(order.begin(), order.end(), better);
  }
  std::vector<DistinctiveTerm> out;
  for (const auto& x : order) out.push_back({terms[x.term], x.score, keyness_p(options.measure, x.score), x.target, x.reference});
  return out;
}

}  // namespace

Vocabulary term_index(const std::vector<std::string>& terms) {
  std::size_t slots = 1024;  // a power of two, at most half full
  while (slots < 2 * terms.size()) slots *= 2;
  Vocabulary index(slots);
  for (const auto& t : terms) index.insert(t);
  return index;
}

DocumentTermMatrix empty_counts(std::size_t documents) {
  DocumentTermMatrix m;
  m.matrix.resize(static_cast<Eigen::Index>(documents), 0);
  m.matrix.makeCompressed();
  return m;
}

DocumentTermMatrix count_terms(const Corpus& corpus, const TokenOptions& tokens, int threads) {
  DtmOptions o;
  o.tokens = tokens;
  o.threads = threads;
  try {
    return dtm(corpus, o);
  } catch (const InvalidArgument&) {
    return empty_counts(corpus.size());  // no document holds a term: every view is then empty, not an error
  }
}

OutletSimilarity outlet_similarity(const CompareContext& ctx, SparseMatrix& counts) {
  const std::size_t G = ctx.n_outlets();
  OutletSimilarity out;
  out.corpus.assign(G * G, 0.0);
  out.stories.assign(G * G, std::numeric_limits<double>::quiet_NaN());
  if (counts.cols() == 0) return out;
  // Rows are L2-normalised TF-IDF vectors, so a group's summed rows point at its centroid.
  weight_in_place(counts, Weighting::tfidf);
  const SparseMatrix& tfidf = counts;
  const SparseMatrix by_outlet = sum_rows(view(tfidf), ctx.outlet_of, G, ctx.threads);
  const DenseMatrix sim = similarity(view(by_outlet), SimilarityMethod::cosine, static_cast<int>(ctx.threads));
  for (std::size_t a = 0; a < G; ++a)
    for (std::size_t b = 0; b < G; ++b)
      out.corpus[a * G + b] = sim(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b));
  const StorySimilarity within = story_similarity(ctx, tfidf);
  for (std::size_t k = 0; k < G * G; ++k)
    if (within.count[k] > 0) out.stories[k] = within.sum[k] / within.count[k];
  return out;
}

StorySimilarity story_similarity(const CompareContext& ctx, const SparseMatrix& tfidf) {
  const std::size_t G = ctx.n_outlets();
  StorySimilarity out;
  out.sum.assign(G * G, 0.0);
  out.count.assign(G * G, 0.0);
  // One centroid per (story, outlet) of the stories two or more outlets report.
  std::unordered_map<std::uint64_t, std::uint32_t> pair_row;
  std::vector<std::uint32_t> pair_of(ctx.corpus.size(), kNoGroup);
  std::vector<char> has_terms(ctx.stories.size(), 0);  // stories of one outlet: does its centroid hold a term?
  for (std::size_t i = 0; i < pair_of.size(); ++i) {
    const std::uint32_t s = ctx.story_of[i];
    if (ctx.story_outlets[s].size() < 2) {
      has_terms[s] |= tfidf.row(static_cast<Eigen::Index>(i)).nonZeros() > 0;
      continue;
    }
    const std::uint64_t key = std::uint64_t{s} * G + ctx.outlet_of[i];
    pair_of[i] = pair_row.emplace(key, static_cast<std::uint32_t>(pair_row.size())).first->second;
  }
  const SparseMatrix centroids = sum_rows(view(tfidf), pair_of, pair_row.size(), ctx.threads);
  std::vector<double> norm(pair_row.size());
  for (std::size_t r = 0; r < norm.size(); ++r) norm[r] = centroids.row(static_cast<Eigen::Index>(r)).norm();
  // Every story's cosines of its outlets' centroids, stories side by side, each unordered pair once (the
  // dot product is the same from either side): (x, y), x <= y, at first[s] + offset(x) + y - x.
  const std::size_t S = ctx.stories.size();
  const auto offset = [](std::size_t k, std::size_t x) { return x * k - x * (x - 1) / 2; };
  std::vector<std::size_t> first(S + 1, 0);
  for (std::size_t s = 0; s < S; ++s) {
    const std::size_t k = ctx.story_outlets[s].size();
    first[s + 1] = first[s] + (k >= 2 ? offset(k, k) : 0);
  }
  std::vector<double> cosine(first[S]);
  parallel_for(S, ctx.threads, 256, [&](std::size_t b, std::size_t e, unsigned) {
    std::vector<Eigen::Index> rows;
    for (std::size_t s = b; s < e; ++s) {
      const auto& outs = ctx.story_outlets[s];
      if (outs.size() < 2) continue;
      rows.clear();
      for (auto a : outs) rows.push_back(static_cast<Eigen::Index>(pair_row.at(std::uint64_t{s} * G + a)));
      double* out_cosine = cosine.data() + first[s];
      for (std::size_t x = 0; x < rows.size(); ++x)
        for (std::size_t y = x; y < rows.size(); ++y) {
          const double d = norm[static_cast<std::size_t>(rows[x])] * norm[static_cast<std::size_t>(rows[y])];
          *out_cosine++ = d > 0 ? centroids.row(rows[x]).dot(centroids.row(rows[y])) / d : 0.0;
        }
    }
  });
  // Added up in story order.
  for (std::size_t s = 0; s < S; ++s) {
    const auto& outs = ctx.story_outlets[s];
    const std::size_t k = outs.size();
    if (k == 1) {  // an outlet alone: the cosine of its centroid with itself
      out.sum[outs[0] * G + outs[0]] += has_terms[s] ? 1.0 : 0.0;
      out.count[outs[0] * G + outs[0]] += 1;
      continue;
    }
    for (std::size_t x = 0; x < k; ++x)
      for (std::size_t y = 0; y < k; ++y) {
        const std::size_t lo = std::min(x, y), hi = std::max(x, y);
        out.sum[outs[x] * G + outs[y]] += cosine[first[s] + offset(k, lo) + hi - lo];
        out.count[outs[x] * G + outs[y]] += 1;
      }
  }
  return out;
}

std::vector<std::vector<DistinctiveTerm>> distinctive_terms(const CompareContext& ctx, const DocumentTermMatrix& counts,
                                                            std::vector<std::size_t>& types) {
  const std::size_t G = ctx.n_outlets(), V = counts.terms.size();
  std::vector<std::vector<DistinctiveTerm>> out(G);
  types.assign(G, 0);
  if (V == 0) return out;
  const SparseMatrix by_outlet = sum_rows(view(counts.matrix), ctx.outlet_of, G, ctx.threads);
  for (std::size_t g = 0; g < G; ++g) types[g] = static_cast<std::size_t>(by_outlet.row(static_cast<Eigen::Index>(g)).nonZeros());
  if (G < 2) return out;
  std::vector<char> keep(V, 1);
  if (ctx.options.house_style) {
    std::unordered_set<std::string> drop;
    for (auto& w : house_style_terms(ctx.outlets)) drop.insert(w);
    for (std::size_t t = 0; t < V; ++t) keep[t] = drop.count(counts.terms[t]) ? 0 : 1;
  }
  std::vector<double> total(V, 0.0);
  for (Eigen::Index r = 0; r < by_outlet.outerSize(); ++r)
    for (SparseMatrix::InnerIterator it(by_outlet, r); it; ++it) total[static_cast<std::size_t>(it.col())] += it.value();
  double kept_total = 0;
  for (std::size_t t = 0; t < V; ++t) kept_total += keep[t] ? total[t] : 0.0;
  parallel_for(G, ctx.threads, 1, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t g = b; g < e; ++g)
      out[g] = distinctive(by_outlet, static_cast<Eigen::Index>(g), total, kept_total, keep, counts.terms,
                           ctx.options.keyness, ctx.options.top_terms);
  });
  return out;
}

}  // namespace framelens::detail

namespace framelens {

std::vector<DistinctiveTerm> keyness_terms(const Corpus& corpus, const std::vector<std::string>& labels,
                                           const std::string& target, const std::string& reference,
                                           const KeynessOptions& options, bool house_style, std::size_t top,
                                           int threads, const TokenOptions& tokens) {
  if (labels.size() != corpus.size())
    throw InvalidArgument("keyness: " + std::to_string(labels.size()) + " labels for " + std::to_string(corpus.size()) +
                          " documents; give one label per document");
  if (std::find(labels.begin(), labels.end(), target) == labels.end())
    throw NotFound("keyness: no document is labelled '" + target + "' (the target)");
  if (!reference.empty() && std::find(labels.begin(), labels.end(), reference) == labels.end())
    throw NotFound("keyness: no document is labelled '" + reference + "' (the reference)");
  const DocumentTermMatrix counts = detail::count_terms(corpus, tokens, threads);
  const std::size_t V = counts.terms.size();
  std::unordered_set<std::string> drop;
  if (house_style) {
    std::vector<std::string> names;
    detail::index_labels(labels, names);
    for (auto& w : house_style_terms(names)) drop.insert(w);
  }
  std::vector<double> t(V, 0.0), r(V, 0.0);
  for (Eigen::Index i = 0; i < counts.matrix.outerSize(); ++i) {
    const bool in_t = labels[static_cast<std::size_t>(i)] == target;
    const bool in_r = reference.empty() ? !in_t : labels[static_cast<std::size_t>(i)] == reference;
    if (!in_t && !in_r) continue;
    for (SparseMatrix::InnerIterator it(counts.matrix, i); it; ++it)
      if (!drop.count(counts.terms[static_cast<std::size_t>(it.col())]))
        (in_t ? t : r)[static_cast<std::size_t>(it.col())] += it.value();
  }
  // Terms neither side uses do not exist for this contrast (as a matrix of these documents alone).
  std::vector<std::size_t> used;
  for (std::size_t k = 0; k < V; ++k)
    if (t[k] + r[k] > 0) used.push_back(k);
  std::vector<double> tu, ru;
  for (auto k : used) { tu.push_back(t[k]); ru.push_back(r[k]); }
  const KeynessResult res = keyness(tu, ru, options);
  std::vector<std::size_t> order(used.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (res.score[a] != res.score[b]) return res.score[a] > res.score[b];
    return counts.terms[used[a]] < counts.terms[used[b]];
  });
  std::vector<DistinctiveTerm> out;
  for (auto i : order) {
    if (top && out.size() >= top) break;
    if (top && res.score[i] <= 0) break;
    out.push_back({counts.terms[used[i]], res.score[i], res.p[i], res.n_target[i], res.n_reference[i]});
  }
  return out;
}

}  // namespace framelens
