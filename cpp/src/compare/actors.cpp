// Actors: how often and how early each outlet names each actor (salience, from the capitalised-name
// entities), and which words it uses to name them (labelling, from an actor -> labels map or the
// countries of the embedded gazetteer).
#include "compare/actors.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "framelens/data.hpp"
#include "util/parallel.hpp"

namespace framelens {

std::map<std::string, std::vector<std::string>> gazetteer_actors() {
  std::map<std::string, std::vector<std::string>> out;
  const auto text = data::embedded("gazetteer.json");
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

}  // namespace framelens

namespace framelens::detail {

// Outlets in parallel, each over its documents in corpus order (so sums do not depend on the threads),
// tallying by name id in a dense scratch per worker.
ActorTallies actor_tallies(const CompareContext& ctx, const std::vector<DocAnalysis>& docs) {
  const std::size_t G = ctx.n_outlets();
  std::vector<std::vector<std::uint32_t>> of_outlet(G);
  for (std::size_t i = 0; i < docs.size(); ++i) of_outlet[ctx.outlet_of[i]].push_back(static_cast<std::uint32_t>(i));
  ActorTallies acc(G);
  struct Scratch {
    std::vector<ActorTally> tally;
    std::vector<std::uint32_t> seen_in;  // name -> 1 + the document it was last seen in
    std::vector<std::uint32_t> touched;
  };
  std::vector<Scratch> scratch(ctx.threads);
  parallel_for(G, ctx.threads, 1, [&](std::size_t b, std::size_t e, unsigned t) {
    Scratch& w = scratch[t];
    w.tally.resize(ctx.names.size());
    w.seen_in.resize(ctx.names.size(), 0);
    for (std::size_t g = b; g < e; ++g) {
      w.touched.clear();
      for (const std::uint32_t i : of_outlet[g]) {
        const double len = static_cast<double>(std::max<std::size_t>(1, ctx.corpus[i].text.size()));
        for (const Mention& m : docs[i].names) {
          ActorTally& a = w.tally[m.name];
          if (a.mentions == 0) w.touched.push_back(m.name);
          a.mentions += 1;
          if (w.seen_in[m.name] != i + 1) {
            w.seen_in[m.name] = i + 1;
            a.documents += 1;
            a.first_sum += static_cast<double>(m.start) / len;
          }
        }
      }
      auto& out = acc[g];
      out.reserve(w.touched.size());
      for (const std::uint32_t name : w.touched) {
        out.emplace(ctx.names.term(name), w.tally[name]);
        w.tally[name] = ActorTally{};
      }
    }
  });
  return acc;
}

std::vector<std::vector<ActorSalience>> top_actors(const ActorTallies& tallies, std::size_t top_n) {
  std::vector<std::vector<ActorSalience>> out(tallies.size());
  struct Candidate {
    std::string_view actor;
    const ActorTally* tally;
    double first_position;
  };
  for (std::size_t g = 0; g < tallies.size(); ++g) {
    std::vector<Candidate> v;
    v.reserve(tallies[g].size());
    for (const auto& [name, a] : tallies[g]) v.push_back({name, &a, a.first_sum / static_cast<double>(a.documents)});
    const auto before = [](const Candidate& x, const Candidate& y) {
      if (x.tally->mentions != y.tally->mentions) return x.tally->mentions > y.tally->mentions;
      if (x.first_position != y.first_position) return x.first_position < y.first_position;
      return x.actor < y.actor;
    };
    const std::size_t top = std::min(v.size(), top_n);
    std::partial_sort(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(top), v.end(), before);
    for (std::size_t k = 0; k < top; ++k)
      out[g].push_back({std::string(v[k].actor), v[k].tally->mentions, v[k].tally->documents, v[k].first_position});
  }
  return out;
}

std::vector<std::vector<ActorSalience>> actor_salience(const CompareContext& ctx, const std::vector<DocAnalysis>& docs) {
  return top_actors(actor_tallies(ctx, docs), ctx.options.top_actors);
}

std::vector<LabelCount> actor_label_counts(const CompareContext& ctx, const std::vector<DocAnalysis>& docs,
                                           const std::vector<ActorLabel>& labels, bool drop_unnamed) {
  const std::size_t G = ctx.n_outlets();
  std::vector<std::vector<std::size_t>> counts(G, std::vector<std::size_t>(labels.size(), 0));
  std::map<std::string, std::size_t> total;
  for (std::size_t i = 0; i < docs.size(); ++i)
    for (const auto& [l, k] : docs[i].labels) {
      counts[ctx.outlet_of[i]][l] += k;
      total[labels[l].actor] += k;
    }
  // Every (actor, label) pair of the map appears for every outlet, in the map's order; without a map of
  // the user's, the gazetteer's actors no outlet names are left out.
  std::map<std::string, std::vector<std::uint32_t>> by_actor;
  for (std::uint32_t l = 0; l < labels.size(); ++l) by_actor[labels[l].actor].push_back(l);
  std::vector<LabelCount> out;
  for (std::uint32_t g = 0; g < G; ++g)
    for (const auto& [actor, ls] : by_actor) {
      if (drop_unnamed && total[actor] == 0) continue;
      std::vector<std::uint32_t> sorted = ls;
      std::sort(sorted.begin(), sorted.end(), [&](auto a, auto b) { return labels[a].label < labels[b].label; });
      for (auto l : sorted) out.push_back({g, actor, labels[l].label, counts[g][l]});
    }
  return out;
}

}  // namespace framelens::detail
