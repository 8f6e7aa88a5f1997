"""Assertions that two framelens results are the same, as :mod:`pandas.testing` does for frames.

Made for checking a result computed one way against the same result computed another: a comparison or a
document-term matrix from a cluster (:mod:`framelens.dask`) against the one a single process gives, a
comparison read back with ``from_json``, a result before and after an upgrade. Counts, strings and labels
must be equal; floats may differ by ``atol`` (default 1e-9 for comparisons: a corpus in pieces sums its
floats in another order).

>>> import framelens, framelens.testing
>>> corpus = framelens.datasets.sample()
>>> framelens.testing.assert_dtm_equal(corpus.dtm(), corpus.dtm(threads=1))
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from .compare import Comparison
    from .dtm import DocumentTermMatrix

__all__ = ["assert_comparison_equal", "assert_dtm_equal"]


def _as_text(values: np.ndarray) -> np.ndarray:
    """Each value as a Python string, in an object array (``astype(str)`` would make a fixed-width copy as wide
    as the longest text: 24 GB for the article-bias corpus's quote texts)."""
    import pandas as pd

    return pd.Series(values, dtype=object).map(str).to_numpy(dtype=object)


def _assert_column_equal(got: Any, want: Any, where: str, atol: float) -> None:
    import pandas as pd

    if pd.api.types.is_float_dtype(want):
        x, y = got.to_numpy(dtype=float), want.to_numpy(dtype=float)
        both_nan = np.isnan(x) & np.isnan(y)
        far = ~both_nan & ~(np.abs(x - y) <= atol)
        if far.any():
            row = int(np.flatnonzero(far)[0])
            raise AssertionError(f"{where}: {int(far.sum())} values differ by more than {atol} "
                                 f"(first at row {row}: {x[row]!r} != {y[row]!r})")
        return
    # counts, flags, strings and labels exactly, as text (an int64 and a nullable Int64 column alike);
    # a missing value (None, NaN, NA) equals only a missing value
    x, y = got.to_numpy(dtype=object), want.to_numpy(dtype=object)
    x_missing, y_missing = pd.isna(x), pd.isna(y)
    differ = (x_missing != y_missing) | (~x_missing & ~y_missing & (_as_text(x) != _as_text(y)))
    if differ.any():
        row = int(np.flatnonzero(differ)[0])
        raise AssertionError(f"{where}: {int(differ.sum())} values differ (first at row {row}: {x[row]!r} != {y[row]!r})")


def assert_comparison_equal(got: "Comparison", want: "Comparison", atol: float = 1e-9) -> None:
    """Every table and matrix of two comparisons: the same names, columns and rows; counts and strings
    exactly, floats within ``atol``. Raises ``AssertionError`` naming the first table, column and row that
    differ."""
    g, w = got._core, want._core
    for field in ("by", "outlets", "frame_names", "token_options", "keyness_measure", "idf_scope"):
        if getattr(g, field) != getattr(w, field):
            raise AssertionError(f"comparison {field}: {getattr(g, field)!r} != {getattr(w, field)!r}")
    for kind, a, b in (("tables", g.table_names, w.table_names), ("matrices", g.matrix_names, w.matrix_names)):
        if sorted(a) != sorted(b):
            raise AssertionError(f"comparison {kind}: {sorted(a)} != {sorted(b)}")
    for name in w.table_names:
        a, b = got.table(name), want.table(name)
        if list(a.columns) != list(b.columns):
            raise AssertionError(f"table {name!r} columns: {list(a.columns)} != {list(b.columns)}")
        if len(a) != len(b):
            raise AssertionError(f"table {name!r}: {len(a)} rows != {len(b)}")
        for col in b.columns:
            _assert_column_equal(a[col], b[col], f"table {name!r}, column {col!r}", atol)
    for name in w.matrix_names:
        a, b = np.asarray(g.matrix(name), dtype=float), np.asarray(w.matrix(name), dtype=float)
        if a.shape != b.shape:
            raise AssertionError(f"matrix {name!r}: shape {a.shape} != {b.shape}")
        far = ~(np.abs(a - b) <= atol) & ~(np.isnan(a) & np.isnan(b))
        if far.any():
            raise AssertionError(f"matrix {name!r}: {int(far.sum())} entries differ by more than {atol}")


def assert_dtm_equal(got: "DocumentTermMatrix", want: "DocumentTermMatrix", atol: float = 0.0) -> None:
    """Two document-term matrices: the same terms, documents, outlets and weighting, and the same entries
    (exactly by default; ``atol`` for weighted matrices computed in another order)."""
    for field in ("terms", "docnames", "outlets", "weighting"):
        a, b = getattr(got, field), getattr(want, field)
        if a != b:
            raise AssertionError(f"document-term matrix {field} differ" + (
                f" ({len(a)} != {len(b)})" if isinstance(a, list) and len(a) != len(b) else ""))
    a, b = got.matrix, want.matrix
    if a.shape != b.shape:
        raise AssertionError(f"document-term matrix shape: {a.shape} != {b.shape}")
    diff = abs(a - b)
    worst = diff.max() if diff.nnz else 0.0
    if worst > atol:
        raise AssertionError(f"document-term matrix: {int((diff > atol).sum())} entries differ by more than {atol} "
                             f"(largest {worst})")
