// Sentence alignment: inside each story that two or more outlets cover, the TF-IDF cosine of every
// sentence with the sentences of the other outlets (accumulated through the story's term postings, the
// sentence's own outlet skipped), kept as the best match per other outlet. Stories run side by side; a large story spreads its blocks instead.
#include "compare/alignment.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <unordered_map>

#include "framelens/error.hpp"
#include "util/parallel.hpp"

namespace framelens::detail {
namespace {

using SpMat = Eigen::SparseMatrix<double, Eigen::RowMajor>;
constexpr std::size_t kBlock = 512;

// Sentences repeated word for word in three or more documents of one outlet are house furniture (a
// footer, a cookie banner), not reporting; the same rule as ingestion's repeated-line cleaning, for
// documents added without it. (Two copies may be a re-published article.)
SentenceKeys repeated_sentences(const CompareContext& ctx, const std::vector<std::vector<std::uint64_t>>& hashes) {
  struct Key {
    std::uint64_t hash;
    std::uint32_t outlet, document;
  };
  std::vector<Key> all;
  for (std::size_t i = 0; i < hashes.size(); ++i)
    for (const auto h : hashes[i]) all.push_back({h, ctx.outlet_of[i], static_cast<std::uint32_t>(i)});
  std::sort(all.begin(), all.end(), [](const Key& a, const Key& b) {
    return a.outlet != b.outlet ? a.outlet < b.outlet : a.hash != b.hash ? a.hash < b.hash : a.document < b.document;
  });
  SentenceKeys repeated;
  for (std::size_t a = 0, b = 0; a < all.size(); a = b) {
    std::size_t distinct = 0;
    for (b = a; b < all.size() && all[b].outlet == all[a].outlet && all[b].hash == all[a].hash; ++b)
      distinct += b == a || all[b].document != all[b - 1].document;
    if (distinct >= 3) repeated.emplace_back(all[a].outlet, all[a].hash);
  }
  return repeated;
}

std::vector<std::vector<char>> furniture(const CompareContext& ctx, const std::vector<std::vector<std::uint64_t>>& hashes,
                                         const SentenceKeys& repeated) {
  std::vector<std::vector<char>> out(hashes.size());
  parallel_for(hashes.size(), ctx.threads, 64, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t i = b; i < e; ++i) {
      out[i].assign(hashes[i].size(), 0);
      for (std::size_t s = 0; s < hashes[i].size(); ++s)
        out[i][s] = std::binary_search(repeated.begin(), repeated.end(), std::make_pair(ctx.outlet_of[i], hashes[i][s]));
    }
  });
  return out;
}

struct StoryResult {
  std::vector<Alignment::Row> rows;
  std::size_t width = 0;                  // other outlets of the story: matches per row
  std::vector<Alignment::Match> best;     // row r's: best[r * width .. (r + 1) * width), by outlet
};

// The better of two best matches of one row for one outlet: the higher cosine, the earlier row on a tie.
void offer_merge(Alignment::Match& best, const Alignment::Match& other) {
  if (other.similarity > best.similarity || (other.similarity == best.similarity && (best.row < 0 || other.row < best.row)))
    best = other;
}

StoryResult align_story(const CompareContext& ctx, std::size_t s, const std::vector<DocAnalysis>& docs,
                        const std::vector<std::vector<char>>& skip, const std::vector<double>& document_frequency,
                        double documents, unsigned threads) {
  StoryResult out;
  const auto& outs = ctx.story_outlets[s];
  if (outs.size() < 2) return out;
  // Story sentences x story-local terms.
  std::vector<std::uint32_t> row_outlet;
  std::vector<Eigen::Triplet<double>> trip;
  std::unordered_map<std::uint32_t, std::uint32_t> local;
  std::vector<double> df;
  std::vector<std::uint32_t> global;
  for (auto i : ctx.story_documents[s]) {
    const auto& d = docs[i];
    for (std::uint32_t k = 0; k < d.sentences.size(); ++k) {
      if (d.sentence_words[k] < ctx.options.min_sentence_words || skip[i][k] || d.term_start[k] == d.term_start[k + 1])
        continue;
      std::vector<std::uint32_t> terms(d.terms.begin() + d.term_start[k], d.terms.begin() + d.term_start[k + 1]);
      std::sort(terms.begin(), terms.end());
      const int r = static_cast<int>(out.rows.size());
      for (std::size_t a = 0, b = 0; a < terms.size(); a = b) {
        for (b = a; b < terms.size() && terms[b] == terms[a]; ++b) {}
        auto [it, fresh] = local.emplace(terms[a], static_cast<std::uint32_t>(df.size()));
        if (fresh) { df.push_back(0); global.push_back(terms[a]); }
        df[it->second] += 1;
        trip.emplace_back(r, static_cast<int>(it->second), static_cast<double>(b - a));
      }
      out.rows.push_back({i, k});
      row_outlet.push_back(ctx.outlet_of[i]);
    }
  }
  const std::size_t M = out.rows.size();
  if (M == 0) return out;
  // Sentence idf over the story's sentences (words every outlet of the story uses, like its actors'
  // names, weigh little) or over the corpus's documents.
  const bool corpus_idf = ctx.options.idf_scope == "corpus";
  const double n = corpus_idf ? documents : static_cast<double>(M);
  for (auto& t : trip) {
    const double f = corpus_idf ? document_frequency[global[static_cast<std::size_t>(t.col())]] : df[static_cast<std::size_t>(t.col())];
    t = Eigen::Triplet<double>(t.row(), t.col(), t.value() * (std::log((1.0 + n) / (1.0 + f)) + 1.0));
  }
  SpMat sub(static_cast<Eigen::Index>(M), static_cast<Eigen::Index>(df.size()));
  sub.setFromTriplets(trip.begin(), trip.end());
  for (Eigen::Index r = 0; r < sub.outerSize(); ++r) {
    const double norm = sub.row(r).norm();
    if (norm > 0) sub.row(r) /= norm;
  }
  const SpMat subT = SpMat(sub.transpose());
  const auto slot = [&](std::uint32_t g) {
    return static_cast<std::size_t>(std::lower_bound(outs.begin(), outs.end(), g) - outs.begin());
  };
  out.width = outs.size() - 1;
  out.best.reserve(M * out.width);
  for (std::size_t r = 0; r < M; ++r)
    for (auto g : outs)
      if (g != row_outlet[r]) out.best.push_back({g, -1, 0.0});
  std::vector<std::uint32_t> row_slot(M);
  for (std::size_t r = 0; r < M; ++r) row_slot[r] = static_cast<std::uint32_t>(slot(row_outlet[r]));
  // Each pair of sentences of different outlets that share a term, once: sentence m's dot products with
  // the later sentences r, accumulated through the term postings (subT's rows) in m's column order. The
  // products and their order are the same from either side, so the cosine is the one a full product
  // gives both rows. Each side keeps its best per other outlet, the first in row order on a tie; workers
  // keep their own bests, merged at the end.
  const auto offer = [&](std::vector<Alignment::Match>& best, std::size_t m, std::uint32_t r, double similarity) {
    const std::uint32_t own = row_slot[m], other = row_slot[r];
    auto& b = best[m * out.width + (other > own ? other - 1 : other)];
    if (similarity > b.similarity || (similarity == b.similarity && b.row >= 0 && static_cast<std::int32_t>(r) < b.row)) {
      b.similarity = similarity;
      b.row = static_cast<std::int32_t>(r);
    }
  };
  const std::size_t blocks = (M + kBlock - 1) / kBlock;
  const unsigned workers = static_cast<unsigned>(std::min<std::size_t>(std::max(1u, threads), blocks));
  std::vector<std::vector<Alignment::Match>> extra(workers - 1, out.best);  // workers 1.. (worker 0 writes out.best)
  const auto* post_start = subT.outerIndexPtr();
  const auto* post_row = subT.innerIndexPtr();
  const double* post_value = subT.valuePtr();
  parallel_for(blocks, workers, 1, [&](std::size_t bb, std::size_t be, unsigned worker) {
    auto& best = worker == 0 ? out.best : extra[worker - 1];
    std::vector<double> dot(M, 0.0);
    std::vector<std::uint32_t> touched;
    for (std::size_t m = bb * kBlock; m < std::min(M, be * kBlock); ++m) {
      const std::uint32_t own = row_slot[m];
      touched.clear();
      for (SpMat::InnerIterator t(sub, static_cast<Eigen::Index>(m)); t; ++t) {
        const auto* end = post_row + post_start[t.col() + 1];
        for (const auto* p = std::upper_bound(post_row + post_start[t.col()], end, static_cast<int>(m)); p != end; ++p) {
          const auto r = static_cast<std::size_t>(*p);
          if (row_slot[r] == own) continue;
          if (dot[r] == 0.0) touched.push_back(static_cast<std::uint32_t>(r));
          dot[r] += t.value() * post_value[p - post_row];
        }
      }
      for (const std::uint32_t r : touched) {
        offer(best, m, r, dot[r]);
        offer(best, r, static_cast<std::uint32_t>(m), dot[r]);
        dot[r] = 0.0;
      }
    }
  });
  for (const auto& other : extra)
    for (std::size_t k = 0; k < out.best.size(); ++k)
      if (other[k].row >= 0) offer_merge(out.best[k], other[k]);
  return out;
}

}  // namespace

namespace {

void hash_sentences(std::string_view text, const std::vector<Span>& sentences, std::vector<std::uint64_t>& out) {
  out.reserve(sentences.size());
  for (const auto& s : sentences) out.push_back(detail::hash_bytes(text.substr(s.start, s.size())));
}

}  // namespace

std::vector<std::vector<std::uint64_t>> sentence_hashes(const CompareContext& ctx, const std::vector<DocAnalysis>& docs) {
  std::vector<std::vector<std::uint64_t>> out(docs.size());
  parallel_for(docs.size(), ctx.threads, 64, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t i = b; i < e; ++i) hash_sentences(ctx.corpus[i].text, docs[i].sentences, out[i]);
  });
  return out;
}

std::vector<std::vector<std::uint64_t>> sentence_hashes(const Corpus& corpus, unsigned threads) {
  std::vector<std::vector<std::uint64_t>> out(corpus.size());
  parallel_for(corpus.size(), threads, 64, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t i = b; i < e; ++i) hash_sentences(corpus[i].text, document_sentences(corpus[i]), out[i]);
  });
  return out;
}

namespace {

Alignment align(const CompareContext& ctx, const std::vector<DocAnalysis>& docs, const std::vector<double>& document_frequency,
                const std::vector<std::vector<char>>& skip, double documents) {
  const std::size_t S = ctx.stories.size();
  std::vector<StoryResult> parts(S);
  std::vector<std::size_t> small, large;
  for (std::size_t s = 0; s < S; ++s) {
    std::size_t sentences = 0;
    for (auto i : ctx.story_documents[s]) sentences += docs[i].sentences.size();
    (sentences <= 4 * kBlock ? small : large).push_back(s);
  }
  parallel_for(small.size(), ctx.threads, 4, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t k = b; k < e; ++k) parts[small[k]] = align_story(ctx, small[k], docs, skip, document_frequency, documents, 1);
  });
  for (auto s : large) parts[s] = align_story(ctx, s, docs, skip, document_frequency, documents, ctx.threads);
  Alignment a;
  std::size_t rows = 0, matches = 0;
  for (const auto& p : parts) {
    rows += p.rows.size();
    matches += p.best.size();
  }
  if (rows > static_cast<std::size_t>(INT32_MAX))
    throw InvalidArgument("alignment: " + std::to_string(rows) + " sentences to align, more than 2^31-1; compare the "
                          "corpus in pieces (framelens.dask) or with fewer stories");
  a.rows.reserve(rows);
  a.story.reserve(rows);
  a.match_start.reserve(rows + 1);
  a.matches.reserve(matches);
  a.match_start.push_back(0);
  for (std::size_t s = 0; s < S; ++s) {
    auto& p = parts[s];
    const auto offset = static_cast<std::int64_t>(a.rows.size());
    for (std::size_t r = 0; r < p.rows.size(); ++r) {
      a.rows.push_back(p.rows[r]);
      a.story.push_back(static_cast<std::uint32_t>(s));
      for (std::size_t k = r * p.width; k < (r + 1) * p.width; ++k) {
        Alignment::Match m = p.best[k];
        if (m.row >= 0) m.row = static_cast<std::int32_t>(m.row + offset);
        a.matches.push_back(m);
      }
      a.match_start.push_back(static_cast<std::uint32_t>(a.matches.size()));
    }
    StoryResult().rows.swap(p.rows);
    std::vector<Alignment::Match>().swap(p.best);
  }
  return a;
}

}  // namespace

Alignment align_sentences(const CompareContext& ctx, const std::vector<DocAnalysis>& docs,
                          const std::vector<double>& document_frequency) {
  const auto hashes = sentence_hashes(ctx, docs);
  return align(ctx, docs, document_frequency, furniture(ctx, hashes, repeated_sentences(ctx, hashes)),
               static_cast<double>(ctx.corpus.size()));
}

Alignment align_sentences(const CompareContext& ctx, const std::vector<DocAnalysis>& docs,
                          const std::vector<double>& document_frequency, const SentenceKeys& repeated, double documents) {
  return align(ctx, docs, document_frequency, furniture(ctx, sentence_hashes(ctx, docs), repeated), documents);
}

}  // namespace framelens::detail
