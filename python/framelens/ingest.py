"""Reading articles: raw page text, JSON Lines, CSV, JSON (BASIL layout), Parquet and HTML, gzip or not.

Every reader returns a :class:`~framelens.Corpus` whose documents carry ``metadata`` (``date`` in
ISO 8601, ``date_raw``, ``author``, ``dateline``, ``url``), ``paragraphs``, ``sentences`` and
``removed`` (every line cleaning took out, with the rule that removed it). The readers themselves are in
``_readers.py`` and know no Corpus; these functions give them one (``framelens.read`` is
:meth:`Corpus.from_files`).

>>> import framelens, pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text(
...     "Home\\n\\nHarbour plan wins backing\\n\\n3 March 2021 | By Ana Ruiz in Lisbon\\n\\n"
...     "The council approved the harbour plan on Tuesday. Critics said it was rushed.\\n\\nShare this\\n")
>>> doc = framelens.read(folder / "a.txt")[0]
>>> doc.title, doc.metadata["date"], doc.metadata["author"], doc.metadata["dateline"]
('Harbour plan wins backing', '2021-03-03', 'Ana Ruiz', 'Lisbon')
>>> [(r["text"], r["rule"]) for r in doc.removed if not r["metadata"]]
[('Home', 'navigation'), ('Share this', 'share')]
>>> len(doc.sentences)
2
"""
from __future__ import annotations

import os
from typing import Any, Iterable, Sequence, Union

from . import _core, _readers
from ._readers import FIELD_CANDIDATES
from .corpus import Corpus


__all__ = ["read", "read_html", "read_text", "read_records", "parse_date", "FIELD_CANDIDATES"]

PathLike = Union[str, "os.PathLike[str]"]


def read_records(
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
    corpus: Corpus | None = None,
    max_document_bytes: int | None = None,
    max_input_bytes: int | None = None,
) -> Corpus:
    """Read JSON Lines, JSON or CSV/TSV files (gzip or not), one document per record, streamed; or Parquet
    files (one document per row, read with pyarrow).

    ``text``, ``title``, ``outlet``, ``date``, ``url``, ``author``, ``id`` name the record fields, as
    :meth:`Corpus.from_pandas` names columns (dotted paths reach into nested objects:
    ``outlet="meta.publisher"``); an unnamed field is looked up in :data:`FIELD_CANDIDATES`.
    ``outlet_value`` sets one outlet for every record instead (the user's value wins). Other scalar fields become metadata unless ``keep_other=False``.
    With ``clean=True`` the text goes through the boilerplate rules in body mode (the record already
    says what the title is); ``date`` is normalised to ISO 8601 and the source text kept as ``date_raw``.
    ``max_document_bytes`` (default 256 MiB: one record) and ``max_input_bytes`` (default 16 GiB: one
    file after decompression) are checked while reading; beyond them a :class:`framelens.FormatError`
    names the file and the limit.

    >>> import framelens, json, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "a.jsonl")
    >>> with open(path, "w") as f:
    ...     _ = f.write(json.dumps({"content": "He declined.", "source": "Outlet A", "date": "Nov. 24, 2016"}) + "\\n")
    >>> doc = read_records(path)[0]
    >>> doc.outlet, doc.text, doc.metadata["date"], doc.metadata["date_raw"]
    ('Outlet A', 'He declined.', '2016-11-24', 'Nov. 24, 2016')

    Parquet columns are named as record fields are (``outlet="meta.publisher"`` for a struct column's
    child); a list column is joined as paragraphs (text) or with ``"; "`` (other fields), dates and
    timestamps become ISO 8601 text, and ids default to ``file:row`` (rows from 1).
    """
    corpus = corpus if corpus is not None else Corpus()
    _readers.read_records(
        corpus._core, paths, format=format, text=text, title=title, outlet=outlet, date=date, url=url, author=author,
        id=id, keep_other=keep_other, outlet_value=outlet_value, clean=clean, boilerplate=boilerplate,
        keep_rules=keep_rules, errors=errors, day_first=day_first, threads=threads,
        max_document_bytes=max_document_bytes, max_input_bytes=max_input_bytes,
    )
    return corpus


def read_text(
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
    corpus: Corpus | None = None,
    max_document_bytes: int | None = None,
    max_input_bytes: int | None = None,
    outlets: Sequence[str] | None = None,
) -> Corpus:
    """Read raw page text files (what "save as text" or a scraper gives), one article per file.

    Cleaning reads the masthead, headline, byline, dateline and date, and removes boilerplate by
    general rules; every removed line stays in ``doc.removed``. ``outlet`` (when given) wins over the
    detected outlet; ``outlets`` gives each file its own (one per path, ``""`` to detect it), and the
    files are still cleaned together, each outlet's pages compared whatever their order.
    ``errors="replace"`` substitutes U+FFFD for invalid UTF-8 and warns with the count.
    ``keep_rules`` overrides rules after inspection: lines removed by those rules stay in the text
    (e.g. ``keep_rules=["page-end"]``).
    """
    corpus = corpus if corpus is not None else Corpus()
    _readers.read_text(
        corpus._core, paths, outlet=outlet, clean=clean, boilerplate=boilerplate, repeated_min_docs=repeated_min_docs,
        keep_rules=keep_rules, errors=errors, day_first=day_first, threads=threads,
        max_document_bytes=max_document_bytes, max_input_bytes=max_input_bytes, outlets=outlets,
    )
    return corpus


def read(
    path_or_glob: PathLike | Iterable[PathLike],
    *,
    outlet: str | None = None,
    format: str | None = None,
    clean: bool = True,
    errors: str = "strict",
    threads: int = 0,
    outlets_by_folder: bool | None = None,
    **fields: Any,
) -> Corpus:
    """Read articles from a file, a directory (recursively), a glob pattern, or a list of these.

    The format follows each file's extension (``.txt`` and anything else: raw page text; ``.jsonl``,
    ``.json``, ``.csv``, ``.tsv``, each optionally ``.gz``; ``.parquet``; ``.html`` through
    :func:`read_html`), or
    ``format=`` for all. ``outlet`` is the user's outlet for every article and always wins over
    detected or recorded ones. Pages (raw text and HTML files) that lie in two or more folders take
    their folder's name as outlet, whatever a page names (a syndicate's copyright line, the wire a
    story came from): the one-folder-per-outlet layout, where the outlet is the first folder below the
    pages' common folder (``articles/cnn/2020/a.txt`` and ``articles/bbc/b.txt``: "cnn" and "bbc");
    ``outlets_by_folder=False`` keeps the outlets found on the pages, ``True`` uses folder names for the
    pages of a single folder too. Records
    (JSON Lines, CSV, Parquet) keep their own outlet field. Further keyword arguments go to the record readers: field names
    (``text="content"``, ``date=…``, ``outlet_field="meta.publisher"``), ``day_first=…``,
    ``keep_other=…``; and to the page reader: ``boilerplate=…``, ``repeated_min_docs=…``.
    ``keep_rules=[…]`` (all formats) keeps the lines of the named rules in the text: the override
    after looking at ``doc.removed`` or ``framelens inspect``. ``max_document_bytes`` (all
    formats) and ``max_input_bytes`` (all but HTML) bound one document and one decompressed file.

    Raises :class:`framelens.MissingFileError` when nothing matches, :class:`framelens.FormatError`
    for empty, binary or malformed files and :class:`framelens.EncodingError` for invalid UTF-8
    (unless ``errors="replace"``).

    >>> import framelens, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "page.txt").write_text("Menu\\n\\nPort strike ends\\n\\nDockers voted on Monday. He declined.\\n")
    >>> _ = (folder / "more.jsonl").write_text('{"content": "Talks resume.", "source": "Outlet B"}\\n')
    >>> corpus = framelens.read(folder)
    >>> [(d.outlet, d.title, d.text) for d in corpus]
    [('Outlet B', '', 'Talks resume.'), ('', 'Port strike ends', 'Dockers voted on Monday. He declined.')]
    >>> framelens.read(folder / "page.txt", outlet="Outlet A")[0].outlet
    'Outlet A'
    """
    return Corpus.from_files(path_or_glob, outlet=outlet, format=format, clean=clean, errors=errors, threads=threads,
                             outlets_by_folder=outlets_by_folder, **fields)


def read_html(
    pages: PathLike | str | Iterable[PathLike | str],
    *,
    outlet: str | None = None,
    url: str | None = None,
    clean: bool = True,
    keep_rules: Iterable[str] = (),
    corpus: Corpus | None = None,
    max_document_bytes: int | None = None,
) -> Corpus:
    """Read HTML pages (files, or HTML strings) with trafilatura's main-content extractor.

    trafilatura finds the article body and its metadata (title, author, date, site name, url); the
    framelens core then applies its boilerplate rules in body mode, normalises the date and segments
    paragraphs and sentences. Needs the optional extra: ``pip install 'framelens[html]'``.

    >>> html = ("<html><body><nav><a href='/'>Home</a></nav><article><h1>Tram line approved</h1>"
    ...         "<p>The transport board approved a four-kilometre extension of the tram line to the hospital on Friday.</p>"
    ...         "<p>Work starts next year, the board said.</p></article></body></html>")
    >>> doc = read_html(html, outlet="Valley Ledger")[0]
    >>> doc.outlet, doc.title, len(doc.sentences)
    ('Valley Ledger', 'Tram line approved', 2)
    """
    corpus = corpus if corpus is not None else Corpus()
    _readers.read_html(corpus._core, pages, outlet=outlet, url=url, clean=clean, keep_rules=keep_rules,
                       max_document_bytes=max_document_bytes)
    return corpus


def parse_date(text: str, day_first: bool | None = None, default_year: int = 0) -> dict[str, Any] | None:
    """Read a date as news pages write it; ISO 8601 in ``"iso"`` (empty when ambiguous).

    >>> parse_date("25th December 2019 - 08:05 GMT")["iso"]
    '2019-12-25T08:05:00Z'
    >>> parse_date("Nov. 24, 2016, 10:11 p.m. EST")["iso"]
    '2016-11-24T22:11:00-05:00'
    >>> d = parse_date("03/04/2016"); d["iso"], d["ambiguous"]
    ('', True)
    >>> parse_date("03/04/2016", day_first=True)["iso"]
    '2016-04-03'
    >>> parse_date("not a date") is None
    True
    """
    return _core.parse_date(text, day_first=day_first, default_year=default_year)
