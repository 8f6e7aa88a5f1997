"""The pieces every part of framelens.dask builds on: a task result that travels as one pickle, a partition
made a corpus chunk where it is used (Arrow buffers straight to the core), tree reductions, partition offsets.
(Apart from framelens.dask so that its stages, such as the story grouping, share them without import cycles.)"""
from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np

import dask

from . import _core
from ._columns import add_frame
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


def _from_frame(df: Any, fields: dict[str, Any], partition: int, threads: int = 1) -> tuple:
    """A DataFrame partition as ``(corpus chunk, rows without an id)``, as ``Corpus.from_pandas(df, **fields)``
    builds it (:func:`framelens._columns.add_frame`); errors name the partition."""
    corpus = Corpus()
    try:
        auto = add_frame(corpus._core, df, fields["text"], fields.get("outlet"), fields.get("title"), fields.get("id"),
                         fields.get("meta"), bool(fields.get("clean")), threads)
    except (_core.FramelensError, KeyError) as exc:
        raise type(exc)(f"partition {partition}: {exc.args[0] if exc.args else exc}") from None
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


def _tree(items: list, combine: Callable[..., Any], split_every: int,
          last: Callable[..., Any] | None = None, args: tuple = ()) -> Any:
    """A tree reduction of delayed items: ``combine`` over groups of ``split_every`` until at most
    ``split_every`` are left, then ``last`` over those (even a single one; default: ``combine``, skipped for one).
    Both are called as ``fn(group, *args)`` (``args`` may hold delayed objects)."""
    if split_every < 2:
        raise _core.InvalidArgumentError(f"split_every must be >= 2, not {split_every}")
    if not items:
        raise _core.InvalidArgumentError("the data has no partitions")
    while len(items) > split_every:
        items = [_with_lists(combine, [items[i:i + split_every]], *args) for i in range(0, len(items), split_every)]
    if last is not None:
        return _with_lists(last, [items], *args)
    return items[0] if len(items) == 1 else _with_lists(combine, [items], *args)


def _offsets(sizes: Sequence[int]) -> np.ndarray:
    """The position of each partition's first document (one small task: fetched once per worker)."""
    return np.concatenate([[0], np.cumsum(np.asarray(sizes, dtype=np.int64))])
