// group_stories() in pieces (stories_partial.hpp) for framelens.dask: each structure crosses as a tuple of
// NumPy arrays (a vocabulary as bindings.hpp says); the GIL is released while the core works.
#include <utility>

#include <pybind11/stl.h>

#include "bindings.hpp"
#include "framelens/error.hpp"
#include "framelens/stories_partial.hpp"

namespace framelens::bindings {
namespace {

template <class T>
std::vector<T> from_py(const py::handle& h, const char* what) {
  const auto a = py::array_t<T, py::array::c_style | py::array::forcecast>::ensure(h);
  if (!a || a.ndim() != 1) throw InvalidArgument(std::string("story pieces: ") + what + " must be a 1-d array");
  return std::vector<T>(a.data(), a.data() + a.size());
}

py::tuple parts_of(const py::handle& h, std::size_t n, const char* what) {
  const auto t = h.cast<py::tuple>();
  if (t.size() != n) throw InvalidArgument(std::string("story pieces: ") + what + " is a tuple of " + std::to_string(n));
  return t;
}

StoryOptions options_of(double threshold, double window_days, int threads) {
  StoryOptions o;
  o.threshold = threshold;
  o.window_days = window_days;
  o.threads = threads;
  return o;
}

py::tuple vectors_to_py(const StoryVectors& v) {
  return py::make_tuple(numpy(v.positions), numpy(v.day), numpy(v.indptr), numpy(v.columns), numpy(v.values));
}

StoryVectors vectors_from_py(const py::handle& h) {
  const auto t = parts_of(h, 5, "story vectors");
  StoryVectors v;
  v.positions = from_py<std::int64_t>(t[0], "positions");
  v.day = from_py<double>(t[1], "days");
  v.indptr = from_py<std::int64_t>(t[2], "indptr");
  v.columns = from_py<std::int32_t>(t[3], "columns");
  v.values = from_py<double>(t[4], "values");
  if (v.indptr.size() != v.positions.size() + 1 || v.day.size() != v.positions.size() || v.indptr.front() != 0)
    throw InvalidArgument("story vectors: positions, days and indptr do not agree in length");
  return v;
}

py::tuple columns_to_py(const StoryColumns& c) { return py::make_tuple(numpy(c.df), numpy(c.postings), c.documents); }

StoryColumns columns_from_py(const py::handle& h) {
  const auto t = parts_of(h, 3, "story columns");
  StoryColumns c;
  c.df = from_py<std::uint32_t>(t[0], "df");
  c.postings = from_py<std::uint32_t>(t[1], "postings");
  c.documents = t[2].cast<std::uint64_t>();
  return c;
}

py::tuple pairs_to_py(const StoryPairs& p) { return py::make_tuple(numpy(p.a), numpy(p.b), numpy(p.sim)); }

StoryPairs pairs_from_py(const py::handle& h) {
  const auto t = parts_of(h, 3, "story pairs");
  StoryPairs p{from_py<std::int64_t>(t[0], "a"), from_py<std::int64_t>(t[1], "b"), from_py<double>(t[2], "sim")};
  if (p.b.size() != p.a.size() || p.sim.size() != p.a.size()) throw InvalidArgument("story pairs: a, b and sim differ in length");
  return p;
}

py::tuple undated_to_py(const UndatedCandidates& u) {
  return py::make_tuple(numpy(u.document), numpy(u.candidate), numpy(u.score));
}

UndatedCandidates undated_from_py(const py::handle& h) {
  const auto t = parts_of(h, 3, "undated candidates");
  UndatedCandidates u{from_py<std::int64_t>(t[0], "document"), from_py<std::int64_t>(t[1], "candidate"),
                      from_py<float>(t[2], "score")};
  if (u.candidate.size() != u.document.size() || u.score.size() != u.document.size())
    throw InvalidArgument("undated candidates: the columns differ in length");
  return u;
}

py::tuple blocks_to_py(const StoryBlocks& b) { return py::make_tuple(pairs_to_py(b.pairs), numpy(b.block), numpy(b.sizes)); }

StoryBlocks blocks_from_py(const py::handle& h) {
  const auto t = parts_of(h, 3, "story blocks");
  StoryBlocks b;
  b.pairs = pairs_from_py(t[0]);
  b.block = from_py<std::int32_t>(t[1], "block");
  b.sizes = from_py<std::int64_t>(t[2], "sizes");
  for (const std::int32_t k : b.block)
    if (k < -1 || k >= static_cast<std::int64_t>(b.sizes.size())) throw InvalidArgument("story blocks: a block id is out of range");
  return b;
}

template <class T, class F>
std::vector<T> each_from_py(const py::sequence& items, F&& convert) {
  std::vector<T> out;
  for (const auto& item : items) out.push_back(convert(item));
  return out;
}

template <class T>
std::vector<const T*> pointers(const std::vector<T>& v) {
  std::vector<const T*> out;
  for (const T& x : v) out.push_back(&x);
  return out;
}

// Steps 1-2: story vectors in the corpus's columns, cut into time buckets.
void register_story_vectors(py::module_& m) {
  m.def(
      "story_counts",
      [](const Corpus& piece, double threshold, double window_days, double entity_weight, const std::string& date_key,
         int threads) {
        StoryOptions o{threshold, window_days, entity_weight, date_key, threads};
        StoryCounts c;
        {
          py::gil_scoped_release release;
          c = story_counts(piece, o);
        }
        std::vector<std::uint32_t> ids;
        std::vector<float> weights;
        ids.reserve(c.entries.size());
        weights.reserve(c.entries.size());
        for (const auto& [id, w] : c.entries) {
          ids.push_back(id);
          weights.push_back(w);
        }
        return py::make_tuple(vocabulary_to_py(std::move(c.terms)), numpy(c.indptr), numpy(ids), numpy(weights), numpy(c.day));
      },
      py::arg("piece"), py::arg("threshold"), py::arg("window_days"), py::arg("entity_weight"), py::arg("date_key"),
      py::arg("threads") = 1,
      "A piece's story-vector entries: (vocabulary, indptr, ids, weights, days).");
  m.def(
      "story_vectors",
      [](const py::tuple& counts, const py::tuple& merged, std::int64_t first) {
        const auto t = parts_of(counts, 5, "story counts");
        StoryCounts c;
        c.terms = vocabulary_from_py(t[0]);
        c.indptr = from_py<std::int64_t>(t[1], "indptr");
        const auto ids = from_py<std::uint32_t>(t[2], "ids");
        const auto weights = from_py<float>(t[3], "weights");
        c.day = from_py<double>(t[4], "days");
        if (ids.size() != weights.size()) throw InvalidArgument("story counts: ids and weights differ in length");
        for (std::size_t k = 0; k < ids.size(); ++k) {
          if (ids[k] >= c.terms.terms.size()) throw InvalidArgument("story counts: a term id is out of range");
          c.entries.emplace_back(ids[k], weights[k]);
        }
        const TermFrequencies all = vocabulary_from_py(merged);
        StoryVectors v;
        {
          py::gil_scoped_release release;
          v = story_vectors(c, all, first);
        }
        return vectors_to_py(v);
      },
      py::arg("counts"), py::arg("merged"), py::arg("first"));
  m.def(
      "story_columns",
      [](const py::tuple& merged) { return columns_to_py(story_columns(vocabulary_from_py(merged))); }, py::arg("merged"));
  m.def(
      "signature_postings",
      [](const py::tuple& piece, const py::tuple& columns, int threads) {
        const StoryVectors v = vectors_from_py(piece);
        const StoryColumns c = columns_from_py(columns);
        std::vector<std::uint32_t> out;
        {
          py::gil_scoped_release release;
          out = signature_postings(v, c, options_of(0.2, 1.0, threads));
        }
        return numpy(out);
      },
      py::arg("piece"), py::arg("columns"), py::arg("threads") = 1);
  m.def(
      "story_buckets",
      [](const py::tuple& piece, const std::vector<double>& edges, double window_days) {
        const StoryVectors v = vectors_from_py(piece);
        std::vector<StoryVectors> out;
        {
          py::gil_scoped_release release;
          out = story_buckets(v, edges, options_of(0.2, window_days, 1));
        }
        py::tuple t(out.size());
        for (std::size_t b = 0; b < out.size(); ++b) t[b] = vectors_to_py(out[b]);
        return t;
      },
      py::arg("piece"), py::arg("edges"), py::arg("window_days"));
  m.def(
      "join_story_vectors",
      [](const py::sequence& pieces) {
        const auto v = each_from_py<StoryVectors>(pieces, vectors_from_py);
        StoryVectors out;
        {
          py::gil_scoped_release release;
          out = join_story_vectors(pointers(v));
        }
        return vectors_to_py(out);
      },
      py::arg("pieces"));
}

// Step 3: each bucket's candidate pairs, and the undated documents' best candidates.
void register_story_pairs(py::module_& m) {
  m.def(
      "story_bucket_pairs",
      [](const py::tuple& bucket, double lo, double hi, bool undated_own, const py::tuple& columns, double threshold,
         double window_days, int threads) {
        const StoryVectors v = vectors_from_py(bucket);
        const StoryColumns c = columns_from_py(columns);
        std::pair<StoryPairs, UndatedCandidates> out;
        {
          py::gil_scoped_release release;
          out = story_bucket_pairs(v, lo, hi, undated_own, c, options_of(threshold, window_days, threads));
        }
        return py::make_tuple(pairs_to_py(out.first), undated_to_py(out.second));
      },
      py::arg("bucket"), py::arg("lo"), py::arg("hi"), py::arg("undated_own"), py::arg("columns"), py::arg("threshold"),
      py::arg("window_days"), py::arg("threads") = 1);
  m.def(
      "story_undated_best",
      [](const py::sequence& buckets) {
        const auto u = each_from_py<UndatedCandidates>(buckets, undated_from_py);
        UndatedCandidates out;
        {
          py::gil_scoped_release release;
          out = story_undated_best(pointers(u));
        }
        return undated_to_py(out);
      },
      py::arg("buckets"));
  m.def(
      "story_undated_pairs",
      [](const py::tuple& bucket, double lo, double hi, bool undated_own, const py::tuple& best, double threshold,
         double window_days) {
        const StoryVectors v = vectors_from_py(bucket);
        const UndatedCandidates u = undated_from_py(best);
        StoryPairs out;
        {
          py::gil_scoped_release release;
          out = story_undated_pairs(v, lo, hi, undated_own, u, options_of(threshold, window_days, 1));
        }
        return pairs_to_py(out);
      },
      py::arg("bucket"), py::arg("lo"), py::arg("hi"), py::arg("undated_own"), py::arg("best"), py::arg("threshold"),
      py::arg("window_days"));
}

// Steps 4-6: blocks, the pairs inside small blocks, the clustering and the story numbers.
void register_story_blocks(py::module_& m) {
  m.def(
      "story_blocks",
      [](const py::sequence& pairs, std::uint64_t documents, double threshold, double window_days) {
        const auto p = each_from_py<StoryPairs>(pairs, pairs_from_py);
        StoryBlocks out;
        {
          py::gil_scoped_release release;
          out = story_blocks(pointers(p), documents, options_of(threshold, window_days, 1));
        }
        return blocks_to_py(out);
      },
      py::arg("pairs"), py::arg("documents"), py::arg("threshold"), py::arg("window_days"));
  m.def(
      "story_block_pairs",
      [](const py::tuple& bucket, double lo, double hi, bool undated_own, const py::tuple& blocks, double threshold,
         double window_days) {
        const StoryVectors v = vectors_from_py(bucket);
        const StoryBlocks b = blocks_from_py(blocks);
        StoryPairs out;
        {
          py::gil_scoped_release release;
          out = story_block_pairs(v, lo, hi, undated_own, b, options_of(threshold, window_days, 1));
        }
        return pairs_to_py(out);
      },
      py::arg("bucket"), py::arg("lo"), py::arg("hi"), py::arg("undated_own"), py::arg("blocks"), py::arg("threshold"),
      py::arg("window_days"));
  m.def(
      "story_large_blocks",
      [](const py::tuple& blocks, double threshold, double window_days, int threads) {
        const StoryBlocks b = blocks_from_py(blocks);
        std::vector<std::int64_t> out;
        {
          py::gil_scoped_release release;
          out = story_large_blocks(b, options_of(threshold, window_days, threads));
        }
        return numpy(out);
      },
      py::arg("blocks"), py::arg("threshold"), py::arg("window_days"), py::arg("threads") = 1,
      "The stories inside the large blocks (each document's first document's position), from the blocks alone.");
  m.def(
      "story_numbers",
      [](const py::tuple& blocks, const py::sequence& small, double threshold, double window_days, int threads,
         const py::object& large) {
        const StoryBlocks b = blocks_from_py(blocks);
        const auto s = each_from_py<StoryPairs>(small, pairs_from_py);
        std::vector<std::int64_t> given;
        if (!large.is_none()) given = from_py<std::int64_t>(large, "large");
        std::vector<std::int64_t> out;
        {
          py::gil_scoped_release release;
          const StoryOptions o = options_of(threshold, window_days, threads);
          out = large.is_none() ? story_numbers(b, pointers(s), o) : story_numbers(b, pointers(s), given, o);
        }
        return numpy(out);
      },
      py::arg("blocks"), py::arg("small"), py::arg("threshold"), py::arg("window_days"), py::arg("threads") = 1,
      py::arg("large") = py::none(),
      "Every document's story number; `large`: story_large_blocks()'s result, else computed here.");
}

}  // namespace

void register_stories(py::module_& m) {
  register_story_vectors(m);
  register_story_pairs(m);
  register_story_blocks(m);
}

}  // namespace framelens::bindings
