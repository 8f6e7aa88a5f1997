// Comparative framing: keyness, frame lexicons and story grouping (the comparison itself:
// register_comparison.cpp).
#include <optional>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "framelens/compare.hpp"
#include "framelens/error.hpp"
#include "framelens/frames.hpp"
#include "framelens/keyness.hpp"
#include "framelens/utf8.hpp"

namespace framelens::bindings {
namespace {

std::vector<double> to_vec(const py::array_t<double, py::array::c_style | py::array::forcecast>& a, const char* what) {
  if (a.ndim() != 1) throw py::value_error(std::string(what) + " must be one-dimensional");
  return std::vector<double>(a.data(), a.data() + a.size());
}

py::array_t<double> to_array(const std::vector<double>& v) {
  py::array_t<double> out(static_cast<py::ssize_t>(v.size()));
  std::copy(v.begin(), v.end(), out.mutable_data());
  return out;
}

KeynessOptions keyness_options(const std::string& measure, const std::string& correction, double prior) {
  KeynessOptions o;
  o.measure = keyness_measure(measure);
  o.correction = keyness_correction(correction);
  o.prior = prior;
  return o;
}

py::dict frame_scores(const FrameLexicon& lex, const FrameScores& s) {
  py::dict out;
  for (std::size_t f = 0; f < lex.size(); ++f) out[py::str(lex.frames()[f].name)] = s.value[f];
  return out;
}


}  // namespace

void register_compare(py::module_& m) {
  m.def(
      "keyness_counts",
      [](py::array_t<double, py::array::c_style | py::array::forcecast> target,
         py::array_t<double, py::array::c_style | py::array::forcecast> reference, const std::string& measure,
         const std::string& correction, double prior,
         std::optional<py::array_t<double, py::array::c_style | py::array::forcecast>> background) {
        auto opt = keyness_options(measure, correction, prior);
        if (background) opt.background = to_vec(*background, "background");
        const auto t = to_vec(target, "target"), r = to_vec(reference, "reference");
        KeynessResult k;
        {
          py::gil_scoped_release release;
          k = keyness(t, r, opt);
        }
        py::dict out;
        out["score"] = to_array(k.score);
        out["p"] = to_array(k.p);
        out["n_target"] = to_array(k.n_target);
        out["n_reference"] = to_array(k.n_reference);
        if (!k.delta.empty()) out["delta"] = to_array(k.delta);
        return out;
      },
      py::arg("target"), py::arg("reference"), py::arg("measure") = "log_odds", py::arg("correction") = "default",
      py::arg("prior") = 500.0, py::arg("background") = py::none(),
      "Keyness of summed target counts against summed reference counts (one value per term).");

  m.def(
      "keyness_terms",
      [](const Corpus& corpus, const std::vector<std::string>& labels, const std::string& target,
         const std::string& reference, const std::string& measure, const std::string& correction, double prior,
         bool house_style, std::size_t top, int threads) {
        const auto opt = keyness_options(measure, correction, prior);
        std::vector<DistinctiveTerm> terms;
        {
          py::gil_scoped_release release;
          terms = keyness_terms(corpus, labels, target, reference, opt, house_style, top, threads);
        }
        py::list out;
        for (const auto& t : terms) out.append(py::make_tuple(t.term, t.score, t.p, t.n_target, t.n_reference));
        return out;
      },
      py::arg("corpus"), py::arg("labels"), py::arg("target"), py::arg("reference") = "",
      py::arg("measure") = "log_odds", py::arg("correction") = "default", py::arg("prior") = 500.0,
      py::arg("house_style") = false, py::arg("top") = 0, py::arg("threads") = 0,
      "Distinctive terms of the documents labelled `target` against `reference` (empty: all others).");

  m.def("house_style_terms", &house_style_terms, py::arg("outlets"),
        "Honorifics, titles and the outlets' own name words, dropped by the house-style filter.");

  py::class_<FrameLexicon>(m, "FrameLexicon", R"doc(A frame lexicon: frames -> weighted words and phrases ("protest*" is a prefix).

The compiled core of :class:`framelens.FrameLexicon` (python/framelens/frames.py), which adds fitting.
Load a framelens JSON lexicon or a LIWC-style .dic dictionary (e.g. the Moral Foundations Dictionary);
scores are the summed weight of matches per 1,000 tokens, or probabilities for a logistic lexicon.

>>> from framelens import _core
>>> dic = _core.FrameLexicon.from_dic("%\n1 care\n2 harm\n%\nprotect*\t1\nhurt\t2\n")
>>> dic.score_text("They protected the children and nobody was hurt.")
{'care': 125.0, 'harm': 125.0}
)doc")
      .def(py::init<>())
      .def(py::init<const FrameLexicon&>(), py::arg("other"))
      .def_static("generic", &FrameLexicon::generic, py::return_value_policy::copy,
                  "The generic-frames lexicon written for framelens.")
      .def_static("load", &FrameLexicon::load, py::arg("path"), "Load a .json or LIWC-style .dic lexicon.")
      .def_static("from_json", &FrameLexicon::from_json, py::arg("text"), py::arg("source") = "lexicon")
      .def_static("from_dic", &FrameLexicon::from_dic, py::arg("text"), py::arg("source") = "dictionary")
      .def_property_readonly("name", &FrameLexicon::name)
      .def_property_readonly("about", &FrameLexicon::about)
      .def_property_readonly("scale", [](const FrameLexicon& l) { return std::string(to_string(l.scale())); })
      .def_property_readonly("match", [](const FrameLexicon& l) { return std::string(to_string(l.match())); })
      .def_property_readonly("feature", [](const FrameLexicon& l) { return std::string(to_string(l.feature())); })
      .def_property_readonly("frames",
                             [](const FrameLexicon& l) {
                               std::vector<std::string> names;
                               for (const auto& f : l.frames()) names.push_back(f.name);
                               return names;
                             })
      .def_property_readonly("intercepts",
                             [](const FrameLexicon& l) {
                               py::dict out;
                               for (const auto& f : l.frames()) out[py::str(f.name)] = f.intercept;
                               return out;
                             })
      .def("patterns",
           [](const FrameLexicon& l, const std::string& frame) {
             for (const auto& f : l.frames())
               if (f.name == frame) {
                 py::dict out;
                 for (const auto& p : f.patterns) out[py::str(p.text)] = p.weight;
                 return out;
               }
             throw NotFound("no frame '" + frame + "' in the lexicon; its frames are listed in .frames");
           },
           py::arg("frame"))
      .def(
          "score_text",
          [](const FrameLexicon& l, const std::string& text) {
            FrameScores s;
            {
              py::gil_scoped_release release;
              s = l.score_text(text);
            }
            return frame_scores(l, s);
          },
          py::arg("text"), "Frame scores of one text on the lexicon's scale (per 1,000 tokens, or probabilities).")
      .def(
          "score_corpus",
          [](const FrameLexicon& l, const Corpus& corpus, int threads) {
            std::vector<FrameScores> s;
            {
              py::gil_scoped_release release;
              s = l.score(corpus, threads);
            }
            py::array_t<double> out({static_cast<py::ssize_t>(s.size()), static_cast<py::ssize_t>(l.size())});
            auto v = out.mutable_unchecked<2>();
            for (std::size_t i = 0; i < s.size(); ++i)
              for (std::size_t f = 0; f < l.size(); ++f) v(i, f) = s[i].value[f];
            return out;
          },
          py::arg("corpus"), py::arg("threads") = 0,
          "Document x frame scores (lexicon order) on the lexicon's scale, on `threads` threads.")
      .def("to_json", &FrameLexicon::to_json)
      .def("__len__", &FrameLexicon::size);

  m.def(
      "group_stories",
      [](const Corpus& corpus, double threshold, double window_days, double entity_weight, const std::string& date_key,
         int threads) {
        StoryOptions o{threshold, window_days, entity_weight, date_key, threads};
        py::gil_scoped_release release;
        return group_stories(corpus, o);
      },
      py::arg("corpus"), py::arg("threshold") = 0.2, py::arg("window_days") = 3.0, py::arg("entity_weight") = 3.0,
      py::arg("date_key") = "date", py::arg("threads") = 0);

  m.def(
      "nearest_other_outlet",
      [](const Corpus& corpus, double window_days, double entity_weight, const std::string& date_key,
         const std::string& by, int threads) {
        StoryOptions o{0.2, window_days, entity_weight, date_key, threads};
        py::gil_scoped_release release;
        return nearest_other_outlet(corpus, o, by);
      },
      py::arg("corpus"), py::arg("window_days") = 3.0, py::arg("entity_weight") = 3.0, py::arg("date_key") = "date",
      py::arg("by") = "outlet", py::arg("threads") = 0);

}

}  // namespace framelens::bindings
