// The comparison's tables: each part's output written as columns (table.hpp).
#include "compare/result.hpp"

#include <algorithm>
#include <functional>
#include <unordered_map>

#include "framelens/error.hpp"
#include "framelens/utf8.hpp"
#include "util/parallel.hpp"

namespace framelens::detail {
namespace {

using I = std::int64_t;

Table& make(Comparison& c, const char* name, std::initializer_list<std::pair<const char*, ColumnType>> columns) {
  Table& t = c.tables[name];
  for (const auto& [n, type] : columns) t.add(n, type);
  return t;
}

constexpr auto S = ColumnType::string;
constexpr auto N = ColumnType::int64;
constexpr auto F = ColumnType::float64;

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : "; ") + x;
  return out;
}

std::map<std::string, std::string> token_names(const TokenOptions& t) {
  const auto b = [](bool v) { return std::string(v ? "true" : "false"); };
  std::string stop;
  for (const auto& w : t.stopwords) stop += (stop.empty() ? "" : " ") + w;
  return {{"mode", t.mode == TokenMode::icu ? "icu" : "sklearn"}, {"case_fold", b(t.case_fold)}, {"nfkc", b(t.nfkc)},
          {"unify_quotes", b(t.unify_quotes)}, {"keep_numbers", b(t.keep_numbers)}, {"keep_punct", b(t.keep_punct)},
          {"keep_symbols", b(t.keep_symbols)}, {"remove_stopwords", b(t.remove_stopwords)}, {"stopwords", stop},
          {"min_length", std::to_string(t.min_length)},
          {"ngram_range", std::to_string(t.ngram_min) + " " + std::to_string(t.ngram_max)}};
}

}  // namespace

void describe(Comparison& c, const CompareOptions& opt, const FrameLexicon& lexicon) {
  c.by = opt.by;
  c.align_threshold = opt.align_threshold;
  c.idf_scope = opt.idf_scope;
  c.keyness_measure = to_string(opt.keyness.measure);
  c.token_options = token_names(opt.tokens);
  c.frame_names.clear();
  for (const auto& f : lexicon.frames()) c.frame_names.push_back(f.name);
}

void add_documents(Comparison& c, const CompareContext& ctx, const std::vector<DocAnalysis>& docs) {
  Table& t = make(c, "documents", {{"document", N}, {"id", S}, {"outlet", S}, {"title", S}, {"story", S}, {"date", S}, {"tokens", N}});
  for (const auto& f : c.frame_names) t.add(f, F);
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const auto& d = ctx.corpus[i];
    t.column("document").push(static_cast<I>(i));
    t.column("id").push(std::string_view(d.id));
    t.column("outlet").push(std::string_view(ctx.outlets[ctx.outlet_of[i]]));
    t.column("title").push(std::string_view(d.title));
    t.column("story").push(std::string_view(ctx.stories[ctx.story_of[i]]));
    t.column("date").push(d.get("date"));
    t.column("tokens").push(static_cast<I>(docs[i].words));
    auto& cols = t.columns();
    for (std::size_t f = 0; f < c.frame_names.size(); ++f) cols[7 + f].push(docs[i].frame_value[f]);
  }
}

void add_frames(Comparison& c, const CompareContext& ctx, const std::vector<DocAnalysis>& docs) {
  const std::size_t G = ctx.n_outlets(), Fn = c.frame_names.size();
  std::vector<double> weight(G * Fn, 0.0), tokens(G, 0.0);
  const FrameLexicon& lexicon = ctx.options.frames ? *ctx.options.frames : FrameLexicon::generic();
  // Per outlet and frame: pattern text -> summed weight (the texts view the lexicon's patterns).
  std::vector<std::vector<std::map<std::string_view, double>>> hits(G, std::vector<std::map<std::string_view, double>>(Fn));
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const auto g = ctx.outlet_of[i];
    tokens[g] += static_cast<double>(docs[i].frame_tokens);
    for (std::size_t f = 0; f < Fn; ++f) weight[g * Fn + f] += docs[i].frame_weight[f];
    for (const PatternHit& h : docs[i].frame_hits)
      hits[g][h.frame][lexicon.frames()[h.frame].patterns[h.pattern].text] += h.weight;
  }
  auto& m = c.matrices["frames"];
  m.assign(G * Fn, 0.0);
  if (lexicon.scale() == FrameScale::logistic) {  // an outlet's score: the mean probability of its documents
    std::vector<double> documents(G, 0.0);
    for (std::size_t i = 0; i < docs.size(); ++i) {
      documents[ctx.outlet_of[i]] += 1.0;
      for (std::size_t f = 0; f < Fn; ++f) m[ctx.outlet_of[i] * Fn + f] += docs[i].frame_value[f];
    }
    for (std::size_t g = 0; g < G; ++g)
      for (std::size_t f = 0; f < Fn; ++f) m[g * Fn + f] = documents[g] > 0 ? m[g * Fn + f] / documents[g] : 0.0;
  } else {
    for (std::size_t g = 0; g < G; ++g)
      for (std::size_t f = 0; f < Fn; ++f) m[g * Fn + f] = tokens[g] > 0 ? 1000.0 * weight[g * Fn + f] / tokens[g] : 0.0;
  }
  Table& t = make(c, "frame_terms", {{"outlet", S}, {"frame", S}, {"pattern", S}, {"weight", F}});
  for (std::size_t g = 0; g < G; ++g)
    for (std::size_t f = 0; f < Fn; ++f)
      for (const auto& [pat, w] : hits[g][f]) {
        t.column("outlet").push(std::string_view(ctx.outlets[g]));
        t.column("frame").push(std::string_view(c.frame_names[f]));
        t.column("pattern").push(std::string_view(pat));
        t.column("weight").push(w);
      }
}

namespace {

// The sentences the alignment views refer to: the unique and omitted ones (cited), and the closest match of
// each; `order` holds their alignment rows sorted, `id` each row's number among them (-1: not referred to).
struct ViewRows {
  std::vector<std::size_t> order;
  std::vector<std::int64_t> id;
  std::vector<char> cited;
};

ViewRows view_rows(const Alignment& a, const Coverage& cov, std::size_t outlets) {
  ViewRows v;
  v.id.assign(a.rows.size(), -1);
  const auto use = [&](std::size_t r) {
    if (v.id[r] < 0) {
      v.id[r] = 0;
      v.order.push_back(r);
    }
  };
  for (std::size_t g = 0; g < outlets; ++g) {
    for (auto r : cov.unique[g]) use(r);
    for (const auto& o : cov.omitted[g]) use(o.row);
  }
  const std::size_t direct = v.order.size();
  v.cited.assign(a.rows.size(), 0);  // unique or omitted: the sentences the evidence is for
  for (std::size_t k = 0; k < direct; ++k) v.cited[v.order[k]] = 1;
  for (std::size_t k = 0; k < direct; ++k)
    for (auto m = a.match_start[v.order[k]]; m < a.match_start[v.order[k] + 1]; ++m)
      if (a.matches[m].row >= 0) use(static_cast<std::size_t>(a.matches[m].row));
  std::sort(v.order.begin(), v.order.end());
  for (std::size_t k = 0; k < v.order.size(); ++k) v.id[v.order[k]] = static_cast<std::int64_t>(k);
  return v;
}

// Code point offsets of the rows' sentences, one conversion per document.
void sentence_offsets(const CompareContext& ctx, const std::vector<DocAnalysis>& docs, const Alignment& a,
                      const std::vector<std::size_t>& order, std::vector<std::size_t>& start, std::vector<std::size_t>& end) {
  start.resize(order.size());
  end.resize(order.size());
  for (std::size_t k = 0; k < order.size();) {
    const auto doc = a.rows[order[k]].document;
    std::size_t e = k;
    std::vector<std::size_t> bytes;
    for (; e < order.size() && a.rows[order[e]].document == doc; ++e) {
      const auto& sp = docs[doc].sentences[a.rows[order[e]].sentence];
      bytes.push_back(sp.start);
      bytes.push_back(sp.end);
    }
    const auto cps = utf8::to_codepoints(ctx.corpus[doc].text, bytes);
    for (std::size_t j = k; j < e; ++j) {
      start[j] = cps[2 * (j - k)];
      end[j] = cps[2 * (j - k) + 1];
    }
    k = e;
  }
}

double best_similarity(const Alignment& a, std::size_t r) {
  double b = 0;
  for (auto m = a.match_start[r]; m < a.match_start[r + 1]; ++m) b = std::max(b, a.matches[m].similarity);
  return b;
}

// The named entities of each row's sentence, joined.
void fill_sentence_entities(Column& entities, const CompareContext& ctx, const std::vector<DocAnalysis>& docs,
                            const Alignment& a, const std::vector<std::size_t>& order) {
  std::vector<std::string> ents;
  for (const std::size_t r : order) {
    const auto& row = a.rows[r];
    ents.clear();
    // The document's mentions are in text order (context.hpp): the sentence's are one run.
    const auto& names = docs[row.document].names;
    auto m = std::lower_bound(names.begin(), names.end(), row.sentence,
                              [](const Mention& x, std::uint32_t sentence) { return x.sentence < sentence; });
    for (; m != names.end() && m->sentence == row.sentence; ++m) {
      const std::string_view name = ctx.names.term(m->name);
      if (std::find(ents.begin(), ents.end(), name) == ents.end()) ents.emplace_back(name);
    }
    entities.push(std::string_view(joined(ents)));
  }
  entities.seal();
}

// Evidence for each cited sentence: the best match in each other outlet of the story, the closest max_best
// first (every matched sentence is in the sentences table; the matches' own matches are not).
void fill_matches(Table& mt, const CompareContext& ctx, const Alignment& a, const ViewRows& v) {
  std::vector<Alignment::Match> ms;
  for (std::size_t k = 0; k < v.order.size(); ++k) {
    if (!v.cited[v.order[k]]) continue;
    ms.assign(a.matches.begin() + a.match_start[v.order[k]], a.matches.begin() + a.match_start[v.order[k] + 1]);
    std::stable_sort(ms.begin(), ms.end(), [](const auto& x, const auto& y) { return x.similarity > y.similarity; });
    if (ctx.options.max_best && ms.size() > ctx.options.max_best) ms.resize(ctx.options.max_best);
    for (const auto& m : ms) {
      mt.column("sentence").push(static_cast<I>(k));
      mt.column("outlet").push(std::string_view(ctx.outlets[m.outlet]));
      mt.column("similarity").push(m.similarity);
      mt.column("match").push(m.row >= 0 ? v.id[static_cast<std::size_t>(m.row)] : I{-1});
    }
  }
  mt.seal();
}

// Each outlet's unique sentences and the sentences it omits (with who else reported them).
void fill_unique_omitted(Table& ut, Table& ot, const CompareContext& ctx, const Alignment& a, const Coverage& cov,
                         const ViewRows& v) {
  for (std::size_t g = 0; g < ctx.n_outlets(); ++g) {
    for (auto r : cov.unique[g]) {
      ut.column("outlet").push(std::string_view(ctx.outlets[g]));
      ut.column("sentence").push(v.id[r]);
      ut.column("best_similarity").push(best_similarity(a, r));
    }
    for (const auto& o : cov.omitted[g]) {
      std::vector<std::string> also;
      for (auto m = a.match_start[o.row]; m < a.match_start[o.row + 1]; ++m)
        if (a.matches[m].outlet != g && a.matches[m].similarity >= ctx.options.align_threshold)
          also.push_back(ctx.outlets[a.matches[m].outlet]);
      ot.column("outlet").push(std::string_view(ctx.outlets[g]));
      ot.column("sentence").push(v.id[o.row]);
      ot.column("reporters").push(static_cast<I>(o.reporters));
      ot.column("best_similarity").push(best_similarity(a, o.row));
      ot.column("also_reported_by").push(std::string_view(joined(also)));
    }
  }
  ut.seal();
  ot.seal();
}

// Each outlet's unique and omitted entities.
void fill_entity_status(Table& et, const CompareContext& ctx, const Coverage& cov) {
  for (std::size_t g = 0; g < ctx.n_outlets(); ++g)
    for (const auto* list : {&cov.unique_entities[g], &cov.omitted_entities[g]})
      for (const auto& e : *list) {
        et.column("outlet").push(std::string_view(ctx.outlets[g]));
        et.column("entity").push(std::string_view(e));
        et.column("status").push(std::string_view(list == &cov.unique_entities[g] ? "unique" : "omitted"));
      }
  et.seal();
}

}  // namespace

void add_alignment(Comparison& c, const CompareContext& ctx, const std::vector<DocAnalysis>& docs,
                   const Alignment& a, const Coverage& cov) {
  const ViewRows v = view_rows(a, cov, ctx.n_outlets());
  const std::vector<std::size_t>& order = v.order;
  std::vector<std::size_t> start, end;
  sentence_offsets(ctx, docs, a, order, start, end);
  Table& st = make(c, "sentences", {{"sentence", N}, {"document", N}, {"outlet", S}, {"story", S}, {"start", N},
                                    {"end", N}, {"text", S}, {"entities", S}});
  Table& mt = make(c, "matches", {{"sentence", N}, {"outlet", S}, {"similarity", F}, {"match", N}});
  Table& ut = make(c, "unique", {{"outlet", S}, {"sentence", N}, {"best_similarity", F}});
  Table& ot = make(c, "omitted", {{"outlet", S}, {"sentence", N}, {"reporters", N}, {"best_similarity", F}, {"also_reported_by", S}});
  Table& et = make(c, "entities", {{"outlet", S}, {"entity", S}, {"status", S}});
  // The tables (and the sentences' costlier columns) are filled side by side; each job owns its columns.
  const std::vector<std::function<void()>> jobs = {
      [&] {
        for (std::size_t k = 0; k < order.size(); ++k) {
          const auto& row = a.rows[order[k]];
          st.column("sentence").push(static_cast<I>(k));
          st.column("document").push(static_cast<I>(row.document));
          st.column("outlet").push(std::string_view(ctx.outlets[ctx.outlet_of[row.document]]));
          st.column("story").push(std::string_view(ctx.stories[a.story[order[k]]]));
          st.column("start").push(static_cast<I>(start[k]));
          st.column("end").push(static_cast<I>(end[k]));
        }
      },
      [&] {
        Column& text = st.column("text");
        for (const std::size_t r : order) {
          const auto& row = a.rows[r];
          const auto& sp = docs[row.document].sentences[row.sentence];
          text.push(std::string_view(ctx.corpus[row.document].text).substr(sp.start, sp.size()));
        }
        text.seal();
      },
      [&] { fill_sentence_entities(st.column("entities"), ctx, docs, a, order); },
      [&] { fill_matches(mt, ctx, a, v); },
      [&] { fill_unique_omitted(ut, ot, ctx, a, cov, v); },
      [&] { fill_entity_status(et, ctx, cov); },
  };
  parallel_for(jobs.size(), ctx.threads, 1, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t j = b; j < e; ++j) jobs[j]();
  });
  st.seal();  // free the interning indexes now, not after every phase
  c.matrices["coverage"].assign(cov.shared.begin(), cov.shared.end());
}

void add_terms(Comparison& c, const CompareContext& ctx, const std::vector<std::vector<DistinctiveTerm>>& terms) {
  Table& t = make(c, "distinctive_terms", {{"outlet", S}, {"rank", N}, {"term", S}, {"score", F}, {"p", F},
                                           {"n_target", F}, {"n_reference", F}});
  for (std::size_t g = 0; g < terms.size(); ++g)
    for (std::size_t r = 0; r < terms[g].size(); ++r) {
      const auto& x = terms[g][r];
      t.column("outlet").push(std::string_view(ctx.outlets[g]));
      t.column("rank").push(static_cast<I>(r + 1));
      t.column("term").push(std::string_view(x.term));
      t.column("score").push(x.score);
      t.column("p").push(x.p);
      t.column("n_target").push(x.n_target);
      t.column("n_reference").push(x.n_reference);
    }
}

void add_sourcing(Comparison& c, const CompareContext& ctx, const Sourcing& s) {
  Table& qc = make(c, "quote_counts", {{"outlet", S}, {"field", S}, {"value", S}, {"count", N}});
  for (std::size_t g = 0; g < s.outlets.size(); ++g)
    for (const auto& [field, values] : s.outlets[g].counts)
      for (const auto& [value, k] : values) {
        qc.column("outlet").push(std::string_view(ctx.outlets[g]));
        qc.column("field").push(std::string_view(field));
        qc.column("value").push(std::string_view(value));
        qc.column("count").push(static_cast<I>(k));
      }
  Table& fq = make(c, "first_quoted", {{"outlet", S}, {"document", N}, {"speaker", S}});
  for (const auto& f : s.first_quoted) {
    fq.column("outlet").push(std::string_view(ctx.outlets[f.outlet]));
    fq.column("document").push(static_cast<I>(f.document));
    fq.column("speaker").push(std::string_view(f.speaker));
  }
  Table& ex = make(c, "exclusive_speakers", {{"outlet", S}, {"speaker", S}});
  for (std::size_t g = 0; g < s.outlets.size(); ++g)
    for (const auto& sp : s.outlets[g].exclusive) {
      ex.column("outlet").push(std::string_view(ctx.outlets[g]));
      ex.column("speaker").push(std::string_view(sp));
    }
  c.matrices["speaker_overlap"] = s.speaker_overlap;
}

void add_actors(Comparison& c, const CompareContext& ctx, const std::vector<std::vector<ActorSalience>>& salience,
                const std::vector<LabelCount>& labels) {
  Table& t = make(c, "actors", {{"outlet", S}, {"actor", S}, {"mentions", N}, {"documents", N}, {"first_position", F}});
  for (std::size_t g = 0; g < salience.size(); ++g)
    for (const auto& a : salience[g]) {
      t.column("outlet").push(std::string_view(ctx.outlets[g]));
      t.column("actor").push(std::string_view(a.actor));
      t.column("mentions").push(static_cast<I>(a.mentions));
      t.column("documents").push(static_cast<I>(a.documents));
      t.column("first_position").push(a.first_position);
    }
  Table& l = make(c, "labels", {{"outlet", S}, {"actor", S}, {"label", S}, {"count", N}});
  for (const auto& x : labels) {
    l.column("outlet").push(std::string_view(ctx.outlets[x.outlet]));
    l.column("actor").push(std::string_view(x.actor));
    l.column("label").push(std::string_view(x.label));
    l.column("count").push(static_cast<I>(x.count));
  }
}

void add_outlets(Comparison& c, const CompareContext& ctx, const std::vector<DocAnalysis>& docs,
                 const std::vector<std::size_t>& types, const Coverage& cov, const Sourcing& s) {
  const std::size_t G = ctx.n_outlets();
  std::vector<std::size_t> documents(G, 0), tokens(G, 0), sentences(G, 0);
  for (std::size_t i = 0; i < docs.size(); ++i) {
    documents[ctx.outlet_of[i]] += 1;
    tokens[ctx.outlet_of[i]] += docs[i].words;
    sentences[ctx.outlet_of[i]] += docs[i].sentences.size();
  }
  Table& t = make(c, "outlets", {{"outlet", S}, {"documents", N}, {"tokens", N}, {"sentences", N}, {"types", N},
                                 {"unique", N}, {"omitted", N}, {"quotes", N}, {"speakers", N},
                                 {"quotes_per_article", F}, {"speakers_per_article", F}, {"named_share", F},
                                 {"anonymous_share", F}, {"direct_share", F}, {"indirect_share", F},
                                 {"quoted_word_share", F}});
  for (std::size_t g = 0; g < G; ++g) {
    const auto& o = s.outlets[g];
    const double n = static_cast<double>(std::max<std::size_t>(1, documents[g]));
    t.column("outlet").push(std::string_view(ctx.outlets[g]));
    t.column("documents").push(static_cast<I>(documents[g]));
    t.column("tokens").push(static_cast<I>(tokens[g]));
    t.column("sentences").push(static_cast<I>(sentences[g]));
    t.column("types").push(static_cast<I>(types[g]));
    t.column("unique").push(static_cast<I>(cov.unique[g].size()));
    t.column("omitted").push(static_cast<I>(cov.omitted_total[g]));
    t.column("quotes").push(static_cast<I>(o.quotes));
    t.column("speakers").push(static_cast<I>(o.speakers));
    t.column("quotes_per_article").push(static_cast<double>(o.quotes) / n);
    t.column("speakers_per_article").push(static_cast<double>(o.speakers) / n);
    t.column("named_share").push(o.named_share);
    t.column("anonymous_share").push(o.anonymous_share);
    t.column("direct_share").push(o.direct_share);
    t.column("indirect_share").push(o.indirect_share);
    t.column("quoted_word_share").push(tokens[g] ? o.quoted_words / static_cast<double>(tokens[g]) : 0.0);
  }
}

void check_matrix_sizes(const Comparison& c, const std::string& what) {
  const std::size_t G = c.outlets.size();
  for (const auto& [name, m] : c.matrices) {
    const std::size_t cols = name == "frames" ? c.frame_names.size() : G;
    if (m.size() != G * cols)
      throw FormatError(what + ": matrix '" + name + "' has " + std::to_string(m.size()) + " values, expected " +
                        std::to_string(G * cols));
  }
}

}  // namespace framelens::detail
