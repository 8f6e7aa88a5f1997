// Coverage and omission from the aligned sentences: what each outlet shares with each other outlet, what
// only it reports (unique), what the others report and it leaves out (omitted), and the names only one
// outlet of a story mentions or one outlet leaves out.
#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>
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
    // An outlet g without a counterpart has the row as an omission when the row's outlet is the first
    // reporter in outlet order (g itself is no reporter, so the reporters other than g are all of them).
    if (own > first_other) continue;
    for (std::size_t j = 0; j < k; ++j)
      if (m[j].similarity < th) c.omitted[m[j].outlet].push_back({r, reporters});
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

// Calls f with every sub-name of `name` (its words are joined by one space) of at least `min_words` words,
// as views into it.
template <class F>
void for_each_subname(std::string_view name, std::size_t min_words, F&& f) {
  std::vector<std::size_t> start{0}, end;
  for (std::size_t i = 0; i < name.size(); ++i)
    if (name[i] == ' ') {
      end.push_back(i);
      start.push_back(i + 1);
    }
  end.push_back(name.size());
  for (std::size_t a = 0; a < start.size(); ++a)
    for (std::size_t b = a + min_words - 1; b < end.size(); ++b) f(name.substr(start[a], end[b] - start[a]));
}

// Names match by word sequence: "Mayor Beno Falk of Kaldermoor" mentions "Beno Falk" (and the other way
// round for sub-names of two words or more), so titles and appositions do not make a name look unique.
// Adds story s's names that one outlet alone mentions to uniq[outlet], and those all but one leave out to
// omit[outlet]. Names are ids into ctx.names; a sub-name that is no name anywhere cannot be asked about.
void story_entities(const CompareContext& ctx, const std::vector<DocAnalysis>& docs, std::size_t s,
                    std::vector<std::set<std::string>>& uniq, std::vector<std::set<std::string>>& omit) {
  const auto& present = ctx.story_outlets[s];
  if (present.size() < 2) return;
  // Each (outlet, name) of the story once, by outlet.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> named;
  for (auto i : ctx.story_documents[s])
    for (const Mention& m : docs[i].names) named.emplace_back(ctx.outlet_of[i], m.name);
  std::sort(named.begin(), named.end());
  named.erase(std::unique(named.begin(), named.end()), named.end());
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> outlets_of;  // name -> outlets naming it, ascending
  std::unordered_map<std::uint32_t, std::unordered_set<std::uint32_t>> within;  // outlet -> names inside its names
  for (const auto& [g, name] : named) {
    outlets_of[name].push_back(g);
    auto& inside = within[g];
    for_each_subname(ctx.names.term(name), 1, [&](std::string_view sub) {
      const std::uint32_t id = ctx.names.find(sub);
      if (id != Vocabulary::npos) inside.insert(id);
    });
  }
  const auto names_outlet = [&](std::uint32_t name, std::uint32_t g) {
    const auto it = outlets_of.find(name);
    return it != outlets_of.end() && std::binary_search(it->second.begin(), it->second.end(), g);
  };
  std::vector<std::uint32_t> subs;  // a name's sub-names of two words or more that the story names
  for (const auto& entry : outlets_of) {
    const std::uint32_t name = entry.first;  // (a lambda cannot capture a structured binding in C++17)
    const auto& outs = entry.second;
    subs.clear();
    for_each_subname(ctx.names.term(name), 2, [&](std::string_view sub) {
      const std::uint32_t id = ctx.names.find(sub);
      if (id != name && id != Vocabulary::npos && outlets_of.count(id)) subs.push_back(id);
    });
    const auto mentions = [&](std::uint32_t g) {
      if (within[g].count(name)) return true;
      for (const auto sub : subs)
        if (names_outlet(sub, g)) return true;
      return false;
    };
    std::set<std::uint32_t> all(outs.begin(), outs.end());
    for (auto g : present)
      if (!all.count(g) && mentions(g)) all.insert(g);
    if (all.size() == 1) uniq[*all.begin()].emplace(ctx.names.term(name));
    if (all.size() == present.size() - 1 && present.size() >= 3)
      for (auto g : present)
        if (!all.count(g)) omit[g].emplace(ctx.names.term(name));
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
