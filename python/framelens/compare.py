"""Comparative framing: several outlets' coverage of the same stories, side by side.

:func:`compare` runs the whole comparison in the C++ core and returns a :class:`Comparison`: what each
outlet reports alone (``unique``) and leaves out (``omitted``) after aligning the sentences of every story,
its distinctive terms (log-odds with an informative Dirichlet prior by default), its sourcing profile,
the actors it names and how, its frame scores, the outlet×outlet similarity and, for a pile of articles,
the story of each document.

>>> import framelens
>>> corpus = framelens.datasets.sample(lang="en")
>>> cmp = framelens.compare(corpus)            # stories from the documents' "story" metadata
>>> cmp.outlets
['The Meridian Herald', 'Daily Sentinel', 'Northwind Wire', 'The Coastal Courier']
>>> sorted(cmp.stories["story"].unique())
['floods', 'rates', 'strait', 'tunnel']
>>> cmp.similarity.shape
(4, 4)
>>> back = framelens.Comparison.from_json(cmp.to_json())
>>> back.to_json() == cmp.to_json()
True
"""
from __future__ import annotations

import html as _html
import json
import math
import os
from typing import Any, Iterable, Mapping, Sequence

from . import _core
from ._progress import phases
from ._report import report_html, summary_html
from ._tables import frame
from .corpus import Corpus
from .frames import FrameLexicon, outlet_difference, outlet_frames
from .quotes import extractor

__all__ = ["compare", "Comparison", "keyness", "group_stories", "FrameLexicon", "SCHEMA_VERSION"]

SCHEMA_VERSION: int = _core.COMPARISON_SCHEMA_VERSION

#: With story=None and no "story" metadata, up to this many documents are compared as one story.
_ONE_STORY_MAX = 50

_STATEMENT_FIELDS = ("document", "start", "end", "speaker", "kind", "anonymous", "affiliation", "source_type", "cue")


def group_stories(
    corpus: Corpus,
    threshold: float = 0.2,
    window_days: float = 3.0,
    entity_weight: float = 3.0,
    date_key: str = "date",
    threads: int = 0,
) -> list[str]:
    """A story label for every document: average-link clustering of entity-weighted TF-IDF cosine,
    only between documents whose ``date`` metadata lie within ``window_days`` of each other.

    >>> c = Corpus()
    >>> _ = c.add("Kestria detains the Halcyon Star in the Strait of Corran.", outlet="A", date="2025-03-03")
    >>> _ = c.add("The Halcyon Star was seized by Kestria in the Strait of Corran.", outlet="B", date="2025-03-03")
    >>> _ = c.add("The Bank of Aldoria raised interest rates to 5.5%.", outlet="A", date="2025-03-11")
    >>> group_stories(c)
    ['story-1', 'story-1', 'story-2']
    """
    return _core.group_stories(corpus._core, threshold=threshold, window_days=window_days,
                               entity_weight=entity_weight, date_key=date_key, threads=threads)


def keyness(
    corpus: Corpus,
    target: str,
    reference: str | None = None,
    by: str = "outlet",
    measure: str = "log_odds",
    correction: str = "default",
    prior: float = 500.0,
    house_style: bool = False,
    top: int = 0,
    threads: int = 0,
) -> Any:
    """Distinctive terms of the documents whose ``by`` label is ``target`` against ``reference``
    (``None``: every other document), as a DataFrame sorted by score (``top`` > 0 keeps the top over-used).

    ``measure``: ``"log_odds"`` (z-score of the log-odds ratio with an informative Dirichlet prior of total
    ``prior``; Monroe et al. 2008), ``"chi2"``, ``"g2"`` or ``"pmi"`` (quanteda's textstat_keyness formulas,
    with its ``correction`` rules).

    >>> c = Corpus()
    >>> _ = c.add("The regime seized the ship. The regime denied it.", outlet="A")
    >>> _ = c.add("The government detained the ship. The government said it acted lawfully.", outlet="B")
    >>> keyness(c, "A", measure="chi2").iloc[0]["term"]
    'regime'
    """
    import pandas as pd

    rows = _core.keyness_terms(corpus._core, corpus.labels(by), target, reference or "", measure=measure,
                               correction=correction, prior=prior, house_style=house_style, top=top,
                               threads=threads)
    return pd.DataFrame(rows, columns=["term", "score", "p", "n_target", "n_reference"])


def _resolve_stories(corpus: Corpus, story: Any, story_options: Mapping[str, Any] | None) -> tuple[list[str], dict | None]:
    """(story labels, None), or ([], grouping options) when the core groups the documents into stories
    from the comparison's own pass over the text (as :func:`group_stories` would)."""
    n = len(corpus)
    group = dict(story_options or {})
    if story is None:
        labels = corpus.labels("story")
        if n and all(labels):
            return labels, None
        # A handful of articles is one story; a pile is grouped into stories first.
        return ([], None) if n <= _ONE_STORY_MAX else ([], group)
    if isinstance(story, str):
        if story == "auto":
            return [], group
        labels = corpus.labels(story)
        if not any(labels):
            raise KeyError(f"no document has the metadata key {story!r}; pass story='auto' to group the documents "
                           "into stories, or a list with one story label per document")
        missing = [i for i, v in enumerate(labels) if not v]
        if missing:
            raise _core.InvalidArgumentError(
                f"documents {missing[:5]} have no {story!r} metadata; give every document a story label")
        return labels, None
    labels = [str(s) for s in story]
    if len(labels) != n:
        raise _core.InvalidArgumentError(f"story has {len(labels)} labels for {n} documents; give one per document")
    return labels, None


_QUOTE_FIELDS = ("speaker", "kind", "affiliation", "source_type", "cue", "mention", "role")


def _quote_columns(quotes: Any) -> dict[str, Any]:
    """A quote table (a DataFrame such as :meth:`Corpus.quotes` returns, or a list of dicts) as columns."""
    import numpy as np
    import pandas as pd

    df = quotes if isinstance(quotes, pd.DataFrame) else pd.DataFrame(list(quotes))
    for key in ("document", "start", "end"):
        if key not in df.columns:
            raise _core.InvalidArgumentError(f"the quote table has no {key!r} column; each quote needs document, start, end")
    cols: dict[str, Any] = {}
    for key in ("document", "start", "end"):
        values = pd.to_numeric(df[key], errors="coerce").to_numpy(dtype=float)
        bad = np.flatnonzero(~np.isfinite(values) | (values != np.round(values)))
        if len(bad):
            raise _core.InvalidArgumentError(
                f"quote {int(bad[0])}: {key} must be a whole number, not {df[key].iloc[int(bad[0])]!r}")
        cols[key] = values.astype(np.int64)
    for key in _QUOTE_FIELDS:
        if key in df.columns:  # an empty cell (NaN, None, pd.NA) is a missing value, not the string "nan"
            col = df[key]
            cols[key] = col.astype(object).where(col.notna(), "").astype(str).tolist()
    if "anonymous" in df.columns:
        anon = df["anonymous"].astype(object)
        cols["anonymous"] = anon.where(anon.notna(), False).astype(bool).tolist()
    return cols


def _extractors(corpus: Corpus) -> dict[str, Any]:
    """The shared extractor of every language in the corpus: the one :meth:`Corpus.quotes` uses."""
    out = {}
    for lang in set(corpus.labels("lang")) | {"en"}:
        lang = lang or "en"
        try:
            out[lang] = extractor(lang)
        except _core.InvalidArgumentError:  # no cue lexicon: its documents contribute no quotes
            pass
    return out


def compare(
    corpus: Corpus,
    by: str = "outlet",
    story: str | Sequence[str] | None = None,
    *,
    quotes: Any = True,
    actors: Mapping[str, Iterable[str]] | None = None,
    measure: str = "log_odds",
    correction: str = "default",
    prior: float = 500.0,
    house_style: bool = False,
    frames: "str | os.PathLike[str] | _core.FrameLexicon | None" = None,
    align_threshold: float | None = None,
    min_sentence_words: int = 5,
    top_terms: int = 20,
    top_actors: int = 15,
    max_omitted: int = 500,
    story_options: Mapping[str, Any] | None = None,
    idf_scope: str | None = None,
    threads: int = 0,
    progress: bool | None = None,
) -> "Comparison":
    """Compare the groups ``by`` (outlets by default) of ``corpus``, story by story.

    ``story``: ``None`` uses the documents' ``story`` metadata when every document has one, else treats
    a corpus of up to 50 documents as one story and groups a larger one (a pile) automatically; ``"auto"``
    groups the documents into stories (:func:`group_stories`, with ``story_options``); any other string
    names a metadata key; a sequence gives one label per document.

    ``quotes``: ``True`` (default) attributes quotes with exactly the extractors :meth:`Corpus.quotes`
    uses (each document in its ``lang`` metadata, default English; cues added with
    :func:`framelens.add_cues` count); a ``QuoteExtractor`` (``framelens.quotes.extractor(lang, model=...)``) to use for every document;
    a quote table (the DataFrame :meth:`Corpus.quotes` returns, edited or filtered, or any table with
    ``document``, ``start``, ``end`` in string offsets and ``speaker``, ``kind``, ``anonymous``,
    ``affiliation``, ``source_type``, ``cue``); or ``False`` for no sourcing profile.

    ``actors`` maps an actor to the labels that name it, for the labelling table (default: the countries
    of the embedded gazetteer, each with its names, its capital-as-metonym such as "Pyongyang", and
    "<demonym> government/regime/authorities"). ``frames`` is a lexicon path (.json or LIWC-style .dic)
    or a :class:`FrameLexicon` (default: the generic frames). ``house_style=True`` drops honorifics and
    outlet self-references from the distinctive terms.

    ``progress``: a tqdm bar over the phases (story grouping, then the core's phases as they start);
    default: only in interactive runs (``FRAMELENS_PROGRESS=0|1`` overrides).

    >>> import framelens
    >>> cmp = framelens.compare(framelens.datasets.sample(lang="en"), house_style=True)
    >>> "regime" in cmp.distinctive_terms.query("outlet == 'Daily Sentinel'")["term"].tolist()
    True
    """
    bar = phases(_core.compare_phases(), desc="compare", enabled=progress)
    stories, group = _resolve_stories(corpus, story, story_options)
    lexicon = frames
    if frames is not None and not isinstance(frames, _core.FrameLexicon):
        lexicon = _core.FrameLexicon.load(os.fspath(frames))
    kwargs: dict[str, Any] = {}
    if align_threshold is not None:
        kwargs["align_threshold"] = float(align_threshold)
    if idf_scope is not None:
        kwargs["idf_scope"] = idf_scope
    given = None
    extractors: dict[str, Any] = {}
    if isinstance(quotes, _core.QuoteExtractor):
        extractors = {lang or "en": quotes for lang in set(corpus.labels("lang")) | {"en"}}
    elif quotes is True:
        extractors = _extractors(corpus)
    elif quotes is not False and quotes is not None:
        given = _quote_columns(quotes)
    core = _core.compare(
        corpus._core, by=by, stories=stories, min_sentence_words=min_sentence_words, top_terms=top_terms,
        measure=measure, correction=correction, prior=prior, house_style=house_style, lexicon=lexicon,
        quotes=given, extract_quotes=quotes is not False and quotes is not None, extractors=extractors,
        actors={k: list(v) for k, v in (actors or {}).items()}, top_actors=top_actors, max_omitted=max_omitted,
        threads=threads, progress=bar.step if bar.enabled else None, group_stories=group, **kwargs,
    )
    bar.close()
    return Comparison(core, corpus=corpus)


def _listed(values: Any) -> Any:
    """A "; "-joined string column as lists (empty: [])."""
    return [v.split("; ") if v else [] for v in values.fillna("").tolist()]


class Comparison:
    """The result of :func:`compare`: column-oriented tables in the C++ core, each view a pandas DataFrame
    built when asked (no per-row Python work), JSON and Parquet at the edges, and an HTML report.

    Views: :attr:`summary`, :attr:`stories`, :attr:`similarity`, :attr:`story_similarity`,
    :attr:`coverage`, :attr:`unique`, :attr:`omitted`, :attr:`matches`, :attr:`entities`,
    :attr:`distinctive_terms`, :attr:`frames`, :attr:`document_frames`, :attr:`frame_terms`,
    :attr:`sourcing`, :attr:`quotes`, :attr:`shared_quotes`, :attr:`shared_quote_members`,
    :attr:`speaker_overlap`, :attr:`actors`, :attr:`labels`.
    Offsets are string offsets into ``corpus[document].text``; ``document`` is the position in the
    corpus and ``id`` the document's id.

    >>> import framelens
    >>> cmp = framelens.compare(framelens.datasets.sample(lang="en"))
    >>> row = cmp.unique.iloc[0]
    >>> doc = cmp.corpus[int(row["document"])]
    >>> doc.text[row["start"]:row["end"]] == row["text"]
    True
    """

    def __init__(self, core: Any, corpus: Corpus | None = None) -> None:
        self._core = core
        self._corpus = corpus

    # -- serialisation ---------------------------------------------------------------------------------
    def to_json(self, indent: int | None = None) -> str:
        """The comparison as JSON (schema ``framelens.comparison``, ``version`` 2; docs/comparison.md),
        streamed by the C++ core. ``indent`` pretty-prints."""
        return self._core.to_json(-1 if indent is None else int(indent))

    @classmethod
    def from_json(cls, text: str, corpus: Corpus | None = None) -> "Comparison":
        """Read JSON written by :meth:`to_json` (validated by the core; raises :class:`framelens.FormatError`).

        >>> import framelens
        >>> framelens.Comparison.from_json('{"schema": "other"}')
        Traceback (most recent call last):
        ...
        framelens.FormatError: comparison JSON: no "schema": "framelens.comparison" field; this is not a framelens comparison
        """
        return cls(_core.Comparison.from_json(text), corpus=corpus)

    def to_parquet(self, path: "str | os.PathLike[str]") -> None:
        """Write one Parquet file per table into the folder ``path`` (string columns dictionary-encoded, as
        the core holds them) and the matrices and settings as ``comparison.json`` (with pyarrow)."""
        pa, pq = _pyarrow()
        folder = os.fspath(path)
        os.makedirs(folder, exist_ok=True)
        for name in self._core.table_names:
            cols = self._core.table(name)
            arrays, fields = [], []
            for col, kind in self._core.table_types(name):
                v = cols[col]
                arrays.append(pa.DictionaryArray.from_arrays(pa.array(v[0], pa.int32()), pa.array(v[1], pa.string()))
                              if kind == "string" else pa.array(v))
                fields.append(col)
            pq.write_table(pa.table(arrays, names=fields), os.path.join(folder, f"{name}.parquet"))
        c = self._core
        matrices = {name: [None if math.isnan(v) else v for v in c.matrix(name).tolist()] for name in c.matrix_names}
        meta = {"schema": "framelens.comparison", "version": c.version, "by": c.by, "align_threshold": c.align_threshold,
                "idf_scope": c.idf_scope, "keyness_measure": c.keyness_measure, "token_options": dict(c.token_options),
                "outlets": list(c.outlets), "frame_names": list(c.frame_names), "matrices": matrices,
                "tables": {name: c.table_types(name) for name in c.table_names}}
        with open(os.path.join(folder, "comparison.json"), "w", encoding="utf-8") as f:
            json.dump(meta, f)

    @classmethod
    def from_parquet(cls, path: "str | os.PathLike[str]", corpus: Corpus | None = None) -> "Comparison":
        """Read a folder written by :meth:`to_parquet`."""
        pa, pq = _pyarrow()
        folder = os.fspath(path)
        try:
            with open(os.path.join(folder, "comparison.json"), encoding="utf-8") as f:
                meta = json.load(f)
        except FileNotFoundError:
            raise _core.MissingFileError(f"{folder}: no comparison.json; is this a folder written by "
                                         "Comparison.to_parquet?") from None
        types = meta.pop("tables")
        core = _core.Comparison.from_json(json.dumps({**meta, "tables": {}}))
        for name, columns in types.items():
            table = pq.read_table(os.path.join(folder, f"{name}.parquet"))
            spec = []
            for col, kind in columns:
                arr = table.column(col).combine_chunks()
                if kind == "string":
                    if not pa.types.is_dictionary(arr.type):
                        arr = arr.dictionary_encode()
                    spec.append((col, kind, (arr.indices.to_numpy(zero_copy_only=False), arr.dictionary.to_pylist())))
                else:
                    spec.append((col, kind, arr.to_numpy(zero_copy_only=False)))
            core.set_table(name, spec)
        return cls(core, corpus=corpus)

    def __getstate__(self) -> dict[str, Any]:
        return {"json": self.to_json(), "corpus": self._corpus}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._core = _core.Comparison.from_json(state["json"])
        self._corpus = state["corpus"]

    @property
    def corpus(self) -> Corpus | None:
        """The corpus compared (``None`` for a comparison read from JSON without one)."""
        return self._corpus

    @property
    def outlets(self) -> list[str]:
        return list(self._core.outlets)

    @property
    def by(self) -> str:
        return self._core.by

    @property
    def settings(self) -> dict[str, Any]:
        """What the comparison used: grouping key, alignment threshold, idf scope, keyness measure, token options."""
        return {"by": self._core.by, "align_threshold": self._core.align_threshold, "idf_scope": self._core.idf_scope,
                "keyness_measure": self._core.keyness_measure, "token_options": dict(self._core.token_options),
                "version": self._core.version}

    # -- views ----------------------------------------------------------------------------------------------
    def table(self, name: str, columns: "Sequence[str] | None" = None, rows: Any = None) -> Any:
        """One of the core's tables as it is (``outlets``, ``documents``, ``sentences``, ``matches``,
        ``unique``, ``omitted``, ``entities``, ``distinctive_terms``, ``frame_terms``, ``quotes``,
        ``quote_counts``, ``first_quoted``, ``exclusive_speakers``, ``shared_quotes``, ``shared_quote_members``,
        ``actors``, ``labels``); only ``columns`` and the rows at positions ``rows`` (in that order) when
        given, which converts only those (a few sentences of a corpus's 768,000 cost little)."""
        import numpy as np

        if columns is None and rows is None:
            return frame(self._core.table(name))
        n = self._core.table_rows(name)
        if rows is None:
            rows = np.arange(n, dtype=np.int64)
        rows = np.asarray(rows)
        if rows.dtype == bool:  # a mask, as pandas takes one
            if rows.shape != (n,):
                raise IndexError(f"a boolean mask of {len(rows)} values for the {n} rows of table {name!r}")
            rows = np.flatnonzero(rows)
        elif rows.size and rows.dtype.kind not in "iu":
            raise TypeError(f"rows must be integer positions or a boolean mask, not {rows.dtype}")
        return frame(self._core.table_subset(name, list(columns or []), rows.astype(np.int64, copy=False)))

    def _sentence_rows(self, ids: Any) -> Any:
        """The rows of the ``sentences`` table holding the sentence ids ``ids`` (their positions)."""
        import numpy as np
        import pandas as pd

        known = self.table("sentences", columns=["sentence"])["sentence"].to_numpy()
        ids = np.asarray(ids, dtype=np.int64)
        if len(known) and np.array_equal(known, np.arange(len(known))):  # ids are positions (as written)
            at = ids
        else:
            at = pd.Index(known).get_indexer(ids)
        if len(at) and (at.min() < 0 or at.max() >= len(known)):
            raise KeyError(f"sentence {int(ids[(at < 0) | (at >= len(known))][0])} is not in the sentences table")
        return at

    def _square(self, name: str, columns: list[str] | None = None) -> Any:
        import pandas as pd

        names = self.outlets
        cols = columns if columns is not None else names
        values = self._core.matrix(name).reshape(len(names), len(cols)) if names else []
        return pd.DataFrame(values, index=names, columns=cols, dtype=float)

    @property
    def summary(self) -> Any:
        """One row per outlet: documents, tokens, types (distinct content terms), sentences, unique/omitted
        sentences, quotes, speakers, anonymous share and the top five distinctive terms."""
        df = self.table("outlets")
        terms = self.table("distinctive_terms")
        top = terms[terms["rank"] <= 5].groupby("outlet", sort=False)["term"].agg(", ".join)
        df["top_terms"] = [top.get(o, "") for o in df["outlet"]]  # one per outlet
        return df[["outlet", "documents", "tokens", "types", "sentences", "unique", "omitted", "quotes", "speakers",
                   "anonymous_share", "top_terms"]]

    @property
    def stories(self) -> Any:
        """One row per document: document (position), id, outlet, title, story label, date, tokens."""
        return self.table("documents")[["document", "id", "outlet", "title", "story", "date", "tokens"]]

    @property
    def similarity(self) -> Any:
        """Outlet × outlet cosine of the outlets' TF-IDF centroids over the whole corpus."""
        return self._square("similarity")

    @property
    def story_similarity(self) -> Any:
        """Outlet × outlet cosine of TF-IDF centroids within stories, averaged over the stories both cover (NaN: none)."""
        return self._square("story_similarity")

    @property
    def coverage(self) -> Any:
        """Outlet × other outlet: how many of the row outlet's sentences the column outlet also reports;
        the diagonal holds the row outlet's sentences that no other outlet reports."""
        return self._square("coverage").astype(int)

    def _sentences(self, name: str, positions: Any = None) -> Any:
        """The ``unique`` or ``omitted`` view, or its rows at ``positions`` (in that order)."""
        rows = self.table(name) if positions is None else self.table(name, rows=positions)
        s = self.table("sentences", rows=self._sentence_rows(rows["sentence"].to_numpy()))
        out = rows[["outlet"]].copy()
        if name == "omitted":
            out["reported_by"] = s["outlet"].to_numpy()
        for col in ("story", "document", "start", "end", "text"):
            out[col] = s[col].to_numpy()
        out["best_similarity"] = rows["best_similarity"].to_numpy()
        out["entities"] = _listed(s["entities"])
        if name == "omitted":
            out["reporters"] = rows["reporters"].to_numpy()
            out["also_reported_by"] = _listed(rows["also_reported_by"])
        return out.reset_index(drop=True)

    @property
    def unique(self) -> Any:
        """Sentences only one outlet of a story reports (no other outlet has a sentence reaching the
        alignment threshold), with document, string offsets, best similarity elsewhere and entities."""
        return self._sentences("unique")

    @property
    def omitted(self) -> Any:
        """For each outlet, what the other outlets of its stories report and it leaves out: one sentence per
        fact (``reported_by`` is the outlet whose sentence is shown, ``also_reported_by`` the others that
        report it). Facts several outlets report come first, capped at ``max_omitted`` per outlet (the
        summary's ``omitted`` column counts them all)."""
        return self._sentences("omitted")

    @property
    def matches(self) -> Any:
        """The evidence behind unique and omitted: for each of their sentences, the closest sentence of
        every other outlet of the story (``match`` indexes the ``sentences`` table, -1: none)."""
        return self.table("matches")

    @property
    def entities(self) -> Any:
        """Names only one outlet of a story mentions (``unique``) and names an outlet leaves out that all
        the others of a story of three or more outlets mention (``omitted``)."""
        return self.table("entities")

    @property
    def distinctive_terms(self) -> Any:
        """Each outlet's over-used terms against all the other outlets (rank, term, score, p, counts)."""
        return self.table("distinctive_terms")

    @property
    def frames(self) -> Any:
        """Outlet × frame: summed lexicon weight per 1,000 tokens (a fitted, logistic lexicon: the mean
        probability of the outlet's documents)."""
        return self._square("frames", list(self._core.frame_names))

    @property
    def document_frames(self) -> Any:
        """Document × frame scores per 1,000 tokens (a fitted lexicon: probabilities), with outlet and story."""
        df = self.table("documents")
        return df[["document", "outlet", "story", *self._core.frame_names]]

    @property
    def frame_terms(self) -> Any:
        """Which lexicon patterns each outlet's frame scores come from (summed weight)."""
        return self.table("frame_terms")

    def frame_intervals(self, level: float = 0.95, resamples: int = 2000, seed: int = 0) -> Any:
        """Each outlet's frame score (the mean over its documents) with a bootstrap interval over its
        documents: outlet, frame, documents, score, low, high (:func:`framelens.frames.outlet_frames`)."""
        return outlet_frames(self.document_frames, frames=list(self._core.frame_names), level=level,
                             resamples=resamples, seed=seed)

    def frame_difference(self, a: str, b: str, level: float = 0.95, resamples: int = 2000, seed: int = 0) -> Any:
        """Outlet ``a``'s frame scores minus outlet ``b``'s with bootstrap intervals; an interval that
        excludes 0 is a difference beyond document sampling noise (:func:`framelens.frames.outlet_difference`)."""
        return outlet_difference(self.document_frames, a, b, frames=list(self._core.frame_names), level=level,
                                 resamples=resamples, seed=seed)

    @property
    def sourcing(self) -> Any:
        """One row per outlet: quotes and distinct speakers (per article), named/anonymous, direct/
        indirect shares, share of words inside quotes, the most used cues, the first speaker each article
        quotes, the exclusive speakers, and counts by affiliation and source type."""
        df = self.table("outlets")[["outlet", "quotes", "speakers", "quotes_per_article", "speakers_per_article",
                                    "named_share", "anonymous_share", "direct_share", "indirect_share",
                                    "quoted_word_share"]]
        counts = self.table("quote_counts")

        def per_outlet(field: str) -> dict[str, dict[str, int]]:
            sub = counts[counts["field"] == field]
            return {o: dict(zip(g["value"], g["count"].astype(int))) for o, g in sub.groupby("outlet", sort=False)}

        cues = per_outlet("cue")
        df["top_cues"] = [", ".join(f"{k} ({v})" for k, v in sorted(cues.get(o, {}).items(),
                                                                    key=lambda kv: (-kv[1], kv[0]))[:3])
                          for o in df["outlet"]]
        first = self.table("first_quoted")
        first["speaker"] = first["speaker"].fillna("")
        firsts = first.groupby("outlet", sort=False)["speaker"].agg(list)
        excl = self.table("exclusive_speakers").groupby("outlet", sort=False)["speaker"].agg(list)
        aff, types = per_outlet("affiliation"), per_outlet("source_type")
        df["first_quoted"] = [firsts.get(o, []) for o in df["outlet"]]
        df["exclusive_speakers"] = [excl.get(o, []) for o in df["outlet"]]
        df["affiliations"] = [aff.get(o, {}) for o in df["outlet"]]
        df["source_types"] = [types.get(o, {}) for o in df["outlet"]]
        return df

    @property
    def quotes(self) -> Any:
        """Every quote the sourcing profile counted, row for row the columns of :meth:`Corpus.quotes`
        (plus ``story``); string offsets."""
        return self.table("quotes")

    def _shared_table(self, name: str) -> Any:
        if name not in self._core.table_names:
            raise _core.NotFoundError(f"this comparison has no '{name}' table: it was written before shared quotes "
                                      "were part of a comparison; run framelens.compare() again")
        return self.table(name)

    @property
    def shared_quotes(self) -> Any:
        """The same quote across outlets: one row per group of quotes from different outlets of one story
        that render one utterance (verbatim, trimmed, paraphrased, or given to another speaker), around a
        pivot (the fullest rendering; ``quote`` is its row in :attr:`quotes`). ``relation`` is the weakest
        member's ("verbatim", "trimmed" or "paraphrase"); ``same_speaker`` is false when some outlet gives
        the words to someone else; ``outlets``, ``speakers``, ``cues`` and ``kinds`` are lists in member order.
        Each member's differences: :attr:`shared_quote_members`; docs/comparison.md has the rules.

        >>> import framelens
        >>> cmp = framelens.compare(framelens.datasets.sample(lang="en"))
        >>> row = cmp.shared_quotes.iloc[0]
        >>> bool(len(row["outlets"]) == row["members"] >= 2)
        True
        """
        df = self._shared_table("shared_quotes")
        for col in ("outlets", "speakers", "cues", "kinds"):
            df[col] = _listed(df[col])
        return df

    @property
    def shared_quote_members(self) -> Any:
        """One row per member of each :attr:`shared_quotes` group, the pivot first: its quote (``quote`` is
        the row in :attr:`quotes`; ``start``/``end`` string offsets), its ``relation`` to the pivot
        ("pivot", "verbatim", "trimmed", "paraphrase"), ``similarity`` (idf-weighted share of the smaller
        quote's content words in the other), ``run`` (longest common run of words), ``same_speaker`` (as the
        pivot), speaker, mention, source type, cue and kind as attributed, and the content words it keeps,
        cuts and adds (``cut_words``/``added_words`` as lists)."""
        df = self._shared_table("shared_quote_members")
        for col in ("cut_words", "added_words"):
            df[col] = _listed(df[col])
        return df

    @property
    def speaker_overlap(self) -> Any:
        """Outlet × outlet: distinct named speakers quoted by both."""
        return self._square("speaker_overlap").astype(int)

    @property
    def actors(self) -> Any:
        """Actor salience per outlet: mentions, documents and mean relative position of the first mention."""
        return self.table("actors")

    @property
    def labels(self) -> Any:
        """Actor labelling: actor × label × outlet counts."""
        df = self.table("labels")
        if df.empty:
            return df
        return df.pivot_table(index=["actor", "label"], columns="outlet", values="count", fill_value=0,
                              sort=False, aggfunc="sum")[self.outlets].astype(int)

    def keyness(self, target: str, reference: str | None = None, **options: Any) -> Any:
        """Distinctive terms of any outlet against another (or all others), on the compared corpus; options
        as :func:`framelens.keyness`.

        >>> import framelens
        >>> cmp = framelens.compare(framelens.datasets.sample(lang="en"), quotes=False)
        >>> "regime" in cmp.keyness("Daily Sentinel", "The Meridian Herald", top=40)["term"].tolist()
        True
        """
        if self._corpus is None:
            raise _core.InvalidArgumentError(
                "this comparison was read without its corpus; pass corpus= to Comparison.from_json")
        return keyness(self._corpus, target, reference, by=self._core.by, **options)

    # -- display ------------------------------------------------------------------------------------------
    def __repr__(self) -> str:
        docs = self._core.table("documents")
        n_stories = len(docs["story"][1])
        return f"<Comparison: {len(self.outlets)} outlets, {len(docs['document'])} documents, {n_stories} stories>"

    def _repr_html_(self) -> str:
        return summary_html(self)

    def to_html(self, path: "str | os.PathLike[str] | None" = None, title: str = "framelens comparison",
                max_outlets: int | None = 30, max_rows: int | None = 1000) -> str:
        """A standalone HTML report (no network needed): tables, inline SVG charts, and every unique or
        omitted sentence linked to its place in the article text. Written to ``path`` when given; the
        HTML is returned either way.

        A comparison of a whole corpus is more than a page can show: the charts and outlet tables show the
        ``max_outlets`` outlets with the most documents (the summary lists every outlet), each outlet's
        coverage lists at most ``max_rows / outlets`` sentences (at least 10), the quote, shared-quote and
        story lists their first ``max_rows`` rows, and the documents section (more than ``max_rows``
        documents) only the documents those rows cite. The page says what it leaves out; None shows
        everything."""
        page = report_html(self, title=title, max_outlets=max_outlets, max_rows=max_rows)
        if path is not None:
            with open(os.fspath(path), "w", encoding="utf-8") as f:
                f.write(page)
        return page


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ImportError("Parquet needs pyarrow: pip install 'framelens[parquet]'") from None
    return pa, pq
