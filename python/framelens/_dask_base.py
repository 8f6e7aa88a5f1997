"""The pieces every part of framelens.dask builds on: a task result that travels as one pickle, a partition
made a corpus chunk where it is used (Arrow buffers straight to the core), tree reductions, partition offsets.
(Apart from framelens.dask so that its stages, such as the story grouping, share them without import cycles.)"""
from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np

import dask

from . import _core
from .corpus import Corpus


class _Box:
    """A task result that travels as one pickle.

    ``distributed`` serializes a list, tuple or dict at the top of a task result item by item (msgpack): a
    list of 158,276 terms took 6.9 s to reach the client, the same list in one pickle 0.03 s. Every result of
    this module that holds lists of strings travels in a box (or another plain object)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __getstate__(self) -> Any:
        return self.value

    def __setstate__(self, value: Any) -> None:
        self.value = value


def _string_column(name: str, values: Any, *, text: bool = False) -> tuple:
    """A pandas column as ``(name, chunks)`` of Arrow string buffers for ``_core.add_columns``.

    Arrow-backed strings (``dd.read_parquet``, pandas' ``str`` / ``string[pyarrow]``) are handed over in
    place; a column of Python strings is converted once by pyarrow (no Python loop). Other values become
    ``str(value)``, missing ones (None/NaN) null, as :meth:`Corpus.from_pandas` does; the text column must
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
        if text:  # the first value that is neither a string nor missing, named as Corpus.from_pandas names it
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


def _from_frame(df: Any, fields: dict[str, Any], partition: int, threads: int = 1) -> tuple:
    """A DataFrame partition as a corpus chunk, equal to ``Corpus.from_pandas(df, **fields)``: the columns
    go to the core as Arrow string buffers in one call (``_core.add_columns``), no Python loop per row."""
    import pyarrow.compute as pc

    text, id_col = fields["text"], fields.get("id")
    named = {c for c in (text, fields.get("outlet"), fields.get("title"), id_col) if c}
    meta = fields.get("meta")
    keep = [c for c in (meta if meta is not None else df.columns) if c not in named]
    missing = [c for c in keep if c not in df.columns]
    try:
        if text not in df.columns:
            raise KeyError(f"no text column {text!r} in the DataFrame (columns: {list(df.columns)})")
        if missing:
            raise KeyError(f"metadata columns {missing} are not in the DataFrame")
        columns = {}
        for role in ("outlet", "title", "id"):
            c = fields.get(role)
            columns[role] = _string_column(c, df[c]) if c and c in df.columns else (None, None)
        corpus = Corpus()
        _core.add_columns(corpus._core, _string_column(text, df[text], text=True)[0], columns["outlet"][0],
                          columns["title"][0], columns["id"][0], [_string_column(str(c), df[c])[0] for c in keep],
                          bool(fields.get("clean")), int(threads))
    except (_core.FramelensError, KeyError) as exc:
        raise type(exc)(f"partition {partition}: {exc.args[0] if exc.args else exc}") from None
    ids = columns["id"][1]
    if ids is None:
        auto = np.ones(len(df), dtype=bool)
    else:
        auto = pc.or_kleene(pc.is_null(ids), pc.equal(pc.binary_length(ids), 0)).to_numpy(zero_copy_only=False)
        auto = np.asarray(auto, dtype=bool)
    return corpus, auto


def _corpus_of(source: Any, fields: dict[str, Any] | None, k: int, threads: int = 1) -> tuple:
    """Partition ``k`` as ``(corpus, auto)``, built where it is used (a corpus chunk never travels)."""
    return source if fields is None else _from_frame(source, fields, k, threads)


def _apply_to_partition(df: Any, fn: Callable, fields: dict[str, Any], *args: Any,
                        partition_info: dict | None = None) -> Any:
    return fn(df, fields, partition_info["number"], *args)


def _per_partition(parts: Any, fields: dict[str, Any] | None, fn: Callable, *args: Any) -> list:
    """``fn(partition, fields, k, *args)`` for each partition ``k``, as delayed objects.

    The partitions of a Dask DataFrame get ``fn`` fused into the task that reads them (``map_partitions``,
    which dask fuses with ``read_parquet`` and the like): each partition is one task from the file to its
    result, so the scheduler hands the next partition to whichever worker is free. As two tasks, a worker
    could read two partitions ahead of the other (root-task queuing) and then had to process both itself:
    9 partitions against 7 left one of two workers idle for 1.8 s on the whole article-bias corpus.
    ``args`` may hold delayed objects (computed once, as for ``dask.delayed``). ``parts`` may also be a list of
    delayed corpus chunks (``fields`` None)."""
    import dask.dataframe as dd
    import pandas as pd

    if isinstance(parts, dd.DataFrame):
        return parts.map_partitions(_apply_to_partition, fn, fields, *args, meta=pd.Series([], dtype=object),
                                    enforce_metadata=False, align_dataframes=False).to_delayed()
    return [dask.delayed(fn, pure=True)(p, fields, k, *args) for k, p in enumerate(parts)]


def _on_lists(fn: Callable, sizes: tuple, *values: Any) -> Any:
    lists, at = [], 0
    for n in sizes:
        lists.append(list(values[at:at + n]))
        at += n
    return fn(*lists, *values[at:])


def _with_lists(fn: Callable, lists: Sequence[list], *args: Any) -> Any:
    """``dask.delayed(fn)(*lists, *args)`` (one task named after ``fn``) where ``lists`` hold delayed objects.

    Given a list of delayed objects as one argument, dask optimises the graph behind the whole list and culls
    it once per item: quadratic in the partitions (0.9 s of graph building on the client before the first
    task of fd.group_stories on 16 partitions). Passed as separate arguments, each is a reference."""
    from dask.base import tokenize
    from dask.utils import funcname

    sizes = tuple(len(x) for x in lists)
    items = [v for x in lists for v in x]
    name = f"{funcname(fn)}-{tokenize(fn, sizes, *items, *args)}"
    return dask.delayed(_on_lists, pure=True)(fn, sizes, *items, *args, dask_key_name=name)


def _tree(items: list, combine: Callable[[list], Any], split_every: int) -> Any:
    """A tree reduction of delayed items: ``combine`` over groups of ``split_every`` until one is left."""
    if split_every < 2:
        raise _core.InvalidArgumentError(f"split_every must be >= 2, not {split_every}")
    if not items:
        raise _core.InvalidArgumentError("the data has no partitions")
    while len(items) > 1:
        items = [_with_lists(combine, [items[i:i + split_every]]) for i in range(0, len(items), split_every)]
    return items[0]


def _offsets(sizes: Sequence[int]) -> np.ndarray:
    """The position of each partition's first document (one small task: fetched once per worker)."""
    return np.concatenate([[0], np.cumsum(np.asarray(sizes, dtype=np.int64))])
