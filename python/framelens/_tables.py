"""Column-oriented tables from the C++ core as pandas DataFrames, and back (private).

The core hands a table over as ``{column: ndarray}`` for numbers and ``{column: (codes, dictionary)}``
for strings, each distinct string stored once. A string column becomes an object column by NumPy
indexing (no Python loop over rows); the empty string is a missing value.
"""
from __future__ import annotations

from typing import Any, Mapping

import numpy as np

_MISSING = ""


def strings(codes: np.ndarray, dictionary: list[str], missing: bool = True) -> np.ndarray:
    values = np.empty(len(dictionary) + 1, dtype=object)
    values[:-1] = dictionary
    values[-1] = None
    codes = np.asarray(codes, dtype=np.int64)
    if missing and _MISSING in dictionary:
        codes = np.where(codes == dictionary.index(_MISSING), len(dictionary), codes)
    return values[codes]


def text_dtype() -> Any:
    """The dtype pandas gives a column of strings (object, or "str" where pandas infers strings); asked each
    time, since pandas 2's ``future.infer_string`` option can change it."""
    import pandas as pd

    return pd.DataFrame({"t": ["x"]})["t"].dtype


def string_column(codes: np.ndarray, dictionary: list[str], missing: bool = True) -> Any:
    """A string column of :func:`text_dtype` from the core's codes and dictionary. Where pandas keeps strings
    in Arrow, the dictionary becomes one Arrow array and the rows are taken from it by code (each distinct
    string converted once, no Python object per row: 3x faster on a corpus's 780,000 quotes); otherwise
    :func:`strings`."""
    import pandas as pd

    dtype = text_dtype()
    if getattr(dtype, "storage", None) != "pyarrow":
        return pd.Series(strings(codes, dictionary, missing), dtype=dtype)
    import pyarrow as pa

    codes = np.asarray(codes, dtype=np.int64)
    absent = codes == dictionary.index(_MISSING) if missing and _MISSING in dictionary else None
    return pd.Series(pa.array(dictionary, type=pa.large_string()).take(pa.array(codes, mask=absent)), dtype=dtype)


def frame(columns: Mapping[str, Any], keep_empty: tuple[str, ...] = ()) -> Any:
    """A DataFrame of core columns; string columns named in ``keep_empty`` keep "" (not missing). String
    columns get pandas' dtype for strings whatever they hold (even when every value is missing)."""
    import pandas as pd

    data = {}
    for name, value in columns.items():
        if isinstance(value, tuple):
            data[name] = string_column(value[0], value[1], missing=name not in keep_empty)
        else:
            data[name] = value
    return pd.DataFrame(data, copy=False)


def to_columns(df: Any, types: list[tuple[str, str]]) -> list[tuple[str, str, Any]]:
    """The inverse of :func:`frame` for the core's column types (``int64``, ``float64``, ``bool``, ``string``)."""
    import pandas as pd

    out = []
    for name, kind in types:
        col = df[name]
        if kind == "string":
            filled = col.astype(object).where(col.notna(), _MISSING)
            codes, uniques = pd.factorize(filled, sort=False)
            out.append((name, kind, (codes.astype(np.int64), [str(u) for u in uniques])))
        elif kind == "float64":
            out.append((name, kind, np.asarray(col, dtype=np.float64)))
        else:
            out.append((name, kind, np.asarray(col, dtype=np.int64)))
    return out
