// Tokenization. Offsets cross the boundary as Python (code point) offsets; the GIL is released
// while ICU works.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "framelens/error.hpp"
#include "framelens/tokenizer.hpp"

namespace framelens::bindings {
namespace {

const char* kind_name(TokenKind k) {
  switch (k) {
    case TokenKind::word: return "word";
    case TokenKind::number: return "number";
    case TokenKind::ideographic: return "ideographic";
    case TokenKind::kana: return "kana";
    case TokenKind::punctuation: return "punctuation";
    case TokenKind::symbol: return "symbol";
    case TokenKind::ngram: return "ngram";
  }
  return "word";
}

}  // namespace

void register_tokens(py::module_& m) {
  py::class_<TokenOptions>(m, "TokenOptions", "Tokenizer options (see framelens.tokens for their meaning).")
      .def(py::init<>())
      .def_property(
          "mode", [](const TokenOptions& o) { return o.mode == TokenMode::sklearn ? "sklearn" : "icu"; },
          [](TokenOptions& o, const std::string& v) {
            if (v == "icu") o.mode = TokenMode::icu;
            else if (v == "sklearn") o.mode = TokenMode::sklearn;
            else throw InvalidArgument("unknown token mode '" + v + "'; use 'icu' or 'sklearn'");
          })
      .def_readwrite("case_fold", &TokenOptions::case_fold)
      .def_readwrite("nfkc", &TokenOptions::nfkc)
      .def_readwrite("unify_quotes", &TokenOptions::unify_quotes)
      .def_readwrite("keep_numbers", &TokenOptions::keep_numbers)
      .def_readwrite("keep_punct", &TokenOptions::keep_punct)
      .def_readwrite("keep_symbols", &TokenOptions::keep_symbols)
      .def_readwrite("remove_stopwords", &TokenOptions::remove_stopwords)
      .def_readwrite("stopwords", &TokenOptions::stopwords)
      .def_readwrite("min_length", &TokenOptions::min_length)
      .def_readwrite("ngram_min", &TokenOptions::ngram_min)
      .def_readwrite("ngram_max", &TokenOptions::ngram_max)
      .def_readwrite("ngram_separator", &TokenOptions::ngram_separator)
      .def_readwrite("fast_path", &TokenOptions::fast_path,
                     "ICU mode: segment ASCII pieces without ICU (identical results); False: ICU everywhere.");

  m.def(
      "tokenize",
      [](const std::string& text, const TokenOptions& options) {
        std::vector<Token> tokens;
        std::vector<std::size_t> offsets;
        {
          py::gil_scoped_release release;
          tokens = Tokenizer(options).tokenize(text);
          offsets.reserve(tokens.size() * 2);
          for (const auto& t : tokens) {
            offsets.push_back(t.span.start);
            offsets.push_back(t.span.end);
          }
          offsets = py_offsets(text, offsets);
        }
        const auto n = static_cast<py::ssize_t>(tokens.size());
        py::array_t<std::int64_t> starts(n), ends(n);
        auto s = starts.mutable_unchecked<1>();
        auto e = ends.mutable_unchecked<1>();
        py::list texts(n), kinds(n);
        for (py::ssize_t i = 0; i < n; ++i) {
          s(i) = static_cast<std::int64_t>(offsets[2 * static_cast<std::size_t>(i)]);
          e(i) = static_cast<std::int64_t>(offsets[2 * static_cast<std::size_t>(i) + 1]);
          texts[static_cast<std::size_t>(i)] = py::str(tokens[static_cast<std::size_t>(i)].text);
          kinds[static_cast<std::size_t>(i)] = py::str(kind_name(tokens[static_cast<std::size_t>(i)].kind));
        }
        return py::make_tuple(starts, ends, texts, kinds);
      },
      py::arg("text"), py::arg("options"),
      "Tokens of `text`: (starts, ends) as string offsets, normalised texts and kinds.");

  m.def(
      "normalize_term",
      [](const std::string& term, const TokenOptions& options) { return Tokenizer(options).normalize(term); },
      py::arg("term"), py::arg("options"), "The normalised form of one term, as tokens are normalised.");

  m.def("english_stopwords", &english_stopwords, "The project's English stopword list.");
}

}  // namespace framelens::bindings
