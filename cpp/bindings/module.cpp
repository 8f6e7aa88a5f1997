#include "bindings.hpp"

#include "framelens/utf8.hpp"

namespace framelens::bindings {

std::vector<std::size_t> py_offsets(std::string_view text, const std::vector<std::size_t>& byte_offsets) {
  return utf8::to_codepoints(text, byte_offsets);
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
}
