"""framelens on Dask: the same document-term matrices and quotes on a cluster as on one machine.

``import framelens.dask as fd`` (needs ``pip install 'framelens[dask]'``; ``import framelens`` never imports
this module). Every function takes a Dask DataFrame (``dd.read_parquet``, ``dd.read_json(..., lines=True)``,
``dd.from_pandas``: one row per document, columns named as in :meth:`framelens.Corpus.from_pandas`) or the
:class:`CorpusChunks` of :func:`read` / :func:`from_corpus`, and runs on the active scheduler (a
``distributed.Client`` when one exists). Each partition becomes a :class:`framelens.Corpus` chunk on a worker;
only aggregated tables reach the client:

- :func:`dtm`: counts per partition in C++, the vocabularies merged in a tree reduction, document-frequency
  pruning after the merge; ``by="outlet"`` sums rows per outlet on the workers, so no document row reaches the
  client. The result equals ``Corpus.dtm()`` (then ``.group(by)``) on the whole corpus.
- :func:`quotes`: a Dask DataFrame with the columns of :meth:`framelens.Corpus.quotes`; speakers made canonical
  across the whole corpus by a reduction of the named persons' full names (exactly as ``Corpus.quotes``).
- :func:`compare`: the :class:`framelens.Comparison` of ``framelens.compare`` (corpus-wide statistics as
  reductions, a shuffle by story, each piece's share on a worker, the rows and the sums merged at once; the
  comparison reaches the client in segments).

Formulas and the cluster set-up: docs/dask.md.
"""
from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

try:
    import dask
    import dask.dataframe as dd
    from dask.delayed import Delayed
except ImportError:  # pragma: no cover - depends on the environment
    raise ImportError("framelens.dask needs Dask: pip install 'framelens[dask]' (dask[dataframe], distributed)") from None

from . import _core
from ._readers import FORMATS, _by_folder, files_by_format, pages_by_folder
from .compare import Comparison
from .corpus import Corpus
from .dtm import WEIGHTINGS, DocumentTermMatrix, _csr, _df_limit, _parts
from .ingest import read as read_files
from .quotes import COLUMNS, extractor
from ._tables import frame
from .tokens import token_options as make_options
from ._dask_base import _Box, _corpus_of, _from_frame, _offsets, _per_partition, _tree, _with_lists
from ._dask_stories import story_labels

__all__ = ["CorpusChunks", "read", "from_corpus", "dtm", "quotes", "group_stories", "compare"]

_AUTO_ID = re.compile(r"doc(\d+)")


# -- corpus chunks -----------------------------------------------------------------------------------------
class CorpusChunks:
    """A corpus as lazy :class:`framelens.Corpus` chunks, one per partition (``.parts``: ``dask.delayed``).

    Each chunk is ``(corpus, auto)``: ``auto`` marks the documents whose id the reader numbered itself
    (``doc<N>``); they are renumbered by their position in the whole corpus, as one ``Corpus`` would.
    """

    def __init__(self, parts: Sequence[Delayed]) -> None:
        self.parts = list(parts)

    @property
    def npartitions(self) -> int:
        return len(self.parts)

    def persist(self) -> "CorpusChunks":
        """The chunks read once and kept in the workers' memory (pickled ``Corpus`` objects)."""
        return CorpusChunks(dask.persist(*self.parts))

    def to_dask_dataframe(self) -> "dd.DataFrame":
        """One row per document (id, outlet, title, text, metadata), as :meth:`Corpus.to_pandas`.

        The metadata columns are those of every partition (their keys are gathered first, which reads the
        chunks once more unless they were :meth:`persist`-ed)."""
        keys = _tree([dask.delayed(_metadata_keys, pure=True)(p) for p in self.parts], _merge_keys, 8)
        columns = dask.compute(keys)[0]
        frames = [dask.delayed(_chunk_frame, pure=True)(p, columns) for p in self.parts]
        return dd.from_delayed(frames, verify_meta=False)

    def __repr__(self) -> str:
        return f"<CorpusChunks: {self.npartitions} partitions>"


def _metadata_keys(part: tuple) -> list[str]:
    keys: dict[str, None] = dict.fromkeys(["id", "outlet", "title", "text"])
    for d in part[0]:
        keys.update(dict.fromkeys(d.metadata))
    return list(keys)


def _merge_keys(parts: list) -> list[str]:
    return list(dict.fromkeys(k for p in parts for k in p))


def _chunk_frame(part: tuple, columns: list[str]) -> Any:
    return part[0].to_pandas().reindex(columns=columns)


def from_corpus(corpus: Corpus, npartitions: int) -> CorpusChunks:
    """A local corpus split into ``npartitions`` chunks of consecutive documents (structure kept: paragraphs,
    sentences, removed lines), for running the distributed functions on data already read."""
    if isinstance(npartitions, bool) or not isinstance(npartitions, int) or npartitions < 1:
        raise _core.InvalidArgumentError(f"npartitions must be an integer >= 1, not {npartitions!r}")
    n = len(corpus)
    bounds = np.linspace(0, n, min(npartitions, max(n, 1)) + 1).astype(int)
    parts = []
    for b, e in zip(bounds[:-1], bounds[1:]):
        chunk = Corpus()
        for i in range(b, e):
            chunk._core.add_document(corpus._core[i])
        parts.append(dask.delayed((chunk, np.zeros(e - b, dtype=bool)), pure=True))
    return CorpusChunks(parts)


def _read_part(files: list[str], fmt: str, options: dict[str, Any]) -> tuple:

    corpus = read_files(files, format=fmt, **options)
    ids = corpus.labels("id")
    auto = np.array([_AUTO_ID.fullmatch(x) is not None and int(x[3:]) == i for i, x in enumerate(ids)], dtype=bool)
    return corpus, auto


def _parse_size(size: int | str) -> int:
    if isinstance(size, int) and not isinstance(size, bool) and size > 0:
        return size
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmMgG]?)i?[bB]?\s*", str(size))
    if not m:
        raise _core.InvalidArgumentError(f"partition_size must be bytes (int) or like '64MB', not {size!r}")
    return max(1, int(float(m.group(1)) * {"": 1, "k": 2**10, "m": 2**20, "g": 2**30}[m.group(2).lower()]))


def read(
    path_or_glob: Any,
    *,
    partition_size: int | str = "64MB",
    outlet: str | None = None,
    format: str | None = None,
    clean: bool = True,
    errors: str = "strict",
    threads: int = 1,
    outlets_by_folder: bool | None = None,
    **fields: Any,
) -> CorpusChunks:
    """Files, folders or globs read as :func:`framelens.read` reads them, in chunks of about
    ``partition_size`` bytes of input (a file is never split), each read on a worker.

    The same formats (raw page text, JSON Lines, JSON, CSV/TSV, gzip too; HTML), field mapping and cleaning as
    :func:`framelens.read`, and the same document order and outlets (pages in two or more folders take their
    folder's name, decided over all the files; ``outlets_by_folder`` as in :func:`framelens.read`). Cleaning rules
    that compare an outlet's articles (lines repeated across its pages, its numeric-date order) see one partition
    at a time. With outlet folders a partition never cuts a folder's run of files (a folder larger than
    ``partition_size`` is one partition), so each outlet's pages are cleaned together and the texts are exactly
    ``framelens.read``'s when each folder's files are listed together (a folder or a glob lists them so). Other
    pages and records are cut by size alone: put an outlet's files in one partition (a large enough
    ``partition_size``) to get exactly ``framelens.read``.
    """

    if format is not None and format not in FORMATS:
        raise _core.InvalidArgumentError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    limit = _parse_size(partition_size)
    groups = files_by_format(path_or_glob, format)
    # decided over all files, as framelens.read decides it, not per partition
    root = pages_by_folder(groups, outlet, outlets_by_folder)
    options = dict(outlet=outlet, clean=clean, errors=errors, threads=threads, **fields)
    options.update({"_folders_root": root} if root is not None else {"outlets_by_folder": False})
    parts = []
    for fmt, group in groups.items():
        # pages in outlet folders: a run of one folder's files is never cut, so that each outlet's pages (one
        # folder, listed together as a folder or glob lists them) are cleaned together, as framelens.read does
        runs = [files for _, files in _by_folder(group, Path(root))] if root is not None and fmt in ("text", "html") \
            else [[f] for f in group]
        batch: list[str] = []
        size = 0
        for run in runs:
            n = sum(os.path.getsize(f) for f in run)
            if batch and size + n > limit:
                parts.append(dask.delayed(_read_part, pure=True)(batch, fmt, options))
                batch, size = [], 0
            batch.extend(run)
            size += n
        if batch:
            parts.append(dask.delayed(_read_part, pure=True)(batch, fmt, options))
    return CorpusChunks(parts)


def _chunks(data: Any, text: str, outlet: str | None, title: str | None, id: str | None,
            meta: Iterable[str] | None, clean: bool) -> tuple[Any, dict[str, Any] | None]:
    """The input (a Dask DataFrame, or the delayed chunks of :class:`CorpusChunks`) and the fields that make
    each partition a corpus chunk inside the task that uses it (:func:`_corpus_of`; ``None``: the partitions
    are chunks already): for :func:`_per_partition`."""
    if isinstance(data, CorpusChunks):
        return data.parts, None
    if isinstance(data, dd.DataFrame):
        if text not in data.columns:
            raise _core.NotFoundError(f"no text column {text!r} in the Dask DataFrame (columns: {list(data.columns)}); "
                                      "name it with text=")
        fields = dict(text=text, outlet=outlet, title=title, id=id, meta=None if meta is None else list(meta), clean=clean)
        return data, fields
    if isinstance(data, Corpus):
        raise TypeError("framelens.dask takes a Dask DataFrame or CorpusChunks; split a local corpus with "
                        "framelens.dask.from_corpus(corpus, npartitions)")
    raise TypeError(f"framelens.dask takes a Dask DataFrame or CorpusChunks, not {type(data).__name__} "
                    "(a pandas DataFrame: dask.dataframe.from_pandas(df, npartitions=...))")


# -- document-term matrices --------------------------------------------------------------------------------
class _Counts:
    """One partition's count matrix without pruning and its row labels (kept on its worker)."""

    def __init__(self, csr: tuple, terms: list[str], docnames: list[str], outlets: list[str], auto: np.ndarray) -> None:
        self.csr, self.terms, self.docnames, self.outlets, self.auto = csr, terms, docnames, outlets, auto
        self.titles: list[str] | None = None   # by=None: the row variables
        self.meta: tuple | None = None         # by=None: (keys, one list of values per key)
        self.labels: list[str] | None = None   # by=<metadata key>: the group of each row


def _count(source: Any, fields: dict[str, Any] | None, k: int, token_options: dict[str, Any], threads: int,
           by: str | None) -> _Counts:
    """Partition ``k`` read and counted in one task (C++ from the Arrow buffers to the count matrix)."""

    corpus, auto = _corpus_of(source, fields, k, threads)
    csr, terms, docnames, outlets = _core.partial_dtm(corpus._core, make_options(**token_options), int(threads))
    out = _Counts(csr, terms, docnames, outlets, auto)
    if by is None:
        out.titles = corpus.labels("title")
        out.meta = corpus._core.metadata_columns(np.nan)  # NaN where a document lacks a key, as in Corpus.dtm().docvars
    elif by not in ("outlet", "id"):
        out.labels = corpus.labels(by)
    return out


def _vocabulary(counts: _Counts) -> _Box:
    """One partition's vocabulary, a leaf of :func:`_vocabulary_tree` (no merge behind it: no positions)."""
    indptr, indices, data, shape = counts.csr
    return _Box((_core.vocabulary(indptr, indices, data, shape[0], shape[1], counts.terms), []))


def _merge_vocabularies(parts: list) -> _Box:
    """Vocabularies merged, with the merged position of each part's terms."""
    return _Box(_core.merge_vocabularies([p.value[0] for p in parts], positions=True))


def _merge_positions(node: _Box) -> list:
    return node.value[1]


def _column_maps(kept: np.ndarray, steps: list, paths: list) -> list:
    """Each partition's columns in the pruned vocabulary (-1: pruned): the positions of the merges on its way
    up (``steps``, ``paths``: :func:`_vocabulary_tree`) composed, then ``kept``."""
    maps = []
    for path in paths:
        at = None
        for step, slot in path:
            positions = steps[step][slot]
            at = positions if at is None else positions[at]
        maps.append(kept[at])
    return maps


def _merge_and_prune(parts: list, steps: list, limits: tuple, paths: list) -> _Box:
    """The last merge, the pruning and the partitions' column maps in one task (the merged vocabulary, the
    largest, never travels): ``(kept terms, [each partition's columns among them, -1: pruned])``."""
    merged, positions = _core.merge_vocabularies([p.value[0] for p in parts], positions=True)
    terms, kept = _core.prune_vocabulary(merged, *limits, positions=True)
    return _Box((terms, _column_maps(kept, [*steps, positions], paths)))


def _vocabulary_tree(leaves: list, limits: tuple, split_every: int) -> Delayed:
    """The partitions' vocabularies merged as :func:`_tree` merges them and the last merge pruned
    (:func:`_merge_and_prune`); each merge also gives where it put its inputs' terms, so that each partition's
    columns in the pruned vocabulary follow from the merges on its way up, without comparing a term again."""
    if split_every < 2:
        raise _core.InvalidArgumentError(f"split_every must be >= 2, not {split_every}")
    if not leaves:
        raise _core.InvalidArgumentError("the data has no partitions")
    items = [(leaf, [k]) for k, leaf in enumerate(leaves)]
    steps: list = []  # the positions of each merge below the last (delayed, small)
    paths: list[list[tuple[int, int]]] = [[] for _ in leaves]  # per partition, (merge, slot) on its way up
    while len(items) > split_every:
        merged = []
        for i in range(0, len(items), split_every):
            group = items[i:i + split_every]
            node = _with_lists(_merge_vocabularies, [[g[0] for g in group]])
            for slot, (_, members) in enumerate(group):
                for k in members:
                    paths[k].append((len(steps), slot))
            steps.append(dask.delayed(_merge_positions, pure=True)(node))
            merged.append((node, [k for g in group for k in g[1]]))
        items = merged
    for slot, (_, members) in enumerate(items):
        for k in members:
            paths[k].append((len(steps), slot))  # the last merge's own positions come after the others'
    return _with_lists(_merge_and_prune, [[g[0] for g in items], steps], limits, paths)


def _terms(root: _Box) -> _Box:
    return _Box(root.value[0])


def _maps(root: _Box) -> _Box:
    return _Box((len(root.value[0]), root.value[1]))


def _remapped(counts: _Counts, maps: _Box, k: int) -> tuple:
    cols, columns = maps.value
    indptr, indices, data, shape = counts.csr
    return _core.remap_columns(indptr, indices, data, shape[0], shape[1], columns[k], cols)


def _global_ids(ids: Sequence[str], auto: np.ndarray, offset: int) -> list[str]:
    """Ids numbered by the reader (``doc<local N>``) renumbered by the position in the whole corpus."""
    rows = np.flatnonzero(auto)
    if not len(rows):
        return list(ids)
    out = np.array(ids, dtype=object)
    out[rows] = np.char.add("doc", (rows + offset).astype(str)).astype(object)
    return out.tolist()


def _small_counts(data: np.ndarray) -> np.ndarray:
    """Whole counts in the smallest unsigned type that holds them (most fit a byte): fewer bytes on the way to
    the client, which makes them float64 again."""
    top = data.max() if len(data) else 0
    for t in (np.uint8, np.uint16, np.uint32):
        if top <= np.iinfo(t).max:
            return data.astype(t)
    return data


def _size(counts: _Counts) -> int:
    return len(counts.docnames)


def _first_outlets(labels: Sequence[str], outlets: Sequence[str]) -> tuple[dict[str, str], set[str]]:
    """Per label the outlet of its first row, and the labels whose rows come from several outlets."""
    import pandas as pd

    if not len(labels):
        return {}, set()
    g = pd.DataFrame({"label": list(labels), "outlet": list(outlets)}, dtype=object).groupby("label", sort=False)["outlet"]
    first = g.first()
    return dict(zip(first.index, first.to_numpy())), set(first.index[(g.nunique() > 1).to_numpy()])


def _group_rows(csr: tuple, labels: Sequence[str], outlets: Sequence[str], threads: int) -> _Box:
    indptr, indices, data, shape = csr
    summed, groups = _core.group(indptr, indices, data, shape[0], shape[1], labels, threads)
    first, mixed = _first_outlets(labels, outlets)
    return _Box({"csr": summed, "groups": list(groups), "outlet": first, "mixed": mixed, "any": any(labels)})


def _local_groups(counts: _Counts, by: str, threads: int) -> _Box:
    """A leaf of :func:`_grouped_tree`: one partition's vocabulary and its rows summed per label in its own
    columns, as soon as it is counted."""
    groups = _group_rows(counts.csr, counts.outlets if by == "outlet" else counts.labels, counts.outlets, threads)
    return _Box({"vocabulary": _vocabulary(counts).value[0], "groups": groups.value})


def _moved(groups: dict, positions: np.ndarray, cols: int) -> _Box:
    """Group sums with their column j moved to ``positions[j]`` of ``cols`` (dropped where -1)."""
    indptr, indices, data, shape = groups["csr"]
    return _Box(dict(groups, csr=_core.remap_columns(indptr, indices, data, shape[0], shape[1], positions, cols)))


def _merge_grouped(parts: list, threads: int) -> _Box:
    """A merge of :func:`_grouped_tree`: the vocabularies merged and the group sums added in the merged columns."""
    vocabulary, positions = _core.merge_vocabularies([p.value["vocabulary"] for p in parts], positions=True)
    cols = len(vocabulary[1])  # (UTF-8 bytes, term ends, df, documents)
    moved = [_moved(p.value["groups"], w, cols) for p, w in zip(parts, positions)]
    return _Box({"vocabulary": vocabulary, "groups": _sum_groups(moved, threads).value})


def _merge_grouped_and_prune(parts: list, limits: tuple, threads: int) -> _Box:
    """The last merge of :func:`_grouped_tree`, pruned: ``(kept terms, the group sums in their columns)``."""
    merged, positions = _core.merge_vocabularies([p.value["vocabulary"] for p in parts], positions=True)
    terms, kept = _core.prune_vocabulary(merged, *limits, positions=True)
    moved = [_moved(p.value["groups"], kept[w], len(terms)) for p, w in zip(parts, positions)]
    return _Box((terms, _sum_groups(moved, threads)))


def _grouped_tree(leaves: list, limits: tuple, split_every: int, threads: int) -> Delayed:
    """The partitions' group sums added up in the same tree that merges their vocabularies: each merge moves
    its inputs' sums to its merged columns and adds them, so the sums are combined while other partitions
    still count, and after the last count only the merges on its way up remain (not a column move of every
    partition behind the last merge, then a second tree)."""
    return _tree(leaves, functools.partial(_merge_grouped, threads=threads), split_every,
                 last=functools.partial(_merge_grouped_and_prune, limits=limits, threads=threads))


def _grouped_by_id(counts: _Counts, maps: _Box, offsets: Any, k: int, threads: int) -> _Box:
    """One partition's rows per id in the merged vocabulary (ids numbered across the corpus: after all
    partitions are counted)."""
    return _group_rows(_remapped(counts, maps, k), _global_ids(counts.docnames, counts.auto, int(offsets[k])),
                       counts.outlets, threads)


def _sum_groups(parts: list, threads: int = 1) -> _Box:
    """Grouped partitions combined: groups in order of first appearance, rows of a group summed."""
    import scipy.sparse


    parts = [p.value for p in parts]
    stacked = scipy.sparse.vstack([_csr(p["csr"]) for p in parts], format="csr")
    labels = [g for p in parts for g in p["groups"]]
    indptr, indices, data, rows, cols = _parts(stacked)
    csr, groups = _core.group(indptr, indices, data, rows, cols, labels, threads)
    outlet: dict[str, str] = {}
    mixed: set[str] = set()
    for p in parts:  # per group, not per document
        mixed |= p["mixed"]
        for g, o in p["outlet"].items():
            if g in outlet and outlet[g] != o:
                mixed.add(g)
            outlet.setdefault(g, o)
    return _Box({"csr": csr, "groups": list(groups), "outlet": outlet, "mixed": mixed,
                 "any": any(p["any"] for p in parts)})


def _terms_and_total(terms: _Box, total: _Box) -> _Box:
    return _Box((terms.value, total))


def _grouped_matrix(root: _Box, by: str) -> Any:
    """``(terms, summed groups)`` as the grouped DocumentTermMatrix."""
    import pandas as pd

    terms, total = root.value
    total = total.value
    if by not in ("id", "outlet", "title") and not total["any"]:
        raise _core.NotFoundError(f"no document has a metadata key {by!r}")
    groups = total["groups"]
    outlets = groups if by == "outlet" else ["" if g in total["mixed"] else total["outlet"][g] for g in groups]
    docvars = pd.DataFrame({by: list(groups)}, index=pd.Index(list(groups), name="docname"))
    return DocumentTermMatrix(_csr(total["csr"]), terms, groups, docvars, "count", outlets)


class _RowStack:
    """The partitions' rows stacked in partition order as they arrive (one that arrives early waits for those
    before it): rows come in their partition's own columns (:func:`_raw_rows`, fetched as soon as the
    partition is counted, while the others are still counting) and are copied into the stack at once
    (``_core.RowStack``, C++ without the GIL); :meth:`matrix` then moves them to the merged vocabulary's columns
    in place with each partition's column map (-1: pruned). Their ``doc<N>`` ids are numbered by corpus
    position here."""

    def __init__(self, expected: int = 0) -> None:
        self.waiting: dict[int, tuple] = {}
        self.stack = _core.RowStack(expected)
        self.labels: list[dict] = []
        self.documents = 0

    def add(self, k: int, piece: tuple) -> None:
        self.waiting[k] = piece
        while len(self.labels) in self.waiting:
            csr, box = self.waiting.pop(len(self.labels))
            labels = dict(box.value)
            if "auto" in labels:
                labels["docnames"] = _global_ids(labels["docnames"], labels.pop("auto"), self.documents)
            self.documents += len(labels["docnames"])
            self.stack.add(csr)
            self.labels.append(labels)

    def row_variables(self) -> tuple:
        """``(docnames, outlets, docvars)`` of the rows received, as ``Corpus.dtm()`` gives them: id, outlet,
        title, then the metadata keys in order of first appearance (a metadata key named ``id``, ``outlet`` or
        ``title`` wins where a document has it)."""
        import pandas as pd

        if self.waiting:
            raise _core.InvalidArgumentError(f"partitions {sorted(self.waiting)} came without those before them")
        labels = self.labels
        sizes = [len(p["docnames"]) for p in labels]
        docnames = [n for p in labels for n in p["docnames"]]
        outlets = [o for p in labels for o in p["outlets"]]
        columns: dict[str, Any] = {"id": docnames, "outlet": outlets, "title": [t for p in labels for t in p["titles"]]}
        for key in dict.fromkeys(k for p in labels for k in p["meta"][0]):
            values: list = []
            for p, n in zip(labels, sizes):
                keys, lists = p["meta"]
                values.extend(lists[keys.index(key)] if key in keys else [np.nan] * n)
            if key in columns:  # the document's metadata value replaces the field, as dict.update does
                mine = np.array(values, dtype=object)
                values = np.where(pd.isna(mine), np.array(columns[key], dtype=object), mine).tolist()
            columns[key] = values
        return docnames, outlets, pd.DataFrame(columns, index=pd.Index(docnames, name="docname"))

    def matrix(self, vocabulary: _Box) -> Any:
        """The stacked rows in the columns of ``vocabulary`` (:func:`_merge_and_prune`: the terms and each
        partition's column map; terms alone: the pieces are in those columns) with their row variables. The
        move to those columns (C++, without the GIL, on both cores) runs in a thread while the row variables
        are built."""
        from concurrent.futures import ThreadPoolExecutor

        import scipy.sparse

        terms, maps = vocabulary.value if isinstance(vocabulary.value, tuple) else (vocabulary.value, None)
        with ThreadPoolExecutor(1) as pool:
            stacked = pool.submit(self.stack.finish, maps, len(terms))
            docnames, outlets, docvars = self.row_variables()
            indptr, indices, data, shape = stacked.result()
        self.labels = []
        matrix = scipy.sparse.csr_matrix((data, indices, indptr), shape=shape)
        return DocumentTermMatrix(matrix, terms, docnames, docvars, "count", outlets)


def _stacked_matrix(pieces: Sequence[tuple], vocabulary: _Box) -> Any:
    """The partitions' rows stacked, all at hand (see :class:`_RowStack`)."""
    stack = _RowStack(len(pieces))
    for k, piece in enumerate(pieces):
        stack.add(k, piece)
    return stack.matrix(vocabulary)


def _raw_rows(counts: _Counts) -> tuple:
    """One partition's rows in its own columns with their row variables (ids as the partition numbered them,
    and which it numbered), for the client as soon as the partition is counted."""
    labels = {"docnames": counts.docnames, "auto": counts.auto, "outlets": counts.outlets, "titles": counts.titles,
              "meta": counts.meta}
    indptr, indices, data, shape = counts.csr
    if shape[1] <= 1 << 16:  # half the bytes on the way; RowStack reads either
        indices = indices.astype(np.uint16)
    return (indptr, indices, _small_counts(data), shape), _Box(labels)


def dtm(
    data: Any,
    text: str = "text",
    *,
    outlet: str | None = "outlet",
    title: str | None = "title",
    id: str | None = None,
    meta: Iterable[str] | None = None,
    clean: bool = False,
    weighting: str = "count",
    min_df: int | float = 1,
    max_df: int | float = 1.0,
    by: str | None = None,
    threads: int = 1,
    split_every: int = 8,
    compute: bool = True,
    **token_options: Any,
) -> Any:
    """The document-term matrix of a Dask DataFrame (or :class:`CorpusChunks`): the same
    :class:`framelens.DocumentTermMatrix` as ``Corpus.dtm(weighting, min_df=, max_df=, **token_options)`` on
    the whole corpus (counts exactly; ``weighting`` applied after the merge).

    ``text``/``outlet``/``title``/``id``/``meta``/``clean`` name the columns as :meth:`Corpus.from_pandas` does.
    ``by="outlet"`` (or ``"title"``, ``"id"``, a metadata column) gives ``Corpus.dtm().group(by)``: rows are
    summed per group on the workers and only the groups × terms matrix reaches the client; ``weighting`` is
    then applied to the grouped counts. ``threads`` are the C++ threads of one task (keep 1 when each worker
    runs several tasks); ``split_every`` is the fan-in of the tree reductions. ``compute=False`` returns a
    ``dask.delayed`` object instead (for ``by=None`` it stacks the rows on one worker when computed).
    """

    make_options(**token_options)  # bad options fail here, before any task runs
    if weighting not in WEIGHTINGS + ("prop", "tfidf_sklearn"):
        raise _core.InvalidArgumentError(f"unknown weighting {weighting!r}; use one of {', '.join(WEIGHTINGS)}")
    if by is not None and not isinstance(by, str):
        raise _core.InvalidArgumentError("by must be a column or field name (\"outlet\", \"title\", a metadata key)")
    limits = (*_df_limit(min_df, "min_df"), *_df_limit(max_df, "max_df"))
    sources, fields = _chunks(data, text, outlet, title, id, meta, clean)
    partials = _per_partition(sources, fields, _count, token_options, threads, by)
    if by is not None and by != "id":  # summed per partition as it is counted, added up as vocabularies merge
        leaves = [dask.delayed(_local_groups, pure=True)(p, by, threads) for p in partials]
        root = _grouped_tree(leaves, limits, split_every, threads)
        result = dask.delayed(_weighted, pure=True)(dask.delayed(_grouped_matrix, pure=True)(root, by), weighting)
        return result.compute() if compute else result
    root = _vocabulary_tree([dask.delayed(_vocabulary, pure=True)(p) for p in partials], limits, split_every)
    if by == "id":  # ids numbered across the corpus: the only grouping that waits for all partitions' sizes
        terms, maps = dask.delayed(_terms, pure=True)(root), dask.delayed(_maps, pure=True)(root)
        offsets = _with_lists(_offsets, [[dask.delayed(_size, pure=True)(p) for p in partials]])
        grouped = [dask.delayed(_grouped_by_id, pure=True)(p, maps, offsets, k, threads) for k, p in enumerate(partials)]
        total = _tree(grouped, functools.partial(_sum_groups, threads=threads), split_every)
        pair = dask.delayed(_terms_and_total, pure=True)(terms, total)
        result = dask.delayed(_weighted, pure=True)(dask.delayed(_grouped_matrix, pure=True)(pair, by), weighting)
        return result.compute() if compute else result
    # the rows in their partitions' own columns and a column map per partition (see _RowStack)
    raw = [dask.delayed(_raw_rows, pure=True)(p) for p in partials]
    if not compute:
        return dask.delayed(_weighted, pure=True)(_with_lists(_stacked_matrix, [raw], root), weighting)
    client = _distributed_client()
    if client is None:
        return _weighted(_stacked_matrix(*dask.compute(raw, root)), weighting)
    return _weighted(_gather_rows(raw, root, client), weighting)


def _gather_rows(raw: Sequence[Delayed], root: Delayed, client: Any) -> Any:
    """The partitions' rows brought to the client in their own columns as each partition is counted
    (``as_completed``: while the others still count, not after the vocabulary is merged), then moved to the
    merged columns with the partitions' column maps (:class:`_RowStack`): after the last count only the
    vocabulary's last merges and the stacking remain."""
    from distributed import as_completed

    futures = client.compute([root, *raw])
    stack = _RowStack(len(raw))
    index = {f.key: k for k, f in enumerate(futures[1:])}
    for future, result in as_completed(futures[1:], with_results=True):
        stack.add(index[future.key], result)
        future.release()
    return stack.matrix(futures[0].result())


def _weighted(m: Any, weighting: str) -> Any:
    return m if weighting == "count" else m.weight(weighting)


# -- quotes ------------------------------------------------------------------------------------------------
_NAMED = "named_person"


def _quotes_raw(source: Any, fields: dict[str, Any] | None, k: int, extractor: _core.QuoteExtractor,
                threads: int) -> _Box:
    """One partition's quotes with speakers canonical within each document, and its named persons' full names."""

    corpus, auto = _corpus_of(source, fields, k, threads)
    langs = {lang or "en" for lang in corpus.labels("lang")} | {"en"}  # every document by this extractor
    table = _core.quote_table(corpus._core, extractors=dict.fromkeys(langs, extractor), threads=int(threads),
                              across_documents=False)
    found = frame(table, keep_empty=("id",)).drop(columns=["story"])
    speakers = found["speaker"]
    full = (found["source_type"] == _NAMED) & speakers.str.contains(" ", regex=False).fillna(False).astype(bool)
    return _Box({"frame": found, "names": sorted(set(speakers[full])), "size": len(corpus), "auto": auto,
                 "ids": corpus.labels("id")})


def _merge_names(parts: list) -> _Box:
    return _Box(sorted(set().union(*(p.value for p in parts))))


def _names(raw: _Box) -> _Box:
    return _Box(raw.value["names"])


def _quotes_size(raw: _Box) -> int:
    return raw.value["size"]


def _quotes_final(raw: _Box, names: _Box, offsets: np.ndarray, k: int) -> Any:
    """One partition's quotes with speakers canonical across the corpus and corpus-wide positions and ids."""

    raw, names = raw.value, names.value
    frame = raw["frame"].copy()  # task results stay unchanged
    offset = int(offsets[k])
    single = (frame["source_type"] == _NAMED) & ~frame["speaker"].fillna(" ").str.contains(" ", regex=False)
    if single.any():
        lone = sorted(set(frame.loc[single, "speaker"]))
        canonical = dict(zip(lone, _core.canonical_speaker_names(names, lone)))
        frame.loc[single, "speaker"] = frame.loc[single, "speaker"].map(canonical)
    if raw["auto"].any():
        ids = np.asarray(_global_ids(raw["ids"], raw["auto"], offset), dtype=object)
        frame["id"] = ids[frame["document"].to_numpy(dtype=np.int64)] if len(frame) else frame["id"]
    frame["document"] = frame["document"].astype(np.int64) + offset
    return _typed(frame[["document", *COLUMNS]])


_TEXT_COLUMNS = ("id", "outlet", "kind", "text", "speaker", "mention", "cue", "source_type", "role", "affiliation")


def _typed(frame: Any) -> Any:
    """The dtypes ``Corpus.quotes()`` has (text columns: pandas's default string dtype), whatever a partition holds."""
    import pandas as pd

    text = pd.DataFrame({"t": ["x"]})["t"].dtype  # object, or "str" where pandas infers strings
    types = {"document": np.int64, "start": np.int64, "end": np.int64, "confidence": np.float64}
    types.update({c: text for c in _TEXT_COLUMNS})
    return frame.astype(types)


def quotes(
    data: Any,
    text: str = "text",
    lang: str = "en",
    *,
    outlet: str | None = "outlet",
    title: str | None = "title",
    id: str | None = None,
    meta: Iterable[str] | None = None,
    clean: bool = False,
    threads: int = 1,
    split_every: int = 8,
) -> "dd.DataFrame":
    """One row per statement, as a Dask DataFrame with the columns of :meth:`framelens.Corpus.quotes`
    (``document`` is the position in the whole corpus), equal to ``Corpus.quotes(lang)`` on the whole corpus.

    Speakers are made canonical across the corpus as ``Corpus.quotes`` does (a person named by surname only
    takes the one full name used anywhere in the corpus): the full names of each partition are merged in a tree
    reduction and applied to every partition. The extractor of ``lang`` travels with the tasks, with the cues
    and gazetteer entries added by :func:`framelens.add_cues` / :func:`framelens.add_gazetteer`.
    Lazy: ``.compute()`` (or ``.to_parquet(...)``) runs it.
    """
    import pandas as pd


    ex = dask.delayed(extractor(lang), pure=True)
    sources, fields = _chunks(data, text, outlet, title, id, meta, clean)
    raw = _per_partition(sources, fields, _quotes_raw, ex, threads)
    names = _tree([dask.delayed(_names, pure=True)(r) for r in raw], _merge_names, split_every)
    offsets = _with_lists(_offsets, [[dask.delayed(_quotes_size, pure=True)(r) for r in raw]])
    final = [dask.delayed(_quotes_final, pure=True)(r, names, offsets, k) for k, r in enumerate(raw)]
    meta_frame = _typed(pd.DataFrame({c: pd.Series(dtype=object) for c in ["document", *COLUMNS]}))
    with dask.config.set({"dataframe.convert-string": False}):  # the columns of Corpus.quotes(), None for missing
        return dd.from_delayed(final, meta=meta_frame, verify_meta=False)


# -- compare -----------------------------------------------------------------------------------------------
_PARTITION, _ROW, _AUTO_ID_COLUMN = "_framelens_partition", "_framelens_row", "_framelens_id"


def _tagged(df: Any, k: int) -> Any:
    """Partition ``k`` with each row's partition and row number, so that the shuffle by story can start as
    soon as the partition is read: the corpus positions (which need every partition's length) are made
    from them after the shuffle (:func:`_positions`)."""
    df = df.copy()
    df[_PARTITION] = np.full(len(df), k, dtype=np.int64)
    df[_ROW] = np.arange(len(df), dtype=np.int64)
    return df


def _positions(df: Any, offsets: np.ndarray, auto_ids: bool) -> tuple:
    """A shuffled partition in corpus order, with each document's position in the whole corpus (and
    ``doc<position>`` ids where the corpus would number them), the tag columns dropped."""
    positions = np.asarray(offsets, dtype=np.int64)[df[_PARTITION].to_numpy(dtype=np.int64)] + df[_ROW].to_numpy(dtype=np.int64)
    order = np.argsort(positions, kind="stable")
    df = df.iloc[order].drop(columns=[_PARTITION, _ROW])
    positions = positions[order]
    if auto_ids:
        df[_AUTO_ID_COLUMN] = np.char.add("doc", positions.astype(str)).astype(object)
    return df, positions


def _compare_stats(source: Any, fields: dict[str, Any], k: int, options: dict[str, Any], by: str) -> _Box:
    """What the comparison needs from one partition of the whole corpus (no document rows; the ids play no
    part, so the partition is read as it is, without waiting for the positions). The quoted persons' full
    names come from the pieces' quotes instead (:func:`_piece_quotes`)."""
    corpus, _ = _corpus_of(source, fields, k)
    outlets, hashes, documents = _core.compare_sentence_keys(corpus._core, options)
    return _Box({"vocabulary": _core.compare_vocabulary(corpus._core, options), "outlets": list(dict.fromkeys(corpus.labels(by))),
                 "furniture": _sentence_counts(outlets, hashes, documents)})


def _sentence_counts(outlets: Sequence[str], hashes: np.ndarray, documents: np.ndarray) -> tuple:
    """A partition's ``(outlet, sentence hash) -> documents`` as ``(outlet names, outlet codes, hashes,
    documents)``, NumPy arrays sorted by hash that :func:`_merge_sentence_counts` adds up in the statistics'
    tree."""
    import pandas as pd

    codes, names = pd.factorize(pd.Series(list(outlets), dtype=object), sort=False)
    hashes = np.asarray(hashes, dtype=np.int64)
    order = np.argsort(hashes, kind="stable")
    return (list(names), codes.astype(np.int64)[order], hashes[order], np.asarray(documents, dtype=np.int64)[order])


def _merge_sentence_counts(parts: Sequence[tuple]) -> tuple:
    """The sentence counts of several partitions added up per (outlet, hash), sorted by hash and outlet code
    (names in order of first appearance), equal keys summed (integers: exact in any order). Each part is sorted
    by hash, so a stable sort of the joined hashes only merges runs; the few rows that share a hash (the same
    sentence in several outlets, or in several parts) are then ordered by outlet as well."""
    names = list(dict.fromkeys(n for p in parts for n in p[0]))
    index = {n: i for i, n in enumerate(names)}
    codes = np.concatenate([np.asarray([index[n] for n in p[0]], dtype=np.int64)[p[1]] for p in parts])
    hashes = np.concatenate([p[2] for p in parts])
    documents = np.concatenate([p[3] for p in parts])
    order = np.argsort(hashes, kind="stable")
    codes, hashes, documents = codes[order], hashes[order], documents[order]
    same = hashes[1:] == hashes[:-1]
    if same.any():
        tied = np.zeros(len(hashes), dtype=bool)
        tied[1:] |= same
        tied[:-1] |= same
        rows = np.flatnonzero(tied)
        by_outlet = rows[np.lexsort((codes[rows], hashes[rows]))]
        codes[rows], hashes[rows], documents[rows] = codes[by_outlet], hashes[by_outlet], documents[by_outlet]
    first = np.ones(len(codes), dtype=bool)
    first[1:] = (codes[1:] != codes[:-1]) | (hashes[1:] != hashes[:-1])
    starts = np.flatnonzero(first)
    summed = np.add.reduceat(documents, starts) if len(starts) else documents[:0]
    return (names, codes[starts], hashes[starts], summed)


def _merge_stats(parts: list) -> _Box:
    parts = [p.value for p in parts]
    return _Box({"vocabulary": _core.merge_vocabularies([p["vocabulary"] for p in parts]),
                 "outlets": list(dict.fromkeys(o for p in parts for o in p["outlets"])),
                 "furniture": _merge_sentence_counts([p["furniture"] for p in parts])})


def _globals(stats: _Box, names: _Box | None) -> tuple:
    """The globals of ``_core.compare_partial``: the furniture is the (outlet, hash) pairs of sentences that
    three or more documents of the outlet hold, over the whole corpus; ``names`` the quoted persons' full
    names (None: no quotes)."""
    stats = stats.value
    outlet_names, codes, hashes, documents = stats["furniture"]
    keep = documents >= 3
    outlets = np.asarray(outlet_names, dtype=object)[codes[keep]].tolist() if len(outlet_names) else []
    return (stats["outlets"], stats["vocabulary"], [] if names is None else names.value, (outlets, hashes[keep]))


def _piece_corpus(df: Any, offsets: np.ndarray, auto_ids: bool, fields: dict[str, Any]) -> tuple:
    """A shuffled partition as ``(corpus, positions, frame)``, its documents in corpus order."""
    df, positions = _positions(df, offsets, auto_ids)
    corpus, _ = _from_frame(df, fields, 0)
    return corpus, positions, df


def _piece_quotes(df: Any, table: Any, offsets: np.ndarray, auto_ids: bool, fields: dict[str, Any],
                  options: dict[str, Any]) -> Any:
    """A shuffled partition's quotes (``_core.PieceQuotes``, pickled as its bytes), found once: their full
    names go into the globals and :func:`_compare_piece` reads them instead of extracting them again. With
    ``table`` (the rows of a given quote table whose documents are in this partition, see
    :func:`_quote_table_parts`) they are those rows, in the table's order within each document."""
    corpus, positions, _ = _piece_corpus(df, offsets, auto_ids, fields)
    if table is None:
        return _core.piece_quotes(corpus._core, options)
    from .compare import _quote_columns

    table = table.sort_values(["document", _PARTITION, _ROW], kind="stable")
    documents = table["document"].to_numpy(dtype=np.int64)
    at = np.searchsorted(positions, documents)
    inside = at < len(positions)
    inside[inside] = positions[at[inside]] == documents[inside]
    if not inside.all():  # a row the shuffle sent elsewhere than its document (documents outside the corpus
        # were refused by _with_story): never expected
        raise _core.InvalidArgumentError(f"fd.compare: the quote of document {int(documents[~inside][0])} did not "
                                         "reach its story's partition")
    return _core.piece_quotes_from_table(corpus._core, _quote_columns(table.assign(document=at)))


_STORY_OF = "__framelens_story_of__"


def _document_stories(df: Any, offsets: np.ndarray, k: int, story: str) -> Any:
    """The corpus positions of an input partition's documents with their story labels (the story column keeps
    its dtype, so that the quote rows are shuffled to the same partitions as their documents)."""
    import pandas as pd

    start = int(np.asarray(offsets)[k])
    return pd.DataFrame({"document": np.arange(start, start + len(df), dtype=np.int64),
                         _STORY_OF: df[story].reset_index(drop=True)})


def _with_story(df: Any, story: str, dtype: Any, offsets: np.ndarray) -> Any:
    """Quote rows joined to their documents' stories: a row whose document is not in the corpus is an error,
    and the story column takes the documents' dtype again (a left join makes integers floats)."""
    missing = df[_STORY_OF].isna().to_numpy()
    if missing.any():
        d = int(df["document"].to_numpy()[missing][0])
        raise _core.InvalidArgumentError(f"fd.compare: the quote table refers to document {d}, but the corpus has "
                                         f"{int(np.asarray(offsets)[-1])} documents (document is the position in "
                                         "the corpus, from 0)")
    return df.rename(columns={_STORY_OF: story}).astype({story: dtype})


def _quote_table_parts(table: Any, frames_in: list, offsets: Any, story: Any, npartitions: int) -> list:
    """A quote table's rows shuffled by their documents' stories into ``npartitions`` partitions: partition
    ``k`` holds the quotes of the documents in the documents' shuffled partition ``k`` (the same column values
    and dtype, the same number of partitions: the same hash), each row tagged with its place in the table.
    ``story``: the documents' story column (its meta)."""
    import pandas as pd

    if isinstance(table, pd.DataFrame):
        table = dd.from_pandas(table, npartitions=max(1, min(len(frames_in), len(table) // 10000 + 1)))
    if "document" not in table.columns:
        raise _core.InvalidArgumentError("the quote table has no 'document' column; each quote needs document, start, end")
    table = table.drop(columns=[c for c in table.columns if c in (_STORY_OF, _PARTITION, _ROW, story.name)])
    table = table.assign(document=table["document"].astype(np.int64))
    tagged = dd.from_delayed([dask.delayed(_tagged, pure=True)(p, k) for k, p in enumerate(table.to_delayed())],
                             meta=_tagged(table._meta, 0), verify_meta=False)
    meta = pd.DataFrame({"document": np.zeros(0, dtype=np.int64), _STORY_OF: story})
    stories = dd.from_delayed([dask.delayed(_document_stories, pure=True)(p, offsets, k, story.name)
                               for k, p in enumerate(frames_in)], meta=meta, verify_meta=False)
    joined = tagged.merge(stories, on="document", how="left")
    joined = joined.map_partitions(_with_story, story.name, story.dtype, offsets,
                                   meta=joined._meta.rename(columns={_STORY_OF: story.name}).astype({story.name: story.dtype}))
    return joined.shuffle(on=story.name, npartitions=npartitions).to_delayed()


def _full_names(quotes: Any) -> _Box:
    return _Box(quotes.full_names)


def _compare_piece(df: Any, offsets: np.ndarray, auto_ids: bool, fields: dict[str, Any], story: str,
                   options: dict[str, Any], globals_: tuple, quotes: Any = None) -> tuple:
    """One shuffled partition (whole stories) as its share of the comparison, in the two halves
    ``(rows, sums)`` that :func:`_merge_rows` and :func:`_merge_sums` read; ``quotes``: its
    :func:`_piece_quotes` (None: no quotes are compared)."""
    corpus, positions, df = _piece_corpus(df, offsets, auto_ids, fields)
    stories = df[story].astype(str).tolist()
    return _core.split_partial(_core.compare_partial(corpus._core, positions, stories, options, globals_, quotes))


def _merge_rows(halves: list, options: dict[str, Any], globals_: tuple) -> Any:
    """The row views merged (documents, quotes, sentences, ...: a ``_core.Comparison``, which pickles as its
    compact bytes)."""
    return _core.merge_rows(list(halves), options, globals_)


def _merge_sums(halves: list, options: dict[str, Any], globals_: tuple) -> Any:
    """The outlet-level views merged from the sums (a small ``_core.Comparison``)."""
    return _core.merge_sums(list(halves), options, globals_)


def _combine_sums(halves: list, options: dict[str, Any], globals_: tuple) -> Any:
    """A step of the tree that adds the pieces' sums halves up: several as one, in the same tables
    (term counts and centroids per outlet, tallies, names), so that no task holds every piece's sums."""
    return _core.combine_sums(list(halves), options, globals_)


class _SumsTree:
    """The pieces' sums halves added up in a tree as the pieces are handed out: ``add`` takes each half's
    future in hand-out order (the largest piece first) and, once ``split_every`` are in, submits their
    combination at once, so those groups are combined while later pieces still run. The last group is not
    combined apart (a combination of the smallest pieces, begun only after the last of them, would only
    stand between the last piece and the merge): ``finish`` returns the combined groups (at most
    ``split_every``, combined further level by level when there are more) and the last group's halves, so
    the merge takes at most twice ``split_every``. The groups follow the hand-out order, which the pieces'
    sizes fix: the same corpus adds its floats up in the same order."""

    def __init__(self, client: Any, pieces: int, split_every: int, options: dict[str, Any], globals_: Any,
                 priority: int) -> None:
        self.client, self.pieces, self.split_every = client, pieces, split_every
        self.args, self.priority = (options, globals_), priority
        self.added = 0
        self.level: list[Any] = []
        self.done: list[Any] = []

    def _combine(self, halves: list) -> Any:
        return self.client.submit(_combine_sums, halves, *self.args, priority=self.priority, pure=False)

    def add(self, half: Any) -> None:
        self.added += 1
        self.level.append(half)
        if len(self.level) == self.split_every and self.added < self.pieces:
            self.done.append(self._combine(self.level))
            self.level = []

    def finish(self) -> list:
        items = self.done
        while len(items) > self.split_every:
            items = [self._combine(items[i:i + self.split_every]) for i in range(0, len(items), self.split_every)]
        return items + self.level


def _joined(rows: Any, sums: Any) -> Any:
    """The two halves as one comparison, ``rows`` left as it is (a copy: task results stay unchanged)."""
    import pickle

    out = pickle.loads(pickle.dumps(rows, protocol=5))
    _core.join_comparisons(out, sums)
    return out


_SEGMENT_BYTES = 32 * 2**20


def _segment_plan(merged: Any) -> _Box:
    return _Box(_core.comparison_segments(merged, _SEGMENT_BYTES))


def _header_segment(merged: Any) -> np.ndarray:
    return _core.comparison_header(merged)


def _column_segment(merged: Any, columns: _Box) -> np.ndarray:
    return _core.comparison_columns(merged, columns.value)


def _distributed_client() -> Any:
    """The ``distributed`` client that runs ``dask.compute`` now, or None (another scheduler)."""
    try:
        from distributed import default_client
        client = default_client()
    except (ImportError, ValueError):
        return None
    from dask.base import get_scheduler

    return client if get_scheduler() == client.get else None


def _same(value: Any) -> Any:
    """A task result moved to the worker this task is pinned to (the value itself)."""
    return value


def _text_size(df: Any, text: str) -> int:
    """The characters of a shuffled partition's texts (how long its piece will take, roughly)."""
    return int(df[text].str.len().sum()) if len(df) else 0


def _half(piece: tuple, k: int) -> Any:
    return piece[k]


def _hand_out(submit: Callable[[int, str | None], Any], sizes: Sequence[int], workers: Sequence[str],
              in_flight: int = 2) -> list:
    """``submit(k, worker)`` for each piece ``k``, the largest first, each to the worker that has just finished one
    (``in_flight`` pieces queued per worker, so none waits on the client); returns the futures in piece order.

    A piece's time does not follow its size closely (its stories' sentence alignment grows faster than their
    characters), so placing all pieces at once by size left one worker up to 2.6 s behind the other on the
    whole article-bias corpus; handed out as workers free up, only the last, smallest pieces can differ."""
    from distributed import as_completed

    order = sorted(range(len(sizes)), key=lambda k: -sizes[k])
    if not workers:  # none yet (an adaptive cluster scaling up): the scheduler places them as workers come
        return [f for _, f in sorted((k, submit(k, None)) for k in order)]
    futures: list[Any] = [None] * len(sizes)
    worker_of: dict[str, str] = {}
    done = as_completed()

    def give(worker: str) -> None:
        k = order.pop(0)
        futures[k] = submit(k, worker)
        worker_of[futures[k].key] = worker
        done.add(futures[k])

    for _ in range(in_flight):
        for worker in workers:
            if order:
                give(worker)
    for finished in done:
        if not order:
            break
        give(worker_of[finished.key])
    return futures


def _merge_on_workers(parts: Sequence[Delayed], piece_args: tuple, client: Any, split_every: int = 8) -> tuple:
    """The pieces and the two merge tasks as futures, placed by the client.

    The shuffle (p2p) leaves each partition on a fixed worker, half of them on each, and the pieces' times
    vary several-fold, so one worker used to finish its pieces seconds before the other. Once the shuffled
    partitions are known, the pieces are handed out by size in characters, the largest first, each to the
    worker that has just finished one (:func:`_hand_out`; a partition moved to run there costs little beside
    its piece).
    Each piece's quotes are found first, handed out the same way; their full names complete the globals.
    ``merge_rows`` is pinned to one worker and ``merge_sums`` to another (with two or more), and each
    piece's halves move to their merge's worker as soon as the piece is done, by a task pinned there
    (:func:`_same`), while the other pieces are still computed: the transfers of the halves (about 950 MB on
    the whole article-bias corpus) are no longer a step between the last piece and the merges. The sums
    are added up in a tree (:class:`_SumsTree`) whose groups are combined while later pieces run, so no
    task holds every piece's sums, however many partitions there are."""
    n = len(parts)
    stats, quote_args, piece_args = piece_args
    offsets, auto_ids, fields, story, options, _ = piece_args
    tables, given = quote_args[0], quote_args[0][0] is not None
    futures = client.compute([*parts, offsets, stats, *(tables if given else [])])
    frames, offsets_future, stats_future = futures[:n], futures[n], futures[n + 1]
    tables = futures[n + 2:] if given else tables
    workers = sorted(client.scheduler_info()["workers"])
    sizes = client.gather(client.map(_text_size, frames, text=fields["text"], pure=False))
    found: list[Any] = [None] * n
    names = None
    if options["extract_quotes"]:  # each piece's quotes, handed out as the pieces are (below)
        def quotes(k: int, worker: str | None) -> Any:
            return client.submit(_piece_quotes, frames[k], tables[k], offsets_future, *quote_args[2:],
                                 workers=None if worker is None else [worker], allow_other_workers=worker is not None,
                                 priority=sizes[k], pure=False)

        found = _hand_out(quotes, sizes, workers)
        if not given:
            names = client.submit(_merge_names, [client.submit(_full_names, q, pure=False) for q in found], pure=False)
    globals_future = client.submit(_globals, stats_future, names, pure=False)
    top = 2**40  # above any size: the halves are taken as soon as their piece is done
    places: list[Any] = [[workers[0]], [workers[1]]] if len(workers) >= 2 else [None, None]

    def piece(k: int, worker: str | None) -> Any:  # the piece, its rows on their way to their merge's worker
        future = client.submit(_compare_piece, frames[k], offsets_future, auto_ids, fields, story, options,
                               globals_future, found[k], workers=None if worker is None else [worker],
                               allow_other_workers=worker is not None, priority=sizes[k], pure=False)
        for half, place in enumerate(places):
            got = client.submit(_half, future, half, priority=top, pure=False)
            if place is not None:
                got = client.submit(_same, got, workers=place, allow_other_workers=False, priority=top, pure=False)
            if half == 0:
                rows[k] = got
            else:
                sums.add(got)
        return future

    rows: list[Any] = [None] * n
    sums = _SumsTree(client, n, split_every, options, globals_future, top)
    _hand_out(piece, sizes, workers)
    del frames, found, tables
    merged = client.submit(_merge_rows, rows, options, globals_future, workers=places[0], pure=False)
    merged_sums = client.submit(_merge_sums, sums.finish(), options, globals_future, workers=places[1], pure=False)
    return merged, merged_sums, places[0]


def _return_free_memory() -> None:
    """Memory that earlier results left free in the allocator handed back to the system (glibc's
    ``malloc_trim``; nothing elsewhere), before the client reads a comparison: without it a client that had
    received one comparison peaked at 1.1 GB on the next instead of 0.88 GB, the freed pages still counted in
    its resident size."""
    import ctypes

    try:
        ctypes.CDLL(None).malloc_trim(0)  # the process's own symbols: libc's, without a library search
    except (OSError, AttributeError):  # not glibc
        pass


def _fetch_comparison(parts: Sequence[Delayed], piece_args: tuple, client: Any, split_every: int = 8) -> Any:
    """The merged rows brought to the client segment by segment (about 32 MB each, read into the
    comparison in C++ and freed before the next arrives), so that the client never holds the comparison
    and its bytes whole at once: its peak is the comparison plus two segments. Each segment is a NumPy
    array, which ``distributed`` sends out of band and the core reads in place. The merged sums (outlet-level
    views, a few MB) come whole and are joined to it."""
    future, sums_future, place = _merge_on_workers(parts, piece_args, client, split_every)
    # the segments are cut where the merged rows are: an idle worker that stole one would first copy them all
    here = dict(workers=place, allow_other_workers=False, pure=False)
    _return_free_memory()
    try:
        plan = client.submit(_segment_plan, future, **here).result().value
        tasks = [(_header_segment, ())] + [(_column_segment, (_Box(columns),)) for columns in plan]
        core = _core.Comparison()
        pending = [client.submit(f, future, *args, **here) for f, args in tasks[:2]]
        for i in range(len(tasks)):
            segment = pending.pop(0)
            if i + 2 < len(tasks):
                f, args = tasks[i + 2]
                pending.append(client.submit(f, future, *args, **here))
            bytes_ = segment.result()
            segment.release()
            _core.read_comparison_segment(core, bytes_)
            del bytes_
        _core.join_comparisons(core, sums_future.result())
        _core.check_comparison(core)
        return core
    finally:
        future.release()
        sums_future.release()


_AUTO_STORY = "__framelens_story__"


def _with_stories(data: Any, text: str, outlet: str | None, title: str | None, id: str | None,
                  meta: Iterable[str] | None, story_options: dict[str, Any], split_every: int) -> tuple:
    """``data`` with a hidden column of :func:`group_stories` labels, that column's name, and the metadata
    columns the documents keep (as before: the hidden column is no document metadata)."""
    options = dict(story_options)
    date = options.pop("date_key", "date")
    buckets = options.pop("buckets", None)
    unknown = set(options) - {"threshold", "window_days", "entity_weight"}
    if unknown:
        raise _core.InvalidArgumentError(f"story_options: unknown option(s) {sorted(unknown)}; use threshold, "
                                         "window_days, entity_weight, date_key, buckets")
    parts, fields = _story_inputs(data, text, date)
    labels = story_labels(parts, fields, _story_options(date=date, **options), buckets=buckets or data.npartitions,
                          split_every=split_every, name=_AUTO_STORY)
    # the partitions read again for their labels (not held in memory while the stories are grouped)
    frames = [dask.delayed(_assign_story, pure=True)(p, s) for p, s in zip(data.to_delayed(), labels)]
    out = dd.from_delayed(frames, meta=data._meta.assign(**{_AUTO_STORY: data._meta[text].astype(object)}),
                          verify_meta=False)
    if meta is None:
        named = {c for c in (text, outlet, title, id) if c}
        meta = [c for c in data.columns if c not in named]
    return out, _AUTO_STORY, list(meta)


def _story_options(date: str = "date", threshold: float = 0.2, window_days: float = 3.0,
                   entity_weight: float = 3.0) -> dict[str, Any]:
    """The options of the story grouping in pieces (framelens._dask_stories), with group_stories' defaults."""
    return dict(threshold=float(threshold), window_days=float(window_days), entity_weight=float(entity_weight),
                date_key=date)


def _story_inputs(data: Any, text: str, date: str) -> tuple:
    """The partitions and fields the story grouping reads: each document's text and its date metadata."""
    dated = isinstance(data, dd.DataFrame) and date in data.columns
    return _chunks(data, text, None, None, None, [date] if dated else [], False)


def _assign_story(df: Any, labels: Any) -> Any:
    df = df.copy()
    df[_AUTO_STORY] = labels.to_numpy()
    return df


def _compare_options(by: str, quotes: Any, actors: Any, frames: Any, threads: int, options: dict[str, Any]) -> dict[str, Any]:
    """The options of ``_core.compare_partial`` as plain values (they travel with the tasks); ``quotes``: True
    (the English extractor with the user's cues, other languages' built-in ones), False/None, or one
    ``QuoteExtractor`` for every language (as :func:`framelens.compare` takes it)."""
    given = isinstance(quotes, _core.QuoteExtractor)
    if not (given or quotes is None or isinstance(quotes, bool)):
        raise _core.InvalidArgumentError(
            f"fd.compare: quotes must be True, False, a QuoteExtractor (framelens.quotes.extractor(lang, model=...)) "
            f"or a quote table (a pandas or Dask DataFrame with document, start, end, ...), not {type(quotes).__name__}")
    out = {k: v for k, v in options.items() if v is not None}
    out.update(by=by, extract_quotes=given or bool(quotes), threads=int(threads),
               actors={k: list(v) for k, v in (actors or {}).items()})
    out["extractors"] = {"*": quotes} if given else {"en": extractor("en")} if quotes else {}
    if frames is not None:
        out["frames"] = os.fspath(frames)
    return out


def compare(
    data: Any,
    text: str = "text",
    *,
    outlet: str | None = "outlet",
    title: str | None = "title",
    id: str | None = None,
    meta: Iterable[str] | None = None,
    story: str = "story",
    by: str = "outlet",
    clean: bool = False,
    quotes: Any = True,
    actors: dict[str, Iterable[str]] | None = None,
    frames: Any = None,
    measure: str = "log_odds",
    correction: str = "default",
    prior: float = 500.0,
    house_style: bool = False,
    align_threshold: float | None = None,
    idf_scope: str | None = None,
    min_sentence_words: int = 5,
    top_terms: int = 20,
    top_actors: int = 15,
    max_omitted: int = 500,
    npartitions: int | None = None,
    threads: int = 1,
    split_every: int = 8,
    story_options: dict[str, Any] | None = None,
    compute: bool = True,
) -> Any:
    """The comparison of a Dask DataFrame's documents: the same :class:`framelens.Comparison` as
    ``framelens.compare(Corpus.from_pandas(df, ...), by=by, story=story, ...)`` on the whole corpus (counts
    exactly, floats within 1e-9), without the documents ever meeting on one machine.

    1. One pass over the partitions gathers what the comparison takes from the whole corpus (the outlets in
       order, the vocabulary with document frequencies, the quoted persons' full names, the sentences an
       outlet repeats in three or more documents); one tree reduction combines them.
    2. The rows are shuffled by ``story`` (a column: every document of a story lands in one partition) and
       each partition computes its share on a worker (sentence alignment inside its stories, quotes,
       frames, actor mentions, outlet-level sums); a ``distributed`` client places the pieces on the
       workers by their size in characters, the largest first.
    3. Two tasks merge the shares at once: the rows (documents, quotes, sentences) and the sums (the
       outlet-level views; the pieces' sums are first added up in a tree of fan-in ``split_every``, so no
       task holds every piece's sums). The merged rows stay on their worker; the client fetches them in segments of
       about 32 MB (their compact bytes, read in place into the comparison and freed one by one) and the
       small merged sums whole, so the client holds the comparison and two segments at most, never its
       documents.

    ``story`` names a column with one story label per document, or is ``"auto"``: the stories of
    :func:`framelens.group_stories` on the whole corpus (with ``story_options``: ``threshold``, ``window_days``,
    ``entity_weight``, ``date_key``, ``buckets``), grouped on the cluster by :func:`group_stories`. ``quotes``: ``True`` (the English extractor with the cues of
    :func:`framelens.add_cues`, other languages' built-in extractors), ``False``, or a
    ``QuoteExtractor`` for every language (``framelens.quotes.extractor(lang, model=...)``: its cues, gazetteer and
    trained model travel with it), or a quote table (pandas or Dask, e.g. ``fd.quotes(ddf)`` filtered), counted as
    given: each row follows its document (``document``: the position in the corpus) through the shuffle. ``frames`` is a lexicon
    path readable on every worker. Other options as :func:`framelens.compare`. ``npartitions``: the
    partitions after the shuffle (default: as many as the input). ``compute=False`` returns a
    ``dask.delayed`` object of the core comparison.
    """
    import pandas as pd


    if isinstance(data, CorpusChunks):
        data = data.to_dask_dataframe()
        text, outlet, title, id = "text", "outlet", "title", "id"
    if not isinstance(data, dd.DataFrame):
        _chunks(data, text, outlet, title, id, meta, clean)  # raises the module's error for the wrong type
    if story == "auto":
        data, story, meta = _with_stories(data, text, outlet, title, id, meta, story_options or {}, split_every)
    for col in (text, story):
        if col not in data.columns:
            raise _core.NotFoundError(f"no column {col!r} in the Dask DataFrame (columns: {list(data.columns)})")
    table = quotes if isinstance(quotes, (pd.DataFrame, dd.DataFrame)) else None
    options = _compare_options(by, True if table is not None else quotes, actors, frames, threads, dict(
        align_threshold=align_threshold, idf_scope=idf_scope, min_sentence_words=min_sentence_words,
        top_terms=top_terms, top_actors=top_actors, max_omitted=max_omitted, measure=measure,
        correction=correction, prior=prior, house_style=house_style))
    frames_in = data.to_delayed()
    offsets = _with_lists(_offsets, [[dask.delayed(len, pure=True)(p) for p in frames_in]])
    id_col = id if id is not None else _AUTO_ID_COLUMN
    tagged = [dask.delayed(_tagged, pure=True)(p, k) for k, p in enumerate(frames_in)]
    keep = None if meta is None else [*meta, story]
    fields = dict(text=text, outlet=outlet, title=title, id=id_col, meta=keep, clean=clean)
    # 1. the corpus-wide statistics, each partition read, built and analysed in one task (its own read, fused:
    #    read apart, one worker could take two partitions ahead of the other, 9 against 7: ~3 s idle at the end)
    stats = _per_partition(data, dict(fields, id=id), _compare_stats, options, by)
    # one tree for all three, the sentence counts too (sorted NumPy arrays added up: no group-by shuffle)
    stats = _tree(stats, _merge_stats, split_every)
    # 2. whole stories per partition; each partition's quotes found once (their full names complete the
    #    globals), then its share on a worker
    rows = dd.from_delayed(tagged, meta=_tagged(data._meta, 0), verify_meta=False)
    shuffled = rows.shuffle(on=story, npartitions=npartitions or data.npartitions)
    parts = shuffled.to_delayed()
    n_out = len(parts)
    # a given quote table: its rows shuffled to their documents' partitions, taken as they are (no full names)
    tables = [None] * n_out if table is None else \
        _quote_table_parts(table, frames_in, offsets, rows._meta[story], n_out)
    quote_args = (tables, offsets, id is None, fields, options)
    found = [dask.delayed(_piece_quotes, pure=True)(p, t, *quote_args[1:]) for p, t in zip(parts, tables)] \
        if options["extract_quotes"] else None
    names = _tree([dask.delayed(_full_names, pure=True)(q) for q in found], _merge_names, split_every) \
        if found and table is None else None
    globals_ = dask.delayed(_globals, pure=True)(stats, names)
    piece_args = (offsets, id is None, fields, story, options, globals_)
    pieces = [dask.delayed(_compare_piece, pure=True, nout=2)(p, *piece_args, q)
              for p, q in zip(parts, found or [None] * len(parts))]
    # 3. the rows and the sums merged in two tasks (on two workers when there are two)
    merged_rows = _with_lists(_merge_rows, [[p[0] for p in pieces]], options, globals_)
    # the sums added up in a tree: no task holds every piece's sums
    merged_sums = _tree([p[1] for p in pieces], _combine_sums, split_every, last=_merge_sums, args=(options, globals_))
    if not compute:
        return dask.delayed(_joined, pure=True)(merged_rows, merged_sums)
    client = _distributed_client()
    if client is not None:
        return Comparison(_fetch_comparison(parts, (stats, quote_args, piece_args), client, split_every))
    core, sums = dask.compute(merged_rows, merged_sums)
    _core.join_comparisons(core, sums)  # both computed here: nothing else holds them
    return Comparison(core)


def group_stories(
    data: Any,
    text: str = "text",
    *,
    date: str = "date",
    threshold: float = 0.2,
    window_days: float = 3.0,
    entity_weight: float = 3.0,
    buckets: int | None = None,
    split_every: int = 8,
) -> "dd.Series":
    """A story label for every document of a Dask DataFrame (or :class:`framelens.dask.CorpusChunks`): the
    labels :func:`framelens.group_stories` gives the whole corpus (``"story-1"``, ... in order of first
    document), as a Dask Series with the input's partitions (for a DataFrame, its index).

    ``date``: the column with each document's date (``YYYY-MM-DD...``; documents without one are compared
    with every document, and every bucket holds them). ``buckets``: the time buckets (default: the number of
    partitions). ``window_days`` must be > 0 (the buckets rest on it). Other options as
    :func:`framelens.group_stories`. Nothing is computed until the Series is."""
    import pandas as pd

    parts, fields = _story_inputs(data, text, date)  # the module's errors for the wrong type or text column
    index = data._meta.index if isinstance(data, dd.DataFrame) else None
    sample = pd.Series([], dtype=object, name="story", index=index)
    options = _story_options(date, threshold, window_days, entity_weight)
    n = parts.npartitions if isinstance(parts, dd.DataFrame) else len(parts)
    labels = story_labels(parts, fields, options, buckets=buckets or n, split_every=split_every)
    return dd.from_delayed(labels, meta=sample, verify_meta=False)
