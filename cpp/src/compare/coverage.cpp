// Coverage and omission from the aligned sentences: what each outlet shares with each other outlet, what
// only it reports (unique), what the others report and it leaves out (omitted), and the names only one
// outlet of a story mentions or one outlet leaves out.
#include <algorithm>
#include <string>
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

// Every name's sub-names that are names themselves (ids into ctx.names; a sub-name that is no name
// anywhere cannot be asked about), the name itself included, each flagged when it has two words or more.
// Looked up once per name, not once per story and outlet that mentions it.
struct SubNames {
  std::vector<std::uint32_t> start;  // name n's sub-names: ids[start[n] .. start[n + 1])
  std::vector<std::uint32_t> ids;
  std::vector<char> long_name;       // per entry of ids: two words or more
};

SubNames sub_names(const CompareContext& ctx) {
  const std::size_t n = ctx.names.size();
  std::vector<std::vector<std::pair<std::uint32_t, char>>> found(n);
  parallel_for(n, ctx.threads, 4096, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t name = b; name < e; ++name)
      for_each_subname(ctx.names.term(static_cast<std::uint32_t>(name)), 1, [&](std::string_view sub) {
        const std::uint32_t id = ctx.names.find(sub);
        if (id != Vocabulary::npos) found[name].emplace_back(id, sub.find(' ') != std::string_view::npos);
      });
  });
  SubNames out;
  out.start.reserve(n + 1);
  out.start.push_back(0);
  for (auto& f : found) {
    for (const auto& [id, long_name] : f) {
      out.ids.push_back(id);
      out.long_name.push_back(long_name);
    }
    out.start.push_back(static_cast<std::uint32_t>(out.ids.size()));
    std::vector<std::pair<std::uint32_t, char>>().swap(f);
  }
  return out;
}

// Names match by word sequence: "Mayor Beno Falk of Kaldermoor" mentions "Beno Falk" (and the other way
// round for sub-names of two words or more), so titles and appositions do not make a name look unique.
// Adds (outlet, name) to `uniq` for story s's names that one outlet alone mentions, and to `omit` for
// those all but one outlet leave out. An outlet mentions a name the story names when it names it, names a
// longer name holding it, or names one of its sub-names of two words or more: all three gathered as
// (name, outlet) pairs and sorted, so a story costs its names' sub-names, not names x outlets.
void story_entities(const CompareContext& ctx, const std::vector<DocAnalysis>& docs, const SubNames& subnames,
                    std::size_t s, std::vector<std::pair<std::uint32_t, std::uint32_t>>& uniq,
                    std::vector<std::pair<std::uint32_t, std::uint32_t>>& omit) {
  using NameOutlet = std::pair<std::uint32_t, std::uint32_t>;
  const auto& present = ctx.story_outlets[s];
  if (present.size() < 2) return;
  std::vector<NameOutlet> named;  // each (name, outlet) of the story once
  for (auto i : ctx.story_documents[s])
    for (const Mention& m : docs[i].names) named.emplace_back(m.name, ctx.outlet_of[i]);
  std::sort(named.begin(), named.end());
  named.erase(std::unique(named.begin(), named.end()), named.end());
  const auto naming = [&](std::uint32_t name) {  // the pairs of `named` for `name`
    return std::equal_range(named.begin(), named.end(), NameOutlet{name, 0},
                            [](const NameOutlet& a, const NameOutlet& b) { return a.first < b.first; });
  };
  std::vector<NameOutlet> mentioned = named;
  for (std::size_t a = 0, b = 0; a < named.size(); a = b) {
    const std::uint32_t name = named[a].first;
    for (b = a; b < named.size() && named[b].first == name; ++b) {}
    for (auto k = subnames.start[name]; k < subnames.start[name + 1]; ++k) {
      const std::uint32_t sub = subnames.ids[k];
      if (sub == name) continue;
      const auto [first, last] = naming(sub);
      if (first == last) continue;  // a sub-name the story does not name
      for (std::size_t x = a; x < b; ++x) mentioned.emplace_back(sub, named[x].second);  // inside a longer name
      if (subnames.long_name[k])
        for (auto it = first; it != last; ++it) mentioned.emplace_back(name, it->second);  // by a long sub-name
    }
  }
  std::sort(mentioned.begin(), mentioned.end());
  mentioned.erase(std::unique(mentioned.begin(), mentioned.end()), mentioned.end());
  for (std::size_t a = 0, b = 0; a < mentioned.size(); a = b) {
    const std::uint32_t name = mentioned[a].first;
    for (b = a; b < mentioned.size() && mentioned[b].first == name; ++b) {}
    const std::size_t outlets = b - a;  // ascending, as `present`
    if (outlets == 1) uniq.emplace_back(mentioned[a].second, name);
    if (outlets == present.size() - 1 && present.size() >= 3) {
      std::size_t k = a;
      for (const auto g : present) {
        if (k < b && mentioned[k].second == g) ++k;
        else omit.emplace_back(g, name);
      }
    }
  }
}

// Per outlet, the names (their text, sorted, each once) of the (outlet, name id) pairs.
std::vector<std::vector<std::string>> names_by_outlet(const CompareContext& ctx,
                                                      std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>>& pairs) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> all;
  for (auto& p : pairs) {
    all.insert(all.end(), p.begin(), p.end());
    std::vector<std::pair<std::uint32_t, std::uint32_t>>().swap(p);
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  std::vector<std::vector<std::string>> out(ctx.n_outlets());
  for (const auto& [g, name] : all) out[g].emplace_back(ctx.names.term(name));
  for (auto& names : out) std::sort(names.begin(), names.end());
  return out;
}

// Stories in parallel, each worker collecting (outlet, name) pairs of its own, merged at the end.
void entity_coverage(const CompareContext& ctx, const std::vector<DocAnalysis>& docs, Coverage& c) {
  const SubNames subnames = sub_names(ctx);
  std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> uniq(ctx.threads), omit(ctx.threads);
  parallel_for(ctx.stories.size(), ctx.threads, 16, [&](std::size_t b, std::size_t e, unsigned t) {
    for (std::size_t s = b; s < e; ++s) story_entities(ctx, docs, subnames, s, uniq[t], omit[t]);
  });
  c.unique_entities = names_by_outlet(ctx, uniq);
  c.omitted_entities = names_by_outlet(ctx, omit);
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
