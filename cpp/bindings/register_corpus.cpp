// Document and Corpus. Offsets cross the boundary as Python (code point) offsets.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "framelens/clean.hpp"
#include "framelens/document.hpp"
#include "framelens/error.hpp"
#include "framelens/serialize.hpp"
#include "framelens/threads.hpp"
#include "framelens/utf8.hpp"
#include "util/parallel.hpp"

namespace framelens::bindings {
void register_corpus(py::module_& m) {
  py::class_<Document>(m, "Document", "One article: id, outlet, title, clean text and metadata.")
      .def(py::init<>())
      .def_readwrite("id", &Document::id)
      .def_readwrite("outlet", &Document::outlet)
      .def_readwrite("title", &Document::title)
      .def_readwrite("text", &Document::text)
      .def_readwrite("meta", &Document::meta)
      .def_property_readonly("paragraphs", [](const Document& d) { return py_spans(d.text, d.paragraphs); },
                             "Paragraph spans as (start, end) string offsets into text.")
      .def_property_readonly("sentences", [](const Document& d) { return py_spans(d.text, d.sentences); },
                             "Sentence spans as (start, end) string offsets into text.")
      .def_property_readonly(
          "removed",
          [](const Document& d) {
            py::list out;
            for (const auto& r : d.removed)
              out.append(py::dict(py::arg("text") = r.text, py::arg("rule") = r.rule, py::arg("line") = r.line,
                                  py::arg("metadata") = is_metadata_rule(r.rule)));
            return out;
          },
          "Lines removed by ingestion: text, rule, 1-based line number, and metadata=True for title/byline/date lines.")
      .def("get", [](const Document& d, std::string_view key) { return std::string(d.get(key)); }, py::arg("key"));

  py::class_<Corpus>(m, "Corpus", "An ordered collection of documents.")
      .def(py::init<>())
      .def(
          "add",
          [](Corpus& c, std::string text, std::string outlet, std::string title, std::string id,
             std::map<std::string, std::string> meta) {
            Document d;
            d.text = std::move(text);
            d.outlet = std::move(outlet);
            d.title = std::move(title);
            d.id = std::move(id);
            d.meta = std::move(meta);
            return c.add(std::move(d));
          },
          py::arg("text"), py::arg("outlet") = "", py::arg("title") = "", py::arg("id") = "",
          py::arg("meta") = std::map<std::string, std::string>{})
      .def("add_document", [](Corpus& c, Document d) { return c.add(std::move(d)); }, py::arg("document"))
      .def(
          "add_texts",
          [](Corpus& c, const py::sequence& texts, const py::object& outlets, int threads) {
            // With the GIL: type checks, outlets, and a reference to every str. Without it, on all
            // threads: each str's code units encoded straight into the document (no UTF-8 copy cached
            // in the str, no serial conversion), then validation.
            const std::size_t n = py::len(texts);
            const bool one_outlet = py::isinstance<py::str>(outlets) || outlets.is_none();
            const std::string shared = outlets.is_none() ? std::string() : (one_outlet ? outlets.cast<std::string>() : std::string());
            py::sequence per_doc;
            if (!one_outlet) {
              per_doc = outlets.cast<py::sequence>();
              if (py::len(per_doc) != n)
                throw InvalidArgument(std::to_string(py::len(per_doc)) + " outlets for " + std::to_string(n) +
                                      " texts: give one outlet for all, or one per text");
            }
            std::vector<py::object> keep(n);  // str objects are immutable: their buffers stay valid while held
            std::vector<Document> docs(n);
            for (std::size_t i = 0; i < n; ++i) {
              keep[i] = texts[i];
              if (!py::isinstance<py::str>(keep[i]))
                throw InvalidArgument("text " + std::to_string(i) + " is " +
                                      std::string(Py_TYPE(keep[i].ptr())->tp_name) +
                                      ", not str; drop or fill empty entries first");
#if PY_VERSION_HEX < 0x030C0000
              if (PyUnicode_READY(keep[i].ptr()) != 0) throw py::error_already_set();  // legacy (wchar_t) strings only
#endif
              docs[i].outlet = one_outlet ? shared : per_doc[i].cast<std::string>();
            }
            py::gil_scoped_release release;
            detail::parallel_for(n, resolve_threads(threads), 16, [&](std::size_t b, std::size_t e, unsigned) {
              for (std::size_t i = b; i < e; ++i) {
                PyObject* s = keep[i].ptr();
                const std::size_t bad = utf8::encode(PyUnicode_DATA(s), static_cast<std::size_t>(PyUnicode_GET_LENGTH(s)),
                                                     PyUnicode_KIND(s), docs[i].text);
                if (bad != std::string_view::npos)
                  throw EncodingError("text " + std::to_string(i) + " is not valid Unicode: a lone surrogate at string offset " +
                                          std::to_string(bad) + "; nothing was added. Clean the text, or decode its source with errors='replace'",
                                      "text " + std::to_string(i), 0);
              }
            });
            return c.add(std::move(docs), threads);
          },
          py::arg("texts"), py::arg("outlets") = py::none(), py::arg("threads") = 0,
          "Adds many texts at once (one outlet for all or one per text); all or nothing. Returns the first index.")
      .def("__len__", &Corpus::size)
      .def(
          "__getitem__",
          [](Corpus& c, std::ptrdiff_t i) -> Document& {
            const auto n = static_cast<std::ptrdiff_t>(c.size());
            if (i < 0) i += n;
            if (i < 0 || i >= n) throw py::index_error("document index out of range");
            return c[static_cast<std::size_t>(i)];
          },
          py::return_value_policy::reference_internal)
      .def(py::pickle(
          [](const Corpus& c) {  // pickling (corpus chunks sent to Dask workers): one bytes object
            std::string bytes;
            {
              py::gil_scoped_release release;
              bytes = serialize(c);
            }
            return py::bytes(bytes);
          },
          [](const py::bytes& state) {
            const std::string_view bytes(PyBytes_AS_STRING(state.ptr()), static_cast<std::size_t>(PyBytes_GET_SIZE(state.ptr())));
            py::gil_scoped_release release;
            return deserialize_corpus(bytes);
          }))
      .def(
          "metadata_columns",
          [](const Corpus& c, const py::object& missing) {
            // Keys in order of first appearance (each document's keys in its own order), as a DataFrame
            // built from one dict per document orders its columns.
            std::vector<std::string> keys;
            std::map<std::string, std::size_t, std::less<>> column;
            for (const auto& d : c)
              for (const auto& kv : d.meta)
                if (column.emplace(kv.first, keys.size()).second) keys.push_back(kv.first);
            py::list values;
            for (std::size_t k = 0; k < keys.size(); ++k) {
              py::list v(c.size());
              for (std::size_t i = 0; i < c.size(); ++i) {
                const auto it = c[i].meta.find(keys[k]);
                v[i] = it == c[i].meta.end() ? missing : py::str(it->second);
              }
              values.append(std::move(v));
            }
            return py::make_tuple(keys, values);
          },
          py::arg("missing"),
          "(keys, values): every metadata key in order of first appearance and, per key, one value per document "
          "(`missing` where a document lacks it).")
      .def("outlets", &Corpus::outlets, "Distinct outlets in order of first appearance.")
      .def("labels", &Corpus::labels, py::arg("key"), "The value of `key` for every document.");
}

}  // namespace framelens::bindings
