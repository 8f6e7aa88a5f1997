// compare() on a corpus in pieces (compare_partial.hpp), for framelens.dask: the whole corpus's statistics,
// each piece's share (pickled as bytes between workers) and the merge. Options cross as a dict of plain
// values (and QuoteExtractor objects), so they travel to the workers with the tasks.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "framelens/compare_partial.hpp"
#include "framelens/error.hpp"
#include "framelens/keyness.hpp"
#include "framelens/quotes.hpp"

namespace framelens::bindings {
namespace {

using Int64Array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

// CompareOptions from {"by": ..., "align_threshold": ..., ...} (python/framelens/dask.py's _compare_options).
// `lexicon` (kept alive by the caller) holds the frame lexicon loaded from options["frames"] (a path).
CompareOptions options_from(const py::dict& d, std::unique_ptr<FrameLexicon>& lexicon) {
  CompareOptions o;
  const auto get = [&](const char* key) -> py::object { return d.contains(key) ? py::object(d[key]) : py::none(); };
  if (!get("by").is_none()) o.by = get("by").cast<std::string>();
  if (!get("align_threshold").is_none()) o.align_threshold = get("align_threshold").cast<double>();
  if (!get("idf_scope").is_none()) o.idf_scope = get("idf_scope").cast<std::string>();
  if (!get("min_sentence_words").is_none()) o.min_sentence_words = get("min_sentence_words").cast<std::size_t>();
  if (!get("top_terms").is_none()) o.top_terms = get("top_terms").cast<std::size_t>();
  if (!get("top_actors").is_none()) o.top_actors = get("top_actors").cast<std::size_t>();
  if (!get("max_omitted").is_none()) o.max_omitted = get("max_omitted").cast<std::size_t>();
  if (!get("measure").is_none()) o.keyness.measure = keyness_measure(get("measure").cast<std::string>());
  if (!get("correction").is_none()) o.keyness.correction = keyness_correction(get("correction").cast<std::string>());
  if (!get("prior").is_none()) o.keyness.prior = get("prior").cast<double>();
  if (!get("house_style").is_none()) o.house_style = get("house_style").cast<bool>();
  if (!get("extract_quotes").is_none()) o.extract_quotes = get("extract_quotes").cast<bool>();
  if (!get("threads").is_none()) o.threads = get("threads").cast<int>();
  if (!get("actors").is_none()) o.actors = get("actors").cast<std::map<std::string, std::vector<std::string>>>();
  if (!get("extractors").is_none())
    for (const auto& [k, v] : get("extractors").cast<py::dict>()) o.extractors[k.cast<std::string>()] = v.cast<const QuoteExtractor*>();
  if (!get("frames").is_none()) {
    lexicon = std::make_unique<FrameLexicon>(FrameLexicon::load(get("frames").cast<std::string>()));
    o.frames = lexicon.get();
  }
  return o;
}

// (outlets, vocabulary (vocabulary_from_py), full_names, (furniture outlets, furniture hashes))
CompareGlobals globals_from(const py::tuple& t) {
  if (t.size() != 4) throw InvalidArgument("compare globals: expected (outlets, vocabulary, full_names, furniture)");
  CompareGlobals g;
  g.outlets = t[0].cast<std::vector<std::string>>();
  g.vocabulary = vocabulary_from_py(t[1]);
  g.full_names = t[2].cast<std::vector<std::string>>();
  const auto furniture = t[3].cast<py::tuple>();
  const auto outlets = furniture[0].cast<std::vector<std::string>>();
  const auto hashes = furniture[1].cast<Int64Array>();
  if (static_cast<std::size_t>(hashes.size()) != outlets.size())
    throw InvalidArgument("compare globals: furniture has " + std::to_string(outlets.size()) + " outlets for " +
                          std::to_string(hashes.size()) + " hashes");
  for (std::size_t k = 0; k < outlets.size(); ++k) g.furniture.emplace_back(outlets[k], static_cast<std::uint64_t>(hashes.data()[k]));
  return g;
}

// A merge of the pieces as Python calls it: (parts, options dict, globals tuple), the GIL released.
template <class Result>
auto merging(Result (*merge)(const std::vector<const PartialComparison*>&, const CompareOptions&, const CompareGlobals&)) {
  return [merge](const std::vector<const PartialComparison*>& parts, const py::dict& options, const py::tuple& globals) {
    std::unique_ptr<FrameLexicon> lexicon;
    const CompareOptions o = options_from(options, lexicon);
    const CompareGlobals g = globals_from(globals);
    py::gil_scoped_release release;
    return merge(parts, o, g);
  };
}

}  // namespace

py::array byte_array(std::string bytes) {
  auto* owner = new std::string(std::move(bytes));
  py::capsule keep(owner, [](void* p) { delete static_cast<std::string*>(p); });
  py::array_t<std::uint8_t> out({static_cast<py::ssize_t>(owner->size())}, {static_cast<py::ssize_t>(1)},
                                reinterpret_cast<const std::uint8_t*>(owner->data()), keep);
  py::detail::array_proxy(out.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  return out;
}

std::string_view byte_view(const py::buffer_info& info) {
  if (info.ndim != 1 || info.itemsize != 1 || (info.size > 0 && info.strides[0] != 1))
    throw InvalidArgument("expected a contiguous 1-d buffer of bytes");
  return {static_cast<const char*>(info.ptr), static_cast<std::size_t>(info.size)};
}

void register_compare_partial(py::module_& m) {
  py::class_<PartialComparison>(m, "PartialComparison", "One piece's share of a comparison (framelens.dask.compare).")
      .def_property_readonly("table_names", [](const PartialComparison& p) {
        std::vector<std::string> out;
        for (const auto& [name, t] : p.tables) out.push_back(name);
        return out;
      })
      // Pickled as a uint8 array of its bytes: out of band between workers (no copy into a bytes object
      // on either side); a bytes state (pickle protocols < 5 keep the array in band) reads as well.
      .def(pickle_as_bytes<PartialComparison, &deserialize_partial>());
  m.def(
      "compare_sentence_keys",
      [](const Corpus& corpus, const py::dict& options) {
        std::unique_ptr<FrameLexicon> lexicon;
        const CompareOptions o = options_from(options, lexicon);
        Table t;
        {
          py::gil_scoped_release release;
          t = sentence_keys(corpus, o);
        }
        Int64Array hash(static_cast<py::ssize_t>(t.rows())), documents(static_cast<py::ssize_t>(t.rows()));
        std::copy(t.ints("hash").begin(), t.ints("hash").end(), hash.mutable_data());
        std::copy(t.ints("documents").begin(), t.ints("documents").end(), documents.mutable_data());
        return py::make_tuple(t.strings("outlet"), hash, documents);
      },
      py::arg("corpus"), py::arg("options"), "(outlets, sentence hashes, documents) of a piece: see compare_partial.hpp.");
  m.def(
      "compare_vocabulary",
      [](const Corpus& corpus, const py::dict& options) {
        std::unique_ptr<FrameLexicon> lexicon;
        const CompareOptions o = options_from(options, lexicon);
        TermFrequencies v;
        {
          py::gil_scoped_release release;
          const DocumentTermMatrix m = partial_dtm(corpus, o.tokens, o.threads);
          v = term_frequencies(view(m.matrix), m.terms);
        }
        return vocabulary_to_py(std::move(v));
      },
      py::arg("corpus"), py::arg("options"), "The vocabulary (see bindings.hpp) of a piece with the comparison's token options.");
  py::class_<PieceQuotes>(m, "PieceQuotes", "A piece's quotes, found once (framelens.dask.compare): see compare_partial.hpp.")
      .def("__len__", [](const PieceQuotes& q) { return q.records.size(); })
      .def_property_readonly("full_names", [](const PieceQuotes& q) { return speaker_full_names(q); },
                             "The multi-word names of the named persons quoted in the piece.")
      .def(pickle_as_bytes<PieceQuotes, &deserialize_piece_quotes>());
  m.def(
      "piece_quotes",
      [](const Corpus& corpus, const py::dict& options) {
        std::unique_ptr<FrameLexicon> lexicon;
        const CompareOptions o = options_from(options, lexicon);
        py::gil_scoped_release release;
        return piece_quotes(corpus, o);
      },
      py::arg("corpus"), py::arg("options"), "The quotes of a piece, each document's speakers canonical within it.");
  m.def(
      "piece_quotes_from_table",
      [](const Corpus& corpus, const py::dict& columns) { return PieceQuotes{quote_records_from(corpus, columns), {}, {}}; },
      py::arg("corpus"), py::arg("columns"),
      "A piece's quotes from a quote table's rows (columns as compare.py's _quote_columns makes them; "
      "document: the position in the piece).");
  m.def(
      "compare_partial",
      [](const Corpus& corpus, const Int64Array& positions, std::vector<std::string> stories, const py::dict& options,
         const py::tuple& globals, const PieceQuotes* quotes) {
        std::unique_ptr<FrameLexicon> lexicon;
        CompareOptions o = options_from(options, lexicon);
        o.stories = std::move(stories);
        const CompareGlobals g = globals_from(globals);
        const std::vector<std::int64_t> pos(positions.data(), positions.data() + positions.size());
        py::gil_scoped_release release;
        return compare_partial(corpus, pos, o, g, quotes);
      },
      py::arg("corpus"), py::arg("positions"), py::arg("stories"), py::arg("options"), py::arg("globals"),
      py::arg("quotes") = py::none(),
      "One piece's share of the comparison (the piece holds whole stories; positions in the whole corpus); with "
      "`quotes` (piece_quotes() of the same piece) its quotes are not extracted again.");
  m.def(
      "comparison_header",
      [](const Comparison& c) { return byte_array(comparison_header(c)); }, py::arg("comparison"),
      "The comparison's header segment (every field but the tables' columns) as a read-only uint8 array.");
  m.def(
      "comparison_columns",
      [](const Comparison& c, const std::vector<ColumnRef>& columns) {
        std::string b;
        {
          py::gil_scoped_release release;
          b = comparison_columns(c, columns);
        }
        return byte_array(std::move(b));
      },
      py::arg("comparison"), py::arg("columns"), "The listed (table, column position) columns as a read-only uint8 array.");
  m.def("comparison_segments", &comparison_segments, py::arg("comparison"), py::arg("max_bytes"),
        "Every column of the comparison as (table, column position), in groups of about max_bytes.");
  m.def(
      "read_comparison_segment",
      [](Comparison& c, const py::buffer& segment) {
        const py::buffer_info info = segment.request();
        const std::string_view bytes = byte_view(info);
        py::gil_scoped_release release;
        read_comparison_segment(c, bytes);
      },
      py::arg("comparison"), py::arg("segment"), "Adds a segment (header or columns) to the comparison; read in place.");
  m.def("check_comparison", &check_comparison, py::arg("comparison"),
        "Checks a comparison read from segments (FormatError when damaged) and seals its tables.");
  m.def(
      "split_partial",
      [](PartialComparison& p) {
        py::gil_scoped_release release;
        return split_partial(std::move(p));
      },
      py::arg("partial"),
      "(rows, sums): the piece's tables for merge_rows and for merge_sums (moved out: the piece is left empty).");
  m.def(
      "merge_rows", merging(&merge_rows),
      py::arg("parts"), py::arg("options"), py::arg("globals"),
      "The row views of the comparison (documents, quotes, sentences, ...) from every piece's rows half.");
  m.def(
      "merge_sums", merging(&merge_sums),
      py::arg("parts"), py::arg("options"), py::arg("globals"),
      "The outlet-level views of the comparison (similarity, terms, outlets, ...) from every piece's sums half.");
  m.def(
      "combine_sums", merging(&combine_sums), py::arg("parts"), py::arg("options"), py::arg("globals"),
      "Several pieces' sums halves as one sums half (a step of the tree that adds them up before merge_sums).");
  m.def(
      "join_comparisons",
      [](Comparison& rows, const Comparison& sums) {
        py::gil_scoped_release release;
        join(rows, Comparison(sums));
      },
      py::arg("rows"), py::arg("sums"), "Adds the tables and matrices of merge_sums' half to merge_rows' half, in place.");
  m.def(
      "merge_partials", merging(&merge),
      py::arg("parts"), py::arg("options"), py::arg("globals"), "The comparison of the whole corpus from every piece's share.");
}

}  // namespace framelens::bindings
