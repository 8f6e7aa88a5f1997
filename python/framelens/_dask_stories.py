"""Story grouping on Dask: :func:`framelens.dask.group_stories`, the labels of :func:`framelens.group_stories`
on the whole corpus, computed in pieces (cpp/include/framelens/stories_partial.hpp; docs/dask.md, *Stories*).

1. Each partition counts its documents' story-vector entries; the partitions' terms merge in a tree reduction
   (document frequencies summed), and each partition's rows become story vectors in the whole corpus's columns.
2. Time buckets with equal numbers of dated documents (from a histogram of the days, a reduction): a bucket
   owns its days and also holds the documents within ``window_days`` of them and every undated document, so
   each bucket finds its own documents' candidate pairs exactly; undated documents get their best candidates
   from every bucket, the best of all are kept, and the buckets that own them give them their cosines.
3. One task joins the candidate pairs into blocks (connected components at the threshold); each bucket then
   compares the documents of small blocks all against all (a pair within the window lies in the bucket of one
   of its documents); one task clusters every block (average link, refinement) and numbers the stories in
   order of first document; each partition turns its slice of the numbers into labels.

What travels is story vectors (a few hundred numbers per document, held by the buckets), candidate pairs and
one number per document: never a text, and no task holds every document's vector (undated documents excepted:
every bucket holds them, since they are compared with every document).
"""
from __future__ import annotations

from typing import Any

import numpy as np

import dask
import dask.dataframe as dd

from . import _core
from ._dask_base import _Box, _corpus_of, _offsets, _per_partition, _tree, _with_lists


def _story_counts(source: Any, fields: dict[str, Any] | None, k: int, options: dict[str, Any]) -> Any:
    """Partition ``k``'s story-vector entries and its index (for the labels), in a box."""
    corpus, _ = _corpus_of(source, fields, k)
    counts = _core.story_counts(corpus._core, options["threshold"], options["window_days"], options["entity_weight"],
                                options["date_key"], 1)
    index = source.index if fields is not None else None
    return _Box((counts, index, len(corpus)))


def _length(counts: Any) -> int:
    return counts.value[2]


def _vocabulary(counts: Any) -> Any:
    return _Box(counts.value[0][0])


def _merge_vocabularies(parts: list) -> Any:
    return _Box(_core.merge_vocabularies([p.value for p in parts]))


def _vectors(counts: Any, merged: Any, offsets: np.ndarray, k: int) -> tuple:
    return _core.story_vectors(counts.value[0], merged.value, int(offsets[k]))


def _columns(merged: Any) -> tuple:
    return _core.story_columns(merged.value)


def _postings(vectors: tuple, columns: tuple) -> np.ndarray:
    return _core.signature_postings(vectors, columns, 1)


def _sum(parts: list) -> np.ndarray:
    out = np.zeros_like(parts[0])
    for p in parts:
        out += p
    return out


def _with_postings(columns: tuple, postings: np.ndarray) -> tuple:
    return (columns[0], np.asarray(postings, dtype=np.uint32), columns[2])


def _days(vectors: tuple) -> tuple:
    days = vectors[1][~np.isnan(vectors[1])]
    return np.unique(days, return_counts=True)


def _merge_days(parts: list) -> tuple:
    days = np.concatenate([p[0] for p in parts])
    counts = np.concatenate([p[1] for p in parts])
    unique, inverse = np.unique(days, return_inverse=True)
    return unique, np.bincount(inverse, weights=counts, minlength=len(unique)).astype(np.int64)


def _edges(histogram: tuple, buckets: int) -> np.ndarray:
    """``buckets + 1`` edges: bucket b owns the dated documents of days [edges[b], edges[b + 1]), each with
    about the same number of them (-inf and +inf at the ends; an empty bucket where days are too few)."""
    days, counts = histogram
    edges = np.full(buckets + 1, np.inf)
    edges[0] = -np.inf
    if len(days):
        cum = np.cumsum(counts)
        for b in range(1, buckets):
            at = int(np.searchsorted(cum, cum[-1] * b / buckets, side="left")) + 1
            edges[b] = days[at] if at < len(days) else np.inf
        edges[1:buckets] = np.maximum.accumulate(edges[1:buckets])
    return edges


def _bucket_pieces(vectors: tuple, edges: np.ndarray, window_days: float) -> tuple:
    return _core.story_buckets(vectors, [float(e) for e in edges], window_days)


def _join(pieces: list) -> tuple:
    return _core.join_story_vectors(list(pieces))


def _bucket_pairs(bucket: tuple, edges: np.ndarray, b: int, columns: tuple, options: dict[str, Any]) -> tuple:
    return _core.story_bucket_pairs(bucket, float(edges[b]), float(edges[b + 1]), b == 0, columns,
                                    options["threshold"], options["window_days"], 1)


def _undated_best(candidates: list) -> tuple:
    return _core.story_undated_best(list(candidates))


def _undated_pairs(bucket: tuple, edges: np.ndarray, b: int, best: tuple, options: dict[str, Any]) -> tuple:
    return _core.story_undated_pairs(bucket, float(edges[b]), float(edges[b + 1]), b == 0, best,
                                     options["threshold"], options["window_days"])


def _blocks(pairs: list, columns: tuple, options: dict[str, Any]) -> tuple:
    return _core.story_blocks(list(pairs), int(columns[2]), options["threshold"], options["window_days"])


def _block_pairs(bucket: tuple, edges: np.ndarray, b: int, blocks: tuple, options: dict[str, Any]) -> tuple:
    return _core.story_block_pairs(bucket, float(edges[b]), float(edges[b + 1]), b == 0, blocks,
                                   options["threshold"], options["window_days"])


def _large_blocks(blocks: tuple, options: dict[str, Any]) -> np.ndarray:
    return _core.story_large_blocks(blocks, options["threshold"], options["window_days"], 1)


def _numbers(small: list, blocks: tuple, large: np.ndarray, options: dict[str, Any]) -> np.ndarray:
    return _core.story_numbers(blocks, list(small), options["threshold"], options["window_days"], 1, large=large)


def _labels(counts: Any, numbers: np.ndarray, offsets: np.ndarray, k: int, name: str) -> Any:
    import pandas as pd

    _, index, n = counts.value
    mine = numbers[int(offsets[k]):int(offsets[k]) + n]
    labels = np.char.add("story-", mine.astype(str)).astype(object)
    return pd.Series(labels, index=index if index is not None else pd.RangeIndex(n), name=name, dtype=object)


def story_labels(parts: list, fields: dict[str, Any] | None, options: dict[str, Any], *, buckets: int,
                 split_every: int, name: str = "story") -> list:
    """Delayed pandas Series, one per partition of ``parts``: every document's story label."""
    if not options["window_days"] > 0:
        raise _core.InvalidArgumentError(
            "framelens.dask.group_stories needs window_days > 0: without a time window every document is a "
            "candidate of every other, and the corpus cannot be cut into time buckets (use framelens.group_stories "
            "where the corpus fits one machine)")
    if buckets < 1:
        raise _core.InvalidArgumentError(f"buckets must be >= 1, not {buckets}")
    delayed = dask.delayed
    counts = _per_partition(parts, fields, _story_counts, options)
    offsets = _with_lists(_offsets, [[delayed(_length, pure=True)(c) for c in counts]])
    merged = _tree([delayed(_vocabulary, pure=True)(c) for c in counts], _merge_vocabularies, split_every)
    vectors = [delayed(_vectors, pure=True)(c, merged, offsets, k) for k, c in enumerate(counts)]
    plain = delayed(_columns, pure=True)(merged)
    postings = _tree([delayed(_postings, pure=True)(v, plain) for v in vectors], _sum, split_every)
    columns = delayed(_with_postings, pure=True)(plain, postings)
    days = _tree([delayed(_days, pure=True)(v) for v in vectors], _merge_days, split_every)
    edges = delayed(_edges, pure=True)(days, buckets)
    pieces = [delayed(_bucket_pieces, pure=True, nout=buckets)(v, edges, options["window_days"]) for v in vectors]
    bucketed = [_with_lists(_join, [[p[b] for p in pieces]]) for b in range(buckets)]
    results = [delayed(_bucket_pairs, pure=True, nout=2)(bucketed[b], edges, b, columns, options) for b in range(buckets)]
    best = _with_lists(_undated_best, [[r[1] for r in results]])
    undated = [delayed(_undated_pairs, pure=True)(bucketed[b], edges, b, best, options) for b in range(buckets)]
    blocks = _with_lists(_blocks, [[r[0] for r in results] + undated], columns, options)
    small = [delayed(_block_pairs, pure=True)(bucketed[b], edges, b, blocks, options) for b in range(buckets)]
    large = delayed(_large_blocks, pure=True)(blocks, options)  # the large blocks' clustering, beside the small pairs
    numbers = _with_lists(_numbers, [small], blocks, large, options)
    return [delayed(_labels, pure=True)(c, numbers, offsets, k, name) for k, c in enumerate(counts)]
