"""DataFrame columns handed to the core as Arrow string buffers (``_core.add_columns``): how
:meth:`Corpus.from_pandas` and framelens.dask's partitions become documents, with no Python loop per row."""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from . import _core


def string_column(name: str, values: Any, *, text: bool = False) -> tuple:
    """A pandas column as ``(name, chunks)`` of Arrow string buffers for ``_core.add_columns``.

    Arrow-backed strings (``dd.read_parquet``, pandas' ``str`` / ``string[pyarrow]``) are handed over in
    place; a column of Python strings is converted once by pyarrow (no Python loop). Other values become
    ``str(value)``, missing ones (None/NaN/NA/NaT) null; the text column must
    hold strings (a null text is reported by the core with its row)."""
    import pyarrow as pa

    arr = None
    try:
        arr = pa.array(values, from_pandas=True) if len(values) else pa.array([], type=pa.large_string())
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        pass
    except UnicodeEncodeError as exc:  # a lone surrogate: name the row, as Corpus.add does
        for i, v in enumerate(values.tolist()):  # only on this error path
            if isinstance(v, str):
                try:
                    v.encode("utf-8")
                except UnicodeEncodeError as bad:
                    raise _core.EncodingError(
                        f"row {i}: column {name!r} is not valid Unicode at string offset {bad.start} ({bad.reason}); "
                        "clean the text, or decode the source with errors='replace'") from None
        raise _core.EncodingError(f"column {name!r} is not valid Unicode ({exc.reason})") from None
    if isinstance(arr, pa.Array):
        arr = pa.chunked_array([arr], type=arr.type)
    if arr is not None and pa.types.is_null(arr.type):
        arr = arr.cast(pa.large_string())
    if arr is not None and pa.types.is_string_view(arr.type):
        arr = arr.cast(pa.large_string())
    if arr is None or not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        if text:  # the first value that is neither a string nor missing
            kinds = values.map(type, na_action="ignore")
            bad = np.flatnonzero(kinds.notna().to_numpy() & (kinds != str).to_numpy())
            i = int(bad[0]) if len(bad) else 0
            raise _core.InvalidArgumentError(
                f"row {i}: column {name!r} holds {type(values.iloc[i]).__name__}, not text; drop or fill empty rows first")
        arr = pa.chunked_array([pa.array(values.astype(object).map(str, na_action="ignore"), type=pa.large_string(),
                                         from_pandas=True)])
    chunks = []
    for c in arr.chunks:
        validity, offsets, data = c.buffers()
        chunks.append((validity, offsets, data, c.offset, len(c), pa.types.is_large_string(c.type)))
    return (name, chunks), arr


def add_frame(corpus: Any, df: Any, text: str, outlet: str | None, title: str | None, id: str | None,
              meta: Iterable[str] | None, clean: bool, threads: int) -> np.ndarray:
    """The rows of ``df`` added to the core corpus ``corpus`` as documents, in one call; returns which rows
    had no id (null or empty: the corpus numbers them ``doc<N>``). ``meta``: the metadata columns (default:
    every column not named by ``text``/``outlet``/``title``/``id``); a missing optional column is ignored."""
    import pyarrow.compute as pc

    if text not in df.columns:
        raise KeyError(f"no text column {text!r} in the DataFrame (columns: {list(df.columns)})")
    named = {c for c in (text, outlet, title, id) if c}
    keep = [c for c in (meta if meta is not None else df.columns) if c not in named]
    missing = [c for c in keep if c not in df.columns]
    if missing:
        raise KeyError(f"metadata columns {missing} are not in the DataFrame")
    roles = {r: string_column(c, df[c]) if c and c in df.columns else (None, None)
             for r, c in (("outlet", outlet), ("title", title), ("id", id))}
    _core.add_columns(corpus, string_column(text, df[text], text=True)[0], roles["outlet"][0], roles["title"][0],
                      roles["id"][0], [string_column(str(c), df[c])[0] for c in keep], bool(clean), int(threads))
    ids = roles["id"][1]
    if ids is None:
        return np.ones(len(df), dtype=bool)
    auto = pc.or_kleene(pc.is_null(ids), pc.equal(pc.binary_length(ids), 0)).to_numpy(zero_copy_only=False)
    return np.asarray(auto, dtype=bool)
