// The comparison and its tables. A table crosses as {column: NumPy array} for numbers and
// {column: (codes, dictionary)} for strings (python/framelens/_tables.py makes DataFrames of them): no
// per-row Python work, no JSON in the data path. Offsets cross as code point offsets.
#include <algorithm>
#include <cstdint>
#include <optional>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "framelens/compare.hpp"
#include "framelens/compare_partial.hpp"
#include "framelens/error.hpp"
#include "framelens/keyness.hpp"
#include "framelens/quotes.hpp"
#include "framelens/utf8.hpp"

namespace framelens::bindings {
namespace {

py::dict table_columns(const Table& t) {
  py::dict out;
  for (const auto& c : t.columns()) {
    switch (c.type) {
      case ColumnType::int64: out[py::str(c.name)] = numpy(c.ints); break;
      case ColumnType::float64: out[py::str(c.name)] = numpy(c.floats); break;
      case ColumnType::boolean: {
        py::array_t<bool> a(static_cast<py::ssize_t>(c.ints.size()));
        std::transform(c.ints.begin(), c.ints.end(), a.mutable_data(), [](std::int64_t v) { return v != 0; });
        out[py::str(c.name)] = a;
        break;
      }
      case ColumnType::string: out[py::str(c.name)] = py::make_tuple(numpy(c.codes), py::cast(c.dictionary)); break;
    }
  }
  return out;
}

// The columns `names` (all when empty) of the rows `rows` of `t`, in that order (a row may repeat), as
// table_columns gives them; a string column's dictionary holds only the strings those rows use, so that
// a few rows of a large table (the sentences a view cites) cost no conversion of the whole text column.
py::dict table_columns(const Table& t, const std::vector<std::string>& names,
                       const py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>& positions) {
  const auto n = static_cast<std::int64_t>(t.rows());
  const std::int64_t* const first = positions.data();
  const std::int64_t* const last = first + positions.size();
  for (const std::int64_t* r = first; r != last; ++r)
    if (*r < 0 || *r >= n)
      throw py::index_error("row " + std::to_string(*r) + " (position " + std::to_string(r - first) + ") is outside the table's " +
                            std::to_string(n) + " rows");
  for (const auto& name : names)
    if (!t.has(name)) throw py::key_error("no column " + name);
  Table picked;
  for (const auto& c : t.columns()) {
    if (!names.empty() && std::find(names.begin(), names.end(), c.name) == names.end()) continue;
    Column& out = picked.add(c.name, c.type);
    if (c.type == ColumnType::string) {
      std::vector<std::uint32_t> code(c.dictionary.size(), UINT32_MAX);
      for (const std::int64_t* r = first; r != last; ++r) {
        const std::uint32_t old = c.codes[static_cast<std::size_t>(*r)];
        auto& k = code[old];
        if (k == UINT32_MAX) {
          k = static_cast<std::uint32_t>(out.dictionary.size());
          out.dictionary.push_back(c.dictionary[old]);
        }
        out.codes.push_back(k);
      }
    } else if (c.type == ColumnType::float64) {
      for (const std::int64_t* r = first; r != last; ++r) out.floats.push_back(c.floats[static_cast<std::size_t>(*r)]);
    } else {
      for (const std::int64_t* r = first; r != last; ++r) out.ints.push_back(c.ints[static_cast<std::size_t>(*r)]);
    }
  }
  return table_columns(picked);
}

// Columns from Python: a list of (name, type, values) where values are a 1-d array for numbers and
// (codes, dictionary) for strings.
Table table_from(const py::list& columns) {
  Table t;
  for (const auto& item : columns) {
    const auto spec = item.cast<py::tuple>();
    Column& c = t.add(spec[0].cast<std::string>(), parse_column_type(spec[1].cast<std::string>()));
    switch (c.type) {
      case ColumnType::int64:
      case ColumnType::boolean: {
        const auto a = spec[2].cast<py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>>();
        c.ints.assign(a.data(), a.data() + a.size());
        break;
      }
      case ColumnType::float64: {
        const auto a = spec[2].cast<py::array_t<double, py::array::c_style | py::array::forcecast>>();
        c.floats.assign(a.data(), a.data() + a.size());
        break;
      }
      case ColumnType::string: {
        const auto pair = spec[2].cast<py::tuple>();
        const auto codes = pair[0].cast<py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>>();
        for (py::ssize_t k = 0; k < codes.size(); ++k) {
          if (codes.data()[k] < 0) throw FormatError("table: column '" + c.name + "' has a negative code");
          c.codes.push_back(static_cast<std::uint32_t>(codes.data()[k]));
        }
        c.dictionary = pair[1].cast<std::vector<std::string>>();
        break;
      }
    }
  }
  t.validate("table");
  return t;
}


std::map<std::string, const QuoteExtractor*> extractor_map(const py::dict& extractors) {
  std::map<std::string, const QuoteExtractor*> out;
  for (const auto& [k, v] : extractors) out[k.cast<std::string>()] = v.cast<const QuoteExtractor*>();
  return out;
}

// StoryOptions from a dict of group_stories()'s keyword arguments.
StoryOptions story_options_from(const py::dict& d, int threads) {
  StoryOptions o;
  o.threads = threads;
  for (const auto& [key, value] : d) {
    const auto k = py::cast<std::string>(key);
    if (k == "threshold") o.threshold = py::cast<double>(value);
    else if (k == "window_days") o.window_days = py::cast<double>(value);
    else if (k == "entity_weight") o.entity_weight = py::cast<double>(value);
    else if (k == "date_key") o.date_key = py::cast<std::string>(value);
    else if (k == "threads") o.threads = py::cast<int>(value);
    else
      throw InvalidArgument("story_options: unknown option '" + k +
                            "'; use threshold, window_days, entity_weight, date_key (see framelens.group_stories)");
  }
  return o;
}

}  // namespace

std::vector<QuoteRecord> quote_records_from(const Corpus& corpus, const py::dict& cols) {
  const auto ints = [&](const char* k) {
    return cols[k].cast<py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>>();
  };
  const auto strs = [&](const char* k) { return cols.contains(k) ? cols[k].cast<std::vector<std::string>>() : std::vector<std::string>{}; };
  const auto doc = ints("document"), start = ints("start"), end = ints("end");
  const auto anonymous = cols.contains("anonymous") ? cols["anonymous"].cast<std::vector<bool>>() : std::vector<bool>{};
  const auto speaker = strs("speaker"), kind = strs("kind"), affiliation = strs("affiliation"),
             source_type = strs("source_type"), cue = strs("cue"), mention = strs("mention"), role = strs("role");
  const auto n = static_cast<std::size_t>(doc.size());
  const auto pick = [&](const std::vector<std::string>& v, std::size_t k) { return k < v.size() ? v[k] : std::string(); };
  std::vector<QuoteRecord> out(n);
  std::map<std::size_t, std::vector<std::size_t>> by_doc;
  for (std::size_t k = 0; k < n; ++k) {
    auto& q = out[k];
    if (doc.data()[k] < 0 || static_cast<std::size_t>(doc.data()[k]) >= corpus.size())
      throw InvalidArgument("compare: quote " + std::to_string(k) + " refers to document " + std::to_string(doc.data()[k]) +
                            " of a corpus of " + std::to_string(corpus.size()));
    q.document = static_cast<std::size_t>(doc.data()[k]);
    const std::size_t len = utf8::length(corpus[q.document].text);
    if (start.data()[k] < 0 || start.data()[k] > end.data()[k] || static_cast<std::size_t>(end.data()[k]) > len)
      throw InvalidArgument("compare: quote " + std::to_string(k) + "'s offsets [" + std::to_string(start.data()[k]) + ", " +
                            std::to_string(end.data()[k]) + ") lie outside document " + std::to_string(q.document) + " (" +
                            std::to_string(len) + " characters)");
    q.span = {static_cast<std::size_t>(start.data()[k]), static_cast<std::size_t>(end.data()[k])};
    q.speaker = pick(speaker, k);
    q.kind = pick(kind, k);
    q.anonymous = k < anonymous.size() && anonymous[k];
    q.affiliation = pick(affiliation, k);
    q.source_type = pick(source_type, k);
    q.cue = pick(cue, k);
    q.mention = pick(mention, k);
    q.role = pick(role, k);
    by_doc[q.document].push_back(k);
  }
  for (const auto& [d, ks] : by_doc) {
    std::vector<std::size_t> cps;
    for (auto k : ks) { cps.push_back(out[k].span.start); cps.push_back(out[k].span.end); }
    const auto bytes = utf8::to_bytes(corpus[d].text, cps);
    for (std::size_t j = 0; j < ks.size(); ++j) out[ks[j]].span = {bytes[2 * j], bytes[2 * j + 1]};
  }
  return out;
}

void register_comparison(py::module_& m) {
  py::class_<Comparison>(m, "Comparison", "The comparison's tables and matrices (see framelens.Comparison).")
      .def(py::init<>(), "An empty comparison (filled by read_comparison_segment: framelens.dask).")
      .def_readonly("version", &Comparison::version)
      .def_readonly("by", &Comparison::by)
      .def_readonly("align_threshold", &Comparison::align_threshold)
      .def_readonly("idf_scope", &Comparison::idf_scope)
      .def_readonly("keyness_measure", &Comparison::keyness_measure)
      .def_readonly("token_options", &Comparison::token_options)
      .def_readonly("outlets", &Comparison::outlets)
      .def_readonly("frame_names", &Comparison::frame_names)
      .def_property_readonly("table_names", [](const Comparison& c) {
        std::vector<std::string> names;
        for (const auto& [k, v] : c.tables) names.push_back(k);
        return names;
      })
      .def("table", [](const Comparison& c, const std::string& name) { return table_columns(c.table(name)); },
           py::arg("name"), "The columns of one table: {name: array} and {name: (codes, dictionary)} for strings.")
      .def(
          "table_subset",
          [](const Comparison& c, const std::string& name, const std::vector<std::string>& columns,
             const py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>& rows) {
            return table_columns(c.table(name), columns, rows);
          },
          py::arg("name"), py::arg("columns"), py::arg("rows"),
          "The columns `columns` (all when empty) of rows `rows` of one table, as table() gives them.")
      .def("table_rows", [](const Comparison& c, const std::string& name) { return c.table(name).rows(); }, py::arg("name"))
      .def("table_types",
           [](const Comparison& c, const std::string& name) {
             std::vector<std::pair<std::string, std::string>> out;
             for (const auto& col : c.table(name).columns()) out.emplace_back(col.name, to_string(col.type));
             return out;
           },
           py::arg("name"))
      .def("set_table",
           [](Comparison& c, const std::string& name, const py::list& columns) { c.tables[name] = table_from(columns); },
           py::arg("name"), py::arg("columns"))
      .def("matrix", [](const Comparison& c, const std::string& name) { return numpy(c.matrix(name)); }, py::arg("name"))
      .def_property_readonly("matrix_names", [](const Comparison& c) {
        std::vector<std::string> names;
        for (const auto& [k, v] : c.matrices) names.push_back(k);
        return names;
      })
      .def("to_json",
           [](const Comparison& c, int indent) {
             std::string out;
             {
               py::gil_scoped_release release;
               out = to_json(c, indent);
             }
             return out;
           },
           py::arg("indent") = -1)
      .def_static("from_json",
                  [](const std::string& text) {
                    py::gil_scoped_release release;
                    return comparison_from_json(text);
                  },
                  py::arg("text"))
      // Pickled as its compact bytes (compare_partial.hpp's serialize) in a uint8 array, not its JSON: no
      // text to make and parse, no str of 4 bytes per character when a quote holds an emoji, and out of
      // band under pickle protocol 5 (a bytes state reads as well).
      .def(pickle_as_bytes<Comparison, &deserialize_comparison>());

  m.def(
      "compare",
      [](const Corpus& corpus, const std::string& by, std::vector<std::string> stories, double align_threshold,
         std::size_t min_sentence_words, std::size_t top_terms, const std::string& measure,
         const std::string& correction, double prior, bool house_style, const FrameLexicon* lexicon,
         std::optional<py::dict> quotes, bool extract_quotes, const py::dict& extractors,
         std::map<std::string, std::vector<std::string>> actors, std::size_t top_actors, std::size_t max_omitted,
         const std::string& idf_scope, int threads, const py::object& progress, std::optional<py::dict> group) {
        CompareOptions o;
        if (group) o.group_stories = story_options_from(*group, threads);
        if (!progress.is_none())  // called from this thread, which holds no GIL while compare() runs
          o.progress = [progress](const std::string& phase) {
            py::gil_scoped_acquire acquire;
            progress(phase);
          };
        o.by = by;
        o.stories = std::move(stories);
        o.align_threshold = align_threshold;
        o.min_sentence_words = min_sentence_words;
        o.top_terms = top_terms;
        o.keyness.measure = keyness_measure(measure);
        o.keyness.correction = keyness_correction(correction);
        o.keyness.prior = prior;
        o.house_style = house_style;
        o.frames = lexicon;
        o.actors = std::move(actors);
        o.extract_quotes = extract_quotes;
        o.extractors = extractor_map(extractors);
        o.idf_scope = idf_scope;
        o.top_actors = top_actors;
        o.max_omitted = max_omitted;
        o.threads = threads;
        if (quotes) {
          o.quotes = quote_records_from(corpus, *quotes);
          o.quotes_given = true;
        }
        py::gil_scoped_release release;
        return compare(corpus, o);
      },
      py::arg("corpus"), py::arg("by") = "outlet", py::arg("stories") = std::vector<std::string>{},
      py::arg("align_threshold") = CompareOptions{}.align_threshold, py::arg("min_sentence_words") = 5,
      py::arg("top_terms") = 20, py::arg("measure") = "log_odds", py::arg("correction") = "default",
      py::arg("prior") = 500.0, py::arg("house_style") = false, py::arg("lexicon") = nullptr,
      py::arg("quotes") = py::none(), py::arg("extract_quotes") = true, py::arg("extractors") = py::dict(),
      py::arg("actors") = std::map<std::string, std::vector<std::string>>{}, py::arg("top_actors") = 15,
      py::arg("max_omitted") = 500, py::arg("idf_scope") = CompareOptions{}.idf_scope, py::arg("threads") = 0,
      py::arg("progress") = py::none(), py::arg("group_stories") = py::none(),
      "Runs the comparison (GIL released; progress(phase) is called as each phase starts). group_stories: a dict\n"
      "of story grouping options (threshold, window_days, entity_weight, date_key) to group the documents into\n"
      "stories from the comparison's own pass over the text.");
  m.def("compare_phases", &compare_phases, "The phases compare() reports, in order.");

  m.def(
      "quote_table",
      [](const Corpus& corpus, const py::dict& extractors, int threads, bool across_documents) {
        const auto by_lang = extractor_map(extractors);
        Table t;
        {
          py::gil_scoped_release release;
          t = quote_table(corpus, across_documents ? quote_records(corpus, by_lang, threads)
                                                   : document_quote_records(corpus, by_lang, threads));
        }
        return table_columns(t);
      },
      py::arg("corpus"), py::arg("extractors") = py::dict(), py::arg("threads") = 0,
      py::arg("across_documents") = true,
      "The quote table of a corpus, as columns: speakers canonical across it (across_documents=False: within each "
      "document only, for a corpus in pieces made canonical afterwards).");
  m.attr("COMPARISON_SCHEMA_VERSION") = kComparisonSchemaVersion;
}

}  // namespace framelens::bindings
