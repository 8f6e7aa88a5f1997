#include "bindings.hpp"

#include "framelens/utf8.hpp"

namespace framelens::bindings {

std::vector<std::size_t> py_offsets(std::string_view text, const std::vector<std::size_t>& byte_offsets) {
  return utf8::to_codepoints(text, byte_offsets);
}

py::list py_spans(std::string_view text, const std::vector<Span>& spans) {
  std::vector<std::size_t> bytes;
  bytes.reserve(spans.size() * 2);
  for (const auto& s : spans) {
    bytes.push_back(s.start);
    bytes.push_back(s.end);
  }
  const auto cps = py_offsets(text, bytes);
  py::list out;
  for (std::size_t i = 0; i < spans.size(); ++i) out.append(py::make_tuple(cps[2 * i], cps[2 * i + 1]));
  return out;
}

}  // namespace framelens::bindings

PYBIND11_MODULE(_core, m) {
  using namespace framelens::bindings;
  m.doc() = "framelens C++ core (private; use the `framelens` package)";
  m.attr("__version__") = FRAMELENS_VERSION;
  register_errors(m);
  register_corpus(m);
  register_tokens(m);
  register_dtm(m);
  register_ingest(m);
  register_quotes(m);
  register_compare(m);
  register_comparison(m);
  register_compare_partial(m);
  register_stories(m);
}
