// Quote extraction. Results cross the boundary as plain dicts/lists with Python (code point)
// offsets; the extraction itself runs with the GIL released (and on all threads for a corpus).
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "framelens/document.hpp"
#include "framelens/quotes.hpp"

namespace framelens::bindings {
namespace {

py::object span_or_none(const std::vector<std::size_t>& cps, std::size_t& i, const Span& s) {
  const std::size_t a = cps[i++], b = cps[i++];
  if (s.start == 0 && s.end == 0) return py::none();
  return py::make_tuple(a, b);
}

py::dict to_py(std::string_view text, const QuoteResult& r) {
  // All byte offsets of the result in one conversion pass.
  std::vector<std::size_t> bytes;
  for (const auto& q : r.quotes) {
    for (const auto& c : q.contents) { bytes.push_back(c.start); bytes.push_back(c.end); }
    for (const auto& c : q.quoted) { bytes.push_back(c.start); bytes.push_back(c.end); }
    bytes.push_back(q.cue.start); bytes.push_back(q.cue.end);
    bytes.push_back(q.mention.start); bytes.push_back(q.mention.end);
  }
  for (const auto& s : r.speakers)
    for (const auto& m : s.mentions) { bytes.push_back(m.start); bytes.push_back(m.end); }
  const auto cps = py_offsets(text, bytes);
  std::size_t i = 0;
  py::list quotes;
  for (const auto& q : r.quotes) {
    py::list contents;
    for (std::size_t k = 0; k < q.contents.size(); ++k) { contents.append(py::make_tuple(cps[i], cps[i + 1])); i += 2; }
    py::list quoted;
    for (std::size_t k = 0; k < q.quoted.size(); ++k) { quoted.append(py::make_tuple(cps[i], cps[i + 1])); i += 2; }
    py::object cue = span_or_none(cps, i, q.cue);
    py::object mention = span_or_none(cps, i, q.mention);
    quotes.append(py::dict(py::arg("kind") = to_string(q.kind), py::arg("contents") = contents,
                           py::arg("quoted") = quoted, py::arg("cue") = cue,
                           py::arg("mention") = mention, py::arg("speaker") = q.speaker,
                           py::arg("unbalanced") = q.unbalanced, py::arg("confidence") = q.confidence));
  }
  py::list speakers;
  for (const auto& s : r.speakers) {
    py::list mentions;
    for (std::size_t k = 0; k < s.mentions.size(); ++k) { mentions.append(py::make_tuple(cps[i], cps[i + 1])); i += 2; }
    speakers.append(py::dict(py::arg("name") = s.name, py::arg("source_type") = to_string(s.type),
                             py::arg("anonymous") = s.anonymous, py::arg("role") = s.role,
                             py::arg("affiliation") = s.affiliation, py::arg("mentions") = mentions,
                             py::arg("confidence") = s.confidence));
  }
  return py::dict(py::arg("quotes") = quotes, py::arg("speakers") = speakers);
}

}  // namespace

void register_quotes(py::module_& m) {
  py::class_<QuoteExtractor>(m, "QuoteExtractor", "Rule-based quote extraction and speaker attribution.")
      .def(py::init([](std::string lang, bool indirect, bool scare) {
             QuoteOptions o;
             o.indirect = indirect;
             o.scare = scare;
             return QuoteExtractor(std::move(lang), o);
           }),
           py::arg("lang") = "en", py::arg("indirect") = true, py::arg("scare") = true)
      .def_property_readonly("lang", &QuoteExtractor::lang)
      .def("add_cues", &QuoteExtractor::add_cues, py::arg("json"), "Merge a cue lexicon (JSON text).")
      .def("add_gazetteer", &QuoteExtractor::add_gazetteer, py::arg("json"), "Merge a gazetteer (JSON text).")
      .def(
          "extract_text",
          [](const QuoteExtractor& ex, const std::string& text) {
            QuoteResult r;
            {
              py::gil_scoped_release release;
              r = ex.extract(std::string_view(text));
            }
            return to_py(text, r);
          },
          py::arg("text"))
      .def(
          "extract_document",
          [](const QuoteExtractor& ex, const Document& doc) {
            QuoteResult r;
            {
              py::gil_scoped_release release;
              r = ex.extract(doc);
            }
            return to_py(doc.text, r);
          },
          py::arg("document"))
      .def(
          "extract_corpus",
          [](const QuoteExtractor& ex, const Corpus& corpus, int n_threads) {
            std::vector<QuoteResult> rs;
            {
              py::gil_scoped_release release;
              rs = ex.extract(corpus, n_threads);
            }
            py::list out;
            for (std::size_t i = 0; i < rs.size(); ++i) out.append(to_py(corpus[i].text, rs[i]));
            return out;
          },
          py::arg("corpus"), py::arg("n_threads") = 0)
      .def(
          "count_corpus",
          [](const QuoteExtractor& ex, const Corpus& corpus, int n_threads) {
            py::gil_scoped_release release;
            const auto rs = ex.extract(corpus, n_threads);
            std::size_t q = 0, s = 0;
            for (const auto& r : rs) { q += r.quotes.size(); s += r.speakers.size(); }
            return std::make_pair(q, s);
          },
          py::arg("corpus"), py::arg("n_threads") = 0,
          "(statements, speakers) of a corpus without building Python objects (for benchmarks).")
      .def(
          "extract_texts",
          [](const QuoteExtractor& ex, std::vector<std::string> texts, int n_threads) {
            Corpus corpus;
            corpus.reserve(texts.size());
            std::vector<QuoteResult> rs;
            {
              py::gil_scoped_release release;
              for (auto& t : texts) corpus.add(std::move(t), "");
              rs = ex.extract(corpus, n_threads);
            }
            py::list out;
            for (std::size_t i = 0; i < rs.size(); ++i) out.append(to_py(corpus[i].text, rs[i]));
            return out;
          },
          py::arg("texts"), py::arg("n_threads") = 0,
          "Quotes of many plain texts on all threads (no corpus needed).");
}

}  // namespace framelens::bindings
