"""Document-term matrices, weightings, grouping and similarity.

The counting, weighting, grouping and similarity run in C++ on both cores with the GIL released;
the matrix reaches SciPy as a ``csr_matrix`` whose arrays view the C++ buffers (no copy, no
per-element Python work).

>>> import framelens
>>> corpus = framelens.Corpus()
>>> _ = corpus.add("The council approved the budget.", outlet="Daily A")
>>> _ = corpus.add("Council rejects budget cuts.", outlet="Daily B")
>>> _ = corpus.add("Budget approved after long council debate.", outlet="Daily A")
>>> dtm = corpus.dtm(stopwords=True)
>>> dtm.terms[:4]
['approved', 'budget', 'council', 'cuts']
>>> outlets = dtm.group("outlet")
>>> outlets.docnames, outlets.matrix.shape
(['Daily A', 'Daily B'], (2, 7))
>>> framelens.similarity(outlets, method="cosine").round(3)
         Daily A  Daily B
Daily A    1.000    0.535
Daily B    0.535    1.000
"""
from __future__ import annotations

import numbers
from typing import TYPE_CHECKING, Any, Sequence, Union

import numpy as np

from . import _core
from ._html import dtm_html
from .tokens import token_options as make_options  # from_corpus takes **token_options

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import scipy.sparse

    from .corpus import Corpus

__all__ = ["DocumentTermMatrix", "similarity", "nearest", "WEIGHTINGS", "SIMILARITIES"]

#: Weighting schemes of :meth:`DocumentTermMatrix.weight` (formulas in docs/foundation.md).
WEIGHTINGS = ("count", "proportion", "log", "boolean", "tfidf", "tfidf_quanteda", "tfidf_gensim", "bm25")
#: Methods of :func:`similarity` and :func:`nearest`.
SIMILARITIES = ("cosine", "jaccard", "correlation", "jensen_shannon")


def _csr(parts: tuple) -> "scipy.sparse.csr_matrix":
    import scipy.sparse

    indptr, indices, data, shape = parts
    return scipy.sparse.csr_matrix((data, indices, indptr), shape=tuple(shape))


def _parts(m: "scipy.sparse.spmatrix") -> tuple:
    """CSR arrays the C++ core can read in place: int32 indices, float64 data, canonical order."""
    import scipy.sparse

    if not scipy.sparse.issparse(m):
        m = scipy.sparse.csr_matrix(np.asarray(m, dtype=np.float64))
    m = m.tocsr()
    if not m.has_canonical_format:
        m = m.copy()
        m.sum_duplicates()
    return (
        np.asarray(m.indptr, dtype=np.int32),
        np.asarray(m.indices, dtype=np.int32),
        np.asarray(m.data, dtype=np.float64),
        m.shape[0],
        m.shape[1],
    )


def _df_limit(value: Union[int, float], name: str) -> tuple[float, bool]:
    """scikit-learn's convention: an int is a number of documents, a float a proportion in [0, 1]."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise _core.InvalidArgumentError(f"{name} must be an int (documents) or a float in [0, 1], not {value!r}")
    if isinstance(value, numbers.Integral):
        if value < 0:
            raise _core.InvalidArgumentError(f"{name}={value}: a document count cannot be negative")
        return float(value), False
    if not 0.0 <= value <= 1.0:
        raise _core.InvalidArgumentError(f"{name}={value}: a proportion must lie in [0, 1]")
    return float(value), True


class DocumentTermMatrix:
    """Documents (or groups) × terms.

    - ``.matrix``: ``scipy.sparse.csr_matrix`` (float64); ``.terms``: column names sorted by their
      UTF-8 bytes (= Python's string order = scikit-learn's); ``.docnames``: row names;
      ``.docvars``: a DataFrame of row variables (id, outlet, title, metadata; or the group key);
      ``.outlets``; ``.weighting``.

    >>> import framelens
    >>> c = framelens.Corpus([{"text": "Rates rise.", "outlet": "A"}, {"text": "Rates fall, rates rise.", "outlet": "B"}])
    >>> m = c.dtm()
    >>> m
    <DocumentTermMatrix: 2 rows x 3 terms, 5 non-zero, weighting=count>
    >>> m.terms, m.docnames, m.matrix.toarray().tolist()
    (['fall', 'rates', 'rise'], ['doc0', 'doc1'], [[0.0, 1.0, 1.0], [1.0, 2.0, 1.0]])
    """

    def __init__(
        self,
        matrix: "scipy.sparse.csr_matrix",
        terms: Sequence[str],
        docnames: Sequence[str],
        docvars: "pd.DataFrame | None" = None,
        weighting: str = "count",
        outlets: Sequence[str] | None = None,
    ) -> None:
        self.matrix = matrix
        self.terms = list(terms)
        self.docnames = list(docnames)
        self.weighting = weighting
        self._docvars = docvars
        self._outlets = list(outlets) if outlets is not None else None
        self._corpus: "Corpus | None" = None
        if matrix.shape != (len(self.docnames), len(self.terms)):
            raise _core.InvalidArgumentError(
                f"matrix shape {matrix.shape} does not match {len(self.docnames)} rows x {len(self.terms)} terms"
            )

    @classmethod
    def from_corpus(
        cls,
        corpus: "Corpus",
        weighting: str = "count",
        min_df: Union[int, float] = 1,
        max_df: Union[int, float] = 1.0,
        threads: int = 0,
        **token_options: Any,
    ) -> "DocumentTermMatrix":
        """Count the terms of every document (see ``Corpus.dtm``)."""
        opts = make_options(**token_options)
        lo, lo_prop = _df_limit(min_df, "min_df")
        hi, hi_prop = _df_limit(max_df, "max_df")
        csr, terms, docnames, outlets = _core.build_dtm(corpus._core, opts, lo, lo_prop, hi, hi_prop, int(threads))
        out = cls(_csr(csr), terms, docnames, None, "count", outlets)
        out._corpus = corpus
        if weighting != "count":
            out = out.weight(weighting)
        return out

    # -- labels ---------------------------------------------------------------------------------
    @property
    def shape(self) -> tuple[int, int]:
        return self.matrix.shape

    @property
    def outlets(self) -> list[str]:
        """The outlet of each row (``""`` for a group that mixes outlets)."""
        if self._outlets is None:
            self._outlets = [""] * len(self.docnames)
        return self._outlets

    @property
    def docvars(self) -> "pd.DataFrame":
        """Row variables: id, outlet, title and metadata of each document (or the group key)."""
        import pandas as pd

        if self._docvars is None:
            if self._corpus is not None:
                rows = []
                for d in self._corpus:  # per document (not per token); the texts are not copied
                    row = {"id": d.id, "outlet": d.outlet, "title": d.title}
                    row.update(d.metadata)
                    rows.append(row)
                self._docvars = pd.DataFrame(rows, index=pd.Index(self.docnames, name="docname"))
            else:
                self._docvars = pd.DataFrame({"outlet": self.outlets}, index=pd.Index(self.docnames, name="docname"))
        return self._docvars

    # -- transformations -------------------------------------------------------------------------
    def weight(self, weighting: str = "tfidf", k1: float = 1.2, b: float = 0.75) -> "DocumentTermMatrix":
        """A new matrix with ``weighting`` applied to the counts (one of :data:`WEIGHTINGS`).

        >>> import framelens
        >>> c = framelens.Corpus([{"text": "a b b"}, {"text": "b c"}])
        >>> w = c.dtm().weight("proportion")
        >>> w.terms, w.matrix.toarray().round(3).tolist()
        (['a', 'b', 'c'], [[0.333, 0.667, 0.0], [0.0, 0.5, 0.5]])
        """
        if self.weighting != "count":
            raise _core.InvalidArgumentError(
                f"this matrix is already weighted ({self.weighting}); weight the count matrix instead"
            )
        out = DocumentTermMatrix(
            _csr(_core.weight(*_parts(self.matrix), weighting, float(k1), float(b))),
            self.terms,
            self.docnames,
            self._docvars,
            "proportion" if weighting == "prop" else ("tfidf" if weighting == "tfidf_sklearn" else weighting),
            self._outlets,
        )
        out._corpus = self._corpus
        return out

    def group(self, by: Union[str, Sequence[str]] = "outlet") -> "DocumentTermMatrix":
        """Rows summed per outlet, per metadata key, or per given labels (groups in order of first appearance).

        ``by`` is ``"outlet"``, ``"id"``, ``"title"``, a metadata key / docvars column, or one label per row.
        Group the count matrix, then weight it.
        """
        if self.weighting != "count":
            raise _core.InvalidArgumentError(
                f"group the count matrix, then weight it (this matrix is weighted: {self.weighting})"
            )
        if isinstance(by, str):
            key = by
            if key == "outlet" and self._outlets is not None:
                labels = self.outlets
            elif self._corpus is not None and key in ("id", "outlet", "title"):
                labels = self._corpus.labels(key)
            elif self._corpus is not None and self._docvars is None:
                labels = self._corpus.labels(key)  # read in C++; "" where a document lacks the key
                if not any(labels):
                    raise _core.NotFoundError(f"no document has a metadata key {key!r}")
            else:
                dv = self.docvars
                if key not in dv.columns:
                    raise _core.NotFoundError(f"no row variable {key!r}; available: {list(dv.columns)}")
                labels = ["" if v is None or v != v else str(v) for v in dv[key].tolist()]
        else:
            key = "group"
            labels = [str(x) for x in by]
        if len(labels) != self.shape[0]:
            raise _core.InvalidArgumentError(f"group(): {len(labels)} labels for {self.shape[0]} rows")
        csr, groups = _core.group(*_parts(self.matrix), labels)
        outlets = None
        if key == "outlet":
            outlets = list(groups)
        elif self._outlets is not None:
            first: dict[str, str] = {}
            mixed: set[str] = set()
            for lab, o in zip(labels, self.outlets):
                if lab in first and first[lab] != o:
                    mixed.add(lab)
                first.setdefault(lab, o)
            outlets = ["" if g in mixed else first[g] for g in groups]
        import pandas as pd

        docvars = pd.DataFrame({key: list(groups)}, index=pd.Index(list(groups), name="docname"))
        return DocumentTermMatrix(_csr(csr), self.terms, groups, docvars, "count", outlets)

    # -- views -----------------------------------------------------------------------------------
    def to_pandas(self, sparse: bool = False) -> "pd.DataFrame":
        """A DataFrame with docnames as index and terms as columns (dense, or pandas sparse columns)."""
        import pandas as pd

        index = pd.Index(self.docnames, name="docname")
        if sparse:
            df = pd.DataFrame.sparse.from_spmatrix(self.matrix, index=index, columns=self.terms)
        else:
            try:
                dense = self.matrix.toarray()
            except MemoryError:
                rows, cols = self.shape
                raise MemoryError(
                    f"the dense {rows:,} x {cols:,} matrix needs {rows * cols * self.matrix.dtype.itemsize / 2**30:.1f} GiB; "
                    "use to_pandas(sparse=True), the scipy.sparse .matrix, or fewer terms (Corpus.dtm(min_df=...))") from None
            df = pd.DataFrame(dense, index=index, columns=self.terms)
        return df

    def top_terms(self, n: int = 10, row: Union[int, str, None] = None) -> "pd.Series":
        """The ``n`` terms with the highest total over all rows (or in one row, by index or docname).

        Ties are broken by term order.

        >>> import framelens
        >>> c = framelens.Corpus([{"text": "tax cut tax", "outlet": "A"}, {"text": "tax plan", "outlet": "B"}])
        >>> c.dtm().top_terms(2).to_dict()
        {'tax': 3.0, 'cut': 1.0}
        """
        import pandas as pd

        if row is None:
            values = np.asarray(self.matrix.sum(axis=0)).ravel()
        else:
            i = row if isinstance(row, int) else self._row(row)
            values = self.matrix.getrow(i).toarray().ravel()
        order = np.lexsort((np.arange(len(values)), -values))[: max(0, int(n))]
        order = [j for j in order if values[j] != 0]
        return pd.Series(values[order], index=[self.terms[j] for j in order], name="total" if row is None else str(row))

    def _row(self, name: str) -> int:
        try:
            return self.docnames.index(name)
        except ValueError:
            raise _core.NotFoundError(f"no row named {name!r}") from None

    def __len__(self) -> int:
        return self.shape[0]

    def __repr__(self) -> str:
        return (
            f"<DocumentTermMatrix: {self.shape[0]} rows x {self.shape[1]} terms, "
            f"{self.matrix.nnz} non-zero, weighting={self.weighting}>"
        )

    def _repr_html_(self) -> str:
        return dtm_html(self)


def similarity(dtm: DocumentTermMatrix, method: str = "cosine", threads: int = 0) -> "pd.DataFrame":
    """Row × row similarity as a labelled DataFrame (one of :data:`SIMILARITIES`).

    ``jensen_shannon`` is the Jensen–Shannon *divergence* (base 2, 0 = identical); the other
    methods are similarities (1 = identical). Group first for outlet × outlet tables.

    >>> import framelens
    >>> c = framelens.Corpus([{"text": "tax cut", "outlet": "A"}, {"text": "tax hike", "outlet": "B"}])
    >>> framelens.similarity(c.dtm().group("outlet"), method="jaccard").round(3)
           A      B
    A  1.000  0.333
    B  0.333  1.000
    """
    import pandas as pd

    values = _core.similarity(*_parts(dtm.matrix), method, int(threads))
    index = pd.Index(dtm.docnames)
    return pd.DataFrame(values, index=index, columns=index)


def nearest(dtm: DocumentTermMatrix, k: int = 5, method: str = "cosine", threads: int = 0) -> "pd.DataFrame":
    """The ``k`` nearest other rows of every row, without building the full n × n matrix.

    One line per (row, rank): ``document``, ``rank`` (1 = nearest), ``neighbor``, ``value``.

    >>> import framelens
    >>> c = framelens.Corpus([{"text": t} for t in ["tax cut now", "tax cut soon", "rain falls"]])
    >>> framelens.nearest(c.dtm(), k=1)[["document", "neighbor"]].values.tolist()
    [['doc0', 'doc1'], ['doc1', 'doc0'], ['doc2', 'doc0']]
    """
    import pandas as pd

    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise _core.InvalidArgumentError(f"k must be an integer >= 1, not {k!r}")
    idx, val = _core.nearest(*_parts(dtm.matrix), k, method, int(threads))
    rows, ranks = np.nonzero(idx >= 0)
    names = np.asarray(dtm.docnames, dtype=object)
    return pd.DataFrame(
        {
            "document": names[rows],
            "rank": ranks + 1,
            "neighbor": names[idx[rows, ranks]],
            "value": val[rows, ranks],
        }
    )
