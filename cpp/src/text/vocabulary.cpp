#include "framelens/vocabulary.hpp"

#include <algorithm>
#include <numeric>

#include "framelens/threads.hpp"
#include "util/parallel.hpp"

namespace framelens {

MergedTerms merge_sorted(const std::vector<const Vocabulary*>& parts, int threads) {
  const std::size_t k = parts.size();
  // Each part's ids sorted by term bytes (in parallel), then a k-way merge assigns the merged ids.
  std::vector<std::vector<std::uint32_t>> sorted(k);
  MergedTerms out;
  out.ids.resize(k);
  detail::parallel_for(k, std::max(1u, std::min<unsigned>(resolve_threads(threads), static_cast<unsigned>(k))), 1,
                       [&](std::size_t b, std::size_t e, unsigned) {
                         for (std::size_t p = b; p < e; ++p) {
                           const Vocabulary& v = *parts[p];
                           sorted[p].resize(v.size());
                           std::iota(sorted[p].begin(), sorted[p].end(), 0u);
                           std::sort(sorted[p].begin(), sorted[p].end(),
                                     [&](std::uint32_t a, std::uint32_t c) { return v.term(a) < v.term(c); });
                           out.ids[p].assign(v.size(), 0);
                         }
                       });
  std::vector<std::size_t> pos(k, 0);
  for (;;) {
    std::string_view best;
    bool any = false;
    for (std::size_t p = 0; p < k; ++p) {
      if (pos[p] >= sorted[p].size()) continue;
      const std::string_view t = parts[p]->term(sorted[p][pos[p]]);
      if (!any || t < best) {
        best = t;
        any = true;
      }
    }
    if (!any) break;
    const auto id = static_cast<std::uint32_t>(out.terms.size());
    out.terms.push_back(best);
    for (std::size_t p = 0; p < k; ++p)
      if (pos[p] < sorted[p].size() && parts[p]->term(sorted[p][pos[p]]) == best) out.ids[p][sorted[p][pos[p]++]] = id;
  }
  return out;
}

}  // namespace framelens
