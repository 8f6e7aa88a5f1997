// The comparison: coverage/omission by sentence alignment, distinctive terms, sourcing, actors, frames,
// outlet similarity; and its JSON form.
#include "framelens/compare.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <Eigen/SparseCore>
#include <nlohmann/json.hpp>

#include "compare/compare_text.hpp"
#include "framelens/data.hpp"
#include "framelens/error.hpp"
#include "framelens/quotes.hpp"
#include "framelens/threads.hpp"
#include "framelens/utf8.hpp"
#include "util/parallel.hpp"

namespace framelens {
namespace {

using SpMat = Eigen::SparseMatrix<double, Eigen::RowMajor>;
using Triplet = Eigen::Triplet<double>;

struct SentenceRow {
  std::size_t doc, sentence;
  Span span;
  std::size_t words;
};

std::vector<std::size_t> index_of(const std::vector<std::string>& values, const std::vector<std::string>& keys) {
  std::unordered_map<std::string, std::size_t> pos;
  for (std::size_t i = 0; i < keys.size(); ++i) pos.emplace(keys[i], i);
  std::vector<std::size_t> out(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) out[i] = pos.at(values[i]);
  return out;
}

std::vector<std::string> distinct_in_order(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const auto& v : values)
    if (seen.insert(v).second) out.push_back(v);
  return out;
}

// L2-normalised rows (in place).
void normalise_rows(SpMat& m) {
  for (Eigen::Index r = 0; r < m.outerSize(); ++r) {
    double n = 0;
    for (SpMat::InnerIterator it(m, r); it; ++it) n += it.value() * it.value();
    if (n <= 0) continue;
    n = std::sqrt(n);
    for (SpMat::InnerIterator it(m, r); it; ++it) it.valueRef() /= n;
  }
}

std::vector<std::vector<double>> cosine_rows(const SpMat& m) {
  SpMat x = m;
  normalise_rows(x);
  const SpMat g = x * SpMat(x.transpose());
  const auto n = static_cast<std::size_t>(m.rows());
  std::vector<std::vector<double>> out(n, std::vector<double>(n, 0.0));
  for (Eigen::Index r = 0; r < g.outerSize(); ++r)
    for (SpMat::InnerIterator it(g, r); it; ++it)
      out[static_cast<std::size_t>(r)][static_cast<std::size_t>(it.col())] = it.value();
  return out;
}

std::string lower_ascii(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::vector<DistinctiveTerm> keyness_terms(const Corpus& corpus, const std::vector<std::string>& labels,
                                           const std::string& target, const std::string& reference,
                                           const KeynessOptions& options, bool house_style, std::size_t top,
                                           int threads) {
  if (labels.size() != corpus.size())
    throw InvalidArgument("keyness: " + std::to_string(labels.size()) + " labels for " + std::to_string(corpus.size()) +
                          " documents; give one label per document");
  if (std::find(labels.begin(), labels.end(), target) == labels.end())
    throw NotFound("keyness: no document is labelled '" + target + "' (the target)");
  if (!reference.empty() && std::find(labels.begin(), labels.end(), reference) == labels.end())
    throw NotFound("keyness: no document is labelled '" + reference + "' (the reference)");
  const auto texts = detail::analyse(corpus, threads);
  std::unordered_set<std::string> drop;
  if (house_style)
    for (auto& w : house_style_terms(distinct_in_order(labels))) drop.insert(w);
  detail::Vocabulary vocab;
  std::vector<double> t, r;
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    const bool in_t = labels[i] == target;
    const bool in_r = reference.empty() ? !in_t : labels[i] == reference;
    if (!in_t && !in_r) continue;
    for (const auto& tok : texts[i].tokens) {
      if (!detail::is_content(tok) || drop.count(tok.text)) continue;
      const auto id = vocab.id(tok.text);
      if (id >= t.size()) { t.resize(id + 1, 0.0); r.resize(id + 1, 0.0); }
      (in_t ? t : r)[id] += 1;
    }
  }
  const KeynessResult k = keyness(t, r, options);
  std::vector<std::size_t> order(t.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (k.score[a] != k.score[b]) return k.score[a] > k.score[b];
    return vocab.term(a) < vocab.term(b);
  });
  std::vector<DistinctiveTerm> out;
  for (auto i : order) {
    if (top && out.size() >= top) break;
    if (top && k.score[i] <= 0) break;
    out.push_back({vocab.term(i), k.score[i], k.p[i], k.n_target[i], k.n_reference[i]});
  }
  return out;
}

std::map<std::string, std::vector<std::string>> gazetteer_actors() {
  std::map<std::string, std::vector<std::string>> out;
  const auto text = data::embedded("gazetteer.json");
  if (text.empty()) return out;
  const auto j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded() || !j.contains("countries") || !j["countries"].is_object()) return out;
  for (auto it = j["countries"].begin(); it != j["countries"].end(); ++it) {
    std::vector<std::string> labels{it.key()};
    const auto& v = it.value();
    auto add = [&](const char* key, const char* suffix) {
      if (!v.contains(key) || !v[key].is_array()) return;
      for (const auto& x : v[key])
        if (x.is_string()) {
          const std::string s = x.get<std::string>() + suffix;
          if (s.find('\'') == std::string::npos && std::find(labels.begin(), labels.end(), s) == labels.end())
            labels.push_back(s);
        }
    };
    add("names", "");
    add("metonyms", "");
    add("demonyms", " government");
    add("demonyms", " regime");
    add("demonyms", " authorities");
    out[it.key()] = std::move(labels);
  }
  return out;
}

std::vector<SourceStatement> extract_statements(const Corpus& corpus, int threads) {
  const std::size_t n = corpus.size();
  std::vector<QuoteResult> results(n);
  std::map<std::string, std::unique_ptr<QuoteExtractor>> extractors;
  std::vector<const QuoteExtractor*> of_doc(n, nullptr);
  for (std::size_t i = 0; i < n; ++i) {
    std::string lang(corpus[i].get("lang"));
    if (lang.empty()) lang = "en";
    auto it = extractors.find(lang);
    if (it == extractors.end()) {
      std::unique_ptr<QuoteExtractor> ex;
      try {
        ex = std::make_unique<QuoteExtractor>(lang);
      } catch (const InvalidArgument&) {
        // no cue lexicon for this language: its documents contribute no statements
      }
      it = extractors.emplace(lang, std::move(ex)).first;
    }
    of_doc[i] = it->second.get();
  }
  detail::parallel_for(n, resolve_threads(threads), 2, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t i = b; i < e; ++i)
      if (of_doc[i]) results[i] = of_doc[i]->extract(corpus[i]);
  });
  canonicalize_speakers(results);
  std::vector<SourceStatement> out;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& text = corpus[i].text;
    for (const auto& q : results[i].quotes) {
      SourceStatement st;
      st.document = i;
      st.span = q.content();
      st.kind = to_string(q.kind);
      if (q.cue.end > q.cue.start) st.cue = text.substr(q.cue.start, q.cue.size());
      if (q.speaker >= 0 && static_cast<std::size_t>(q.speaker) < results[i].speakers.size()) {
        const auto& sp = results[i].speakers[static_cast<std::size_t>(q.speaker)];
        st.speaker = sp.name;
        st.anonymous = sp.anonymous;
        st.affiliation = sp.affiliation;
        st.source_type = to_string(sp.type);
      }
      out.push_back(std::move(st));
    }
  }
  return out;
}

Comparison compare(const Corpus& corpus, const CompareOptions& opt) {
  const std::size_t n = corpus.size();
  if (n == 0) throw InvalidArgument("compare: the corpus is empty; add documents from at least two outlets");
  if (!opt.stories.empty() && opt.stories.size() != n)
    throw InvalidArgument("compare: " + std::to_string(opt.stories.size()) + " story labels for " + std::to_string(n) +
                          " documents; give one per document");
  if (!(opt.align_threshold > 0 && opt.align_threshold <= 1))
    throw InvalidArgument("compare: align_threshold must be in (0, 1]");
  const FrameLexicon& lexicon = opt.frames ? *opt.frames : FrameLexicon::generic();

  Comparison c;
  c.by = opt.by;
  c.align_threshold = opt.align_threshold;
  c.keyness_measure = to_string(opt.keyness.measure);
  const auto group = corpus.labels(opt.by);
  c.outlets = distinct_in_order(group);
  const std::size_t G = c.outlets.size();
  const auto g_of = index_of(group, c.outlets);
  std::vector<std::string> story = opt.stories.empty() ? std::vector<std::string>(n, "all") : opt.stories;
  for (const auto& f : lexicon.frames()) c.frame_names.push_back(f.name);
  c.profiles.resize(G);
  for (std::size_t g = 0; g < G; ++g) c.profiles[g].outlet = c.outlets[g];

  const auto texts = detail::analyse(corpus, opt.threads);

  // ---- documents, tokens, frames -------------------------------------------------------------------
  c.documents.resize(n);
  const std::vector<FrameScores> doc_frames = lexicon.score(corpus, opt.threads);  // the project tokenizer
  std::vector<std::vector<double>> frame_weight(G, std::vector<double>(lexicon.size(), 0.0));
  std::vector<std::size_t> frame_tokens(G, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& d = corpus[i];
    auto& info = c.documents[i];
    info.document = i;
    info.id = d.id;
    info.outlet = group[i];
    info.title = d.title;
    info.story = story[i];
    info.date = std::string(d.get("date"));
    info.tokens = texts[i].words;
    auto& p = c.profiles[g_of[i]];
    p.documents += 1;
    p.tokens += texts[i].words;
    p.sentences += texts[i].sentences.size();
    for (std::size_t f = 0; f < lexicon.size(); ++f) {
      info.frames.push_back(doc_frames[i].value[f]);
      frame_weight[g_of[i]][f] += lexicon.scale() == FrameScale::logistic ? doc_frames[i].value[f] : doc_frames[i].weight[f];
    }
    frame_tokens[g_of[i]] += doc_frames[i].tokens;
  }
  for (std::size_t g = 0; g < G; ++g) {
    auto& p = c.profiles[g];
    p.frame_hits.resize(lexicon.size());
    for (std::size_t f = 0; f < lexicon.size(); ++f) {
      if (lexicon.scale() == FrameScale::logistic)  // the mean probability over the outlet's documents
        p.frames.push_back(p.documents ? frame_weight[g][f] / static_cast<double>(p.documents) : 0.0);
      else
        p.frames.push_back(frame_tokens[g] ? 1000.0 * frame_weight[g][f] / static_cast<double>(frame_tokens[g]) : 0.0);
    }
  }
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t f = 0; f < lexicon.size(); ++f)
      for (const auto& [pat, w] : doc_frames[i].hits[f]) c.profiles[g_of[i]].frame_hits[f][pat] += w;

  // ---- vocabulary, document and outlet term counts ----------------------------------------------------
  detail::Vocabulary vocab;
  std::unordered_set<std::string> drop;
  if (opt.house_style)
    for (auto& w : house_style_terms(c.outlets)) drop.insert(w);
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> doc_terms(n);  // (term, count)
  std::vector<std::vector<long>> token_term(n);                               // term id per token, -1 none
  for (std::size_t i = 0; i < n; ++i) {
    std::map<std::size_t, std::size_t> counts;
    token_term[i].assign(texts[i].tokens.size(), -1);
    for (std::size_t k = 0; k < texts[i].tokens.size(); ++k) {
      const auto& tok = texts[i].tokens[k];
      if (!detail::is_content(tok)) continue;
      const auto id = vocab.id(tok.text);
      token_term[i][k] = static_cast<long>(id);
      counts[id] += 1;
    }
    doc_terms[i].assign(counts.begin(), counts.end());
  }
  const std::size_t V = vocab.size();
  {
    std::vector<std::unordered_set<std::size_t>> types(G);
    for (std::size_t i = 0; i < n; ++i)
      for (const auto& [t, k] : doc_terms[i]) types[g_of[i]].insert(t);
    for (std::size_t g = 0; g < G; ++g) c.profiles[g].types = types[g].size();
  }
  std::vector<double> df(V, 0.0);
  for (const auto& dt : doc_terms)
    for (const auto& [t, k] : dt) df[t] += 1;

  // Outlet x outlet similarity: summed counts per outlet, scikit-learn style smooth idf over documents.
  {
    auto idf = [&](std::size_t t) { return std::log((1.0 + static_cast<double>(n)) / (1.0 + df[t])) + 1.0; };
    std::vector<Triplet> trip;
    for (std::size_t i = 0; i < n; ++i)
      for (const auto& [t, k] : doc_terms[i]) trip.emplace_back(static_cast<int>(g_of[i]), static_cast<int>(t), k * idf(t));
    SpMat m(static_cast<Eigen::Index>(G), static_cast<Eigen::Index>(V));
    m.setFromTriplets(trip.begin(), trip.end());
    c.similarity = cosine_rows(m);
    // Within stories: outlet vectors per story, cosine averaged over the stories two outlets share.
    const auto story_names = distinct_in_order(story);
    const auto s_of = index_of(story, story_names);
    std::vector<std::vector<double>> acc(G, std::vector<double>(G, 0.0)), cnt(G, std::vector<double>(G, 0.0));
    for (std::size_t s = 0; s < story_names.size(); ++s) {
      std::vector<Triplet> st;
      std::vector<char> present(G, 0);
      for (std::size_t i = 0; i < n; ++i) {
        if (s_of[i] != s) continue;
        present[g_of[i]] = 1;
        for (const auto& [t, k] : doc_terms[i]) st.emplace_back(static_cast<int>(g_of[i]), static_cast<int>(t), k * idf(t));
      }
      SpMat sm(static_cast<Eigen::Index>(G), static_cast<Eigen::Index>(V));
      sm.setFromTriplets(st.begin(), st.end());
      const auto cs = cosine_rows(sm);
      for (std::size_t a = 0; a < G; ++a)
        for (std::size_t b = 0; b < G; ++b)
          if (present[a] && present[b]) { acc[a][b] += cs[a][b]; cnt[a][b] += 1; }
    }
    c.story_similarity.assign(G, std::vector<double>(G, std::numeric_limits<double>::quiet_NaN()));
    for (std::size_t a = 0; a < G; ++a)
      for (std::size_t b = 0; b < G; ++b)
        if (cnt[a][b] > 0) c.story_similarity[a][b] = acc[a][b] / cnt[a][b];
  }

  // ---- distinctive terms: each outlet against all the others ---------------------------------------
  if (G >= 2) {
    std::vector<std::vector<double>> gc(G, std::vector<double>(V, 0.0));
    for (std::size_t i = 0; i < n; ++i)
      for (const auto& [t, k] : doc_terms[i]) gc[g_of[i]][t] += static_cast<double>(k);
    std::vector<char> keep(V, 1);
    for (std::size_t t = 0; t < V; ++t)
      if (drop.count(vocab.term(t))) keep[t] = 0;
    std::vector<double> total(V, 0.0);
    for (std::size_t g = 0; g < G; ++g)
      for (std::size_t t = 0; t < V; ++t) total[t] += keep[t] ? gc[g][t] : 0.0;
    detail::parallel_for(G, resolve_threads(opt.threads), 1, [&](std::size_t b, std::size_t e, unsigned) {
      for (std::size_t g = b; g < e; ++g) {
        std::vector<double> tg(V), rf(V);
        double nt = 0, nr = 0;
        for (std::size_t t = 0; t < V; ++t) {
          tg[t] = keep[t] ? gc[g][t] : 0.0;
          rf[t] = total[t] - tg[t];
          nt += tg[t];
          nr += rf[t];
        }
        if (nt <= 0 || nr <= 0) continue;  // an outlet (or all the others) without words: nothing to contrast
        const auto k = keyness(tg, rf, opt.keyness);
        std::vector<std::size_t> order;
        for (std::size_t t = 0; t < V; ++t)
          if (tg[t] > 0 && k.score[t] > 0) order.push_back(t);
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b2) {
          if (k.score[a] != k.score[b2]) return k.score[a] > k.score[b2];
          return vocab.term(a) < vocab.term(b2);
        });
        if (order.size() > opt.top_terms) order.resize(opt.top_terms);
        for (auto t : order) c.profiles[g].distinctive_terms.push_back({vocab.term(t), k.score[t], k.p[t], tg[t], rf[t]});
      }
    });
  }

  // ---- sentence alignment: coverage and omission -----------------------------------------------------
  std::vector<SentenceRow> rows;
  std::vector<std::vector<Triplet>> sent_trip;
  {
    // Boilerplate guard: a sentence repeated word for word in three or more documents of one outlet is
    // house furniture (a footer, a cookie banner), not reporting; the same rule as ingestion's
    // repeated-line cleaning, for documents added without it. (Two copies may be a re-published article.)
    std::map<std::pair<std::size_t, std::string>, std::set<std::size_t>> seen;
    for (std::size_t i = 0; i < n; ++i)
      for (const auto& s : texts[i].sentences)
        seen[{g_of[i], std::string(corpus[i].text.substr(s.start, s.size()))}].insert(i);
    std::vector<Triplet> trip;
    std::vector<double> sdf(V, 0.0);
    std::vector<std::vector<std::pair<std::size_t, double>>> row_terms;
    for (std::size_t i = 0; i < n; ++i) {
      const auto& t = texts[i];
      std::vector<std::map<std::size_t, double>> per(t.sentences.size());
      std::vector<std::size_t> words(t.sentences.size(), 0);
      for (std::size_t k = 0; k < t.tokens.size(); ++k) {
        const auto s = t.token_sentence[k];
        if (s >= t.sentences.size()) continue;
        ++words[s];
        if (token_term[i][k] >= 0) per[s][static_cast<std::size_t>(token_term[i][k])] += 1;
      }
      for (std::size_t s = 0; s < t.sentences.size(); ++s) {
        if (words[s] < opt.min_sentence_words || per[s].empty()) continue;
        const Span sp = t.sentences[s];
        if (seen[{g_of[i], std::string(corpus[i].text.substr(sp.start, sp.size()))}].size() >= 3) continue;
        rows.push_back({i, s, sp, words[s]});
        row_terms.emplace_back(per[s].begin(), per[s].end());
        for (const auto& [term, k] : per[s]) sdf[term] += 1;
      }
    }
    // Sentence idf: over the sentences of the row's own story (words every outlet of the story uses,
    // like the names of its actors, weigh little there) or over the whole corpus.
    const auto story_names0 = distinct_in_order(story);
    const auto s_of0 = index_of(story, story_names0);
    const bool per_story = opt.idf_scope == "story";
    std::vector<std::unordered_map<std::size_t, double>> story_df(per_story ? story_names0.size() : 0);
    std::vector<double> story_rows(story_names0.size(), 0.0);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      story_rows[s_of0[rows[r].doc]] += 1;
      if (per_story)
        for (const auto& [term, k] : row_terms[r]) story_df[s_of0[rows[r].doc]][term] += 1;
    }
    const double ns = static_cast<double>(rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const std::size_t st = s_of0[rows[r].doc];
      for (const auto& [term, k] : row_terms[r]) {
        const double idf = per_story ? std::log((1.0 + story_rows[st]) / (1.0 + story_df[st][term])) + 1.0
                                     : std::log((1.0 + ns) / (1.0 + sdf[term])) + 1.0;
        trip.emplace_back(static_cast<int>(r), static_cast<int>(term), k * idf);
      }
    }
    SpMat S(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(V));
    S.setFromTriplets(trip.begin(), trip.end());
    normalise_rows(S);

    const auto story_names = distinct_in_order(story);
    const auto s_of = index_of(story, story_names);
    std::vector<SentenceRef> refs(rows.size());
    std::vector<std::vector<double>> best(rows.size(), std::vector<double>(G, -1.0));  // -1: outlet absent
    std::vector<std::vector<long>> best_row(rows.size(), std::vector<long>(G, -1));     // the best sentence there
    std::vector<std::vector<std::size_t>> story_members(story_names.size());
    for (std::size_t r = 0; r < rows.size(); ++r) story_members[s_of[rows[r].doc]].push_back(r);
    std::vector<std::vector<char>> story_present(story_names.size(), std::vector<char>(G, 0));
    for (std::size_t i = 0; i < n; ++i) story_present[s_of[i]][g_of[i]] = 1;
    // One story: its rows against each other, in blocks of kBlock rows (bounded memory for stories of
    // thousands of sentences) on `block_threads` threads; every block writes only its own rows.
    constexpr std::size_t kBlock = 512;
    auto align_story = [&](std::size_t s, unsigned block_threads) {
      const auto& members = story_members[s];
      if (members.empty()) return;
      const auto& present = story_present[s];
      // Story sentences x terms, then the sentence x sentence cosine as one sparse product.
      SpMat sub(static_cast<Eigen::Index>(members.size()), static_cast<Eigen::Index>(V));
      {
        std::vector<Triplet> st;
        for (std::size_t m = 0; m < members.size(); ++m)
          for (SpMat::InnerIterator it(S, static_cast<Eigen::Index>(members[m])); it; ++it)
            st.emplace_back(static_cast<int>(m), static_cast<int>(it.col()), it.value());
        sub.setFromTriplets(st.begin(), st.end());
      }
      const SpMat subT = SpMat(sub.transpose());
      const std::size_t M = members.size();
      detail::parallel_for((M + kBlock - 1) / kBlock, block_threads, 1,
                           [&](std::size_t bb, std::size_t be, unsigned) {
        for (std::size_t blk = bb; blk < be; ++blk) {
          const std::size_t lo = blk * kBlock, hi = std::min(M, lo + kBlock);
          const SpMat sim = SpMat(sub.middleRows(static_cast<Eigen::Index>(lo), static_cast<Eigen::Index>(hi - lo))) * subT;
          for (std::size_t m = lo; m < hi; ++m) {
            auto& b = best[members[m]];
            auto& br = best_row[members[m]];
            const std::size_t own = g_of[rows[members[m]].doc];
            for (std::size_t g = 0; g < G; ++g)
              if (present[g] && g != own) b[g] = 0.0;
            for (SpMat::InnerIterator it(sim, static_cast<Eigen::Index>(m - lo)); it; ++it) {
              const std::size_t col = members[static_cast<std::size_t>(it.col())];
              const std::size_t other = g_of[rows[col].doc];
              if (other != own && it.value() > b[other]) {
                b[other] = it.value();
                br[other] = static_cast<long>(col);
              }
            }
          }
        }
      });
    };
    // Small stories (the usual case: a few articles each) run side by side; a large story spreads its
    // blocks over the threads instead.
    const unsigned threads = resolve_threads(opt.threads);
    std::vector<std::size_t> small, large;
    for (std::size_t s = 0; s < story_names.size(); ++s)
      (story_members[s].size() <= kBlock ? small : large).push_back(s);
    detail::parallel_for(small.size(), threads, 4, [&](std::size_t b0, std::size_t e0, unsigned) {
      for (std::size_t k = b0; k < e0; ++k) align_story(small[k], 1);
    });
    for (auto s : large) align_story(s, threads);
    // Entities per sentence row.
    std::vector<std::vector<std::string>> row_entities(rows.size());
    {
      std::map<std::pair<std::size_t, std::size_t>, std::size_t> row_of;
      for (std::size_t r = 0; r < rows.size(); ++r) row_of[{rows[r].doc, rows[r].sentence}] = r;
      for (std::size_t i = 0; i < n; ++i)
        for (const auto& e : texts[i].entities) {
          auto it = row_of.find({i, e.sentence});
          if (it == row_of.end()) continue;
          auto& v = row_entities[it->second];
          if (std::find(v.begin(), v.end(), e.text) == v.end()) v.push_back(e.text);
        }
    }
    // Code point offsets of every row, one conversion per document.
    {
      std::vector<std::vector<std::size_t>> by_doc(n);
      for (std::size_t r = 0; r < rows.size(); ++r) by_doc[rows[r].doc].push_back(r);
      for (std::size_t i = 0; i < n; ++i) {
        if (by_doc[i].empty()) continue;
        std::vector<std::size_t> bytes;
        for (auto r : by_doc[i]) { bytes.push_back(rows[r].span.start); bytes.push_back(rows[r].span.end); }
        const auto cps = utf8::to_codepoints(corpus[i].text, bytes);
        for (std::size_t k = 0; k < by_doc[i].size(); ++k) {
          const auto r = by_doc[i][k];
          auto& ref = refs[r];
          ref.document = i;
          ref.outlet = group[i];
          ref.story = story[i];
          ref.span = rows[r].span;
          ref.start = cps[2 * k];
          ref.end = cps[2 * k + 1];
          ref.text = corpus[i].text.substr(rows[r].span.start, rows[r].span.size());
          ref.entities = row_entities[r];
        }
      }
    }
    // Evidence per sentence: its best cosine with the other outlets of its story and the sentence behind
    // each, for the max_best closest outlets (all of them in the usual comparison of a few outlets).
    for (std::size_t r = 0; r < rows.size(); ++r) {
      std::vector<std::size_t> gs;
      for (std::size_t g = 0; g < G; ++g)
        if (best[r][g] >= 0) gs.push_back(g);
      std::stable_sort(gs.begin(), gs.end(), [&](std::size_t a, std::size_t b) { return best[r][a] > best[r][b]; });
      if (opt.max_best && gs.size() > opt.max_best) gs.resize(opt.max_best);
      for (auto g : gs) {
        refs[r].best[c.outlets[g]] = best[r][g];
        if (best_row[r][g] >= 0) {
          const auto& m = refs[static_cast<std::size_t>(best_row[r][g])];
          refs[r].matches[c.outlets[g]] = SentenceLoc{m.document, m.start, m.end};
        }
      }
    }
    const double th = opt.align_threshold;
    // Omissions of outlet O: sentences of the other outlets of O's stories that O has no counterpart for.
    // A fact several outlets report is listed once, by the first of them (reported_by names them all);
    // the most widely reported first (what the others agree on and O leaves out), then facts a single
    // outlet reports; at most max_omitted per outlet (omitted_total counts them all).
    struct Cand {
      std::size_t reporters, row;
    };
    std::vector<std::vector<Cand>> omit_cand(G);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const std::size_t own = g_of[rows[r].doc];
      const auto& present = story_present[s_of[rows[r].doc]];
      std::size_t n_present = 0, reporters = 1;
      std::size_t first_reporter = own;
      bool matched = false;
      for (std::size_t g = 0; g < G; ++g) {
        n_present += present[g] ? 1 : 0;
        if (g == own || best[r][g] < 0) continue;
        if (best[r][g] >= th) {
          matched = true;
          ++reporters;
          first_reporter = std::min(first_reporter, g);
          c.profiles[own].shared[c.outlets[g]] += 1;
        }
      }
      if (n_present >= 2 && !matched) c.profiles[own].unique.push_back(refs[r]);
      for (std::size_t g = 0; g < G; ++g) {
        if (g == own || best[r][g] < 0 || best[r][g] >= th) continue;
        // The representative of the reporters other than g: the first of them in outlet order.
        std::size_t rep = own;
        for (std::size_t q = 0; q < G; ++q)
          if (q != g && q != own && best[r][q] >= th) rep = std::min(rep, q);
        if (rep != own) continue;
        omit_cand[g].push_back({reporters, r});
      }
      (void)first_reporter;
    }
    for (std::size_t g = 0; g < G; ++g) {
      auto& cand = omit_cand[g];
      std::stable_sort(cand.begin(), cand.end(), [](const Cand& a, const Cand& b) { return a.reporters > b.reporters; });
      cand.shrink_to_fit();
      c.profiles[g].omitted_total = cand.size();
      if (opt.max_omitted && cand.size() > opt.max_omitted) cand.resize(opt.max_omitted);
      for (const auto& cd : cand) {
        SentenceRef ref = refs[cd.row];
        ref.reported_by.push_back(ref.outlet);
        for (std::size_t q = 0; q < G; ++q)
          if (q != g && q != g_of[rows[cd.row].doc] && best[cd.row][q] >= th) ref.reported_by.push_back(c.outlets[q]);
        c.profiles[g].omitted.push_back(std::move(ref));
      }
    }
    // Entities only one outlet names within a story, and entities an outlet leaves out. Names match
    // by word sequence: "Mayor Beno Falk of Kaldermoor" mentions "Beno Falk" (and the other way round
    // for sub-names of two words or more), so titles and appositions do not make a name look unique.
    auto words_of = [](const std::string& e) {
      std::vector<std::string> w;
      std::size_t i = 0;
      while (i < e.size()) {
        const auto j = e.find(' ', i);
        w.push_back(e.substr(i, j == std::string::npos ? std::string::npos : j - i));
        if (j == std::string::npos) break;
        i = j + 1;
      }
      return w;
    };
    auto grams = [](const std::vector<std::string>& w, std::size_t min_len) {
      std::vector<std::string> out;
      for (std::size_t a0 = 0; a0 < w.size(); ++a0) {
        std::string g;
        for (std::size_t b0 = a0; b0 < w.size(); ++b0) {
          if (b0 > a0) g.push_back(' ');
          g += w[b0];
          if (b0 - a0 + 1 >= min_len) out.push_back(g);
        }
      }
      return out;
    };
    std::map<std::pair<std::size_t, std::string>, std::set<std::size_t>> ent_outlets;  // (story, entity) -> outlets
    std::vector<std::set<std::size_t>> story_outlets(story_names.size());
    // (story, outlet) -> every word sub-sequence of its entities
    std::map<std::pair<std::size_t, std::size_t>, std::unordered_set<std::string>> ent_grams;
    for (std::size_t i = 0; i < n; ++i) {
      story_outlets[s_of[i]].insert(g_of[i]);
      auto& gr = ent_grams[{s_of[i], g_of[i]}];
      for (const auto& e : texts[i].entities) {
        ent_outlets[{s_of[i], e.text}].insert(g_of[i]);
        for (auto& x : grams(words_of(e.text), 1)) gr.insert(std::move(x));
      }
    }
    auto mentions = [&](std::size_t st, std::size_t g, const std::string& e) {
      const auto it = ent_grams.find({st, g});
      if (it == ent_grams.end()) return false;
      if (it->second.count(e)) return true;
      for (const auto& sub : grams(words_of(e), 2))
        if (sub != e && ent_outlets.count({st, sub}) && ent_outlets.at({st, sub}).count(g)) return true;
      return false;
    };
    std::vector<std::set<std::string>> uniq(G), omit(G);
    for (const auto& [key, outs] : ent_outlets) {
      const auto& present = story_outlets[key.first];
      if (present.size() < 2) continue;
      std::set<std::size_t> all = outs;
      for (auto g : present)
        if (!all.count(g) && mentions(key.first, g, key.second)) all.insert(g);
      if (all.size() == 1) uniq[*all.begin()].insert(key.second);
      if (all.size() == present.size() - 1 && present.size() >= 3)
        for (auto g : present)
          if (!all.count(g)) omit[g].insert(key.second);
    }
    for (std::size_t g = 0; g < G; ++g) {
      c.profiles[g].unique_entities.assign(uniq[g].begin(), uniq[g].end());
      c.profiles[g].omitted_entities.assign(omit[g].begin(), omit[g].end());
    }
  }

  // ---- sourcing ----------------------------------------------------------------------------------------
  {
    std::vector<std::vector<const SourceStatement*>> by_doc(n);
    const std::vector<SourceStatement> extracted =
        opt.statements.empty() && opt.extract_quotes ? extract_statements(corpus, opt.threads) : std::vector<SourceStatement>{};
    const auto& statements = opt.statements.empty() ? extracted : opt.statements;
    for (const auto& st : statements) {
      if (st.document >= n)
        throw InvalidArgument("compare: a statement refers to document " + std::to_string(st.document) +
                              " but the corpus has " + std::to_string(n));
      const auto& text = corpus[st.document].text;
      if (st.span.start > st.span.end || st.span.end > text.size())
        throw InvalidArgument("compare: a statement's span [" + std::to_string(st.span.start) + ", " +
                              std::to_string(st.span.end) + ") lies outside document " + std::to_string(st.document));
      by_doc[st.document].push_back(&st);
    }
    const auto story_names = distinct_in_order(story);
    const auto s_of = index_of(story, story_names);
    std::map<std::pair<std::size_t, std::string>, std::set<std::size_t>> speaker_outlets;  // (story, speaker)
    std::vector<std::set<std::string>> speakers(G);
    std::vector<std::vector<double>> attributed(G, std::vector<double>(4, 0.0));  // attributed, named, anon, direct
    std::vector<double> quoted_words(G, 0.0), indirect(G, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      auto& list = by_doc[i];
      std::stable_sort(list.begin(), list.end(), [](auto a, auto b) { return a->span.start < b->span.start; });
      auto& sp = c.profiles[g_of[i]].sourcing;
      std::string first;
      std::vector<std::size_t> bytes;
      for (auto st : list) { bytes.push_back(st->span.start); bytes.push_back(st->span.end); }
      const auto cps = utf8::to_codepoints(corpus[i].text, bytes);
      for (std::size_t k = 0; k < list.size(); ++k) {
        const auto* st = list[k];
        const std::size_t g = g_of[i];
        StatementRef ref{i, cps[2 * k], cps[2 * k + 1], corpus[i].text.substr(st->span.start, st->span.size()),
                         st->speaker, st->kind, st->affiliation, st->source_type, st->cue, st->anonymous};
        sp.items.push_back(ref);
        sp.statements += 1;
        sp.kinds[st->kind.empty() ? "unknown" : st->kind] += 1;
        if (st->kind == "scare" || st->speaker.empty()) continue;
        attributed[g][0] += 1;
        attributed[g][st->anonymous ? 2 : 1] += 1;
        if (st->kind == "direct" || st->kind == "partial") {
          attributed[g][3] += 1;
          quoted_words[g] += static_cast<double>(detail::word_tokens(ref.text).size());
        } else if (st->kind == "indirect") {
          indirect[g] += 1;
        }
        if (first.empty()) first = st->speaker;
        if (!st->cue.empty()) sp.cues[lower_ascii(st->cue)] += 1;
        if (!st->source_type.empty()) sp.source_types[st->source_type] += 1;
        if (!st->affiliation.empty()) sp.affiliations[st->affiliation] += 1;
        sp.speaker_counts[st->speaker] += 1;
        if (!st->anonymous) speakers[g].insert(st->speaker);
        speaker_outlets[{s_of[i], st->speaker}].insert(g);
      }
      sp.first_quoted.push_back(first);
    }
    c.speaker_overlap.assign(G, std::vector<std::size_t>(G, 0));
    for (std::size_t a = 0; a < G; ++a)
      for (std::size_t b = 0; b < G; ++b)
        for (const auto& s : speakers[a]) c.speaker_overlap[a][b] += speakers[b].count(s);
    std::vector<std::set<std::size_t>> outlets_in_story(story_names.size());
    for (std::size_t i = 0; i < n; ++i) outlets_in_story[s_of[i]].insert(g_of[i]);
    std::vector<std::set<std::string>> exclusive(G);
    for (const auto& [key, outs] : speaker_outlets)
      if (outs.size() == 1 && outlets_in_story[key.first].size() >= 2) exclusive[*outs.begin()].insert(key.second);
    for (std::size_t g = 0; g < G; ++g) {
      auto& p = c.profiles[g];
      auto& sp = p.sourcing;
      const double docs = static_cast<double>(std::max<std::size_t>(1, p.documents));
      sp.speakers = speakers[g].size();
      sp.statements_per_article = static_cast<double>(sp.statements) / docs;
      sp.speakers_per_article = static_cast<double>(sp.speakers) / docs;
      const double att = attributed[g][0];
      sp.named_share = att > 0 ? attributed[g][1] / att : 0;
      sp.anonymous_share = att > 0 ? attributed[g][2] / att : 0;
      sp.direct_share = att > 0 ? attributed[g][3] / att : 0;
      sp.indirect_share = att > 0 ? indirect[g] / att : 0;
      sp.quoted_word_share = p.tokens ? quoted_words[g] / static_cast<double>(p.tokens) : 0;
      sp.exclusive_speakers.assign(exclusive[g].begin(), exclusive[g].end());
    }
  }

  // ---- actors: salience and labelling -----------------------------------------------------------------
  {
    struct Acc {
      std::size_t mentions = 0;
      std::set<std::size_t> docs;
      double first_sum = 0;
    };
    std::vector<std::map<std::string, Acc>> acc(G);
    for (std::size_t i = 0; i < n; ++i) {
      const double len = static_cast<double>(std::max<std::size_t>(1, corpus[i].text.size()));
      std::unordered_set<std::string> seen;
      for (const auto& e : texts[i].entities) {
        auto& a = acc[g_of[i]][e.text];
        a.mentions += 1;
        if (seen.insert(e.text).second) {
          a.docs.insert(i);
          a.first_sum += static_cast<double>(e.span.start) / len;
        }
      }
    }
    for (std::size_t g = 0; g < G; ++g) {
      std::vector<ActorSalience> v;
      for (const auto& [name, a] : acc[g])
        v.push_back({name, a.mentions, a.docs.size(), a.first_sum / static_cast<double>(a.docs.size())});
      std::sort(v.begin(), v.end(), [](const ActorSalience& x, const ActorSalience& y) {
        if (x.mentions != y.mentions) return x.mentions > y.mentions;
        if (x.first_position != y.first_position) return x.first_position < y.first_position;
        return x.actor < y.actor;
      });
      if (v.size() > opt.top_actors) v.resize(opt.top_actors);
      c.profiles[g].actors = std::move(v);
    }
    // Labelling: occurrences of each label (as a word sequence, case-insensitive, non-overlapping, longest
    // label first) per outlet. Without an actors map, the countries of the embedded gazetteer are the
    // actors: each with its names, capital-as-metonym ("Pyongyang") and "<demonym> government|regime";
    // those no outlet names are dropped.
    std::map<std::string, std::vector<std::string>> actor_map = opt.actors;
    const bool from_gazetteer = actor_map.empty() && opt.default_actors;
    if (from_gazetteer) actor_map = gazetteer_actors();
    if (!actor_map.empty()) {
      struct Label {
        std::string actor, label;
        std::vector<std::string> words;
      };
      std::vector<Label> labels;
      for (const auto& [actor, ls] : actor_map)
        for (const auto& l : ls) {
          Label x{actor, l, {}};
          for (auto& t : detail::word_tokens(l)) x.words.push_back(t.text);
          if (x.words.empty()) throw InvalidArgument("compare: actor '" + actor + "' has an empty label");
          labels.push_back(std::move(x));
        }
      std::stable_sort(labels.begin(), labels.end(), [](const Label& a, const Label& b) { return a.words.size() > b.words.size(); });
      std::unordered_map<std::string, std::vector<const Label*>> by_first;  // longest first within each list
      for (const auto& l : labels) by_first[l.words[0]].push_back(&l);
      std::vector<std::map<std::string, std::map<std::string, std::size_t>>> counts(G);
      for (std::size_t g = 0; g < G; ++g)
        for (const auto& [actor, ls] : actor_map)
          for (const auto& l : ls) counts[g][actor][l] += 0;
      std::map<std::string, std::size_t> total;
      for (std::size_t i = 0; i < n; ++i) {
        // Possessives name the actor too: "Pyongyang's" counts for "Pyongyang".
        std::vector<std::string> toks;
        toks.reserve(texts[i].tokens.size());
        for (const auto& t : texts[i].tokens) {
          const auto& w = t.text;
          toks.push_back(w.size() > 2 && w.compare(w.size() - 2, 2, "'s") == 0 ? w.substr(0, w.size() - 2) : w);
        }
        std::size_t k = 0;
        while (k < toks.size()) {
          bool hit = false;
          auto it = by_first.find(toks[k]);
          if (it != by_first.end())
            for (const Label* l : it->second) {
              if (k + l->words.size() > toks.size()) continue;
              bool ok = true;
              for (std::size_t m = 1; m < l->words.size() && ok; ++m) ok = toks[k + m] == l->words[m];
              if (!ok) continue;
              counts[g_of[i]][l->actor][l->label] += 1;
              total[l->actor] += 1;
              k += l->words.size();
              hit = true;
              break;
            }
          if (!hit) ++k;
        }
      }
      for (std::size_t g = 0; g < G; ++g)
        for (auto& [actor, m] : counts[g])
          if (!from_gazetteer || total[actor] > 0) c.profiles[g].labels[actor] = std::move(m);
    }
  }
  return c;
}

// ---- JSON -------------------------------------------------------------------------------------------

namespace {

using json = nlohmann::ordered_json;

json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }
double num_of(const json& j) { return j.is_null() ? std::numeric_limits<double>::quiet_NaN() : j.get<double>(); }

json matrix(const std::vector<std::vector<double>>& m) {
  json a = json::array();
  for (const auto& row : m) {
    json r = json::array();
    for (double v : row) r.push_back(num(v));
    a.push_back(r);
  }
  return a;
}

json sentence_json(const SentenceRef& s) {
  json best = json::object();
  for (const auto& [o, v] : s.best) best[o] = v;
  json matches = json::object();
  for (const auto& [o, m] : s.matches) matches[o] = json{{"document", m.document}, {"start", m.start}, {"end", m.end}};
  return json{{"document", s.document}, {"outlet", s.outlet}, {"story", s.story}, {"start", s.start},
              {"end", s.end}, {"text", s.text}, {"best", best}, {"matches", matches}, {"entities", s.entities},
              {"reported_by", s.reported_by}};
}

SentenceRef sentence_from(const json& j) {
  SentenceRef s;
  s.document = j.at("document").get<std::size_t>();
  s.outlet = j.at("outlet").get<std::string>();
  s.story = j.at("story").get<std::string>();
  s.start = j.at("start").get<std::size_t>();
  s.end = j.at("end").get<std::size_t>();
  s.text = j.at("text").get<std::string>();
  for (auto it = j.at("best").begin(); it != j.at("best").end(); ++it) s.best[it.key()] = it.value().get<double>();
  for (auto it = j.at("matches").begin(); it != j.at("matches").end(); ++it)
    s.matches[it.key()] = SentenceLoc{it.value().at("document").get<std::size_t>(), it.value().at("start").get<std::size_t>(),
                                      it.value().at("end").get<std::size_t>()};
  s.entities = j.at("entities").get<std::vector<std::string>>();
  s.reported_by = j.at("reported_by").get<std::vector<std::string>>();
  return s;
}

template <class M>
json count_map(const M& m) {
  json o = json::object();
  for (const auto& [k, v] : m) o[k] = v;
  return o;
}

}  // namespace

std::string to_json(const Comparison& c, int indent) {
  json j;
  j["schema"] = "framelens.comparison";
  j["version"] = c.version;
  j["by"] = c.by;
  j["align_threshold"] = c.align_threshold;
  j["keyness_measure"] = c.keyness_measure;
  j["frame_names"] = c.frame_names;
  json outlets = json::array();
  for (const auto& p : c.profiles) {
    json o;
    o["outlet"] = p.outlet;
    o["documents"] = p.documents;
    o["tokens"] = p.tokens;
    o["types"] = p.types;
    o["sentences"] = p.sentences;
    o["unique"] = json::array();
    for (const auto& s : p.unique) o["unique"].push_back(sentence_json(s));
    o["omitted_total"] = p.omitted_total;
    o["omitted"] = json::array();
    for (const auto& s : p.omitted) o["omitted"].push_back(sentence_json(s));
    o["shared"] = count_map(p.shared);
    o["unique_entities"] = p.unique_entities;
    o["omitted_entities"] = p.omitted_entities;
    o["distinctive_terms"] = json::array();
    for (const auto& t : p.distinctive_terms)
      o["distinctive_terms"].push_back(json{{"term", t.term}, {"score", num(t.score)}, {"p", num(t.p)},
                                            {"n_target", t.n_target}, {"n_reference", t.n_reference}});
    json fr = json::object();
    for (std::size_t f = 0; f < c.frame_names.size() && f < p.frames.size(); ++f) {
      json hits = json::object();
      std::vector<std::pair<std::string, double>> h(p.frame_hits[f].begin(), p.frame_hits[f].end());
      std::stable_sort(h.begin(), h.end(), [](auto& a, auto& b) { return a.second > b.second; });
      for (const auto& [k, v] : h) hits[k] = v;
      fr[c.frame_names[f]] = json{{"per_1000", num(p.frames[f])}, {"hits", hits}};
    }
    o["frames"] = fr;
    const auto& s = p.sourcing;
    json items = json::array();
    for (const auto& it : s.items)
      items.push_back(json{{"document", it.document}, {"start", it.start}, {"end", it.end}, {"text", it.text},
                           {"speaker", it.speaker}, {"kind", it.kind}, {"anonymous", it.anonymous},
                           {"affiliation", it.affiliation}, {"source_type", it.source_type}, {"cue", it.cue}});
    o["sourcing"] = json{{"statements", s.statements},
                         {"speakers", s.speakers},
                         {"statements_per_article", num(s.statements_per_article)},
                         {"speakers_per_article", num(s.speakers_per_article)},
                         {"named_share", num(s.named_share)},
                         {"anonymous_share", num(s.anonymous_share)},
                         {"direct_share", num(s.direct_share)},
                         {"indirect_share", num(s.indirect_share)},
                         {"quoted_word_share", num(s.quoted_word_share)},
                         {"kinds", count_map(s.kinds)},
                         {"cues", count_map(s.cues)},
                         {"source_types", count_map(s.source_types)},
                         {"affiliations", count_map(s.affiliations)},
                         {"speaker_counts", count_map(s.speaker_counts)},
                         {"first_quoted", s.first_quoted},
                         {"exclusive_speakers", s.exclusive_speakers},
                         {"items", items}};
    json actors = json::array();
    for (const auto& a : p.actors)
      actors.push_back(json{{"actor", a.actor}, {"mentions", a.mentions}, {"documents", a.documents},
                            {"first_position", num(a.first_position)}});
    o["actors"] = actors;
    json labels = json::object();
    for (const auto& [actor, m] : p.labels) labels[actor] = count_map(m);
    o["labels"] = labels;
    outlets.push_back(o);
  }
  j["outlets"] = outlets;
  j["similarity"] = json{{"outlets", c.outlets}, {"method", "cosine (tf-idf)"}, {"matrix", matrix(c.similarity)},
                         {"within_stories", matrix(c.story_similarity)}};
  json so = json::array();
  for (const auto& row : c.speaker_overlap) so.push_back(row);
  j["speaker_overlap"] = so;
  json stories = json::array();
  for (const auto& d : c.documents) {
    json fr = json::object();
    for (std::size_t f = 0; f < c.frame_names.size() && f < d.frames.size(); ++f) fr[c.frame_names[f]] = num(d.frames[f]);
    stories.push_back(json{{"document", d.document}, {"id", d.id}, {"outlet", d.outlet}, {"title", d.title},
                           {"story", d.story}, {"date", d.date}, {"tokens", d.tokens}, {"frames", fr}});
  }
  j["stories"] = stories;
  return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

Comparison comparison_from_json(std::string_view text) {
  json j;
  try {
    j = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    throw FormatError(std::string("comparison JSON: not valid JSON (") + e.what() + ")");
  }
  if (!j.is_object() || j.value("schema", "") != "framelens.comparison")
    throw FormatError("comparison JSON: no \"schema\": \"framelens.comparison\" field; this is not a framelens comparison");
  const int version = j.value("version", 0);
  if (version < 1 || version > kComparisonSchemaVersion)
    throw FormatError("comparison JSON: schema version " + std::to_string(version) + " is not supported (this framelens reads 1.." +
                      std::to_string(kComparisonSchemaVersion) + "); upgrade framelens");
  Comparison c;
  try {
    c.version = version;
    c.by = j.at("by").get<std::string>();
    c.align_threshold = j.at("align_threshold").get<double>();
    c.keyness_measure = j.at("keyness_measure").get<std::string>();
    c.frame_names = j.at("frame_names").get<std::vector<std::string>>();
    c.outlets = j.at("similarity").at("outlets").get<std::vector<std::string>>();
    auto mat = [](const json& m) {
      std::vector<std::vector<double>> out;
      for (const auto& row : m) {
        std::vector<double> r;
        for (const auto& v : row) r.push_back(num_of(v));
        out.push_back(r);
      }
      return out;
    };
    c.similarity = mat(j.at("similarity").at("matrix"));
    c.story_similarity = mat(j.at("similarity").at("within_stories"));
    for (const auto& row : j.at("speaker_overlap")) c.speaker_overlap.push_back(row.get<std::vector<std::size_t>>());
    for (const auto& o : j.at("outlets")) {
      OutletProfile p;
      p.outlet = o.at("outlet").get<std::string>();
      p.documents = o.at("documents").get<std::size_t>();
      p.tokens = o.at("tokens").get<std::size_t>();
      p.types = o.at("types").get<std::size_t>();
      p.sentences = o.at("sentences").get<std::size_t>();
      for (const auto& s : o.at("unique")) p.unique.push_back(sentence_from(s));
      for (const auto& s : o.at("omitted")) p.omitted.push_back(sentence_from(s));
      p.omitted_total = o.at("omitted_total").get<std::size_t>();
      for (auto it = o.at("shared").begin(); it != o.at("shared").end(); ++it) p.shared[it.key()] = it.value().get<std::size_t>();
      p.unique_entities = o.at("unique_entities").get<std::vector<std::string>>();
      p.omitted_entities = o.at("omitted_entities").get<std::vector<std::string>>();
      for (const auto& t : o.at("distinctive_terms"))
        p.distinctive_terms.push_back({t.at("term").get<std::string>(), num_of(t.at("score")), num_of(t.at("p")),
                                       t.at("n_target").get<double>(), t.at("n_reference").get<double>()});
      for (const auto& f : c.frame_names) {
        const auto& fr = o.at("frames").at(f);
        p.frames.push_back(num_of(fr.at("per_1000")));
        std::map<std::string, double> hits;
        for (auto it = fr.at("hits").begin(); it != fr.at("hits").end(); ++it) hits[it.key()] = it.value().get<double>();
        p.frame_hits.push_back(hits);
      }
      const auto& s = o.at("sourcing");
      auto& sp = p.sourcing;
      sp.statements = s.at("statements").get<std::size_t>();
      sp.speakers = s.at("speakers").get<std::size_t>();
      sp.statements_per_article = num_of(s.at("statements_per_article"));
      sp.speakers_per_article = num_of(s.at("speakers_per_article"));
      sp.named_share = num_of(s.at("named_share"));
      sp.anonymous_share = num_of(s.at("anonymous_share"));
      sp.direct_share = num_of(s.at("direct_share"));
      sp.indirect_share = num_of(s.at("indirect_share"));
      sp.quoted_word_share = num_of(s.at("quoted_word_share"));
      auto counts = [](const json& m) {
        std::map<std::string, std::size_t> out;
        for (auto it = m.begin(); it != m.end(); ++it) out[it.key()] = it.value().get<std::size_t>();
        return out;
      };
      sp.kinds = counts(s.at("kinds"));
      sp.cues = counts(s.at("cues"));
      sp.source_types = counts(s.at("source_types"));
      sp.affiliations = counts(s.at("affiliations"));
      sp.speaker_counts = counts(s.at("speaker_counts"));
      sp.first_quoted = s.at("first_quoted").get<std::vector<std::string>>();
      sp.exclusive_speakers = s.at("exclusive_speakers").get<std::vector<std::string>>();
      for (const auto& it : s.at("items"))
        sp.items.push_back({it.at("document").get<std::size_t>(), it.at("start").get<std::size_t>(),
                            it.at("end").get<std::size_t>(), it.at("text").get<std::string>(),
                            it.at("speaker").get<std::string>(), it.at("kind").get<std::string>(),
                            it.at("affiliation").get<std::string>(), it.at("source_type").get<std::string>(),
                            it.at("cue").get<std::string>(), it.at("anonymous").get<bool>()});
      for (const auto& a : o.at("actors"))
        p.actors.push_back({a.at("actor").get<std::string>(), a.at("mentions").get<std::size_t>(),
                            a.at("documents").get<std::size_t>(), num_of(a.at("first_position"))});
      for (auto it = o.at("labels").begin(); it != o.at("labels").end(); ++it) p.labels[it.key()] = counts(it.value());
      c.profiles.push_back(std::move(p));
    }
    for (const auto& d : j.at("stories")) {
      DocumentInfo info;
      info.document = d.at("document").get<std::size_t>();
      info.id = d.at("id").get<std::string>();
      info.outlet = d.at("outlet").get<std::string>();
      info.title = d.at("title").get<std::string>();
      info.story = d.at("story").get<std::string>();
      info.date = d.at("date").get<std::string>();
      info.tokens = d.at("tokens").get<std::size_t>();
      for (const auto& f : c.frame_names) info.frames.push_back(num_of(d.at("frames").at(f)));
      c.documents.push_back(std::move(info));
    }
  } catch (const json::exception& e) {
    throw FormatError(std::string("comparison JSON: a field is missing or has the wrong type (") + e.what() + ")");
  }
  return c;
}

}  // namespace framelens
