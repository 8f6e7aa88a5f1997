"""Corpus and Document: the collection every analysis works on.

The text lives once, in the C++ core; a :class:`Document` is a view that keeps its corpus alive.
All offsets seen from Python are string (code point) offsets, so ``doc.text[start:end]`` is exact.
"""
from __future__ import annotations

import os
from typing import Any, Iterable, Iterator, Mapping

from . import _core, _readers
from ._html import corpus_html, document_html
from ._columns import add_frame
from .dtm import DocumentTermMatrix
from .quotes import COLUMNS as QUOTE_COLUMNS, _rows as quote_rows, corpus_quotes, quotes as find_quotes
from .tokens import tokens as find_tokens

__all__ = ["Corpus", "Document"]


class Document:
    """One article of a :class:`Corpus` (a view: it keeps the corpus alive).

    >>> corpus = Corpus()
    >>> doc = corpus.add("Seoul welcomed the pact.", outlet="Outlet A", title="Pact", date="2016-11-23")
    >>> doc.outlet, doc.title, doc.metadata["date"]
    ('Outlet A', 'Pact', '2016-11-23')
    """

    __slots__ = ("_corpus", "_index", "_text")

    def __init__(self, corpus: "Corpus", index: int) -> None:
        self._corpus = corpus
        self._index = index
        self._text: str | None = None

    @property
    def _doc(self) -> _core.Document:
        return self._corpus._core[self._index]

    @property
    def index(self) -> int:
        """Position of the document in its corpus."""
        return self._index

    @property
    def corpus(self) -> "Corpus":
        return self._corpus

    @property
    def id(self) -> str:
        return self._doc.id

    @property
    def outlet(self) -> str:
        return self._doc.outlet

    @property
    def title(self) -> str:
        return self._doc.title

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self._doc.text
        return self._text

    @property
    def metadata(self) -> dict[str, str]:
        """Date, author, url, dateline and any other key/values (a copy)."""
        return dict(self._doc.meta)

    @property
    def paragraphs(self) -> list[tuple[int, int]]:
        """Paragraph spans as ``(start, end)`` string offsets into :attr:`text`."""
        return self._doc.paragraphs

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans as ``(start, end)`` string offsets into :attr:`text`."""
        return self._doc.sentences

    @property
    def removed(self) -> list[dict[str, Any]]:
        """Lines that ingestion removed: ``{"text", "rule", "line", "metadata"}`` each (``metadata`` is True
        for the title/byline/date lines that became metadata; the others are boilerplate)."""
        return self._doc.removed

    def get(self, key: str) -> str:
        """The value of ``key``: ``"id"``, ``"outlet"``, ``"title"`` or a metadata key (``""`` when absent)."""
        return self._doc.get(key)

    def quotes(self, lang: str | None = None, model: str | None = None) -> Any:
        """One row per statement of this document, with the columns of :meth:`Corpus.quotes`; ``lang``
        defaults to the document's ``lang`` metadata, else English; ``model``: a content-boundary model
        file (:func:`framelens.quotes.train_model`), the rules alone by default. Jupyter's display of a
        document highlights these statements.

        >>> corpus = Corpus()
        >>> doc = corpus.add("“It works,” Foreign Minister Ana Ruiz said.", outlet="A")
        >>> doc.quotes()[["kind", "speaker", "start", "end"]].values.tolist()
        [['direct', 'Ana Ruiz', 0, 11]]
        """
        import pandas as pd

        found = find_quotes(self, lang=lang or self.get("lang") or "en", model=model)
        return pd.DataFrame(quote_rows(self.id, self.outlet, found), columns=QUOTE_COLUMNS)

    def _repr_html_(self) -> str:
        quotes = None
        quotes_fn = getattr(self, "quotes", None)
        if callable(quotes_fn):
            try:
                quotes = quotes_fn()
            except Exception:  # display must never fail because of one analysis
                quotes = None
        return document_html(self, quotes)

    def __repr__(self) -> str:
        text = self.text
        preview = text[:60].replace("\n", " ") + ("…" if len(text) > 60 else "")
        return f"<Document {self.id!r} outlet={self.outlet!r} chars={len(text)} {preview!r}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Document) and other._corpus is self._corpus and other._index == self._index

    def __hash__(self) -> int:
        return hash((id(self._corpus), self._index))


class Corpus:
    """An ordered collection of documents from one or more outlets.

    >>> corpus = Corpus()
    >>> _ = corpus.add("The minister said the pact matters.", outlet="Outlet A")
    >>> _ = corpus.add("Critics called the pact rushed.", outlet="Outlet B")
    >>> len(corpus), corpus.outlets
    (2, ['Outlet A', 'Outlet B'])
    """

    def __init__(self, documents: Iterable[Mapping[str, Any]] | None = None) -> None:
        self._core = _core.Corpus()
        if documents is not None:
            for d in documents:
                d = dict(d)
                self.add(d.pop("text"), **d)

    # -- building -----------------------------------------------------------------------------
    def add(self, text: str, outlet: str = "", title: str = "", id: str | None = None, **meta: Any) -> Document:
        """Add one document; extra keyword arguments become metadata (``date=…``, ``author=…``, ``url=…``).

        Raises :class:`framelens.EncodingError` (a ``ValueError``) for text that is not valid Unicode.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        meta_s = {k: str(v) for k, v in meta.items() if v is not None}
        try:
            index = self._core.add(text, outlet, title, id or "", meta_s)
        except TypeError:
            # pybind11 cannot convert a str holding lone surrogates to UTF-8: say where and why.
            for field, value in [("text", text), ("outlet", outlet), ("title", title), ("id", id or "")] + [
                (f"metadata {k!r}", v) for k, v in meta_s.items()
            ]:
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError as exc:
                    raise _core.EncodingError(
                        f"document {id or len(self)}: {field} is not valid Unicode at string offset {exc.start} "
                        f"({exc.reason}); clean the text, or decode the source with errors='replace'"
                    ) from None
            raise
        return Document(self, index)

    def add_texts(self, texts: Iterable[str], outlets: "str | Iterable[str] | None" = None, threads: int = 0) -> None:
        """Add many plain texts in one call: ``outlets`` is one outlet for all or one per text.

        Much faster than ``add`` in a loop; all or nothing (an invalid text adds none and names it).

        >>> corpus = Corpus()
        >>> corpus.add_texts(["Tax cut.", "Tax plan.", "Flood warning."], outlets=["A", "B", "A"])
        >>> len(corpus), corpus.outlets
        (3, ['A', 'B'])
        """
        texts = texts if isinstance(texts, (list, tuple)) else list(texts)
        if outlets is not None and not isinstance(outlets, (str, list, tuple)):
            outlets = list(outlets)
        self._core.add_texts(texts, outlets, threads)

    @classmethod
    def from_texts(cls, texts: Iterable[str], outlets: "str | Iterable[str] | None" = None, threads: int = 0) -> "Corpus":
        """A corpus of plain texts (like scikit-learn's list of documents), with one outlet for all or one per text.

        >>> Corpus.from_texts(["One.", "Two."], outlets="Wire")[1].outlet
        'Wire'
        """
        corpus = cls()
        corpus.add_texts(texts, outlets, threads)
        return corpus

    @classmethod
    def from_pandas(
        cls,
        df: Any,
        text: str = "text",
        outlet: str | None = "outlet",
        title: str | None = "title",
        id: str | None = "id",
        meta: Iterable[str] | None = None,
        clean: bool = False,
    ) -> "Corpus":
        """Build a corpus from a DataFrame: one row per document.

        ``text``/``outlet``/``title``/``id`` name the columns (a missing optional column is ignored);
        ``meta`` lists further columns to keep as metadata (default: every other column).
        ``clean=True`` runs the boilerplate rules (body mode), normalises ``date`` to ISO 8601 and
        segments paragraphs and sentences, as the file readers do. Values other than strings become
        ``str(value)``; missing ones (None, NaN, ``pd.NA``, ``NaT``) leave the field empty and the metadata
        key out. The columns go to the core as Arrow string buffers in one call (no Python loop per row;
        Arrow-backed string columns, as ``pd.read_parquet`` gives them, are read in place).

        >>> import pandas as pd
        >>> df = pd.DataFrame({"text": ["One.", "Two."], "outlet": ["A", "B"], "date": ["2020-01-01", "2020-01-02"]})
        >>> Corpus.from_pandas(df)[1].metadata
        {'date': '2020-01-02'}
        """
        corpus = cls()
        add_frame(corpus._core, df, text, outlet, title, id, meta, clean, 0)
        return corpus

    @classmethod
    def from_files(cls, paths: Any, outlet: str | None = None, **options: Any) -> "Corpus":
        """Raw page text files (a path, directory, glob or list), cleaned; see :func:`framelens.read`."""
        corpus = cls()
        _readers.read(corpus._core, paths, outlet=outlet, **options)
        return corpus

    @classmethod
    def from_jsonl(cls, path: Any, text: str | None = None, outlet: str | None = None, **options: Any) -> "Corpus":
        """JSON Lines (gzip too), streamed. ``text``/``outlet``/… name fields (as in :meth:`from_pandas`);
        see :func:`framelens.ingest.read_records` for the rest (``outlet_value=``, ``clean=``, ``errors=``)."""
        corpus = cls()
        _readers.read_records(corpus._core, path, format="jsonl", text=text, outlet=outlet, **options)
        return corpus

    @classmethod
    def from_csv(cls, path: Any, text: str | None = None, outlet: str | None = None, **options: Any) -> "Corpus":
        """CSV (``.tsv``: tab-separated; gzip too) with a header row; see :func:`framelens.ingest.read_records`."""
        fmt = "tsv" if _readers.format_of(str(path)) == "tsv" else "csv"
        corpus = cls()
        _readers.read_records(corpus._core, path, format=fmt, text=text, outlet=outlet, **options)
        return corpus

    @classmethod
    def from_parquet(cls, path: Any, text: str | None = None, outlet: str | None = None, **options: Any) -> "Corpus":
        """Parquet, one document per row, columns named as fields are in :meth:`from_jsonl` (a struct
        column's child as ``"parent.child"``); see :func:`framelens.ingest.read_records` (read with pyarrow).

        >>> import os, tempfile
        >>> import pyarrow as pa, pyarrow.parquet as pq
        >>> path = os.path.join(tempfile.mkdtemp(), "a.parquet")
        >>> pq.write_table(pa.table({"content": ["He declined."], "source": ["Outlet A"], "date": ["Nov. 24, 2016"]}), path)
        >>> doc = Corpus.from_parquet(path)[0]
        >>> doc.id, doc.outlet, doc.text, doc.metadata["date"], doc.metadata["date_raw"]
        ('a.parquet:1', 'Outlet A', 'He declined.', '2016-11-24', 'Nov. 24, 2016')
        """
        corpus = cls()
        _readers.read_records(corpus._core, path, format="parquet", text=text, outlet=outlet, **options)
        return corpus

    def to_parquet(self, path: Any) -> None:
        """Write one row per document (id, outlet, title, text, then every metadata key; null where a
        document lacks a key) to a Parquet file that :meth:`from_parquet` reads back. Reading it back
        re-derives ``date_raw`` as every record reader does: it becomes the ISO date that was read.

        >>> import os, tempfile
        >>> corpus = Corpus([{"text": "Tax cut.", "outlet": "A", "date": "2020-01-01"}])
        >>> path = os.path.join(tempfile.mkdtemp(), "c.parquet")
        >>> corpus.to_parquet(path)
        >>> [(d.id, d.outlet, d.text, d.metadata["date"]) for d in Corpus.from_parquet(path, clean=False)]
        [('doc0', 'A', 'Tax cut.', '2020-01-01')]
        """
        pa = _readers.pyarrow_modules()
        columns: dict[str, list[Any]] = {"id": self.labels("id"), "outlet": self.labels("outlet"),
                                         "title": self.labels("title"), "text": [d.text for d in self]}
        metas = [d.metadata for d in self]
        for key in dict.fromkeys(k for m in metas for k in m):
            if key not in columns:
                columns[key] = [m.get(key) for m in metas]
        pa.parquet.write_table(pa.table({k: pa.array(v, type=pa.string()) for k, v in columns.items()}),
                               os.fspath(path))

    # -- access -------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._core)

    def __iter__(self) -> Iterator[Document]:
        for i in range(len(self)):
            yield Document(self, i)

    def __getitem__(self, index: int) -> Document:
        n = len(self)
        if not isinstance(index, int):
            raise TypeError(f"corpus indices are integers, not {type(index).__name__}")
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError(f"document index out of range (corpus has {n} documents)")
        return Document(self, index)

    @property
    def outlets(self) -> list[str]:
        """Distinct outlets in order of first appearance."""
        return self._core.outlets()

    def labels(self, key: str) -> list[str]:
        """The value of ``key`` (``"outlet"``, ``"id"``, ``"title"`` or a metadata key) for every document."""
        return self._core.labels(key)

    @property
    def docnames(self) -> list[str]:
        return self._core.labels("id")

    # -- tokens and matrices (framelens.tokens / framelens.dtm) ---------------------------------
    def tokens(self, index: int, **options: Any) -> list:
        """Tokens of document ``index`` with string offsets (``text[t.start:t.end] == t.text``) and
        normalised forms ``t.norm``; options as :func:`framelens.tokens.token_options`.

        >>> corpus = Corpus()
        >>> _ = corpus.add("Korea’s envoy spoke.", outlet="Outlet A")
        >>> [(t.text, t.norm) for t in corpus.tokens(0)][:2]
        [('Korea’s', "korea's"), ('envoy', 'envoy')]
        """
        return find_tokens(self[index].text, **options)

    def dtm(self, weighting: str = "count", ngrams: Any = 1, min_df: Any = 1, max_df: Any = 1.0,
            threads: int = 0, **options: Any) -> Any:
        """The document-term matrix (:class:`framelens.DocumentTermMatrix`), counted on all cores.

        ``weighting``: count, proportion, log, boolean, tfidf, tfidf_quanteda, tfidf_gensim, bm25;
        ``min_df``/``max_df``: int = documents, float = proportion (as scikit-learn); other options as
        :func:`framelens.tokens.token_options` (``mode="sklearn"`` for scikit-learn's exact tokens).

        >>> corpus = Corpus([{"text": "Tax cut.", "outlet": "A"}, {"text": "Tax plan.", "outlet": "B"}])
        >>> m = corpus.dtm()
        >>> m.terms, m.matrix.toarray().tolist()
        (['cut', 'plan', 'tax'], [[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]])
        """
        return DocumentTermMatrix.from_corpus(self, weighting=weighting, ngrams=ngrams, min_df=min_df,
                                              max_df=max_df, threads=threads, **options)

    def to_pandas(self) -> Any:
        """One row per document: id, outlet, title, text and every metadata key."""
        import pandas as pd

        rows = []
        for d in self:
            row = {"id": d.id, "outlet": d.outlet, "title": d.title, "text": d.text}
            row.update(d.metadata)
            rows.append(row)
        return pd.DataFrame(rows, columns=None if rows else ["id", "outlet", "title", "text"])

    def quotes(self, lang: str | None = None, threads: int = 0, model: str | None = None) -> Any:
        """One row per quote (document, id, outlet, kind, text, speaker, mention, cue, source_type,
        anonymous, role, affiliation, start, end, confidence); speakers canonical across the corpus; each
        document in its ``lang`` metadata (default English) unless ``lang`` is given; ``model``: a
        content-boundary model file for the documents of its language (the rules alone by default). ``document`` is the
        position in the corpus (ids need not be unique), ``id`` the document's id; the table, edited or
        filtered, can go back in as ``framelens.compare(corpus, quotes=...)``, which counts exactly these
        rows by default.

        >>> corpus = Corpus()
        >>> _ = corpus.add("“It works,” Foreign Minister Ana Ruiz said.", outlet="A")
        >>> _ = corpus.add("Ruiz said the talks failed.", outlet="B")
        >>> corpus.quotes()[["outlet", "kind", "speaker"]].values.tolist()
        [['A', 'direct', 'Ana Ruiz'], ['B', 'indirect', 'Ana Ruiz']]
        """
        return corpus_quotes(self, lang=lang, threads=threads, model=model)

    def __repr__(self) -> str:
        return f"<Corpus: {len(self)} documents, {len(self.outlets)} outlets>"

    def _repr_html_(self) -> str:
        return corpus_html(self)
