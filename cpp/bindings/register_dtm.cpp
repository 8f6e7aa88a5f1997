// Document-term matrices, weightings, grouping and similarity.
//
// CSR matrices cross to Python without a copy: the result SparseMatrix is moved to the heap and the
// NumPy arrays indptr / indices / data view its buffers, owned by a capsule (freed with the last
// array). Matrices coming back from SciPy are read in place through an Eigen::Map when they are
// int32 / float64 and C-contiguous (framelens.dtm makes sure of that); otherwise pybind11 converts
// them once. The GIL is released for all matrix work.
#include <mutex>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "framelens/dtm.hpp"
#include "framelens/error.hpp"
#include "framelens/similarity.hpp"

namespace framelens::bindings {

// A TermFrequencies crosses as (terms: their UTF-8 bytes one after another as a uint8 array, term_ends:
// where each term ends in them, df, documents): arrays pickle out of band and convert in one pass, where a
// list of str took longer to pickle and to convert than the merge itself.
py::tuple vocabulary_to_py(TermFrequencies&& v) {
  std::size_t bytes = 0;
  for (const std::string& t : v.terms) bytes += t.size();
  py::array_t<std::uint8_t> blob(static_cast<py::ssize_t>(bytes));
  CountArray ends(static_cast<py::ssize_t>(v.terms.size()));
  CountArray df(static_cast<py::ssize_t>(v.df.size()));
  {
    py::gil_scoped_release release;
    char* out = reinterpret_cast<char*>(blob.mutable_data());
    std::uint64_t* end = ends.mutable_data();
    std::size_t at = 0;
    for (std::size_t i = 0; i < v.terms.size(); ++i) {
      std::copy(v.terms[i].begin(), v.terms[i].end(), out + at);
      at += v.terms[i].size();
      end[i] = at;
    }
    std::copy(v.df.begin(), v.df.end(), df.mutable_data());
  }
  return py::make_tuple(blob, ends, df, v.documents);
}

TermFrequencies vocabulary_from_py(const py::handle& t) {
  const auto fail = [](const std::string& what) {
    return InvalidArgument("a vocabulary is (terms as uint8 bytes, term_ends, df, documents): " + what);
  };
  const auto parts = t.cast<py::tuple>();
  if (parts.size() != 4) throw fail(std::to_string(parts.size()) + " items");
  const auto blob = py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>::ensure(parts[0]);
  const auto ends = CountArray::ensure(parts[1]);
  const auto df = CountArray::ensure(parts[2]);
  if (!blob || !ends || !df || blob.ndim() != 1 || ends.ndim() != 1 || df.ndim() != 1)
    throw fail("the first three must be 1-d arrays");
  if (ends.size() != df.size())
    throw fail(std::to_string(ends.size()) + " terms and " + std::to_string(df.size()) + " document frequencies");
  TermFrequencies v;
  v.documents = parts[3].cast<std::uint64_t>();
  const char* bytes = reinterpret_cast<const char*>(blob.data());
  const std::uint64_t* end = ends.data();
  const auto n = static_cast<std::size_t>(ends.size()), size = static_cast<std::size_t>(blob.size());
  {
    py::gil_scoped_release release;
    v.terms.reserve(n);
    std::uint64_t at = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (end[i] < at || end[i] > size) break;
      v.terms.emplace_back(bytes + at, bytes + end[i]);
      at = end[i];
    }
    v.df.assign(df.data(), df.data() + n);
  }
  if (v.terms.size() != n || (n > 0 && end[n - 1] != size))
    throw fail("term_ends must not decrease and must end at the " + std::to_string(size) + " bytes");
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

// An array of type T read in place into `to` (false: another type).
template <class T, class Variant>
bool read_in_place(const py::array& a, Variant& to) {
  if (!py::array_t<T, py::array::c_style>::check_(a)) return false;
  to = static_cast<const T*>(a.data());
  return true;
}

// One partition's rows as they travel (indptr, indices, counts, (rows, cols)), read in place; `keep` holds
// them, and what had to be converted, while they are read.
CountRows count_rows(const py::handle& part, std::vector<py::object>& keep) {
  const auto fail = [](const std::string& what) { return InvalidArgument("RowStack.add(): " + what); };
  const auto t = py::reinterpret_borrow<py::object>(part);
  if (!py::isinstance<py::tuple>(t) || py::len(t) != 4)
    throw fail("a partition's rows are (indptr, indices, counts, shape)");
  const auto shape = t[py::int_(3)].cast<std::pair<py::ssize_t, py::ssize_t>>();
  if (shape.first < 0 || shape.second < 0) throw fail("negative matrix shape");
  const auto indptr = IntArray::ensure(t[py::int_(0)]);
  auto indices = py::array::ensure(t[py::int_(1)]);
  const auto counts = py::array::ensure(t[py::int_(2)]);
  if (!indptr || !indices || !counts) throw fail("indptr, indices and counts must be arrays");
  if (indptr.ndim() != 1 || indptr.size() != shape.first + 1)
    throw fail("indptr must have rows + 1 = " + std::to_string(shape.first + 1) + " entries");
  if (indices.ndim() != 1 || counts.ndim() != 1 || counts.size() != indices.size())
    throw fail("indices and counts must be 1-d and of the same length");
  CountRows r;
  r.rows = static_cast<std::size_t>(shape.first);
  r.cols = static_cast<std::size_t>(shape.second);
  r.entries = static_cast<std::size_t>(indices.size());
  r.indptr = indptr.data();
  if (!read_in_place<std::uint16_t>(indices, r.indices)) {
    indices = IntArray::ensure(indices);
    if (!indices) throw fail("indices must be integers");
    r.indices = static_cast<const std::int32_t*>(indices.data());
  }
  keep.push_back(indptr);
  keep.push_back(indices);
  if (!read_in_place<std::uint8_t>(counts, r.counts) && !read_in_place<std::uint16_t>(counts, r.counts) &&
      !read_in_place<std::uint32_t>(counts, r.counts)) {
    const auto real = RealArray::ensure(counts);
    if (!real) throw fail("counts must be numbers");
    r.counts = real.data();
    keep.push_back(real);
  }
  keep.push_back(counts);
  return r;
}

// A vector handed to NumPy without a copy (the array owns it).
template <class T>
py::array_t<T> owned_numpy(std::vector<T>&& v) {
  auto* owner = new std::vector<T>(std::move(v));
  py::capsule keep(owner, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>({static_cast<py::ssize_t>(owner->size())}, {static_cast<py::ssize_t>(sizeof(T))},
                        owner->data(), keep);
}

// RowStack for Python: calls from several threads wait for each other (the GIL is released inside).
struct PyRowStack {
  RowStack stack;
  std::mutex busy;
  explicit PyRowStack(std::size_t expected) : stack(expected) {}
};

void register_row_stack(py::module_& m) {
  py::class_<PyRowStack>(m, "RowStack",
                         "Partitions' rows stacked as they arrive in their own columns, moved to the merged "
                         "columns by finish() (see dtm.hpp: RowStack).")
      .def(py::init<std::size_t>(), py::arg("expected_parts") = 0)
      .def(
          "add",
          [](PyRowStack& s, const py::handle& part) {
            std::vector<py::object> keep;
            const CountRows rows = count_rows(part, keep);
            py::gil_scoped_release release;
            const std::lock_guard<std::mutex> lock(s.busy);
            s.stack.add(rows);
          },
          py::arg("part"),
          "Appends a partition's rows (indptr int32, indices int32/uint16, counts uint8/16/32 or float64, "
          "(rows, cols)), checked first.")
      .def_property_readonly("rows", [](PyRowStack& s) {
        const std::lock_guard<std::mutex> lock(s.busy);
        return s.stack.rows();
      })
      .def(
          "finish",
          [](PyRowStack& s, const py::object& maps, py::ssize_t cols, int threads) {
            std::vector<std::vector<std::int32_t>> positions;
            if (!maps.is_none())
              for (const auto& m : maps.cast<py::sequence>()) {
                const auto map = py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>::ensure(m);
                if (!map || map.ndim() != 1)
                  throw InvalidArgument("RowStack.finish(): a column map must be a 1-d integer array");
                positions.emplace_back(map.data(), map.data() + map.size());
              }
            StackedCsr out;
            {
              py::gil_scoped_release release;
              const std::lock_guard<std::mutex> lock(s.busy);
              out = s.stack.finish(positions, cols, threads);
            }
            const auto rows = static_cast<py::ssize_t>(out.indptr.size() - 1);
            return py::make_tuple(owned_numpy(std::move(out.indptr)), owned_numpy(std::move(out.indices)),
                                  owned_numpy(std::move(out.counts)), py::make_tuple(rows, cols));
          },
          py::arg("maps"), py::arg("cols"), py::arg("threads") = 0,
          "The stacked matrix, each partition's columns moved through its map (dropped where -1; maps=None "
          "keeps them): (indptr int64, indices int32, data float64, (rows, cols)); the stack is then empty.");
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
      "The vocabulary of a count matrix: (terms as UTF-8 bytes one after another, each term's end in them, df, documents).");
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
      "Vocabularies (see vocabulary()) merged: terms united, df and documents summed. positions=True: "
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
         const IntArray& positions, py::ssize_t to_cols) {
        if (positions.ndim() != 1) throw InvalidArgument("remap_columns(): positions must be a 1-d integer array");
        SparseMatrix out;
        {
          py::gil_scoped_release release;
          const std::vector<std::int32_t> p(positions.data(), positions.data() + positions.size());
          SparseMatrix r = remap_columns(csr_view(indptr, indices, data, rows, cols), p, to_cols);
          out.swap(r);
        }
        return csr_to_numpy(std::move(out));
      },
      py::arg("indptr"), py::arg("indices"), py::arg("data"), py::arg("rows"), py::arg("cols"), py::arg("positions"),
      py::arg("to_cols"), "The matrix with its column j moved to column positions[j] of to_cols (dropped where -1).");
  register_row_stack(m);
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
