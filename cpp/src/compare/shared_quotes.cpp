// The same quote across outlets. Inside each story, quotes of different outlets that render one utterance
// are aligned: verbatim (the same words), trimmed (one inside the other), paraphrased (most of the rarer
// content words shared), whoever each outlet gives them to. Near-linear: quotes meet only inside their story,
// through an inverted index of their rarest content words with a bounded number of partners each; every
// word comes from the comparison's one Tokenizer and vocabulary. Groups form around a pivot (the fullest
// rendering) and each member's differences from it are named: relation, speaker, cue, kind, words kept or cut.
#include "compare/shared_quotes.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "framelens/utf8.hpp"
#include "util/parallel.hpp"

namespace framelens::detail {
namespace {

// Weakest first: a group's relation is the weakest of its members'.
enum class Relation : unsigned char { none, paraphrase, trimmed, verbatim };

const char* relation_name(Relation r) {
  switch (r) {
    case Relation::verbatim: return "verbatim";
    case Relation::trimmed: return "trimmed";
    case Relation::paraphrase: return "paraphrase";
    case Relation::none: break;
  }
  return "";
}

// One story's alignable quotes as words. Quote i (local) is quotes[quote[i]].
struct StoryQuotes {
  std::vector<std::uint32_t> quote, outlet;
  std::vector<std::uint32_t> word_start{0}, words;  ///< every word (worker-vocabulary ids), in text order
  std::vector<std::uint32_t> term_start{0}, terms;  ///< distinct content terms (count-matrix ids), in text order
  std::vector<std::uint32_t> sorted;                ///< the same terms sorted, per quote (same starts)
  std::vector<double> weight;                       ///< summed idf of the terms
  std::size_t size() const noexcept { return quote.size(); }
  std::size_t n_words(std::size_t i) const { return word_start[i + 1] - word_start[i]; }
  std::size_t n_terms(std::size_t i) const { return term_start[i + 1] - term_start[i]; }
};

struct Worker {
  Vocabulary vocabulary;
  TokenArrays tokens;
  std::vector<std::uint32_t> to_counts;  ///< worker term id -> count-matrix id (npos: not a content term)
};

// Two quotes of a story compared (a < b, local indices).
struct Pair {
  std::uint32_t a = 0, b = 0;
  Relation relation = Relation::none;
  double similarity = 0;
  std::uint32_t run = 0;
};

struct Member {
  std::uint32_t quote = 0;
  Relation relation = Relation::none;  ///< to the pivot; none for the pivot itself
  double similarity = 1;
  std::uint32_t run = 0, words = 0, kept = 0, cut = 0, added = 0;
  std::string cut_words, added_words;
};
using Group = std::vector<Member>;  // the pivot first, then the members in corpus order

int kind_rank(std::string_view kind) { return kind == "direct" ? 0 : kind == "partial" ? 1 : 2; }

// Per story, the quotes worth aligning: statements (no scare quotes, no attitudes) in stories that more
// than one outlet covers.
std::vector<std::vector<std::uint32_t>> story_quotes(const CompareContext& ctx, const QuoteRows& quotes) {
  std::vector<std::vector<std::uint32_t>> out(ctx.stories.size());
  for (std::size_t k = 0; k < quotes.size(); ++k) {
    if (!quotes.statement(k) || quotes.document(k) >= ctx.story_of.size()) continue;
    const auto s = ctx.story_of[quotes.document(k)];
    if (ctx.story_outlets[s].size() > 1) out[s].push_back(static_cast<std::uint32_t>(k));
  }
  return out;
}

// Tokenizes the story's quotes into words and content terms; quotes with fewer than `min_content` content
// terms are left out.
StoryQuotes read_story(const CompareContext& ctx, const QuoteRows& quotes,
                       const std::vector<std::uint32_t>& ids, const Tokenizer& tokenizer, const Vocabulary& counted,
                       const std::vector<double>& idf, std::size_t min_content, Worker& w) {
  StoryQuotes s;
  std::vector<std::uint32_t> terms;
  for (const auto k : ids) {
    const std::string_view text = quotes.text(k);
    utf8::validate(text, "compare: the text of quote " + std::to_string(k));  // a caller's text or a span cut mid-character
    tokenizer.tokenize(text, w.vocabulary, w.tokens);
    while (w.to_counts.size() < w.vocabulary.size())
      w.to_counts.push_back(counted.find(w.vocabulary.term(static_cast<std::uint32_t>(w.to_counts.size()))));
    const std::size_t word0 = s.words.size();
    terms.clear();
    for (std::size_t t = 0; t < w.tokens.size(); ++t) {
      const auto kind = w.tokens.kinds[t];
      if (kind != TokenKind::word && kind != TokenKind::number && kind != TokenKind::ideographic && kind != TokenKind::kana)
        continue;
      s.words.push_back(w.tokens.terms[t]);
      const auto id = w.to_counts[w.tokens.terms[t]];
      if (id != Vocabulary::npos && std::find(terms.begin(), terms.end(), id) == terms.end()) terms.push_back(id);
    }
    if (terms.size() < min_content) {
      s.words.resize(word0);
      continue;
    }
    s.quote.push_back(k);
    s.outlet.push_back(ctx.outlet_of[quotes.document(k)]);
    s.word_start.push_back(static_cast<std::uint32_t>(s.words.size()));
    s.terms.insert(s.terms.end(), terms.begin(), terms.end());
    s.term_start.push_back(static_cast<std::uint32_t>(s.terms.size()));
    std::sort(terms.begin(), terms.end());
    s.sorted.insert(s.sorted.end(), terms.begin(), terms.end());
    double weight = 0;
    for (const auto t : terms) weight += idf[t];
    s.weight.push_back(weight);
  }
  return s;
}

// Pairs of quotes (a < b, different outlets) worth comparing: each quote probes the story's inverted index
// with its rarest content terms and keeps the partners that share the most probes.
std::vector<std::pair<std::uint32_t, std::uint32_t>> candidates(const StoryQuotes& s, const std::vector<double>& df,
                                                                const SharedQuoteRules& rules) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> postings;  // (term, quote), sorted
  postings.reserve(s.sorted.size());
  for (std::uint32_t i = 0; i < s.size(); ++i)
    for (auto k = s.term_start[i]; k < s.term_start[i + 1]; ++k) postings.emplace_back(s.sorted[k], i);
  std::sort(postings.begin(), postings.end());
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  std::vector<std::uint32_t> probes, hits;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> counted;  // (hits, partner)
  for (std::uint32_t i = 0; i < s.size(); ++i) {
    probes.assign(s.sorted.begin() + s.term_start[i], s.sorted.begin() + s.term_start[i + 1]);
    std::sort(probes.begin(), probes.end(), [&](std::uint32_t x, std::uint32_t y) { return df[x] != df[y] ? df[x] < df[y] : x < y; });
    hits.clear();
    std::size_t used = 0;
    for (const auto t : probes) {
      if (used == rules.probes) break;
      const auto lo = std::lower_bound(postings.begin(), postings.end(), std::make_pair(t, 0u));
      const auto hi = std::upper_bound(lo, postings.end(), std::make_pair(t, ~0u));
      if (hi - lo < 2 || static_cast<std::size_t>(hi - lo) > rules.max_posting) continue;
      ++used;
      for (auto p = lo; p != hi; ++p)
        if (s.outlet[p->second] != s.outlet[i]) hits.push_back(p->second);
    }
    std::sort(hits.begin(), hits.end());
    counted.clear();
    const std::size_t need = std::min(rules.min_probe_hits, used);
    for (std::size_t h = 0; h < hits.size();) {
      std::size_t e = h;
      while (e < hits.size() && hits[e] == hits[h]) ++e;
      if (e - h >= need) counted.emplace_back(static_cast<std::uint32_t>(e - h), hits[h]);
      h = e;
    }
    const auto keep = std::min(counted.size(), rules.max_candidates);
    std::partial_sort(counted.begin(), counted.begin() + static_cast<std::ptrdiff_t>(keep), counted.end(),
                      [](const auto& x, const auto& y) { return x.first != y.first ? x.first > y.first : x.second < y.second; });
    for (std::size_t c = 0; c < keep; ++c) out.emplace_back(std::min(i, counted[c].second), std::max(i, counted[c].second));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The longest run of words two quotes share (dynamic programming over at most `cap` words of each).
std::uint32_t common_run(const std::uint32_t* a, std::size_t na, const std::uint32_t* b, std::size_t nb, std::size_t cap) {
  na = std::min(na, cap);
  nb = std::min(nb, cap);
  std::vector<std::uint32_t> prev(nb + 1, 0), cur(nb + 1, 0);
  std::uint32_t best = 0;
  for (std::size_t i = 0; i < na; ++i) {
    for (std::size_t j = 0; j < nb; ++j) {
      cur[j + 1] = a[i] == b[j] ? prev[j] + 1 : 0;
      best = std::max(best, cur[j + 1]);
    }
    std::swap(prev, cur);
  }
  return best;
}

// Named persons who differ are not taken for one another's paraphrase (the same words verbatim still align).
bool may_be_one_speaker(const QuoteRows& quotes, std::size_t x, std::size_t y) {
  return !(quotes.source_type(x) == "named_person" && quotes.source_type(y) == "named_person" &&
           quotes.speaker(x) != quotes.speaker(y));
}

// How quote b renders quote a: verbatim, trimmed, paraphrase, or none.
Pair judge(const StoryQuotes& s, std::uint32_t a, std::uint32_t b, const QuoteRows& quotes,
           const std::vector<double>& idf, const SharedQuoteRules& rules) {
  Pair p{a, b, Relation::none, 0, 0};
  const auto* x = s.sorted.data() + s.term_start[a];
  const auto* xe = s.sorted.data() + s.term_start[a + 1];
  const auto* y = s.sorted.data() + s.term_start[b];
  const auto* ye = s.sorted.data() + s.term_start[b + 1];
  std::size_t shared = 0;
  double weight = 0;
  while (x != xe && y != ye) {
    if (*x < *y) ++x;
    else if (*y < *x) ++y;
    else { ++shared; weight += idf[*x]; ++x; ++y; }
  }
  p.similarity = weight / std::min(s.weight[a], s.weight[b]);
  if (shared < rules.min_content || p.similarity < rules.paraphrase) return p;
  const std::size_t na = s.n_words(a), nb = s.n_words(b), shorter = std::min(na, nb);
  p.run = common_run(s.words.data() + s.word_start[a], na, s.words.data() + s.word_start[b], nb, rules.max_words);
  if (na == nb && p.run == na) p.relation = Relation::verbatim;
  else if (p.run == shorter || (p.similarity >= rules.trimmed && p.run >= std::max<std::size_t>(4, (shorter + 1) / 2)))
    p.relation = Relation::trimmed;
  else if (p.run >= rules.paraphrase_run && may_be_one_speaker(quotes, s.quote[a], s.quote[b]))
    p.relation = Relation::paraphrase;
  return p;
}

bool stronger(const Pair& x, const Pair& y) {
  if (x.relation != y.relation) return x.relation > y.relation;
  if (x.similarity != y.similarity) return x.similarity > y.similarity;
  if (x.run != y.run) return x.run > y.run;
  return std::max(x.a, x.b) < std::max(y.a, y.b);
}

// Groups around pivots: the fullest rendering not yet placed takes, per other outlet, its closest
// unplaced partner. Returns (pivot, pairs with its members) per group.
std::vector<std::pair<std::uint32_t, std::vector<Pair>>> group_story(const StoryQuotes& s, const std::vector<Pair>& pairs,
                                                                     const QuoteRows& quotes) {
  std::vector<std::vector<std::uint32_t>> adjacent(s.size());
  for (std::uint32_t k = 0; k < pairs.size(); ++k) {
    adjacent[pairs[k].a].push_back(k);
    adjacent[pairs[k].b].push_back(k);
  }
  std::vector<std::uint32_t> order(s.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
    if (s.n_terms(x) != s.n_terms(y)) return s.n_terms(x) > s.n_terms(y);
    const int kx = kind_rank(quotes.kind(s.quote[x])), ky = kind_rank(quotes.kind(s.quote[y]));
    return kx != ky ? kx < ky : x < y;
  });
  std::vector<char> placed(s.size(), 0);
  std::vector<std::pair<std::uint32_t, std::vector<Pair>>> out;
  for (const auto p : order) {
    if (placed[p] || adjacent[p].empty()) continue;
    std::vector<Pair> best;  // one per outlet
    for (const auto k : adjacent[p]) {
      const Pair& e = pairs[k];
      const auto other = e.a == p ? e.b : e.a;
      if (placed[other]) continue;
      auto it = std::find_if(best.begin(), best.end(), [&](const Pair& m) {
        return s.outlet[m.a == p ? m.b : m.a] == s.outlet[other];
      });
      if (it == best.end()) best.push_back(e);
      else if (stronger(e, *it)) *it = e;
    }
    if (best.empty()) continue;
    placed[p] = 1;
    for (auto& m : best) {
      if (m.a != p) std::swap(m.a, m.b);  // a: the pivot, b: the member
      placed[m.b] = 1;
    }
    std::sort(best.begin(), best.end(), [](const Pair& x, const Pair& y) { return x.b < y.b; });
    out.emplace_back(p, std::move(best));
  }
  return out;
}

// The pivot's row and each member's differences from it: words kept, cut and added (content terms).
Group describe(const StoryQuotes& s, std::uint32_t pivot, const std::vector<Pair>& members, const Vocabulary& counted) {
  Group g;
  const auto in = [&](std::uint32_t q, std::uint32_t term) {
    return std::binary_search(s.sorted.begin() + s.term_start[q], s.sorted.begin() + s.term_start[q + 1], term);
  };
  const auto n_terms = static_cast<std::uint32_t>(s.n_terms(pivot));
  Member first;
  first.quote = s.quote[pivot];
  first.run = static_cast<std::uint32_t>(s.n_words(pivot));
  first.words = first.kept = n_terms;
  g.push_back(std::move(first));
  for (const auto& e : members) {
    Member m;
    m.quote = s.quote[e.b];
    m.relation = e.relation;
    m.similarity = e.similarity;
    m.run = e.run;
    m.words = static_cast<std::uint32_t>(s.n_terms(e.b));
    for (auto k = s.term_start[pivot]; k < s.term_start[pivot + 1]; ++k) {
      if (in(e.b, s.terms[k])) { ++m.kept; continue; }
      ++m.cut;
      m.cut_words.append(m.cut_words.empty() ? "" : "; ").append(counted.term(s.terms[k]));
    }
    for (auto k = s.term_start[e.b]; k < s.term_start[e.b + 1]; ++k) {
      if (in(pivot, s.terms[k])) continue;
      ++m.added;
      m.added_words.append(m.added_words.empty() ? "" : "; ").append(counted.term(s.terms[k]));
    }
    g.push_back(std::move(m));
  }
  return g;
}

std::vector<Group> align_story(const CompareContext& ctx, const QuoteRows& quotes,
                               const std::vector<std::uint32_t>& ids, const Tokenizer& tokenizer, const Vocabulary& counted,
                               const std::vector<double>& df, const std::vector<double>& idf,
                               const SharedQuoteRules& rules, Worker& w) {
  const StoryQuotes s = read_story(ctx, quotes, ids, tokenizer, counted, idf, rules.min_content, w);
  std::vector<Pair> accepted;
  for (const auto& [a, b] : candidates(s, df, rules)) {
    const Pair p = judge(s, a, b, quotes, idf, rules);
    if (p.relation != Relation::none) accepted.push_back(p);
  }
  std::vector<Group> out;
  for (const auto& [pivot, members] : group_story(s, accepted, quotes)) out.push_back(describe(s, pivot, members, counted));
  return out;
}

std::string joined_distinct(const std::vector<std::string>& values) {
  std::string out;
  std::vector<std::string> seen;
  for (const auto& v : values) {
    if (v.empty() || std::find(seen.begin(), seen.end(), v) != seen.end()) continue;
    seen.push_back(v);
    out.append(out.empty() ? "" : "; ").append(v);
  }
  return out;
}

std::string lower_ascii(std::string s) {
  for (auto& ch : s)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return s;
}

Table member_table(const std::vector<Group>& groups, const QuoteRows& quotes) {
  const Table& quote_rows = quotes.table();
  Table t;
  for (const char* c : {"group", "quote", "document"}) t.add(c, ColumnType::int64);
  for (const char* c : {"id", "outlet", "story", "relation"}) t.add(c, ColumnType::string);
  t.add("similarity", ColumnType::float64);
  t.add("run", ColumnType::int64);
  t.add("same_speaker", ColumnType::boolean);
  for (const char* c : {"speaker", "mention", "source_type", "cue", "kind"}) t.add(c, ColumnType::string);
  for (const char* c : {"words", "kept", "cut", "added"}) t.add(c, ColumnType::int64);
  for (const char* c : {"cut_words", "added_words"}) t.add(c, ColumnType::string);
  for (const char* c : {"start", "end"}) t.add(c, ColumnType::int64);
  t.add("text", ColumnType::string);
  const auto str = [&](const char* col, std::size_t row) { return quote_rows.column(col).str(row); };
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const std::string_view pivot_speaker = quotes.speaker(groups[g].front().quote);
    for (const auto& m : groups[g]) {
      t.column("group").push(static_cast<std::int64_t>(g));
      t.column("quote").push(static_cast<std::int64_t>(m.quote));
      t.column("document").push(static_cast<std::int64_t>(quotes.document(m.quote)));
      for (const char* c : {"id", "outlet", "story"}) t.column(c).push(str(c, m.quote));
      t.column("relation").push(std::string_view(&m == &groups[g].front() ? "pivot" : relation_name(m.relation)));
      t.column("similarity").push(m.similarity);
      t.column("run").push(static_cast<std::int64_t>(m.run));
      t.column("same_speaker").push(quotes.speaker(m.quote) == pivot_speaker);
      for (const char* c : {"speaker", "mention", "source_type", "cue", "kind"}) t.column(c).push(str(c, m.quote));
      t.column("words").push(static_cast<std::int64_t>(m.words));
      t.column("kept").push(static_cast<std::int64_t>(m.kept));
      t.column("cut").push(static_cast<std::int64_t>(m.cut));
      t.column("added").push(static_cast<std::int64_t>(m.added));
      t.column("cut_words").push(std::string_view(m.cut_words));
      t.column("added_words").push(std::string_view(m.added_words));
      for (const char* c : {"start", "end"}) t.column(c).push(quote_rows.ints(c)[m.quote]);
      t.column("text").push(str("text", m.quote));
    }
  }
  return t;
}

Table group_table(const std::vector<Group>& groups, const QuoteRows& quotes) {
  const Table& quote_rows = quotes.table();
  Table t;
  t.add("group", ColumnType::int64);
  for (const char* c : {"story", "relation"}) t.add(c, ColumnType::string);
  t.add("members", ColumnType::int64);
  t.add("same_speaker", ColumnType::boolean);
  t.add("direct_and_indirect", ColumnType::boolean);
  for (const char* c : {"outlets", "speakers", "cues", "kinds"}) t.add(c, ColumnType::string);
  for (const char* c : {"quote", "document"}) t.add(c, ColumnType::int64);
  t.add("text", ColumnType::string);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const auto& members = groups[g];
    const std::size_t pivot = members.front().quote;
    Relation weakest = Relation::verbatim;
    bool same = true, direct = false, indirect = false;
    std::vector<std::string> outlets, speakers, cues, kinds;
    for (const auto& m : members) {
      if (&m != &members.front()) weakest = std::min(weakest, m.relation);
      same = same && quotes.speaker(m.quote) == quotes.speaker(pivot);
      (quotes.kind(m.quote) == "indirect" ? indirect : direct) = true;
      outlets.emplace_back(quote_rows.column("outlet").str(m.quote));
      speakers.emplace_back(quotes.speaker(m.quote));
      cues.push_back(lower_ascii(std::string(quotes.cue(m.quote))));
      kinds.emplace_back(quotes.kind(m.quote));
    }
    t.column("group").push(static_cast<std::int64_t>(g));
    t.column("story").push(quote_rows.column("story").str(members.front().quote));
    t.column("relation").push(std::string_view(relation_name(weakest)));
    t.column("members").push(static_cast<std::int64_t>(members.size()));
    t.column("same_speaker").push(same);
    t.column("direct_and_indirect").push(direct && indirect);
    t.column("outlets").push(std::string_view(joined_distinct(outlets)));
    t.column("speakers").push(std::string_view(joined_distinct(speakers)));
    t.column("cues").push(std::string_view(joined_distinct(cues)));
    t.column("kinds").push(std::string_view(joined_distinct(kinds)));
    t.column("quote").push(static_cast<std::int64_t>(members.front().quote));
    t.column("document").push(static_cast<std::int64_t>(quotes.document(pivot)));
    t.column("text").push(quote_rows.column("text").str(members.front().quote));
  }
  return t;
}

}  // namespace

void add_shared_quotes(Comparison& c, const CompareContext& ctx, const QuoteRows& quotes,
                       const Vocabulary& counted, const std::vector<double>& df, double documents,
                       const SharedQuoteRules& rules) {
  // Every word, stopwords included, as analysis.cpp reads documents; content terms are the counted ones.
  const Tokenizer tokenizer(every_word(ctx.options.tokens));
  // Smoothed idf over the corpus's documents (scikit-learn's), as the sentence alignment weighs words.
  std::vector<double> idf(df.size());
  const double n = documents;
  for (std::size_t t = 0; t < df.size(); ++t) idf[t] = std::log((1 + n) / (1 + df[t])) + 1;
  const auto by_story = story_quotes(ctx, quotes);
  std::vector<std::vector<Group>> per_story(by_story.size());
  std::vector<Worker> workers(std::max(1u, ctx.threads));
  parallel_for(by_story.size(), ctx.threads, 4, [&](std::size_t b, std::size_t e, unsigned t) {
    for (std::size_t s = b; s < e; ++s)
      if (!by_story[s].empty())
        per_story[s] = align_story(ctx, quotes, by_story[s], tokenizer, counted, df, idf, rules, workers[t]);
  });
  std::vector<Group> groups;
  for (auto& g : per_story) std::move(g.begin(), g.end(), std::back_inserter(groups));
  c.tables["shared_quote_members"] = member_table(groups, quotes);
  c.tables["shared_quotes"] = group_table(groups, quotes);
}

}  // namespace framelens::detail
