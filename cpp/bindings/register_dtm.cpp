// Document-term matrices, weightings, grouping and similarity.
//
// CSR matrices cross to Python without a copy: the result SparseMatrix is moved to the heap and the
// NumPy arrays indptr / indices / data view its buffers, owned by a capsule (freed with the last
// array). Matrices coming back from SciPy are read in place through an Eigen::Map when they are
// int32 / float64 and C-contiguous (framelens.dtm makes sure of that); otherwise pybind11 converts
// them once. The GIL is released for all matrix work.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "framelens/dtm.hpp"
#include "framelens/error.hpp"
#include "framelens/similarity.hpp"

namespace framelens::bindings {

// A TermFrequencies crosses as (terms, df as a uint64 array, documents).
py::tuple vocabulary_to_py(TermFrequencies&& v) {
  CountArray df(static_cast<py::ssize_t>(v.df.size()));
  std::copy(v.df.begin(), v.df.end(), df.mutable_data());
  return py::make_tuple(std::move(v.terms), df, v.documents);
}

TermFrequencies vocabulary_from_py(const py::handle& t) {
  const auto parts = t.cast<py::tuple>();
  if (parts.size() != 3) throw InvalidArgument("a vocabulary is (terms, df, documents)");
  TermFrequencies v;
  v.terms = parts[0].cast<std::vector<std::string>>();
  const auto df = parts[1].cast<CountArray>();
  v.df.assign(df.data(), df.data() + df.size());
  v.documents = parts[2].cast<std::uint64_t>();
  return v;
}

namespace {

using IntArray = py::array_t<int, py::array::c_style | py::array::forcecast>;
using RealArray = py::array_t<double, py::array::c_style | py::array::forcecast>;

py::tuple csr_to_numpy(SparseMatrix&& m) {
  m.makeCompressed();
  auto* owner = new SparseMatrix();
  owner->swap(m);
  py::capsule keep(owner, [](void* p) { delete static_cast<SparseMatrix*>(p); });
  const auto rows = static_cast<py::ssize_t>(owner->rows());
  const auto nnz = static_cast<py::ssize_t>(owner->nonZeros());
  py::array_t<int> indptr({rows + 1}, {static_cast<py::ssize_t>(sizeof(int))}, owner->outerIndexPtr(), keep);
  py::array_t<int> indices({nnz}, {static_cast<py::ssize_t>(sizeof(int))}, owner->innerIndexPtr(), keep);
  py::array_t<double> data({nnz}, {static_cast<py::ssize_t>(sizeof(double))}, owner->valuePtr(), keep);
  return py::make_tuple(indptr, indices, data, py::make_tuple(owner->rows(), owner->cols()));
}

// Checks a CSR triple from Python and maps it (no copy).
CsrView csr_view(const IntArray& indptr, const IntArray& indices, const RealArray& data, py::ssize_t rows,
                 py::ssize_t cols) {
  if (rows < 0 || cols < 0) throw InvalidArgument("negative matrix shape");
  if (indptr.ndim() != 1 || indptr.size() != rows + 1)
    throw InvalidArgument("CSR indptr must have rows + 1 = " + std::to_string(rows + 1) + " entries");
  const int* p = indptr.data();
  const py::ssize_t nnz = indices.size();
  if (data.size() != nnz || p[0] != 0 || p[rows] != nnz)
    throw InvalidArgument("inconsistent CSR arrays (indptr, indices and data do not agree)");
  const int* idx = indices.data();
  for (py::ssize_t i = 0; i < rows; ++i) {
    if (p[i + 1] < p[i]) throw InvalidArgument("CSR indptr is not non-decreasing");
    for (int k = p[i]; k < p[i + 1]; ++k) {
      if (idx[k] < 0 || idx[k] >= cols) throw InvalidArgument("CSR column index out of range");
      if (k > p[i] && idx[k] <= idx[k - 1])
        throw InvalidArgument("CSR column indices must be sorted and unique within rows (call sum_duplicates())");
    }
  }
  return CsrView(rows, cols, nnz, p, idx, data.data());
}

// Counts of type T read in place (false: another type).
template <class T>
bool read_counts(const py::array& counts, CountRows& r) {
  if (!py::array_t<T, py::array::c_style>::check_(counts)) return false;
  r.counts = static_cast<const T*>(counts.data());
  return true;
}

// One partition's rows as they travel (indptr, indices, counts, (rows, cols)), read in place; `keep` holds
// what had to be converted.
CountRows count_rows(const py::handle& part, std::vector<py::object>& keep) {
  const auto t = part.cast<py::tuple>();
  if (t.size() != 4) throw InvalidArgument("stack_rows(): a partition's rows are (indptr, indices, counts, shape)");
  const auto shape = t[3].cast<std::pair<py::ssize_t, py::ssize_t>>();
  if (shape.first < 0 || shape.second < 0) throw InvalidArgument("stack_rows(): negative matrix shape");
  const auto indptr = IntArray::ensure(t[0]);
  const auto indices = IntArray::ensure(t[1]);
  if (!indptr || !indices) throw InvalidArgument("stack_rows(): indptr and indices must be integer arrays");
  if (indptr.ndim() != 1 || indptr.size() != shape.first + 1 || indices.ndim() != 1)
    throw InvalidArgument("stack_rows(): indptr must have rows + 1 = " + std::to_string(shape.first + 1) + " entries");
  CountRows r;
  r.rows = static_cast<std::size_t>(shape.first);
  r.cols = static_cast<std::size_t>(shape.second);
  r.entries = static_cast<std::size_t>(indices.size());
  r.indptr = indptr.data();
  r.indices = indices.data();
  const auto counts = py::array::ensure(t[2]);
  if (!counts || counts.ndim() != 1 || counts.size() != indices.size())
    throw InvalidArgument("stack_rows(): counts and indices must have the same length");
  if (!read_counts<std::uint8_t>(counts, r) && !read_counts<std::uint16_t>(counts, r) &&
      !read_counts<std::uint32_t>(counts, r)) {
    const auto real = RealArray::ensure(counts);
    if (!real) throw InvalidArgument("stack_rows(): counts must be numbers");
    r.counts = real.data();
    keep.push_back(real);
  }
  keep.push_back(indptr);
  keep.push_back(indices);
  return r;
}

py::tuple stack_rows_py(const py::sequence& parts, const py::object& maps, py::ssize_t cols, int threads) {
  std::vector<py::object> keep;
  std::vector<CountRows> rows;
  for (const auto& p : parts) rows.push_back(count_rows(p, keep));
  std::vector<std::vector<std::int32_t>> positions;
  if (!maps.is_none())
    for (const auto& m : maps.cast<py::sequence>()) {
      const auto map = py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>::ensure(m);
      if (!map || map.ndim() != 1) throw InvalidArgument("stack_rows(): a column map must be a 1-d integer array");
      positions.emplace_back(map.data(), map.data() + map.size());
    }
  std::size_t n_rows = 0;
  for (const CountRows& r : rows) n_rows += r.rows;
  std::vector<std::int64_t> entries;
  {
    py::gil_scoped_release release;
    entries = stacked_entries(rows, positions, cols, threads);
  }
  std::int64_t total = 0;
  for (const std::int64_t e : entries) total += e;
  py::array_t<std::int64_t> indptr(static_cast<py::ssize_t>(n_rows + 1));
  py::array_t<std::int32_t> indices(static_cast<py::ssize_t>(total));
  py::array_t<double> data(static_cast<py::ssize_t>(total));
  StackedCsr out{indptr.mutable_data(), indices.mutable_data(), data.mutable_data()};
  {
    py::gil_scoped_release release;
    stack_rows(rows, positions, entries, out, threads);
  }
  return py::make_tuple(indptr, indices, data, py::make_tuple(n_rows, cols));
}

// Matrices counted in pieces (Dask partitions): see dtm.hpp.
void register_dtm_merge(py::module_& m) {
  m.def(
      "partial_dtm",
      [](const Corpus& corpus, const TokenOptions& tokens, int threads) {
        DocumentTermMatrix d;
        {
          py::gil_scoped_release release;
          d = partial_dtm(corpus, tokens, threads);
        }
        py::tuple csr = csr_to_numpy(std::move(d.matrix));
        return py::make_tuple(csr, d.terms, d.docnames, d.outlets);
      },
      py::arg("corpus"), py::arg("tokens"), py::arg("threads") = 0,
      "Counts one partition without pruning: ((indptr, indices, data, shape), terms, docnames, outlets).");
  m.def(
      "vocabulary",
      [](const IntArray& indptr, const IntArray& indices, const RealArray& data, py::ssize_t rows, py::ssize_t cols,
         const std::vector<std::string>& terms) {
        TermFrequencies v;
        {
          py::gil_scoped_release release;
          v = term_frequencies(csr_view(indptr, indices, data, rows, cols), terms);
        }
        return vocabulary_to_py(std::move(v));
      },
      py::arg("indptr"), py::arg("indices"), py::arg("data"), py::arg("rows"), py::arg("cols"), py::arg("terms"),
      "(terms, df, documents) of a count matrix.");
  m.def(
      "merge_vocabularies",
      [](const py::sequence& parts, bool positions) -> py::object {
        std::vector<TermFrequencies> vs;
        for (const auto& p : parts) vs.push_back(vocabulary_from_py(p));
        TermFrequencies out;
        std::vector<std::vector<std::int32_t>> where;
        {
          py::gil_scoped_release release;
          out = merge(vs, positions ? &where : nullptr);
        }
        if (!positions) return vocabulary_to_py(std::move(out));
        py::list arrays;
        for (const auto& w : where) arrays.append(numpy(w));
        return py::make_tuple(vocabulary_to_py(std::move(out)), arrays);
      },
      py::arg("parts"), py::arg("positions") = false,
      "Vocabularies (terms, df, documents) merged: terms united, df and documents summed. positions=True: "
      "(merged, [for each part, the merged position of each of its terms]).");
  m.def(
      "prune_vocabulary",
      [](const py::tuple& vocab, double min_df, bool min_df_proportion, double max_df, bool max_df_proportion,
         bool positions) -> py::object {
        const TermFrequencies v = vocabulary_from_py(vocab);
        std::vector<std::string> terms;
        std::vector<std::int32_t> where;
        {
          py::gil_scoped_release release;
          terms = prune(v, DfLimit{min_df, min_df_proportion}, DfLimit{max_df, max_df_proportion},
                        positions ? &where : nullptr);
        }
        if (!positions) return py::cast(std::move(terms));
        return py::make_tuple(std::move(terms), numpy(where));
      },
      py::arg("vocabulary"), py::arg("min_df"), py::arg("min_df_proportion"), py::arg("max_df"),
      py::arg("max_df_proportion"), py::arg("positions") = false,
      "The terms build_dtm keeps for these document frequencies; positions=True: (terms, each vocabulary term's "
      "position among them or -1).");
  m.def(
      "remap_columns",
      [](const IntArray& indptr, const IntArray& indices, const RealArray& data, py::ssize_t rows, py::ssize_t cols,
         const std::vector<std::int32_t>& positions, py::ssize_t to_cols) {
        SparseMatrix out;
        {
          py::gil_scoped_release release;
          SparseMatrix r = remap_columns(csr_view(indptr, indices, data, rows, cols), positions, to_cols);
          out.swap(r);
        }
        return csr_to_numpy(std::move(out));
      },
      py::arg("indptr"), py::arg("indices"), py::arg("data"), py::arg("rows"), py::arg("cols"), py::arg("positions"),
      py::arg("to_cols"), "The matrix with its column j moved to column positions[j] of to_cols (dropped where -1).");
  m.def("stack_rows", &stack_rows_py, py::arg("parts"), py::arg("maps"), py::arg("cols"), py::arg("threads") = 0,
        "Partitions' rows [(indptr int32, indices int32, counts uint8/16/32 or float64, (rows, cols))] stacked, "
        "each one's columns moved through its map (dropped where -1; maps=None keeps them): "
        "(indptr int64, indices int32, data float64, (rows, cols)).");
  m.def(
      "term_positions",
      [](const std::vector<std::string>& terms, const std::vector<std::string>& to) {
        std::vector<std::int32_t> out;
        {
          py::gil_scoped_release release;
          out = term_positions(terms, to);
        }
        return numpy(out);
      },
      py::arg("terms"), py::arg("to"),
      "For each term (sorted by UTF-8 bytes), its position in `to` (sorted too), or -1: the column map of remap_columns.");
}

}  // namespace

void register_dtm(py::module_& m) {
  register_dtm_merge(m);
  m.def(
      "build_dtm",
      [](const Corpus& corpus, const TokenOptions& tokens, double min_df, bool min_df_proportion, double max_df,
         bool max_df_proportion, int threads) {
        DtmOptions o;
        o.tokens = tokens;
        o.min_df = DfLimit{min_df, min_df_proportion};
        o.max_df = DfLimit{max_df, max_df_proportion};
        o.threads = threads;
        DocumentTermMatrix d;
        {
          py::gil_scoped_release release;
          d = dtm(corpus, o);
        }
        py::tuple csr = csr_to_numpy(std::move(d.matrix));
        return py::make_tuple(csr, d.terms, d.docnames, d.outlets);
      },
      py::arg("corpus"), py::arg("tokens"), py::arg("min_df") = 1.0, py::arg("min_df_proportion") = false,
      py::arg("max_df") = 1.0, py::arg("max_df_proportion") = true, py::arg("threads") = 0,
      "Counts terms: ((indptr, indices, data, shape), terms, docnames, outlets).");

  m.def(
      "weight",
      [](const IntArray& indptr, const IntArray& indices, const RealArray& data, py::ssize_t rows, py::ssize_t cols,
         const std::string& weighting, double k1, double b) {
        const Weighting w = parse_weighting(weighting);
        SparseMatrix out;
        {
          py::gil_scoped_release release;
          SparseMatrix weighted = weight(csr_view(indptr, indices, data, rows, cols), w, WeightOptions{k1, b});
          out.swap(weighted);  // assignment would copy (Eigen 3.4's SparseMatrix has no move)
        }
        return csr_to_numpy(std::move(out));
      },
      py::arg("indptr"), py::arg("indices"), py::arg("data"), py::arg("rows"), py::arg("cols"), py::arg("weighting"),
      py::arg("k1") = 1.2, py::arg("b") = 0.75, "Weights a count matrix given as CSR arrays.");

  m.def(
      "group",
      [](const IntArray& indptr, const IntArray& indices, const RealArray& data, py::ssize_t rows, py::ssize_t cols,
         const std::vector<std::string>& labels, int threads) {
        Grouped g;
        {
          py::gil_scoped_release release;
          g = group(csr_view(indptr, indices, data, rows, cols), labels, threads);
        }
        return py::make_tuple(csr_to_numpy(std::move(g.matrix)), g.groups);
      },
      py::arg("indptr"), py::arg("indices"), py::arg("data"), py::arg("rows"), py::arg("cols"), py::arg("labels"),
      py::arg("threads") = 0, "Sums rows per label (groups in order of first appearance).");

  m.def(
      "similarity",
      [](const IntArray& indptr, const IntArray& indices, const RealArray& data, py::ssize_t rows, py::ssize_t cols,
         const std::string& method, int threads) {
        const SimilarityMethod sm = parse_similarity(method);
        auto* out = new DenseMatrix();
        py::capsule keep(out, [](void* p) { delete static_cast<DenseMatrix*>(p); });
        {
          py::gil_scoped_release release;
          *out = similarity(csr_view(indptr, indices, data, rows, cols), sm, threads);
        }
        const auto n = static_cast<py::ssize_t>(out->rows());
        const auto s = static_cast<py::ssize_t>(sizeof(double));
        return py::array_t<double>({n, n}, {n * s, s}, out->data(), keep);
      },
      py::arg("indptr"), py::arg("indices"), py::arg("data"), py::arg("rows"), py::arg("cols"), py::arg("method"),
      py::arg("threads") = 0, "The rows x rows similarity matrix.");

  m.def(
      "nearest",
      [](const IntArray& indptr, const IntArray& indices, const RealArray& data, py::ssize_t rows, py::ssize_t cols,
         std::size_t k, const std::string& method, int threads) {
        const SimilarityMethod sm = parse_similarity(method);
        Neighbors nb;
        {
          py::gil_scoped_release release;
          nb = nearest(csr_view(indptr, indices, data, rows, cols), k, sm, threads);
        }
        const auto n = static_cast<py::ssize_t>(nb.index.rows()), kk = static_cast<py::ssize_t>(nb.index.cols());
        py::array_t<std::int64_t> idx({n, kk});
        py::array_t<double> val({n, kk});
        std::copy(nb.index.data(), nb.index.data() + nb.index.size(), idx.mutable_data());
        std::copy(nb.value.data(), nb.value.data() + nb.value.size(), val.mutable_data());
        return py::make_tuple(idx, val);
      },
      py::arg("indptr"), py::arg("indices"), py::arg("data"), py::arg("rows"), py::arg("cols"), py::arg("k"),
      py::arg("method"), py::arg("threads") = 0, "The k nearest other rows of every row: (index, value).");
}

}  // namespace framelens::bindings
