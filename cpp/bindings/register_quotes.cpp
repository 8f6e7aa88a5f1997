// Quote extraction. Results cross the boundary as plain dicts/lists with Python (code point)
// offsets; the extraction itself runs with the GIL released (and on all threads for a corpus).
#include <pybind11/stl.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "bindings.hpp"
#include "framelens/document.hpp"
#include "framelens/error.hpp"
#include "framelens/quotes.hpp"
#include "framelens/threads.hpp"
#include "framelens/utf8.hpp"
#include "util/parallel.hpp"

namespace framelens::bindings {
namespace {

py::object span_or_none(const std::vector<std::size_t>& cps, std::size_t& i, const Span& s) {
  const std::size_t a = cps[i++], b = cps[i++];
  if (s.start == 0 && s.end == 0) return py::none();
  return py::make_tuple(a, b);
}

// The ("cues" | "gazetteer", JSON) and ("model", model text) pairs added to an extractor, in order (created empty on first use).
py::list added_lexicons(py::object& self) {
  if (!py::hasattr(self, "_added")) self.attr("_added") = py::list();
  return self.attr("_added").cast<py::list>();
}

// An annotated quote from Python: (contents, sources), each a list of (start, end) string offsets.
using GoldSpans = std::vector<std::pair<std::size_t, std::size_t>>;
using GoldQuote = std::pair<GoldSpans, GoldSpans>;

// The annotated quotes of one text with byte offsets (one conversion pass).
std::vector<AnnotatedQuote> to_annotated(const std::string& text, const std::vector<GoldQuote>& gold) {
  std::vector<std::size_t> cps;
  for (const auto& q : gold)
    for (const GoldSpans* spans : {&q.first, &q.second})
      for (const auto& [a, b] : *spans) { cps.push_back(a); cps.push_back(b); }
  const auto bytes = utf8::to_bytes(text, cps);
  std::vector<AnnotatedQuote> out;
  std::size_t k = 0;
  for (const auto& q : gold) {
    AnnotatedQuote aq;
    for (std::size_t n = 0; n < q.first.size(); ++n, k += 2) aq.contents.push_back({bytes[k], bytes[k + 1]});
    for (std::size_t n = 0; n < q.second.size(); ++n, k += 2) aq.sources.push_back({bytes[k], bytes[k + 1]});
    out.push_back(std::move(aq));
  }
  return out;
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

using ExtractorClass = py::class_<QuoteExtractor>;

// Construction, the language, and the cues, gazetteer and model added to an extractor.
void add_lexicon_methods(ExtractorClass& cls) {
  cls
      .def(py::init([](std::string lang, bool indirect, bool scare) {
             QuoteOptions o;
             o.indirect = indirect;
             o.scare = scare;
             return QuoteExtractor(std::move(lang), o);
           }),
           py::arg("lang") = "en", py::arg("indirect") = true, py::arg("scare") = true)
      .def_property_readonly("lang", &QuoteExtractor::lang)
      .def(
          "add_cues",
          [](py::object self, const std::string& json) {
            self.cast<QuoteExtractor&>().add_cues(json);
            added_lexicons(self).append(py::make_tuple("cues", json));
          },
          py::arg("json"), "Merge a cue lexicon (JSON text).")
      .def(
          "add_gazetteer",
          [](py::object self, const std::string& json) {
            self.cast<QuoteExtractor&>().add_gazetteer(json);
            added_lexicons(self).append(py::make_tuple("gazetteer", json));
          },
          py::arg("json"), "Merge a gazetteer (JSON text).")
      .def(
          "load_model",
          [](py::object self, const std::string& text) {
            self.cast<QuoteExtractor&>().load_model(text);
            added_lexicons(self).append(py::make_tuple("model", text));
          },
          py::arg("text"), "Load a content-boundary model (the text of a file train_model wrote).")
      .def_property_readonly("has_model", &QuoteExtractor::has_model);
}

// Training a content-boundary and speaker-choice model.
void add_training_methods(ExtractorClass& cls) {
  cls
      .def(
          "train_model",
          [](const QuoteExtractor& ex, std::vector<std::string> texts, const std::vector<std::vector<std::pair<std::size_t, std::size_t>>>& gold,
             int epochs, int n_threads) {
            // gold[i]: the annotated contents of texts[i] as (start, end) Python string offsets.
            if (gold.size() != texts.size())
              throw InvalidArgument("train_model: " + std::to_string(texts.size()) + " texts but " + std::to_string(gold.size()) +
                                    " lists of annotated contents; give one list per text");
            QuoteTraining r;
            {
              py::gil_scoped_release release;
              std::vector<std::vector<Span>> spans(texts.size());
              for (std::size_t i = 0; i < texts.size(); ++i) {
                std::vector<std::size_t> cps;
                for (const auto& [a, b] : gold[i]) { cps.push_back(a); cps.push_back(b); }
                const auto bytes = utf8::to_bytes(texts[i], cps);
                for (std::size_t k = 0; k + 1 < bytes.size(); k += 2) spans[i].push_back({bytes[k], bytes[k + 1]});
              }
              r = ex.train_model(texts, spans, epochs, n_threads);
            }
            return py::dict(py::arg("model") = r.model, py::arg("decisions") = r.decisions,
                            py::arg("rules_right") = r.rules_right, py::arg("model_right") = r.model_right);
          },
          py::arg("texts"), py::arg("contents"), py::arg("epochs") = 5, py::arg("n_threads") = 0,
          "Train a content-boundary model on texts and their annotated contents ((start, end) string offsets).")
      .def(
          "train_model_from_quotes",
          [](const QuoteExtractor& ex, std::vector<std::string> texts, const std::vector<std::vector<GoldQuote>>& gold, int epochs,
             int n_threads, bool boundaries, bool speakers, bool statements, bool speaker_margin, bool boundary_margin,
             bool statement_margin) {
            // gold[i]: the annotated quotes of texts[i], each (contents, sources) as (start, end) Python string offsets.
            if (gold.size() != texts.size())
              throw InvalidArgument("train_model: " + std::to_string(texts.size()) + " texts but " + std::to_string(gold.size()) +
                                    " lists of annotated quotes; give one list per text");
            QuoteTraining r;
            {
              py::gil_scoped_release release;
              std::vector<std::vector<AnnotatedQuote>> quotes(texts.size());
              for (std::size_t i = 0; i < texts.size(); ++i) quotes[i] = to_annotated(texts[i], gold[i]);
              const TrainingParts parts{boundaries, speakers, statements, speaker_margin, boundary_margin, statement_margin};
              r = ex.train_model_from_quotes(texts, quotes, epochs, n_threads, parts);
            }
            return py::dict(py::arg("model") = r.model, py::arg("decisions") = r.decisions,
                            py::arg("rules_right") = r.rules_right, py::arg("model_right") = r.model_right,
                            py::arg("speaker_decisions") = r.speaker_decisions,
                            py::arg("speaker_rules_right") = r.speaker_rules_right,
                            py::arg("speaker_model_right") = r.speaker_model_right,
                            py::arg("statement_decisions") = r.statement_decisions,
                            py::arg("statement_rules_right") = r.statement_rules_right,
                            py::arg("statement_model_right") = r.statement_model_right);
          },
          py::arg("texts"), py::arg("quotes"), py::arg("epochs") = 5, py::arg("n_threads") = 0, py::arg("boundaries") = true,
          py::arg("speakers") = true, py::arg("statements") = false, py::arg("speaker_margin") = true,
          py::arg("boundary_margin") = true, py::arg("statement_margin") = false,
          "Train a content-boundary and speaker-choice model (and with statements=True, loose candidate statements) on texts and their annotated quotes "
          "((contents, sources) lists of (start, end) string offsets).");
}

// Pickling: the options and every lexicon or model added, so that Dask workers rebuild the same extractor.
void add_pickling(ExtractorClass& cls) {
  cls
      .def(py::pickle(
          [](py::object self) {
            const auto& ex = self.cast<const QuoteExtractor&>();
            return py::make_tuple(ex.lang(), ex.options().indirect, ex.options().scare, added_lexicons(self));
          },
          [](const py::tuple& state) {
            if (state.size() != 4) throw InvalidArgument("QuoteExtractor pickle: expected (lang, indirect, scare, lexicons)");
            QuoteOptions o;
            o.indirect = state[1].cast<bool>();
            o.scare = state[2].cast<bool>();
            QuoteExtractor ex(state[0].cast<std::string>(), o);
            py::list added = state[3].cast<py::list>();
            for (const auto& item : added) {
              const auto kind = item.cast<py::tuple>()[0].cast<std::string>();
              const auto json = item.cast<py::tuple>()[1].cast<std::string>();
              if (kind == "cues") ex.add_cues(json);
              else if (kind == "gazetteer") ex.add_gazetteer(json);
              else if (kind == "model") ex.load_model(json);
              else throw InvalidArgument("QuoteExtractor pickle: unknown lexicon kind '" + kind + "'");
            }
            py::dict attrs;
            attrs["_added"] = added;
            return std::make_pair(std::move(ex), attrs);
          }));
}

// Extraction from texts, documents and corpora.
void add_extraction_methods(ExtractorClass& cls) {
  cls
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
          "extract_documents",
          [](const QuoteExtractor& ex, const Corpus& corpus, int n_threads) {
            // Like extract_corpus, without the cross-document speaker step (for results computed in pieces).
            std::vector<QuoteResult> rs(corpus.size());
            {
              py::gil_scoped_release release;
              detail::parallel_for(corpus.size(), resolve_threads(n_threads), 16, [&](std::size_t b, std::size_t e, unsigned) {
                for (std::size_t i = b; i < e; ++i) rs[i] = ex.extract(corpus[i]);
              });
            }
            py::list out;
            for (std::size_t i = 0; i < rs.size(); ++i) out.append(to_py(corpus[i].text, rs[i]));
            return out;
          },
          py::arg("corpus"), py::arg("n_threads") = 0,
          "Quotes of every document on all threads, speakers canonical within each document only.")
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
          "extract_jsonl",
          [](const QuoteExtractor& ex, std::vector<std::string> ids, std::vector<std::string> texts, const std::string& path,
             int n_threads, bool scare, bool marks, double min_confidence) {
            if (ids.size() != texts.size()) throw InvalidArgument("extract_jsonl: as many ids as texts expected");
            py::gil_scoped_release release;
            std::vector<Document> docs(texts.size());
            for (std::size_t i = 0; i < docs.size(); ++i) {
              docs[i].id = std::move(ids[i]);
              docs[i].text = std::move(texts[i]);
            }
            Corpus corpus;
            corpus.add(std::move(docs), n_threads);
            const auto results = ex.extract(corpus, n_threads);
            std::ofstream out(path, std::ios::binary | std::ios::trunc);
            if (!out) throw IoError(path + ": cannot be written (" + std::strerror(errno) + ")", path);
            write_jsonl(out, corpus, results, QuoteRecordOptions{scare, marks, min_confidence}, n_threads);
            out.close();
            if (!out) throw IoError(path + ": writing failed (" + std::strerror(errno) + "); is the disk full?", path);
            return corpus.size();
          },
          py::arg("ids"), py::arg("texts"), py::arg("path"), py::arg("n_threads") = 0, py::arg("scare") = false,
          py::arg("marks") = false, py::arg("min_confidence") = 0.0,
          "Quotes of many texts written to `path` as JSON Lines, {\"id\", \"quotes\": [records]} per text (the quote "
          "format of ../shared/README.md), with speakers canonical across the texts; returns the number of texts.");
}

}  // namespace

void register_quotes(py::module_& m) {
  // The extractor keeps the lexicons and models added to it in `_added` (("cues" | "gazetteer", JSON text), ("model", text)), so
  // that a pickled extractor (sent to Dask workers) is rebuilt with the user's cues and gazetteer.
  ExtractorClass cls(m, "QuoteExtractor", py::dynamic_attr(), "Rule-based quote extraction and speaker attribution.");
  add_lexicon_methods(cls);
  add_training_methods(cls);
  add_pickling(cls);
  add_extraction_methods(cls);

  m.def("canonical_speaker_names", &canonical_names, py::arg("full_names"), py::arg("names"),
        "The canonical names of the named persons `names`, given every multi-word named-person name of the corpus.");
}

}  // namespace framelens::bindings
