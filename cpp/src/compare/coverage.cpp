// Coverage and omission from the aligned sentences: what each outlet shares with each other outlet, what
// only it reports (unique), what the others report and it leaves out (omitted), and the names only one
// outlet of a story mentions or one outlet leaves out.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "compare/alignment.hpp"
#include "util/parallel.hpp"

namespace framelens::detail {
namespace {

// Omissions of outlet g: sentences of the other outlets of g's stories that g has no counterpart for. A
// fact several outlets report is listed once, by the first of them in outlet order; the most widely
// reported first, then facts a single outlet reports.
void sentence_coverage(const CompareContext& ctx, const Alignment& a, Coverage& c) {
  const std::size_t G = ctx.n_outlets();
  const double th = ctx.options.align_threshold;
  for (std::size_t r = 0; r < a.rows.size(); ++r) {
    const std::uint32_t own = ctx.outlet_of[a.rows[r].document];
    const auto* m = a.matches.data() + a.match_start[r];
    const std::size_t k = a.match_start[r + 1] - a.match_start[r];
    std::uint32_t reporters = 1;
    std::uint32_t first_other = static_cast<std::uint32_t>(G);  // the first other outlet that reports it
    for (std::size_t j = 0; j < k; ++j)
      if (m[j].similarity >= th) {
        ++reporters;
        first_other = std::min(first_other, m[j].outlet);
        c.shared[own * G + m[j].outlet] += 1;
      }
    if (reporters == 1) c.unique[own].push_back(r);
    for (std::size_t j = 0; j < k; ++j) {
      if (m[j].similarity >= th) continue;
      // The representative of the reporters other than g is the first of them in outlet order.
      std::uint32_t rep = own;
      for (std::size_t q = 0; q < k; ++q)
        if (q != j && m[q].similarity >= th) rep = std::min(rep, m[q].outlet);
      if (rep == own) c.omitted[m[j].outlet].push_back({r, reporters});
    }
  }
  c.omitted_total.assign(G, 0);
  for (std::size_t g = 0; g < G; ++g) {
    auto& cand = c.omitted[g];
    std::stable_sort(cand.begin(), cand.end(), [](const auto& x, const auto& y) { return x.reporters > y.reporters; });
    c.omitted_total[g] = cand.size();
    if (ctx.options.max_omitted && cand.size() > ctx.options.max_omitted) cand.resize(ctx.options.max_omitted);
    cand.shrink_to_fit();
  }
}

std::vector<std::string> words_of(const std::string& e) {
  std::vector<std::string> w;
  std::size_t i = 0;
  while (i <= e.size()) {
    const auto j = e.find(' ', i);
    w.push_back(e.substr(i, j == std::string::npos ? std::string::npos : j - i));
    if (j == std::string::npos) break;
    i = j + 1;
  }
  return w;
}

std::vector<std::string> grams(const std::vector<std::string>& w, std::size_t min_len) {
  std::vector<std::string> out;
  for (std::size_t a = 0; a < w.size(); ++a) {
    std::string g;
    for (std::size_t b = a; b < w.size(); ++b) {
      if (b > a) g.push_back(' ');
      g += w[b];
      if (b - a + 1 >= min_len) out.push_back(g);
    }
  }
  return out;
}

// Names match by word sequence: "Mayor Beno Falk of Kaldermoor" mentions "Beno Falk" (and the other way
// round for sub-names of two words or more), so titles and appositions do not make a name look unique.
// Adds story s's names that one outlet alone mentions to uniq[outlet], and those all but one leave out to
// omit[outlet].
void story_entities(const CompareContext& ctx, const std::vector<DocAnalysis>& docs, std::size_t s,
                    std::vector<std::set<std::string>>& uniq, std::vector<std::set<std::string>>& omit) {
  const auto& present = ctx.story_outlets[s];
  if (present.size() < 2) return;
  std::map<std::string, std::set<std::uint32_t>> ent_outlets;
  std::map<std::uint32_t, std::unordered_set<std::string>> ent_grams;
  for (auto i : ctx.story_documents[s]) {
    auto& gr = ent_grams[ctx.outlet_of[i]];
    for (const Mention& m : docs[i].names) {
      const std::string name(ctx.names.term(m.name));
      ent_outlets[name].insert(ctx.outlet_of[i]);
      for (auto& x : grams(words_of(name), 1)) gr.insert(std::move(x));
    }
  }
  const auto mentions = [&](std::uint32_t g, const std::string& e) {
    const auto& gr = ent_grams[g];
    if (gr.count(e)) return true;
    for (const auto& sub : grams(words_of(e), 2)) {
      const auto it = ent_outlets.find(sub);
      if (sub != e && it != ent_outlets.end() && it->second.count(g)) return true;
    }
    return false;
  };
  for (const auto& [name, outs] : ent_outlets) {
    std::set<std::uint32_t> all = outs;
    for (auto g : present)
      if (!all.count(g) && mentions(g, name)) all.insert(g);
    if (all.size() == 1) uniq[*all.begin()].insert(name);
    if (all.size() == present.size() - 1 && present.size() >= 3)
      for (auto g : present)
        if (!all.count(g)) omit[g].insert(name);
  }
}

// Stories in parallel, each worker collecting into its own sets, merged at the end.
void entity_coverage(const CompareContext& ctx, const std::vector<DocAnalysis>& docs, Coverage& c) {
  const std::size_t G = ctx.n_outlets();
  std::vector<std::vector<std::set<std::string>>> uniq(ctx.threads, std::vector<std::set<std::string>>(G)),
      omit(ctx.threads, std::vector<std::set<std::string>>(G));
  parallel_for(ctx.stories.size(), ctx.threads, 16, [&](std::size_t b, std::size_t e, unsigned t) {
    for (std::size_t s = b; s < e; ++s) story_entities(ctx, docs, s, uniq[t], omit[t]);
  });
  c.unique_entities.resize(G);
  c.omitted_entities.resize(G);
  for (std::size_t g = 0; g < G; ++g) {
    std::set<std::string> u, o;
    for (unsigned t = 0; t < ctx.threads; ++t) {
      u.merge(uniq[t][g]);
      o.merge(omit[t][g]);
    }
    c.unique_entities[g].assign(u.begin(), u.end());
    c.omitted_entities[g].assign(o.begin(), o.end());
  }
}

}  // namespace

Coverage coverage(const CompareContext& ctx, const std::vector<DocAnalysis>& docs, const Alignment& alignment) {
  const std::size_t G = ctx.n_outlets();
  Coverage c;
  c.shared.assign(G * G, 0);
  c.unique.resize(G);
  c.omitted.resize(G);
  sentence_coverage(ctx, alignment, c);
  for (std::size_t g = 0; g < G; ++g) c.shared[g * G + g] = static_cast<std::int64_t>(c.unique[g].size());
  entity_coverage(ctx, docs, c);
  return c;
}

}  // namespace framelens::detail
