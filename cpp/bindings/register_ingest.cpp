// Ingestion: readers, cleaning (boilerplate + metadata), dates and segmentation. Heavy work runs with
// the GIL released; offsets handed to Python are code point offsets.
#include <pybind11/stl.h>

#include <optional>

#include "bindings.hpp"
#include "framelens/threads.hpp"
#include "util/parallel.hpp"
#include "framelens/clean.hpp"
#include "framelens/columns.hpp"
#include "framelens/dates.hpp"
#include "framelens/document.hpp"
#include "framelens/error.hpp"
#include "framelens/io.hpp"
#include "framelens/segment.hpp"

namespace framelens::bindings {
namespace {

io::OnInvalid on_invalid(const std::string& errors) {
  if (errors == "strict") return io::OnInvalid::Raise;
  if (errors == "replace") return io::OnInvalid::Replace;
  throw InvalidArgument("errors must be 'strict' or 'replace', not '" + errors + "'");
}

// errors= and the size limits (None keeps the defaults of io::ReadOptions).
io::ReadOptions read_options(const std::string& errors, std::optional<long long> max_document_bytes,
                             std::optional<long long> max_input_bytes) {
  io::ReadOptions o;
  o.errors = on_invalid(errors);
  auto limit = [](const char* name, long long v) {
    if (v < 1) throw InvalidArgument(std::string(name) + " must be a positive number of bytes, not " + std::to_string(v));
    return static_cast<std::size_t>(v);
  };
  if (max_document_bytes) o.max_document_bytes = limit("max_document_bytes", *max_document_bytes);
  if (max_input_bytes) o.max_input_bytes = limit("max_input_bytes", *max_input_bytes);
  return o;
}

CleanOptions clean_options(bool page, bool boilerplate, int repeated_min_docs, std::optional<bool> day_first,
                           const std::vector<std::string>& keep_rules) {
  CleanOptions o;
  o.keep_rules.insert(keep_rules.begin(), keep_rules.end());
  o.page = page;
  o.boilerplate = boilerplate;
  o.repeated_min_docs = repeated_min_docs;
  o.dates.day_first = day_first;
  return o;
}

py::dict report_to_py(const io::ReadReport& r) {
  py::dict d;
  d["documents"] = r.documents;
  d["replaced"] = r.replaced;
  d["replaced_by_file"] = r.replaced_by_file;
  return d;
}

// Cleans (optionally) and moves documents into the corpus; returns nothing, the GIL must be released by the caller.
// Dates, cleaning (or, without it, paragraphs and sentences) and the add to the corpus, all on
// `threads` threads (called without the GIL).
void finish(Corpus& corpus, std::vector<Document>& docs, bool do_clean, const CleanOptions& o, int threads) {
  const unsigned workers = resolve_threads(threads);
  detail::parallel_for(docs.size(), workers, 16, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t i = b; i < e; ++i) {
      io::normalise_date(docs[i], o.dates);
      if (!do_clean) segment(docs[i]);
    }
  });
  if (do_clean) clean(docs, o, threads);
  corpus.add(std::move(docs), threads);
  docs.clear();
}

// A string column handed over from Python as (name, [(validity, offsets, data, offset, length, large), ...]):
// the chunks' Arrow buffers (any object with the buffer protocol, e.g. pyarrow.Buffer; validity and data
// may be None), read in place. `views` keeps the buffers exported until the caller drops it (with the GIL).
StringColumn string_column(const py::handle& spec, std::vector<py::buffer_info>& views) {
  const auto t = py::reinterpret_borrow<py::tuple>(spec);
  if (t.size() != 2) throw InvalidArgument("a column is (name, chunks)");
  StringColumn column;
  column.name = t[0].cast<std::string>();
  auto bytes = [&](const py::handle& h, std::size_t& size) -> const void* {
    if (h.is_none()) {
      size = 0;
      return nullptr;
    }
    views.push_back(py::reinterpret_borrow<py::buffer>(h).request());
    const py::buffer_info& b = views.back();
    size = static_cast<std::size_t>(b.size * b.itemsize);
    return b.ptr;
  };
  for (const auto& item : t[1].cast<py::list>()) {
    const auto c = py::reinterpret_borrow<py::tuple>(item);
    if (c.size() != 6) throw InvalidArgument("column '" + column.name + "': a chunk is (validity, offsets, data, offset, length, large)");
    StringChunk chunk;
    chunk.validity = static_cast<const std::uint8_t*>(bytes(c[0], chunk.validity_size));
    chunk.offsets = bytes(c[1], chunk.offsets_size);
    chunk.data = static_cast<const char*>(bytes(c[2], chunk.data_size));
    const auto offset = c[3].cast<long long>(), length = c[4].cast<long long>();
    if (offset < 0 || length < 0) throw InvalidArgument("column '" + column.name + "': a negative chunk offset or length");
    chunk.offset = static_cast<std::size_t>(offset);
    chunk.length = static_cast<std::size_t>(length);
    chunk.large = c[5].cast<bool>();
    column.chunks.push_back(chunk);
  }
  return column;
}

py::object parsed_to_py(const std::optional<ParsedDate>& p) {
  if (!p) return py::none();
  py::dict d;
  d["iso"] = p->iso;
  d["raw"] = p->raw;
  d["ambiguous"] = p->ambiguous;
  d["reason"] = p->reason;
  d["year"] = p->year;
  d["month"] = p->month;
  d["day"] = p->day;
  d["has_time"] = p->hour >= 0;
  d["has_zone"] = p->has_zone;
  d["offset_minutes"] = p->offset_minutes;
  return std::move(d);
}

}  // namespace

void register_ingest(py::module_& m) {
  m.def(
      "parse_date",
      [](const std::string& text, std::optional<bool> day_first, int default_year) {
        DateOptions o;
        o.day_first = day_first;
        o.default_year = default_year;
        return parsed_to_py(parse_date(text, o));
      },
      py::arg("text"), py::arg("day_first") = py::none(), py::arg("default_year") = 0);

  m.def("expand", &io::expand, py::arg("path_or_glob"), py::call_guard<py::gil_scoped_release>());

  m.def(
      "read_text_files",
      [](Corpus& corpus, const std::vector<std::string>& paths, const std::string& outlet, const std::string& errors,
         bool do_clean, bool boilerplate, int repeated_min_docs, std::optional<bool> day_first, int threads,
         const std::vector<std::string>& keep_rules, std::optional<long long> max_document_bytes,
         std::optional<long long> max_input_bytes, const std::optional<std::vector<std::string>>& outlets) {
        const io::ReadOptions ro = read_options(errors, max_document_bytes, max_input_bytes);
        io::ReadReport report;
        {
          py::gil_scoped_release release;
          auto docs = outlets ? io::read_text_files(paths, *outlets, ro, &report, threads)
                              : io::read_text_files(paths, outlet, ro, &report, threads);
          finish(corpus, docs, do_clean, clean_options(true, boilerplate, repeated_min_docs, day_first, keep_rules), threads);
        }
        return report_to_py(report);
      },
      py::arg("corpus"), py::arg("paths"), py::arg("outlet") = "", py::arg("errors") = "strict",
      py::arg("clean") = true, py::arg("boilerplate") = true, py::arg("repeated_min_docs") = 3,
      py::arg("day_first") = py::none(), py::arg("threads") = 0,
      py::arg("keep_rules") = std::vector<std::string>{}, py::arg("max_document_bytes") = py::none(),
      py::arg("max_input_bytes") = py::none(), py::arg("outlets") = py::none(),
      "Raw page files, one document per file, cleaned together; `outlets`: each file's own outlet (one per "
      "path, '' to detect it) instead of `outlet` for all.");

  m.def(
      "record_fields",
      [](const std::string& path, const std::string& format, const std::string& errors,
         std::optional<long long> max_document_bytes, std::optional<long long> max_input_bytes) {
        const io::ReadOptions ro = read_options(errors, max_document_bytes, max_input_bytes);
        py::gil_scoped_release release;
        return io::record_fields(path, format, ro);
      },
      py::arg("path"), py::arg("format"), py::arg("errors") = "strict", py::arg("max_document_bytes") = py::none(),
      py::arg("max_input_bytes") = py::none(),
      "The first record's field names (CSV header; JSON keys plus parent.key of nested objects).");

  m.def(
      "read_records",
      [](Corpus& corpus, const std::vector<std::string>& paths, const std::string& format,
         const std::map<std::string, std::string>& fields, bool keep_other, const std::string& outlet,
         const std::string& errors, bool do_clean, bool page, bool boilerplate, int repeated_min_docs,
         std::optional<bool> day_first, int threads, const std::vector<std::string>& keep_rules,
         std::optional<long long> max_document_bytes, std::optional<long long> max_input_bytes) {
        const io::ReadOptions ro = read_options(errors, max_document_bytes, max_input_bytes);
        io::Fields f;
        for (const auto& [k, v] : fields) {
          if (k == "text") f.text = v;
          else if (k == "title") f.title = v;
          else if (k == "outlet") f.outlet = v;
          else if (k == "date") f.date = v;
          else if (k == "url") f.url = v;
          else if (k == "author") f.author = v;
          else if (k == "id") f.id = v;
          else throw InvalidArgument("unknown field '" + k + "'; fields are text, title, outlet, date, url, author, id");
        }
        f.keep_other = keep_other;
        if (format != "jsonl" && format != "csv" && format != "tsv" && format != "json")
          throw InvalidArgument("format must be jsonl, json, csv or tsv, not '" + format + "'");
        io::ReadReport report;
        {
          py::gil_scoped_release release;
          std::vector<Document> docs;
          auto sink = [&](Document&& d) {
            if (!outlet.empty()) d.outlet = outlet;  // the user's outlet wins
            docs.push_back(std::move(d));
          };
          for (const auto& path : paths) {
            if (format == "jsonl") io::read_jsonl(path, f, ro, sink, &report, threads);
            else if (format == "json") io::read_json(path, f, ro, sink, &report);
            else io::read_csv(path, f, ro, sink, format == "tsv" ? '\t' : ',', &report);
          }
          finish(corpus, docs, do_clean, clean_options(page, boilerplate, repeated_min_docs, day_first, keep_rules), threads);
        }
        return report_to_py(report);
      },
      py::arg("corpus"), py::arg("paths"), py::arg("format"), py::arg("fields"), py::arg("keep_other") = true,
      py::arg("outlet") = "", py::arg("errors") = "strict", py::arg("clean") = true, py::arg("page") = false,
      py::arg("boilerplate") = true, py::arg("repeated_min_docs") = 3, py::arg("day_first") = py::none(),
      py::arg("threads") = 0, py::arg("keep_rules") = std::vector<std::string>{},
      py::arg("max_document_bytes") = py::none(), py::arg("max_input_bytes") = py::none());

  m.def(
      "add_documents",
      [](Corpus& corpus, std::vector<Document> docs, bool do_clean, bool page, bool boilerplate, int repeated_min_docs,
         std::optional<bool> day_first, int threads, const std::vector<std::string>& keep_rules) {
        py::gil_scoped_release release;
        finish(corpus, docs, do_clean, clean_options(page, boilerplate, repeated_min_docs, day_first, keep_rules), threads);
      },
      py::arg("corpus"), py::arg("documents"), py::arg("clean") = true, py::arg("page") = false,
      py::arg("boilerplate") = true, py::arg("repeated_min_docs") = 3, py::arg("day_first") = py::none(),
      py::arg("threads") = 0, py::arg("keep_rules") = std::vector<std::string>{},
      "Normalises dates, cleans (optionally) and segments documents, then adds them to the corpus.");

  m.def(
      "add_columns",
      [](Corpus& corpus, const py::tuple& text, const py::object& outlet, const py::object& title, const py::object& id,
         const py::list& meta, bool do_clean, int threads) {
        std::vector<py::buffer_info> views;  // released after the work, with the GIL held again
        views.reserve(3 * (4 + meta.size()));
        DocumentColumns columns;
        columns.text = string_column(text, views);
        if (!outlet.is_none()) columns.outlet = string_column(outlet, views);
        if (!title.is_none()) columns.title = string_column(title, views);
        if (!id.is_none()) columns.id = string_column(id, views);
        for (const auto& c : meta) columns.meta.push_back(string_column(c, views));
        py::gil_scoped_release release;
        auto docs = documents_from_columns(columns, threads);
        if (do_clean) finish(corpus, docs, true, clean_options(false, true, 3, std::nullopt, {}), threads);
        else corpus.add(std::move(docs), threads);
      },
      py::arg("corpus"), py::arg("text"), py::arg("outlet") = py::none(), py::arg("title") = py::none(),
      py::arg("id") = py::none(), py::arg("meta") = py::list(), py::arg("clean") = false, py::arg("threads") = 0,
      "Adds one document per row of string columns in Arrow's layout (each (name, chunks), a chunk\n"
      "(validity, offsets, data, offset, length, large) of buffers), read in place; clean=True as add_documents.");

  m.def("is_metadata_rule", [](const std::string& r) { return is_metadata_rule(r); }, py::arg("rule"));

  m.def(
      "split_paragraphs", [](const std::string& text) { return py_spans(text, split_paragraphs(text)); }, py::arg("text"));
  m.def(
      "split_sentences",
      [](const std::string& text) {
        std::vector<Span> s;
        {
          py::gil_scoped_release release;
          s = split_sentences(text);
        }
        return py_spans(text, s);
      },
      py::arg("text"));
}

}  // namespace framelens::bindings
