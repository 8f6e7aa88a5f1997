// Story grouping at scale: blocking, the undated pile, windows, threads.
#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <map>
#include <random>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "compare/stories_detail.hpp"
#include "framelens/error.hpp"
#include "framelens/stories.hpp"
#include "framelens/stories_partial.hpp"
#include "test_helpers.hpp"

using namespace framelens;

namespace {

// tests/fixtures/stories/undated_pile.json: 10 invented events x 5 outlets, written for the project.
Corpus undated_pile(std::vector<std::string>& events) {
  const auto raw = testing::read_file(std::filesystem::path(FRAMELENS_SOURCE_DIR) / "tests/fixtures/stories/undated_pile.json");
  const auto j = nlohmann::json::parse(raw);
  Corpus c;
  for (const auto& d : j.at("documents")) {
    Document doc;
    doc.id = d.at("id").get<std::string>();
    doc.outlet = d.at("outlet").get<std::string>();
    doc.text = d.at("text").get<std::string>();
    c.add(std::move(doc));
    events.push_back(d.at("event").get<std::string>());
  }
  return c;
}

// True when `labels` partitions the documents exactly as `events` does.
bool same_partition(const std::vector<std::string>& labels, const std::vector<std::string>& events) {
  std::map<std::string, std::string> label_of_event, event_of_label;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    auto [a, new_event] = label_of_event.emplace(events[i], labels[i]);
    auto [b, new_label] = event_of_label.emplace(labels[i], events[i]);
    if (a->second != labels[i] || b->second != events[i]) return false;
  }
  return true;
}

// Average link by its definition, on a dense matrix of summed cosines: every step scans all pairs of live
// clusters for the highest mean (ties: smaller first cluster, then smaller second) and merges the later
// into the earlier, adding the rows of sums. O(m^3); the reference for detail::average_link.
std::vector<std::size_t> average_link_by_definition(std::size_t m, const std::vector<detail::StoryPair>& pairs,
                                                    double threshold) {
  std::vector<std::vector<double>> sum(m, std::vector<double>(m, 0.0));
  for (const auto& p : pairs) sum[p.a][p.b] = sum[p.b][p.a] = p.sim;
  std::vector<std::size_t> size(m, 1), cluster(m);
  std::vector<char> alive(m, 1);
  for (std::size_t i = 0; i < m; ++i) cluster[i] = i;
  for (;;) {
    double best = -1;
    std::size_t ba = 0, bb = 0;
    for (std::size_t a = 0; a < m; ++a)
      for (std::size_t b = a + 1; b < m; ++b) {
        if (!alive[a] || !alive[b] || sum[a][b] == 0) continue;
        const double avg = sum[a][b] / static_cast<double>(size[a] * size[b]);
        if (avg >= threshold && avg > best) {
          best = avg;
          ba = a;
          bb = b;
        }
      }
    if (best < 0) break;
    alive[bb] = 0;
    size[ba] += size[bb];
    for (std::size_t k = 0; k < m; ++k)
      if (alive[k] && k != ba) sum[ba][k] = sum[k][ba] = sum[ba][k] + sum[bb][k];
    for (auto& c : cluster)
      if (c == bb) c = ba;
  }
  return cluster;
}

// group_stories() of `c` computed in pieces (stories_partial.hpp): `cuts` documents per piece in corpus
// order, time buckets at `edges` (bucket b owns the days [edges[b], edges[b + 1])).
std::vector<std::string> stories_in_pieces(const Corpus& c, std::size_t cuts, const std::vector<double>& edges,
                                           const StoryOptions& opt) {
  std::vector<Corpus> pieces;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (i % cuts == 0) pieces.emplace_back();
    pieces.back().add(c[i]);
  }
  std::vector<StoryCounts> counts;
  std::vector<TermFrequencies> terms;
  for (const Corpus& p : pieces) {
    counts.push_back(story_counts(p, opt));
    terms.push_back(counts.back().terms);
  }
  const TermFrequencies merged = merge(terms);
  StoryColumns columns = story_columns(merged);
  std::vector<StoryVectors> vectors;
  columns.postings.assign(columns.df.size(), 0);
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    vectors.push_back(story_vectors(counts[k], merged, static_cast<std::int64_t>(k * cuts)));
    const auto post = signature_postings(vectors.back(), columns, opt);
    for (std::size_t t = 0; t < post.size(); ++t) columns.postings[t] += post[t];
  }
  std::vector<std::vector<StoryVectors>> split;
  for (const auto& v : vectors) split.push_back(story_buckets(v, edges, opt));
  std::vector<StoryVectors> buckets;
  std::vector<std::pair<StoryPairs, UndatedCandidates>> found;
  for (std::size_t b = 0; b + 1 < edges.size(); ++b) {
    std::vector<const StoryVectors*> ptrs;
    for (const auto& parts : split) ptrs.push_back(&parts[b]);
    buckets.push_back(join_story_vectors(ptrs));
    found.push_back(story_bucket_pairs(buckets.back(), edges[b], edges[b + 1], b == 0, columns, opt));
  }
  std::vector<const StoryPairs*> pairs;
  std::vector<const UndatedCandidates*> undated;
  for (const auto& f : found) {
    pairs.push_back(&f.first);
    undated.push_back(&f.second);
  }
  const UndatedCandidates best = story_undated_best(undated);
  std::vector<StoryPairs> undated_pairs;
  for (std::size_t b = 0; b < buckets.size(); ++b)
    undated_pairs.push_back(story_undated_pairs(buckets[b], edges[b], edges[b + 1], b == 0, best, opt));
  for (const auto& p : undated_pairs) pairs.push_back(&p);
  const StoryBlocks blocks = story_blocks(pairs, columns.documents, opt);
  std::vector<StoryPairs> small;
  for (std::size_t b = 0; b < buckets.size(); ++b)
    small.push_back(story_block_pairs(buckets[b], edges[b], edges[b + 1], b == 0, blocks, opt));
  std::vector<const StoryPairs*> small_ptrs;
  for (const auto& s : small) small_ptrs.push_back(&s);
  std::vector<std::string> out;
  // the large blocks clustered apart from the small blocks' pairs, as framelens.dask does
  const std::vector<std::int64_t> large = story_large_blocks(blocks, opt);
  for (const std::int64_t n : story_numbers(blocks, small_ptrs, large, opt)) out.push_back("story-" + std::to_string(n));
  return out;
}

}  // namespace

TEST_CASE("average link merges as its definition, ties and hubs included", "[stories]") {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 40; ++trial) {
    const std::size_t m = 20 + static_cast<std::size_t>(rng() % 140);
    const double density = trial % 4 == 0 ? 0.6 : 0.08;
    std::vector<detail::StoryPair> pairs;
    for (std::uint32_t a = 0; a < m; ++a)
      for (std::uint32_t b = a + 1; b < m; ++b) {
        // Hubs: item 0 and 1 link to most items; few distinct values, so equal means (ties) are common.
        const bool hub = a < 2 && rng() % 3 != 0;
        if (!hub && std::uniform_real_distribution<double>(0, 1)(rng) >= density) continue;
        const double sim = trial % 2 ? 0.05 * static_cast<double>(1 + rng() % 16) : std::uniform_real_distribution<double>(0.05, 1)(rng);
        pairs.push_back({a, b, sim});
      }
    for (const double threshold : {0.1, 0.2, 0.35}) {
      INFO("trial " << trial << ", " << m << " items, " << pairs.size() << " pairs, threshold " << threshold);
      CHECK(detail::average_link(m, pairs, threshold) == average_link_by_definition(m, pairs, threshold));
    }
  }
  CHECK(detail::average_link(3, {}, 0.2) == std::vector<std::size_t>{0, 1, 2});
}

TEST_CASE("an undated pile of 10 events x 5 outlets comes out as its 10 stories", "[stories]") {
  std::vector<std::string> events;
  const Corpus c = undated_pile(events);
  REQUIRE(c.size() == 50);
  const auto labels = group_stories(c);
  CHECK(std::set<std::string>(labels.begin(), labels.end()).size() == 10);
  CHECK(same_partition(labels, events));
  // The nearest article from another outlet reports the same event for all but one: the short flood
  // report whose only named person is the governor who also leads the wildfire coverage (its story,
  // an average over five articles, is still right above).
  const auto nn = nearest_other_outlet(c);
  std::size_t same = 0;
  for (std::size_t i = 0; i < c.size(); ++i) {
    REQUIRE(nn[i] >= 0);
    same += events[static_cast<std::size_t>(nn[i])] == events[i];
    CHECK(c[static_cast<std::size_t>(nn[i])].outlet != c[i].outlet);
  }
  CHECK(same == c.size() - 1);
}

TEST_CASE("story grouping does not depend on the thread count or on document order", "[stories]") {
  std::vector<std::string> events;
  Corpus c = undated_pile(events);
  StoryOptions one, two;
  one.threads = 1;
  two.threads = 2;
  CHECK(group_stories(c, one) == group_stories(c, two));
  // Reversed order: the same partition (labels renumber by first document).
  Corpus r;
  std::vector<std::string> rev_events;
  for (std::size_t i = c.size(); i-- > 0;) {
    r.add(c[i]);
    rev_events.push_back(events[i]);
  }
  CHECK(same_partition(group_stories(r), rev_events));
}

TEST_CASE("dates: the window splits one event reported months apart; undated articles still join", "[stories]") {
  std::vector<std::string> events;
  Corpus c = undated_pile(events);
  // All five ferry reports dated: two in March, three in June. The window (3 days) keeps them apart.
  std::vector<std::size_t> ferry;
  for (std::size_t i = 0; i < c.size(); ++i)
    if (events[i] == "ferry") ferry.push_back(i);
  REQUIRE(ferry.size() == 5);
  for (std::size_t k = 0; k < ferry.size(); ++k) c[ferry[k]].meta["date"] = k < 2 ? "2025-03-01" : "2025-06-01";
  auto labels = group_stories(c);
  CHECK(labels[ferry[0]] == labels[ferry[1]]);
  CHECK(labels[ferry[2]] == labels[ferry[3]]);
  CHECK(labels[ferry[3]] == labels[ferry[4]]);
  CHECK(labels[ferry[0]] != labels[ferry[2]]);
  // Without the window they are one story again.
  StoryOptions no_window;
  no_window.window_days = 0;
  labels = group_stories(c, no_window);
  for (const std::size_t i : ferry) CHECK(labels[i] == labels[ferry[0]]);
}

TEST_CASE("group_stories: bad options are errors, an empty corpus has no stories", "[stories]") {
  CHECK(group_stories(Corpus{}).empty());
  CHECK(nearest_other_outlet(Corpus{}).empty());
  Corpus c;
  c.add("A ferry sank.", "Herald");
  StoryOptions bad;
  bad.threshold = 1.5;
  CHECK_THROWS_AS(group_stories(c, bad), InvalidArgument);
  bad.threshold = 0.2;
  bad.entity_weight = 0;
  CHECK_THROWS_AS(group_stories(c, bad), InvalidArgument);
  CHECK(group_stories(c) == std::vector<std::string>{"story-1"});
  CHECK(nearest_other_outlet(c) == std::vector<long>{-1});
  // A name's word met once weighs entity_weight; below 1/e its log count would be negative.
  Corpus named;
  named.add("Officials said the Halcyon Star was seized near the coast.", "Herald");
  named.add("Officials said the Halcyon Star was seized near the coast.", "Courier");
  StoryOptions light;
  light.entity_weight = 0.2;
  CHECK_THROWS_WITH(group_stories(named, light), Catch::Contains("entity_weight"));
  light.entity_weight = 0.5;
  CHECK(group_stories(named, light) == std::vector<std::string>{"story-1", "story-1"});
}

TEST_CASE("group_stories in pieces and time buckets gives the labels of the whole corpus", "[stories]") {
  std::vector<std::string> events;
  Corpus c = undated_pile(events);
  // Reports spread over two weeks (the same event on neighbouring days, so stories cross bucket edges),
  // every seventh document undated.
  for (std::size_t i = 0; i < c.size(); ++i)
    if (i % 7 != 3) c[i].meta["date"] = "2025-03-" + std::to_string(10 + (i * 5) % 14);
  const double day0 = 20157;  // 2025-03-10 in days since 1970
  const double inf = std::numeric_limits<double>::infinity();
  StoryOptions opt;
  opt.threads = 1;
  for (const double window : {3.0, 10.0})
    for (const std::size_t cuts : {std::size_t{1}, std::size_t{7}, std::size_t{50}})
      for (const auto& edges : std::vector<std::vector<double>>{{-inf, inf}, {-inf, day0 + 4, day0 + 9, inf},
                                                                {-inf, day0 + 2, day0 + 3, day0 + 12, inf}}) {
        opt.window_days = window;
        CAPTURE(window, cuts, edges);
        CHECK(stories_in_pieces(c, cuts, edges, opt) == group_stories(c, opt));
      }
  StoryOptions no_window;
  no_window.window_days = 0;
  CHECK_THROWS_AS(story_counts(c, no_window), InvalidArgument);
}

TEST_CASE("story_undated_best keeps each document's 48 best candidates of all buckets, in candidates() order",
          "[stories]") {
  // Random candidates spread over buckets, scores with ties; the documents packed (counting sort) or far
  // apart (a sort), against a plain sort of every entry.
  std::mt19937 rng(11);
  for (const std::int64_t spread : {std::int64_t{1}, std::int64_t{1} << 40}) {
    std::vector<UndatedCandidates> buckets(5);
    for (int d = 0; d < 40; ++d)
      for (int c = 0; c < 120; ++c) {
        if (rng() % 3 == 0) continue;
        UndatedCandidates& u = buckets[rng() % buckets.size()];
        u.document.push_back(1000 + d * spread);
        u.candidate.push_back(c);
        u.score.push_back(static_cast<float>(rng() % 8));  // many ties: broken by candidate
      }
    std::vector<const UndatedCandidates*> parts;
    std::vector<std::tuple<std::int64_t, float, std::int64_t>> all;
    for (const auto& u : buckets) {
      parts.push_back(&u);
      for (std::size_t k = 0; k < u.document.size(); ++k) all.emplace_back(u.document[k], -u.score[k], u.candidate[k]);
    }
    std::sort(all.begin(), all.end());
    UndatedCandidates want;
    for (std::size_t k = 0, rank = 0; k < all.size(); ++k) {
      rank = k > 0 && std::get<0>(all[k]) == std::get<0>(all[k - 1]) ? rank + 1 : 0;
      if (rank >= 48) continue;
      want.document.push_back(std::get<0>(all[k]));
      want.score.push_back(-std::get<1>(all[k]));
      want.candidate.push_back(std::get<2>(all[k]));
    }
    CAPTURE(spread);
    const UndatedCandidates got = story_undated_best(parts);
    CHECK(got.document == want.document);
    CHECK(got.candidate == want.candidate);
    CHECK(got.score == want.score);
    CHECK(got.document.size() < all.size());  // some documents had more than 48
  }
  UndatedCandidates bad;
  bad.document = {1, 2};
  bad.candidate = {3};
  bad.score = {1.0f, 2.0f};
  CHECK_THROWS_AS(story_undated_best({&bad}), InvalidArgument);
  CHECK(story_undated_best({}).document.empty());
}
