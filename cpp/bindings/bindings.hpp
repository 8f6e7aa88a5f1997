#pragma once
// Shared declarations of the binding areas (one register_<area>.cpp each, called from module.cpp)
// and helpers for the C++/Python boundary.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "framelens/compare.hpp"
#include "framelens/document.hpp"
#include "framelens/dtm.hpp"

namespace framelens::bindings {

namespace py = pybind11;

void register_errors(py::module_& m);
void register_corpus(py::module_& m);
void register_tokens(py::module_& m);
void register_dtm(py::module_& m);
void register_ingest(py::module_& m);
void register_quotes(py::module_& m);
void register_compare(py::module_& m);
void register_comparison(py::module_& m);
void register_compare_partial(py::module_& m);
void register_stories(py::module_& m);

using CountArray = py::array_t<std::uint64_t, py::array::c_style | py::array::forcecast>;

/// A TermFrequencies (dtm.hpp) crosses as (terms as UTF-8 bytes one after another in a uint8 array, each
/// term's end in them, df, documents), all arrays but the last. Defined in register_dtm.cpp.
py::tuple vocabulary_to_py(TermFrequencies&& v);
TermFrequencies vocabulary_from_py(const py::handle& t);

/// A vector's copy as a 1-d NumPy array.
template <class T>
py::array_t<T> numpy(const std::vector<T>& v) {
  py::array_t<T> out(static_cast<py::ssize_t>(v.size()));
  std::copy(v.begin(), v.end(), out.mutable_data());
  return out;
}

/// Byte offsets into `text` -> Python (code point) offsets.
std::vector<std::size_t> py_offsets(std::string_view text, const std::vector<std::size_t>& byte_offsets);

/// Byte spans into `text` -> a list of (start, end) Python string offsets.
py::list py_spans(std::string_view text, const std::vector<Span>& spans);

/// Quotes given by the user as columns ({"document", "start", "end": int64 arrays in code points, "speaker", ...:
/// lists}, python/framelens/compare.py's _quote_columns) -> records with byte spans; InvalidArgument naming
/// the quote when one does not fit the corpus. Defined in register_comparison.cpp.
std::vector<QuoteRecord> quote_records_from(const Corpus& corpus, const py::dict& columns);

/// Bytes as a read-only NumPy uint8 array that owns them (no copy; pickled with protocol 5, as
/// `distributed` does, it travels out of band). Defined in register_compare_partial.cpp.
py::array byte_array(std::string bytes);

/// A read-only view of a buffer of bytes (bytes, bytearray, a uint8 array): what a pickle's state may be.
std::string_view byte_view(const py::buffer_info& info);

/// Pickling for a value that travels as its compact bytes (serialize(value), read back by Deserialize):
/// a uint8 array (byte_array) when pickled, any buffer of bytes (byte_view) when unpickled; the GIL
/// released while converting.
template <class T, T (*Deserialize)(std::string_view)>
auto pickle_as_bytes() {
  return py::pickle(
      [](const T& value) {
        std::string bytes;
        {
          py::gil_scoped_release release;
          bytes = serialize(value);
        }
        return byte_array(std::move(bytes));
      },
      [](const py::buffer& state) {
        const py::buffer_info info = state.request();
        const std::string_view bytes = byte_view(info);
        py::gil_scoped_release release;
        return Deserialize(bytes);
      });
}

}  // namespace framelens::bindings
