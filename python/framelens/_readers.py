"""File readers: raw page text, JSON Lines, CSV, JSON (BASIL layout), Parquet and HTML, gzip or not.

Each reader adds the documents of its files to a core corpus (``into``: a ``_core.Corpus``), cleaned and
segmented by the C++ core. This module knows no :class:`framelens.Corpus`: ``Corpus.from_files``,
``Corpus.from_jsonl`` & co. (corpus.py) build one with these readers, and :mod:`framelens.ingest` offers
them as ``framelens.read``, ``read_records``, ``read_text`` and ``read_html`` (documented there).
"""
from __future__ import annotations

import gzip
import io
import os
import re
import sys
import warnings
import zlib
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence, Union

from . import _core
from ._progress import progress

PathLike = Union[str, "os.PathLike[str]"]

#: When a field is not named, the first of these present in the first record is used.
FIELD_CANDIDATES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "content_original", "body", "article", "maintext", "body-paragraphs"),
    "title": ("title", "headline", "meta.title"),
    "outlet": ("outlet", "source", "publisher", "meta.publisher", "site", "sitename"),
    "date": ("date", "published", "publication_date", "pubdate", "date_publish", "meta.publication_date"),
    "url": ("url", "link", "meta.url"),
    "author": ("author", "authors", "byline", "meta.author"),
    "id": ("id", "ID", "uuid", "doc_id"),
}

#: The formats of :func:`read`'s ``format=``.
FORMATS = ("text", "jsonl", "json", "csv", "tsv", "html", "parquet")


def format_of(path: str) -> str:
    """The format a file's extension names (``.gz`` looked through); "text" for any other."""
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    ext = os.path.splitext(name)[1]
    if ext in (".jsonl", ".ndjson"):
        return "jsonl"
    if ext in (".json",):
        return "json"
    if ext in (".csv",):
        return "csv"
    if ext in (".tsv", ".tab"):
        return "tsv"
    if ext in (".html", ".htm", ".xhtml"):
        return "html"
    if ext in (".parquet", ".pq"):
        return "parquet"
    return "text"


def _warn_replaced(report: Mapping[str, Any]) -> None:
    if report.get("replaced"):
        per_file = ", ".join(f"{f}: {n}" for f, n in report["replaced_by_file"].items())
        warnings.warn(
            f"replaced {report['replaced']} invalid UTF-8 sequence(s) by U+FFFD ({per_file})",
            UnicodeWarning,
            stacklevel=_user_level(),
        )


def _user_level() -> int:
    """The ``stacklevel`` of the first caller outside framelens, so that a warning names the user's line
    however many framelens layers (``read`` -> ``Corpus.from_files`` -> a reader) lie between."""
    package = os.path.dirname(os.path.abspath(__file__))
    frame, level = sys._getframe(2), 2  # level 1 is the function that calls warnings.warn
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(package + os.sep):
        frame, level = frame.f_back, level + 1
    return level


_MAX_DOCUMENT_BYTES = 256 << 20  # as io::ReadOptions::max_document_bytes


def _damaged_gzip(name: str, error: BaseException, where: str = "") -> Exception:
    return _core.FormatError(f"{name}: cannot decompress{where} ({error}); the gzip file is damaged or truncated - "
                             "download or compress it again")


def jsonl_lines(path: str, limit: int = _MAX_DOCUMENT_BYTES) -> Iterable[tuple[int, str]]:
    """(line number, text) of each line of a JSON Lines file, gzip-compressed or not (told by its first bytes,
    as the readers tell them), read a line at a time: a line of more than ``limit`` bytes (a gzip bomb of one
    line) stops at ``limit`` instead of filling memory. That line, one that is not UTF-8 or a damaged gzip
    stream is an error naming the file and the line."""
    with open(path, "rb") as f:
        compressed = f.read(2) == b"\x1f\x8b"
    n = 0
    with (gzip.open(path, "rb") if compressed else open(path, "rb")) as f:
        try:
            while raw := f.readline(limit + 1):
                n += 1
                if len(raw) > limit and not (len(raw) == limit + 1 and raw.endswith(b"\n")):
                    raise _core.FormatError(f"{path}, line {n}: longer than {limit / 1e6:.1f} MB (max_document_bytes, "
                                            "the limit for one document)")
                try:
                    yield n, raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise _core.EncodingError(
                        f"{path}, line {n}, byte {exc.start + 1} of the line: not UTF-8 ({exc.reason}); save the "
                        "file as UTF-8 (or read it with framelens.read(..., errors='replace'))") from None
        except (OSError, EOFError, zlib.error) as exc:
            raise _damaged_gzip(path, exc, f" after line {n}") from None


def _read_page(name: str, limit: int) -> bytes:
    """A page file's bytes (gzip inflated), at most ``limit`` of them, read so that memory stays bounded."""
    too_big = f"{name}: is larger than {limit / 1e6:.1f} MB (max_document_bytes, the limit for one document)"
    with open(name, "rb") as f:
        raw = f.read(limit + 1)
    if len(raw) > limit:
        raise _core.FormatError(f"{too_big}; raise max_document_bytes if the page is real")
    if raw[:2] == b"\x1f\x8b":
        try:
            with gzip.open(io.BytesIO(raw)) as g:
                raw = g.read(limit + 1)  # inflates at most limit + 1 bytes: a gzip bomb stops here
        except (OSError, EOFError, zlib.error) as e:
            raise _damaged_gzip(name, e) from None
    if len(raw) > limit:
        raise _core.FormatError(f"{too_big}; raise max_document_bytes if the page is real")
    return raw


def _resolve_fields(path: str, fmt: str, given: Mapping[str, str | None], limits: Mapping[str, Any]) -> dict[str, str]:
    # The first record's field names, read by the core through the readers' own size-limited stream
    # and JSON policy (a bad file fails here with the reader's FormatError, never a Python parse error).
    if all(given.get(name) is not None for name in FIELD_CANDIDATES):
        keys: set[str] = set()
    else:
        keys = set(_core.record_fields(path, fmt, **limits))
    return _pick_fields(keys, given)


def _pick_fields(keys: Any, given: Mapping[str, str | None]) -> dict[str, str]:
    """The field named by the user, else the first of FIELD_CANDIDATES among ``keys``."""
    fields: dict[str, str] = {}
    for name, candidates in FIELD_CANDIDATES.items():
        value = given.get(name)
        if value is not None:
            fields[name] = value
            continue
        found = next((c for c in candidates if c in keys), None)
        fields[name] = found if found is not None else ("" if name != "text" else "text")
    return fields


def read_records(
    into: _core.Corpus,
    paths: PathLike | Sequence[PathLike],
    *,
    format: str | None = None,
    text: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    date: str | None = None,
    url: str | None = None,
    author: str | None = None,
    id: str | None = None,
    keep_other: bool = True,
    outlet_value: str | None = None,
    clean: bool = True,
    boilerplate: bool = True,
    keep_rules: Iterable[str] = (),
    errors: str = "strict",
    day_first: bool | None = None,
    threads: int = 0,
    max_document_bytes: int | None = None,
    max_input_bytes: int | None = None,
) -> None:
    """Add the records of JSON Lines, JSON, CSV/TSV or Parquet files to ``into``; see :func:`framelens.ingest.read_records`."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = [os.fspath(p) for p in paths]
    given = {"text": text, "title": title, "outlet": outlet, "date": date, "url": url, "author": author, "id": id}
    limits = {"errors": errors, "max_document_bytes": max_document_bytes, "max_input_bytes": max_input_bytes}
    show = None if len(paths) > 1 else False  # a bar only for many files, and only in interactive runs
    for path in progress(paths, total=len(paths), desc="reading files", enabled=show):
        fmt = format or format_of(path)
        if fmt == "parquet":
            docs = _parquet_documents(path, given, keep_other, outlet_value)
            _core.add_documents(into, docs, clean=clean, page=False, boilerplate=boilerplate,
                                day_first=day_first, threads=threads, keep_rules=list(keep_rules))
            continue
        if fmt not in ("jsonl", "json", "csv", "tsv"):
            raise _core.InvalidArgumentError(
                f"{path}: format {fmt!r} is not a record format (jsonl, json, csv, tsv, parquet)")
        fields = _resolve_fields(path, fmt, given, limits)
        report = _core.read_records(
            into, [path], fmt, fields, keep_other=keep_other, outlet=outlet_value or "",
            clean=clean, page=False,
            boilerplate=boilerplate, day_first=day_first, threads=threads, keep_rules=list(keep_rules), **limits,
        )
        _warn_replaced(report)


def pyarrow_modules() -> Any:
    """pyarrow with its compute and parquet modules loaded (an optional dependency: the extra names it)."""
    try:
        import pyarrow
        import pyarrow.compute
        import pyarrow.parquet  # noqa: F401
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("framelens reads and writes Parquet with pyarrow: pip install 'framelens[parquet]'") from None
    return pyarrow


def _parquet_strings(pa: Any, column: Any, joiner: str) -> "list[str | None] | None":
    """A column as text (None for nulls), vectorised: lists joined by ``joiner``; None when it is not
    scalar (a struct, a map, a list of non-text)."""
    t = column.type
    if pa.types.is_dictionary(t):
        column, t = column.cast(t.value_type), t.value_type
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        inner = t.value_type
        if pa.types.is_nested(inner):
            return None
        if not (pa.types.is_string(inner) or pa.types.is_large_string(inner)):
            column = column.cast(pa.list_(pa.string()))
        return pa.compute.binary_join(column, joiner).to_pylist()
    if pa.types.is_nested(t) or pa.types.is_binary(t) or pa.types.is_large_binary(t):
        return None
    if pa.types.is_timestamp(t):
        # ISO 8601 with a T (and the zone when the column has one); the date reader takes it as written
        fmt = "%Y-%m-%dT%H:%M:%S%z" if t.tz else "%Y-%m-%dT%H:%M:%S"
        return pa.compute.strftime(column, format=fmt).to_pylist()
    if pa.types.is_boolean(t):
        return [None if v is None else ("true" if v else "false") for v in column.to_pylist()]
    return column.cast(pa.string()).to_pylist()


def _parquet_documents(path: str, given: Mapping[str, str | None], keep_other: bool,
                       outlet_value: str | None) -> list[Any]:
    pa = pyarrow_modules()
    if not os.path.exists(path):
        raise _core.MissingFileError(f"{path}: no such file; check the path")
    try:
        table = pa.parquet.read_table(path)
    except (pa.ArrowException, OSError) as exc:
        raise _core.FormatError(f"{path}: is not a readable Parquet file ({exc}); write it with "
                                "pandas.DataFrame.to_parquet or pyarrow.parquet.write_table") from None
    flat = table.flatten()  # struct columns one level down, as "parent.child" (the records' dotted fields)
    names = flat.column_names
    fields = _pick_fields(dict.fromkeys(table.column_names + names), given)
    if fields["text"] not in names:
        raise _core.FormatError(f"{path}: no text column {fields['text']!r} (columns: {', '.join(names)}); "
                                f"name the text column, e.g. text={names[0]!r}" if names else f"{path}: has no columns")
    text_col = flat.column(fields["text"])
    t = text_col.type.value_type if pa.types.is_dictionary(text_col.type) else text_col.type
    texty = pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_null(t) or (
        (pa.types.is_list(t) or pa.types.is_large_list(t)) and not pa.types.is_nested(t.value_type))
    texts = _parquet_strings(pa, text_col, "\n\n") if texty else None
    if texts is None:
        raise _core.FormatError(f"{path}: text column {fields['text']!r} is {text_col.type}, not text; "
                                "name the text column with text=")
    named = {name: (_parquet_strings(pa, flat.column(col), "; ") if col in names else None)
             for name, col in fields.items() if name != "text" and col}
    used = {c for c in fields.values() if c}
    other = {}
    if keep_other:
        for col in names:
            if col in used:
                continue
            values = _parquet_strings(pa, flat.column(col), "; ")
            if values is not None:
                other[col] = values
    base = os.path.basename(path)
    docs = []
    for i in range(table.num_rows):
        d = _core.Document()
        d.text = texts[i] or ""

        def value(name: str) -> str:
            v = named.get(name)
            return (v[i] or "") if v is not None else ""

        d.id = value("id") or f"{base}:{i + 1}"
        d.outlet = outlet_value or value("outlet")
        d.title = value("title")
        meta = {k: v[i] for k, v in other.items() if v[i]}
        for key in ("date", "url", "author"):
            if value(key):
                meta[key] = value(key)
        d.meta = meta
        docs.append(d)
    return docs


def read_text(
    into: _core.Corpus,
    paths: PathLike | Sequence[PathLike],
    *,
    outlet: str | None = None,
    clean: bool = True,
    boilerplate: bool = True,
    repeated_min_docs: int = 3,
    keep_rules: Iterable[str] = (),
    errors: str = "strict",
    day_first: bool | None = None,
    threads: int = 0,
    max_document_bytes: int | None = None,
    max_input_bytes: int | None = None,
    outlets: Sequence[str] | None = None,
) -> None:
    """Add raw page text files to ``into``, one article per file; see :func:`framelens.ingest.read_text`."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    report = _core.read_text_files(
        into, [os.fspath(p) for p in paths], outlet or "", errors=errors, clean=clean,
        boilerplate=boilerplate, repeated_min_docs=repeated_min_docs, day_first=day_first, threads=threads,
        keep_rules=list(keep_rules), max_document_bytes=max_document_bytes, max_input_bytes=max_input_bytes,
        outlets=None if outlets is None else list(outlets),
    )
    _warn_replaced(report)


def read(
    into: _core.Corpus,
    path_or_glob: PathLike | Iterable[PathLike],
    *,
    outlet: str | None = None,
    format: str | None = None,
    clean: bool = True,
    errors: str = "strict",
    threads: int = 0,
    outlets_by_folder: bool | None = None,
    **fields: Any,
) -> None:
    """Add the files of a path, directory, glob or list to ``into``, each by its format; see :func:`framelens.read`.
    A ``_folders_root`` field (private): the folder whose subfolders name the pages' outlets, decided by the
    caller over more files than these (framelens.dask.read's partitions)."""
    if format is not None and format not in FORMATS:
        raise _core.InvalidArgumentError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    day_first = fields.pop("day_first", None)
    groups = files_by_format(path_or_glob, format)
    root = fields.pop("_folders_root", None) or pages_by_folder(groups, outlet, outlets_by_folder)
    for fmt, group in groups.items():
        if fmt == "text":  # in one call, so that cleaning compares each outlet's pages in any order of the files
            read_text(into, group, outlet=outlet, clean=clean, errors=errors, day_first=day_first, threads=threads,
                      outlets=None if root is None else [folder for folder, _ in _folder_of(group, Path(root))],
                      **{k: v for k, v in fields.items() if k in ("boilerplate", "repeated_min_docs", "keep_rules",
                                                                  "max_document_bytes", "max_input_bytes")})
        elif fmt == "html":
            for folder, files in (_by_folder(group, Path(root)) if root is not None else [(outlet, group)]):
                read_html(into, files, outlet=folder, clean=clean, keep_rules=fields.get("keep_rules", ()),
                          max_document_bytes=fields.get("max_document_bytes"))
        else:
            rec = {k: v for k, v in fields.items() if k not in ("boilerplate", "repeated_min_docs", "outlet_field")}
            read_records(into, group, format=fmt, outlet=fields.get("outlet_field"), outlet_value=outlet, clean=clean,
                         errors=errors, day_first=day_first, threads=threads, **rec)


_DATE_FOLDER = re.compile(r"\d{1,4}(?:[-_.]\d{1,2}){0,2}")  # 2020, 05, 2020-05, 2020_05_31: no outlet


def _outlet_folder(folder: Path, root: Path) -> str:
    """The outlet a page's ``folder`` gives under ``root``: the first folder below the root that is not a
    date (``root/cnn/2020`` and ``root/2020/cnn``: "cnn"), else the root's own name."""
    for part in folder.relative_to(root).parts:
        if not _DATE_FOLDER.fullmatch(part):
            return part
    return root.name


def _parents(files: Iterable[str]) -> dict[str, str]:
    """Each file's folder, its links resolved: one look-up per folder, not per file (37,554 files in 490
    folders took 1.0 s resolved one by one)."""
    return {d: os.path.realpath(d or ".") for d in {os.path.dirname(f) for f in files}}


def _folder_of(files: list[str], root: Path) -> list[tuple[str, str]]:
    """``(outlet folder, file)`` for each file, in order (folders of the same name are one outlet)."""
    outlet = {d: _outlet_folder(Path(real), root) for d, real in _parents(files).items()}
    return [(outlet[os.path.dirname(f)], f) for f in files]


def _by_folder(files: list[str], root: Path) -> list[tuple[str, list[str]]]:
    """``(outlet folder, files)`` for each run of files under the same outlet folder, in order (the documents
    keep the order of the files)."""
    out: list[tuple[str, list[str]]] = []
    for folder, f in _folder_of(files, root):
        if out and out[-1][0] == folder:
            out[-1][1].append(f)
        else:
            out.append((folder, [f]))
    return out


def pages_by_folder(groups: dict[str, list[str]], outlet: str | None, outlets_by_folder: bool | None) -> str | None:
    """The folder whose subfolders name the outlets of the pages of ``groups`` (files by format), or None.
    The pages' deepest common folder is the root; each page's outlet is the first folder below it that is
    not a date, so that ``articles/cnn/2020/…`` and ``articles/bbc/2021/…`` are "cnn" and "bbc", and one
    outlet's ``cnn/2020/…`` and ``cnn/2021/…`` are no two outlets. Never with a given ``outlet``;
    as ``outlets_by_folder`` says; by default when the pages lie in two or more such folders."""
    pages = [f for fmt in ("text", "html") for f in groups.get(fmt, [])]
    if outlet is not None or outlets_by_folder is False or not pages:
        return None
    parents = set(_parents(pages).values())
    root = Path(os.path.commonpath(list(parents)))
    if outlets_by_folder or len({_outlet_folder(Path(p), root) for p in parents}) > 1:
        return str(root)
    return None


def files_by_format(path_or_glob: PathLike | Iterable[PathLike], format: str | None) -> dict[str, list[str]]:
    """The files of a path, directory, glob or list, grouped by format in order of first appearance."""
    items = [path_or_glob] if isinstance(path_or_glob, (str, os.PathLike)) else list(path_or_glob)
    groups: dict[str, list[str]] = {}
    for item in items:
        for f in _core.expand(os.fspath(item)):
            groups.setdefault(format or format_of(f), []).append(f)
    return groups


def read_html(
    into: _core.Corpus,
    pages: PathLike | str | Iterable[PathLike | str],
    *,
    outlet: str | None = None,
    url: str | None = None,
    clean: bool = True,
    keep_rules: Iterable[str] = (),
    max_document_bytes: int | None = None,
) -> None:
    """Add HTML pages (files or HTML text) to ``into`` through trafilatura; see :func:`framelens.ingest.read_html`."""
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError(
            "framelens.read_html needs trafilatura, the main-content extractor: pip install 'framelens[html]'"
        ) from None
    if isinstance(pages, (str, os.PathLike)):
        pages = [pages]
    docs = []
    pages = list(pages)
    show = None if len(pages) > 1 else False
    for i, page in enumerate(progress(pages, total=len(pages), desc="extracting HTML", enabled=show)):
        name = None
        if isinstance(page, os.PathLike) or (isinstance(page, str) and "<" not in page and len(page) < 4096):
            name = os.fspath(page)
            if not Path(name).exists():
                raise _core.MissingFileError(f"{name}: no such file; pass an HTML file path or the HTML text itself")
            html = _read_page(name, max_document_bytes or _MAX_DOCUMENT_BYTES).decode("utf-8", errors="replace")
        else:
            html = str(page)
        if not html.strip():
            raise _core.FormatError(f"{name or f'page {i}'}: is empty; there is no article to read")
        result = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False,
            # keep the time and zone of the publication date (framelens normalises it to ISO 8601)
            date_extraction_params={"extensive_search": True, "original_date": True,
                                    "outputformat": "%Y-%m-%dT%H:%M:%S%z"},
        )
        if result is None:
            raise _core.FormatError(
                f"{name or f'page {i}'}: trafilatura found no article text in this HTML; check that it is an "
                "article page (not an index or a script-rendered shell)"
            )
        data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
        d = _core.Document()
        d.text = data.get("text") or ""
        d.title = data.get("title") or ""
        d.outlet = outlet or data.get("sitename") or data.get("hostname") or ""
        d.id = Path(name).stem if name else f"page{i}"
        meta = {}
        for key, source in (("date", "date"), ("author", "author"), ("url", "url"), ("description", "description")):
            if data.get(source):
                meta[key] = str(data[source])
        if meta.get("date", "").endswith("T00:00:00"):  # a date-only page: the format above added no real time
            meta["date"] = meta["date"][:-9]
        if name:
            meta["file"] = name
        d.meta = meta
        docs.append(d)
    _core.add_documents(into, docs, clean=clean, page=False, keep_rules=list(keep_rules))
