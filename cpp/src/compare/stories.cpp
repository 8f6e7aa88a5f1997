// Story grouping: average-link clustering of entity-weighted TF-IDF document vectors, within a time window.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <queue>
#include <unordered_map>
#include <unordered_set>

#include "compare/compare_text.hpp"
#include "framelens/compare.hpp"
#include "framelens/error.hpp"
#include "framelens/threads.hpp"
#include "util/parallel.hpp"

namespace framelens {
namespace {

constexpr double kNoDate = -1e18;

// Days since 1970-01-01 of a "YYYY-MM-DD..." string, or kNoDate.
double parse_day(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return kNoDate;
  auto num = [&](std::size_t from, std::size_t n) {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  int y = num(0, 4), m = num(5, 2), d = num(8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31) return kNoDate;
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<double>(era) * 146097.0 + static_cast<double>(doe) - 719468.0;
}

struct DocVectors {
  std::vector<std::vector<std::pair<std::uint32_t, double>>> rows;  // L2-normalised, sorted by term
  std::vector<std::vector<std::pair<std::uint32_t, double>>> postings;  // term -> (doc, weight)
  std::vector<double> day;
};

DocVectors vectors(const Corpus& corpus, const StoryOptions& opt) {
  const auto texts = detail::analyse(corpus, opt.threads);
  detail::Vocabulary vocab;
  DocVectors v;
  v.rows.resize(corpus.size());
  v.day.resize(corpus.size());
  std::vector<std::unordered_map<std::uint32_t, double>> tf(corpus.size());
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    const auto& t = texts[i];
    // Words inside a capitalised name count entity_weight times.
    std::vector<char> in_entity(t.tokens.size(), 0);
    std::size_t e = 0;
    for (std::size_t k = 0; k < t.tokens.size(); ++k) {
      while (e < t.entities.size() && t.entities[e].span.end <= t.tokens[k].span.start) ++e;
      if (e < t.entities.size() && t.entities[e].span.start <= t.tokens[k].span.start) in_entity[k] = 1;
    }
    for (std::size_t k = 0; k < t.tokens.size(); ++k) {
      if (!detail::is_content(t.tokens[k])) continue;
      tf[i][static_cast<std::uint32_t>(vocab.id(t.tokens[k].text))] += in_entity[k] ? opt.entity_weight : 1.0;
    }
    v.day[i] = parse_day(corpus[i].get(opt.date_key));
  }
  std::vector<double> df(vocab.size(), 0.0);
  for (const auto& m : tf)
    for (const auto& [term, w] : m) df[term] += 1;
  const double n = static_cast<double>(corpus.size());
  v.postings.resize(vocab.size());
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    auto& row = v.rows[i];
    double norm = 0;
    for (const auto& [term, w] : tf[i]) {
      const double x = (1.0 + std::log(w)) * (std::log((1.0 + n) / (1.0 + df[term])) + 1.0);
      row.emplace_back(term, x);
      norm += x * x;
    }
    std::sort(row.begin(), row.end());
    norm = std::sqrt(norm);
    for (auto& [term, x] : row) {
      x = norm > 0 ? x / norm : 0;
      v.postings[term].emplace_back(static_cast<std::uint32_t>(i), x);
    }
  }
  return v;
}

bool in_window(const DocVectors& v, std::size_t i, std::size_t j, double window) {
  if (window <= 0 || v.day[i] == kNoDate || v.day[j] == kNoDate) return true;
  return std::abs(v.day[i] - v.day[j]) <= window;
}

// Cosine of document i with every document sharing a term (sparse accumulation over postings), filtered
// to the window; calls f(j, sim) for j != i in increasing j.
template <class F>
void neighbours(const DocVectors& v, std::size_t i, double window, std::vector<double>& acc,
                std::vector<std::uint32_t>& touched, F&& f) {
  touched.clear();
  for (const auto& [term, x] : v.rows[i])
    for (const auto& [j, y] : v.postings[term]) {
      if (acc[j] == 0) touched.push_back(j);
      acc[j] += x * y;
    }
  std::sort(touched.begin(), touched.end());
  for (auto j : touched) {
    const double s = acc[j];
    acc[j] = 0;
    if (j != i && in_window(v, i, j, window)) f(static_cast<std::size_t>(j), s);
  }
}

}  // namespace

std::vector<std::string> group_stories(const Corpus& corpus, const StoryOptions& opt) {
  if (!(opt.threshold > 0 && opt.threshold <= 1)) throw InvalidArgument("group_stories: threshold must be in (0, 1]");
  if (!(opt.entity_weight > 0)) throw InvalidArgument("group_stories: entity_weight must be > 0");
  const std::size_t n = corpus.size();
  if (n == 0) return {};
  const DocVectors v = vectors(corpus, opt);
  // Similar pairs (i < j) per document, computed in parallel.
  std::vector<std::vector<std::pair<std::size_t, double>>> pairs(n);
  const unsigned threads = resolve_threads(opt.threads);
  std::vector<std::vector<double>> acc(threads, std::vector<double>(n, 0.0));
  std::vector<std::vector<std::uint32_t>> touched(threads);
  // Keep pairs that could matter for an average link at the threshold (a smaller weight cannot lift it).
  const double keep = opt.threshold * 0.25;
  detail::parallel_for(n, threads, 16, [&](std::size_t b, std::size_t e, unsigned w) {
    for (std::size_t i = b; i < e; ++i)
      neighbours(v, i, opt.window_days, acc[w], touched[w], [&](std::size_t j, double s) {
        if (j > i && s >= keep) pairs[i].emplace_back(j, s);
      });
  });
  // Average-link agglomeration: repeatedly merge the two clusters with the highest mean pairwise cosine
  // (pairs never computed count as 0) until no mean reaches the threshold.
  std::vector<std::size_t> size(n, 1);
  std::vector<unsigned> version(n, 0);
  std::vector<char> alive(n, 1);
  std::vector<std::unordered_map<std::size_t, double>> sum(n);  // cluster -> neighbour -> summed cosine
  for (std::size_t i = 0; i < n; ++i)
    for (const auto& [j, s] : pairs[i]) {
      sum[i][j] += s;
      sum[j][i] += s;
    }
  struct Cand {
    double avg;
    std::size_t a, b;
    unsigned va, vb;
    bool operator<(const Cand& o) const {
      if (avg != o.avg) return avg < o.avg;
      if (a != o.a) return a > o.a;
      return b > o.b;
    }
  };
  std::priority_queue<Cand> pq;
  auto push = [&](std::size_t a, std::size_t b) {
    if (a > b) std::swap(a, b);
    const double avg = sum[a].at(b) / static_cast<double>(size[a] * size[b]);
    if (avg >= opt.threshold) pq.push({avg, a, b, version[a], version[b]});
  };
  for (std::size_t i = 0; i < n; ++i)
    for (const auto& [j, s] : sum[i])
      if (i < j) push(i, j);
  std::vector<std::size_t> parent(n);
  for (std::size_t i = 0; i < n; ++i) parent[i] = i;
  while (!pq.empty()) {
    const Cand c = pq.top();
    pq.pop();
    if (!alive[c.a] || !alive[c.b] || version[c.a] != c.va || version[c.b] != c.vb) continue;
    // Merge b into a.
    alive[c.b] = 0;
    parent[c.b] = c.a;
    size[c.a] += size[c.b];
    ++version[c.a];
    sum[c.a].erase(c.b);
    for (const auto& [k, s] : sum[c.b]) {
      if (k == c.a) continue;
      sum[c.a][k] += s;
      sum[k].erase(c.b);
      sum[k][c.a] = sum[c.a][k];
    }
    sum[c.b].clear();
    // Only links of the merged cluster change; links between other clusters keep their mean.
    std::vector<std::size_t> ks;
    for (const auto& [k, s] : sum[c.a]) ks.push_back(k);
    std::sort(ks.begin(), ks.end());
    for (auto k : ks) push(c.a, k);
  }
  auto root = [&](std::size_t i) {
    while (parent[i] != i) i = parent[i];
    return i;
  };
  std::unordered_map<std::size_t, std::size_t> label;
  std::vector<std::string> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    auto [it, inserted] = label.emplace(root(i), label.size() + 1);
    out[i] = "story-" + std::to_string(it->second);
  }
  return out;
}

std::vector<long> nearest_other_outlet(const Corpus& corpus, const StoryOptions& opt, const std::string& by) {
  const std::size_t n = corpus.size();
  std::vector<long> out(n, -1);
  if (n == 0) return out;
  const DocVectors v = vectors(corpus, opt);
  const auto labels = corpus.labels(by);
  const unsigned threads = resolve_threads(opt.threads);
  std::vector<std::vector<double>> acc(threads, std::vector<double>(n, 0.0));
  std::vector<std::vector<std::uint32_t>> touched(threads);
  detail::parallel_for(n, threads, 16, [&](std::size_t b, std::size_t e, unsigned w) {
    for (std::size_t i = b; i < e; ++i) {
      double best = -1;
      neighbours(v, i, opt.window_days, acc[w], touched[w], [&](std::size_t j, double s) {
        if (labels[j] != labels[i] && s > best) {
          best = s;
          out[i] = static_cast<long>(j);
        }
      });
    }
  });
  return out;
}

}  // namespace framelens
