// compare() on a corpus in pieces, part 3: the pieces' sums added and the outlet-level views computed from
// them exactly as compare()'s parts do (entities, coverage, similarity, distinctive terms, outlets, sourcing,
// actors, frames).
#include <algorithm>
#include <array>
#include <limits>
#include <numeric>
#include <set>
#include <unordered_map>

#include "compare/actors.hpp"
#include "compare/merge.hpp"
#include "compare/terms.hpp"
#include "framelens/error.hpp"
#include "framelens/similarity.hpp"
#include "framelens/threads.hpp"
#include "framelens/vocabulary.hpp"

namespace framelens {
namespace {

using I = std::int64_t;
using Parts = detail::MergeParts;
using detail::empty_like;
using detail::matrix_of;
using detail::OutletIndex;
using detail::described;
using detail::nonempty;
using detail::table_of;

std::vector<double> summed(const Parts& parts, const char* name, std::size_t size) {
  std::vector<double> out(size, 0.0);
  for (const auto* p : parts) {
    const auto& m = matrix_of(*p, name, size);
    for (std::size_t i = 0; i < size; ++i) out[i] += m[i];
  }
  return out;
}

// An (outlet, term, value) table of every piece as one outlets x terms matrix, values summed.
SparseMatrix summed_sparse(const Parts& parts, const char* name, std::size_t G, std::size_t V) {
  std::vector<Eigen::Triplet<double>> trip;
  for (const auto* p : parts) {
    const Table& t = table_of(*p, name);
    const auto& o = t.ints("outlet");
    const auto& term = t.ints("term");
    const auto& v = t.floats("value");
    for (std::size_t r = 0; r < o.size(); ++r) {
      if (o[r] < 0 || static_cast<std::size_t>(o[r]) >= G || term[r] < 0 || static_cast<std::size_t>(term[r]) >= V)
        throw FormatError(std::string("merge: table '") + name + "' refers to an outlet or term outside the corpus's");
      trip.emplace_back(static_cast<int>(o[r]), static_cast<int>(term[r]), v[r]);
    }
  }
  SparseMatrix out(static_cast<Eigen::Index>(G), static_cast<Eigen::Index>(V));
  out.setFromTriplets(trip.begin(), trip.end());
  return out;
}

// ---- outlet-level views from the sums ----------------------------------------------------------------------

std::uint32_t outlet_index(I v, std::size_t G) {
  if (v < 0 || static_cast<std::size_t>(v) >= G) throw FormatError("merge: a piece refers to an outlet outside the corpus's");
  return static_cast<std::uint32_t>(v);
}

// The strings of the pieces' tables as ids of one dictionary (each piece's dictionary entry looked up once),
// and then each id's rank in the strings' order, so that rows are ordered by integers as a std::map of
// std::string keys orders them.
class StringIds {
 public:
  /// The id of each entry of `column`'s dictionary.
  std::vector<std::uint32_t> of(const Column& column) {
    std::vector<std::uint32_t> out;
    out.reserve(column.dictionary.size());
    for (const auto& s : column.dictionary) out.push_back(words_.insert(s));
    return out;
  }
  std::string_view str(std::uint32_t id) const noexcept { return words_.term(id); }
  /// Per id, its position among all the strings sorted (call once every string is in).
  std::vector<std::uint32_t> ranks() const {
    std::vector<std::uint32_t> order(words_.size()), rank(words_.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return str(a) < str(b); });
    for (std::uint32_t k = 0; k < order.size(); ++k) rank[order[k]] = k;
    return rank;
  }

 private:
  Vocabulary words_{1024};
};

// Keys of three integers (outlet, then two more), with the row's value: sorted by key (stable: equal keys keep
// the pieces' order, so that summed floats add up in the order compare() adds them) and equal keys summed.
template <class V>
struct Keyed {
  std::array<std::uint32_t, 3> key;
  V value;
};

template <class V>
std::vector<Keyed<V>> sorted_sums(std::vector<Keyed<V>> rows, const std::vector<std::uint32_t>& rank1,
                                  const std::vector<std::uint32_t>& rank2) {
  const auto ranked = [&](const Keyed<V>& x) {
    return std::array<std::uint32_t, 3>{x.key[0], rank1.empty() ? x.key[1] : rank1[x.key[1]],
                                        rank2.empty() ? x.key[2] : rank2[x.key[2]]};
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const Keyed<V>& a, const Keyed<V>& b) { return ranked(a) < ranked(b); });
  std::vector<Keyed<V>> out;
  for (const auto& x : rows) {
    if (!out.empty() && out.back().key == x.key) out.back().value += x.value;
    else out.push_back(x);
  }
  return out;
}

// Per outlet, the names unique to it and those it omits, each once, in name order (the view, and the pieces'
// table: both have these columns).
Table united_entities(const Parts& parts, const std::vector<std::string>& outlets) {
  const OutletIndex index(outlets);
  StringIds names;
  std::vector<Keyed<int>> rows;  // (outlet, 0 unique / 1 omitted, name)
  for (const auto* p : parts) {
    const Table& e = table_of(*p, "entities");
    const Column &outlet = e.column("outlet"), &status = e.column("status"), &entity = e.column("entity");
    const auto g = index.of(outlet);
    const auto name = names.of(entity);
    std::vector<std::uint32_t> omitted;
    for (const auto& x : status.dictionary) omitted.push_back(x == "unique" ? 0 : 1);
    for (std::size_t r = 0; r < e.rows(); ++r)
      rows.push_back({{g[outlet.codes[r]], omitted[status.codes[r]], name[entity.codes[r]]}, 0});
  }
  Table t = empty_like(table_of(*parts[0], "entities"));
  for (const auto& x : sorted_sums(std::move(rows), {}, names.ranks())) {
    t.column("outlet").push(std::string_view(outlets[x.key[0]]));
    t.column("entity").push(names.str(x.key[2]));
    t.column("status").push(std::string_view(x.key[1] == 0 ? "unique" : "omitted"));
  }
  return t;
}

// Similarity of the corpus-wide centroids, per-story similarity from its sums, distinctive terms and types.
void merge_terms(Comparison& c, const Parts& parts, const CompareOptions& opt, const CompareGlobals& g,
                 std::vector<std::size_t>& types) {
  const std::size_t G = g.outlets.size(), V = g.vocabulary.terms.size();
  auto& sim = c.matrices["similarity"];
  sim.assign(G * G, 0.0);
  if (V > 0) {
    const SparseMatrix centroids = summed_sparse(parts, "centroids", G, V);
    const DenseMatrix s = similarity(view(centroids), SimilarityMethod::cosine, opt.threads);
    for (std::size_t a = 0; a < G; ++a)
      for (std::size_t b = 0; b < G; ++b) sim[a * G + b] = s(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b));
  }
  const auto acc = summed(parts, "story_similarity_sum", G * G), cnt = summed(parts, "story_similarity_count", G * G);
  auto& story = c.matrices["story_similarity"];
  story.assign(G * G, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t k = 0; k < G * G; ++k)
    if (cnt[k] > 0) story[k] = acc[k] / cnt[k];
  // distinctive_terms() over one row per outlet: its grouping leaves the rows as they are.
  const Corpus none;
  detail::CompareContext ctx(none, opt);
  ctx.threads = resolve_threads(opt.threads);
  ctx.outlets = g.outlets;
  ctx.outlet_of.resize(G);
  std::iota(ctx.outlet_of.begin(), ctx.outlet_of.end(), 0u);
  DocumentTermMatrix counts;
  counts.terms = g.vocabulary.terms;
  counts.matrix = summed_sparse(parts, "term_counts", G, V);
  detail::add_terms(c, ctx, detail::distinctive_terms(ctx, counts, types));
}

struct OutletSums {
  std::vector<I> documents, tokens, sentences, unique, omitted, quotes;
  std::vector<double> attributed, named, anonymous, direct, indirect, quoted_words, frame_tokens;
  std::vector<std::set<std::string>> speakers;
};

OutletSums outlet_sums(const Parts& parts, std::size_t G) {
  OutletSums s;
  for (auto* v : {&s.documents, &s.tokens, &s.sentences, &s.unique, &s.omitted, &s.quotes}) v->assign(G, 0);
  for (auto* v : {&s.attributed, &s.named, &s.anonymous, &s.direct, &s.indirect, &s.quoted_words, &s.frame_tokens}) v->assign(G, 0.0);
  s.speakers.resize(G);
  const std::vector<std::pair<const char*, std::vector<I>*>> ints = {
      {"documents", &s.documents}, {"tokens", &s.tokens}, {"sentences", &s.sentences},
      {"unique", &s.unique}, {"omitted", &s.omitted}, {"quotes", &s.quotes}};
  const std::vector<std::pair<const char*, std::vector<double>*>> floats = {
      {"attributed", &s.attributed}, {"named", &s.named}, {"anonymous", &s.anonymous}, {"direct", &s.direct},
      {"indirect", &s.indirect}, {"quoted_words", &s.quoted_words}, {"frame_tokens", &s.frame_tokens}};
  for (const auto* p : parts) {
    const Table& t = table_of(*p, "outlet_sums");
    for (std::size_t r = 0; r < t.rows(); ++r) {
      const auto g = outlet_index(t.ints("outlet")[r], G);
      for (const auto& [name, v] : ints) (*v)[g] += t.ints(name)[r];
      for (const auto& [name, v] : floats) (*v)[g] += t.floats(name)[r];
    }
    const Table& sp = table_of(*p, "named_speakers");
    for (std::size_t r = 0; r < sp.rows(); ++r) s.speakers[outlet_index(sp.ints("outlet")[r], G)].insert(std::string(sp.column("speaker").str(r)));
  }
  return s;
}

void write_outlets(Comparison& c, const std::vector<std::string>& outlets, const OutletSums& s,
                   const std::vector<std::size_t>& types) {
  Table t;
  t.add("outlet", ColumnType::string);
  for (const char* n : {"documents", "tokens", "sentences", "types", "unique", "omitted", "quotes", "speakers"}) t.add(n, ColumnType::int64);
  for (const char* n : {"quotes_per_article", "speakers_per_article", "named_share", "anonymous_share", "direct_share",
                        "indirect_share", "quoted_word_share"})
    t.add(n, ColumnType::float64);
  for (std::size_t g = 0; g < outlets.size(); ++g) {
    const double n = static_cast<double>(std::max<I>(1, s.documents[g]));
    const double att = s.attributed[g];
    const auto share = [&](double x) { return att > 0 ? x / att : 0.0; };
    t.column("outlet").push(std::string_view(outlets[g]));
    t.column("documents").push(s.documents[g]);
    t.column("tokens").push(s.tokens[g]);
    t.column("sentences").push(s.sentences[g]);
    t.column("types").push(static_cast<I>(types[g]));
    t.column("unique").push(s.unique[g]);
    t.column("omitted").push(s.omitted[g]);
    t.column("quotes").push(s.quotes[g]);
    t.column("speakers").push(static_cast<I>(s.speakers[g].size()));
    t.column("quotes_per_article").push(static_cast<double>(s.quotes[g]) / n);
    t.column("speakers_per_article").push(static_cast<double>(s.speakers[g].size()) / n);
    t.column("named_share").push(share(s.named[g]));
    t.column("anonymous_share").push(share(s.anonymous[g]));
    t.column("direct_share").push(share(s.direct[g]));
    t.column("indirect_share").push(share(s.indirect[g]));
    t.column("quoted_word_share").push(s.tokens[g] ? s.quoted_words[g] / static_cast<double>(s.tokens[g]) : 0.0);
  }
  c.tables["outlets"] = std::move(t);
}

// The quote counts per (outlet, field, value) summed and the speakers only one outlet quotes, each once: the
// views "quote_counts" and "exclusive_speakers", in the pieces' columns.
std::pair<Table, Table> summed_sourcing(const Parts& parts, const std::vector<std::string>& outlets) {
  const OutletIndex index(outlets);
  StringIds strings;  // fields, values and speakers
  std::vector<Keyed<I>> counts;  // (outlet, field, value)
  std::vector<Keyed<int>> exclusive;  // (outlet, 0, speaker)
  for (const auto* p : parts) {
    const Table& q = table_of(*p, "quote_counts");
    const Column &outlet = q.column("outlet"), &field = q.column("field"), &value = q.column("value");
    const auto& count = q.ints("count");
    const auto g = index.of(outlet);
    const auto f = strings.of(field), v = strings.of(value);
    for (std::size_t r = 0; r < q.rows(); ++r)
      counts.push_back({{g[outlet.codes[r]], f[field.codes[r]], v[value.codes[r]]}, count[r]});
    const Table& e = table_of(*p, "exclusive_speakers");
    const Column &e_outlet = e.column("outlet"), &speaker = e.column("speaker");
    const auto eg = index.of(e_outlet);
    const auto sp = strings.of(speaker);
    for (std::size_t r = 0; r < e.rows(); ++r) exclusive.push_back({{eg[e_outlet.codes[r]], 0, sp[speaker.codes[r]]}, 0});
  }
  const auto rank = strings.ranks();
  Table qc = empty_like(table_of(*parts[0], "quote_counts"));
  for (const auto& x : sorted_sums(std::move(counts), rank, rank)) {
    qc.column("outlet").push(std::string_view(outlets[x.key[0]]));
    qc.column("field").push(strings.str(x.key[1]));
    qc.column("value").push(strings.str(x.key[2]));
    qc.column("count").push(x.value);
  }
  Table ex = empty_like(table_of(*parts[0], "exclusive_speakers"));
  for (const auto& x : sorted_sums(std::move(exclusive), {}, rank)) {
    ex.column("outlet").push(std::string_view(outlets[x.key[0]]));
    ex.column("speaker").push(strings.str(x.key[2]));
  }
  return {std::move(qc), std::move(ex)};
}

void merge_sourcing(Comparison& c, const Parts& parts, const std::vector<std::string>& outlets, const OutletSums& s) {
  const std::size_t G = outlets.size();
  auto [quote_counts, exclusive] = summed_sourcing(parts, outlets);
  c.tables["quote_counts"] = std::move(quote_counts);
  c.tables["exclusive_speakers"] = std::move(exclusive);
  // Distinct named speakers quoted by both outlets: per speaker the outlets that quote it, each pair counted
  // once (not every speaker of one outlet looked up in every other's: G^2 set searches took seconds).
  std::unordered_map<std::string_view, std::vector<std::uint32_t>> quoted_by;
  for (std::uint32_t a = 0; a < G; ++a)
    for (const auto& sp : s.speakers[a]) quoted_by[sp].push_back(a);
  auto& overlap = c.matrices["speaker_overlap"];
  overlap.assign(G * G, 0.0);
  for (const auto& [sp, list] : quoted_by)
    for (const auto a : list)
      for (const auto b : list) overlap[a * G + b] += 1.0;
}

// Per outlet and name, the pieces' actor tallies added up (the names view the pieces' strings).
detail::ActorTallies summed_actors(const Parts& parts, std::size_t G) {
  detail::ActorTallies acc(G);
  for (const auto* p : parts) {
    const Table& t = table_of(*p, "actor_sums");
    const auto &outlet = t.ints("outlet"), &mentions = t.ints("mentions"), &documents = t.ints("documents");
    const auto& first_sum = t.floats("first_sum");
    const Column& actor = t.column("actor");
    for (std::size_t r = 0; r < t.rows(); ++r) {
      auto& a = acc[outlet_index(outlet[r], G)][actor.str(r)];
      a.mentions += static_cast<std::size_t>(mentions[r]);
      a.documents += static_cast<std::size_t>(documents[r]);
      a.first_sum += first_sum[r];
    }
  }
  return acc;
}

// The pieces' label counts added up: every piece lists every (outlet, actor, label) in the same order.
Table summed_labels(const Parts& parts) {
  Table out = table_of(*parts[0], "label_counts");
  auto& counts = out.column("count").ints;
  std::fill(counts.begin(), counts.end(), 0);
  for (const auto* p : parts) {
    const Table& t = table_of(*p, "label_counts");
    if (t.rows() != counts.size()) throw FormatError("merge: the pieces were computed with different actor labels");
    const auto& count = t.ints("count");
    for (std::size_t r = 0; r < counts.size(); ++r) counts[r] += count[r];
  }
  return out;
}

void merge_actors(Comparison& c, const Parts& parts, const CompareOptions& opt, std::size_t G, const std::vector<std::string>& outlets) {
  const auto salience = detail::top_actors(summed_actors(parts, G), opt.top_actors);
  const Table summed = summed_labels(parts);
  const auto& counts = summed.ints("count");
  const Column &actor = summed.column("actor"), &label = summed.column("label");
  const auto& outlet = summed.ints("outlet");
  std::vector<I> total(actor.dictionary.size(), 0);  // per actor (a code of the first piece's column)
  for (std::size_t r = 0; r < counts.size(); ++r) total[actor.codes[r]] += counts[r];
  const bool drop_unnamed = opt.actors.empty() && opt.default_actors;
  std::vector<detail::LabelCount> labels;
  for (std::size_t r = 0; r < counts.size(); ++r) {
    if (drop_unnamed && total[actor.codes[r]] == 0) continue;
    labels.push_back({outlet_index(outlet[r], G), std::string(actor.str(r)), std::string(label.str(r)),
                      static_cast<std::size_t>(counts[r])});
  }
  const Corpus none;
  detail::CompareContext ctx(none, opt);
  ctx.outlets = outlets;
  detail::add_actors(c, ctx, salience, labels);
}

// The pieces' matched patterns per (outlet, frame, pattern), weights summed, in the lexicon's frame order.
Table summed_frame_terms(const Parts& parts, const std::vector<std::string>& outlets,
                         const std::vector<std::string>& frame_names) {
  const OutletIndex index(outlets);
  std::unordered_map<std::string_view, std::uint32_t> frame_pos;
  for (std::uint32_t f = 0; f < frame_names.size(); ++f) frame_pos.emplace(frame_names[f], f);
  StringIds patterns;
  std::vector<Keyed<double>> hits;  // (outlet, frame, pattern)
  for (const auto* p : parts) {
    const Table& t = table_of(*p, "frame_terms");
    const Column &outlet = t.column("outlet"), &frame = t.column("frame"), &pattern = t.column("pattern");
    const auto& weight = t.floats("weight");
    const auto g = index.of(outlet);
    const auto pat = patterns.of(pattern);
    std::vector<std::uint32_t> fr;
    for (const auto& name : frame.dictionary) {
      const auto it = frame_pos.find(name);
      if (it == frame_pos.end()) throw FormatError("merge: a piece scores the frame '" + name + "', which the lexicon lacks");
      fr.push_back(it->second);
    }
    for (std::size_t r = 0; r < t.rows(); ++r)
      hits.push_back({{g[outlet.codes[r]], fr[frame.codes[r]], pat[pattern.codes[r]]}, weight[r]});
  }
  Table ft = empty_like(table_of(*parts[0], "frame_terms"));
  for (const auto& x : sorted_sums(std::move(hits), {}, patterns.ranks())) {
    ft.column("outlet").push(std::string_view(outlets[x.key[0]]));
    ft.column("frame").push(std::string_view(frame_names[x.key[1]]));
    ft.column("pattern").push(patterns.str(x.key[2]));
    ft.column("weight").push(x.value);
  }
  return ft;
}

void merge_frames(Comparison& c, const Parts& parts, const CompareOptions& opt, const OutletSums& s) {
  const std::size_t G = s.documents.size(), Fn = c.frame_names.size();
  const auto weight = summed(parts, "frame_weight", G * Fn), value = summed(parts, "frame_value", G * Fn);
  auto& m = c.matrices["frames"];
  m.assign(G * Fn, 0.0);
  const FrameLexicon& lexicon = opt.frames ? *opt.frames : FrameLexicon::generic();
  for (std::size_t g = 0; g < G; ++g)
    for (std::size_t f = 0; f < Fn; ++f) {
      if (lexicon.scale() == FrameScale::logistic)  // an outlet's score: the mean probability of its documents
        m[g * Fn + f] = s.documents[g] > 0 ? value[g * Fn + f] / static_cast<double>(s.documents[g]) : 0.0;
      else
        m[g * Fn + f] = s.frame_tokens[g] > 0 ? 1000.0 * weight[g * Fn + f] / s.frame_tokens[g] : 0.0;
    }
  c.tables["frame_terms"] = summed_frame_terms(parts, c.outlets, c.frame_names);
}


// ---- the sums of several pieces as one piece's (combine_sums) ------------------------------------------------

// The outlet tallies as the pieces' "outlet_sums" (one row per outlet) and "named_speakers" tables.
void write_outlet_sums(const OutletSums& s, const Parts& parts, PartialComparison& out) {
  Table t = empty_like(table_of(*parts[0], "outlet_sums"));
  const std::vector<std::pair<const char*, const std::vector<I>*>> ints = {
      {"documents", &s.documents}, {"tokens", &s.tokens}, {"sentences", &s.sentences},
      {"unique", &s.unique}, {"omitted", &s.omitted}, {"quotes", &s.quotes}};
  const std::vector<std::pair<const char*, const std::vector<double>*>> floats = {
      {"attributed", &s.attributed}, {"named", &s.named}, {"anonymous", &s.anonymous}, {"direct", &s.direct},
      {"indirect", &s.indirect}, {"quoted_words", &s.quoted_words}, {"frame_tokens", &s.frame_tokens}};
  for (std::size_t g = 0; g < s.documents.size(); ++g) {
    t.column("outlet").push(static_cast<I>(g));
    for (const auto& [name, v] : ints) t.column(name).push((*v)[g]);
    for (const auto& [name, v] : floats) t.column(name).push((*v)[g]);
  }
  out.tables["outlet_sums"] = std::move(t);
  Table sp = empty_like(table_of(*parts[0], "named_speakers"));
  for (std::size_t g = 0; g < s.speakers.size(); ++g)
    for (const auto& name : s.speakers[g]) {
      sp.column("outlet").push(static_cast<I>(g));
      sp.column("speaker").push(std::string_view(name));
    }
  out.tables["named_speakers"] = std::move(sp);
}

// The actor tallies as the pieces' "actor_sums" table, names in order within each outlet.
Table actor_sums_table(const detail::ActorTallies& acc, const Parts& parts) {
  Table t = empty_like(table_of(*parts[0], "actor_sums"));
  for (std::size_t g = 0; g < acc.size(); ++g) {
    std::vector<std::pair<std::string_view, const detail::ActorTally*>> names;
    names.reserve(acc[g].size());
    for (const auto& [name, a] : acc[g]) names.emplace_back(name, &a);
    std::sort(names.begin(), names.end());
    for (const auto& [name, a] : names) {
      t.column("outlet").push(static_cast<I>(g));
      t.column("actor").push(name);
      t.column("mentions").push(static_cast<I>(a->mentions));
      t.column("documents").push(static_cast<I>(a->documents));
      t.column("first_sum").push(a->first_sum);
    }
  }
  return t;
}

}  // namespace

Comparison merge_sums(const std::vector<const PartialComparison*>& pieces, const CompareOptions& opt, const CompareGlobals& g) {
  const Parts parts = nonempty(pieces, g);
  const std::size_t G = g.outlets.size();
  Comparison c = described(opt, g);
  c.tables["entities"] = united_entities(parts, g.outlets);
  c.matrices["coverage"] = summed(parts, "coverage", G * G);
  std::vector<std::size_t> types;
  merge_terms(c, parts, opt, g, types);
  const OutletSums sums = outlet_sums(parts, G);
  merge_sourcing(c, parts, g.outlets, sums);
  merge_actors(c, parts, opt, G, g.outlets);
  merge_frames(c, parts, opt, sums);
  write_outlets(c, g.outlets, sums, types);
  for (auto& [name, t] : c.tables) t.seal();
  return c;
}

PartialComparison combine_sums(const std::vector<const PartialComparison*>& pieces, const CompareOptions& opt,
                               const CompareGlobals& g) {
  const Parts parts = detail::with_tables(pieces, g);
  const std::size_t G = g.outlets.size(), V = g.vocabulary.terms.size();
  PartialComparison out;
  out.outlets = g.outlets;
  if (parts.empty()) return out;  // pieces without documents: a sum without tables, as each of them is
  for (const auto& [name, m] : parts[0]->matrices) out.matrices[name] = summed(parts, name.c_str(), m.size());
  out.tables["entities"] = united_entities(parts, g.outlets);
  out.tables["term_counts"] = detail::sparse_table(summed_sparse(parts, "term_counts", G, V));
  out.tables["centroids"] = detail::sparse_table(summed_sparse(parts, "centroids", G, V));
  write_outlet_sums(outlet_sums(parts, G), parts, out);
  auto [quote_counts, exclusive] = summed_sourcing(parts, g.outlets);
  out.tables["quote_counts"] = std::move(quote_counts);
  out.tables["exclusive_speakers"] = std::move(exclusive);
  out.tables["actor_sums"] = actor_sums_table(summed_actors(parts, G), parts);
  out.tables["label_counts"] = summed_labels(parts);
  out.tables["frame_terms"] = summed_frame_terms(parts, g.outlets, described(opt, g).frame_names);
  for (auto& [name, t] : out.tables) t.seal();
  return out;
}

}  // namespace framelens
