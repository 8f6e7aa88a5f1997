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
['floods', 'rates', 'strait']
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
from .corpus import Corpus

__all__ = ["compare", "Comparison", "keyness", "group_stories", "FrameLexicon", "SCHEMA_VERSION"]

from .frames import FrameLexicon  # noqa: E402  (the Python class over _core.FrameLexicon)
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


def _resolve_stories(corpus: Corpus, story: Any, story_options: Mapping[str, Any] | None) -> list[str]:
    n = len(corpus)
    if story is None:
        labels = corpus.labels("story")
        if n and all(labels):
            return labels
        # A handful of articles is one story; a pile is grouped into stories first.
        return [] if n <= _ONE_STORY_MAX else group_stories(corpus, **dict(story_options or {}))
    if isinstance(story, str):
        if story == "auto":
            return group_stories(corpus, **dict(story_options or {}))
        labels = corpus.labels(story)
        if not any(labels):
            raise KeyError(f"no document has the metadata key {story!r}; pass story='auto' to group the documents "
                           "into stories, or a list with one story label per document")
        missing = [i for i, v in enumerate(labels) if not v]
        if missing:
            raise _core.InvalidArgumentError(
                f"documents {missing[:5]} have no {story!r} metadata; give every document a story label")
        return labels
    labels = [str(s) for s in story]
    if len(labels) != n:
        raise _core.InvalidArgumentError(f"story has {len(labels)} labels for {n} documents; give one per document")
    return labels


def _statements_list(statements: Any) -> list[dict[str, Any]]:
    if statements is None:
        return []
    if hasattr(statements, "to_dict") and hasattr(statements, "columns"):  # a DataFrame
        statements = statements.to_dict("records")
    import pandas as pd

    # An empty DataFrame cell (NaN, None, pd.NA, NaT) is a missing value, not the string "nan".
    def missing(v: Any) -> bool:
        return pd.api.types.is_scalar(v) and bool(pd.isna(v))

    out = []
    for i, s in enumerate(statements):
        s = {k: (None if missing(v) else v) for k, v in dict(s).items()}
        for key in ("document", "start", "end"):
            if s.get(key) is None:
                raise _core.InvalidArgumentError(f"statement {i} has no {key!r}; each needs document, start, end")
            s[key] = _whole_number(s[key], f"statement {i}: {key}")
        out.append({k: s.get(k) for k in _STATEMENT_FIELDS})
    return out


def _whole_number(value: Any, what: str) -> int:
    """An int, a NumPy integer, or a whole float (a DataFrame column holding a gap becomes float)."""
    if isinstance(value, bool):
        raise _core.InvalidArgumentError(f"{what} must be a whole number, not {value!r}")
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise _core.InvalidArgumentError(f"{what} must be a whole number, not {value!r}") from None
    if number != value:
        raise _core.InvalidArgumentError(f"{what} must be a whole number, not {value!r}")
    return number


def compare(
    corpus: Corpus,
    by: str = "outlet",
    story: str | Sequence[str] | None = None,
    *,
    statements: Any = None,
    quotes: bool = True,
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
) -> "Comparison":
    """Compare the groups ``by`` (outlets by default) of ``corpus``, story by story.

    ``story``: ``None`` uses the documents' ``story`` metadata when every document has one, else treats
    a corpus of up to 50 documents as one story and groups a larger one (a pile) automatically; ``"auto"``
    groups the documents into stories (:func:`group_stories`, with
    ``story_options``); any other string names a metadata key; a sequence gives one label per document.

    The sourcing profile comes from the quote extractor (each document in its ``lang`` metadata, default
    English) unless ``statements`` are given: a list of dicts or a DataFrame with ``document``, ``start``,
    ``end`` in string offsets, ``speaker``, ``kind``, ``anonymous``, ``affiliation``, ``source_type``,
    ``cue``. ``quotes=False`` leaves the sourcing profile empty.

    ``actors`` maps an actor to the labels that name it, for the labelling table (default: the countries
    of the embedded gazetteer, each with its names, its capital-as-metonym such as "Pyongyang", and
    "<demonym> government/regime/authorities"). ``frames`` is a lexicon path (.json or LIWC-style .dic)
    or a :class:`FrameLexicon` (default: the generic frames). ``house_style=True`` drops honorifics and
    outlet self-references from the distinctive terms.

    >>> import framelens
    >>> cmp = framelens.compare(framelens.datasets.sample(lang="en"), house_style=True)
    >>> "regime" in cmp.distinctive_terms.query("outlet == 'Daily Sentinel'")["term"].tolist()
    True
    """
    stories = _resolve_stories(corpus, story, story_options)
    lexicon = frames
    if frames is not None and not isinstance(frames, _core.FrameLexicon):
        lexicon = _core.FrameLexicon.load(os.fspath(frames))
    kwargs: dict[str, Any] = {}
    if align_threshold is not None:
        kwargs["align_threshold"] = float(align_threshold)
    if idf_scope is not None:
        kwargs["idf_scope"] = idf_scope
    text = _core.compare(
        corpus._core, by=by, stories=stories, min_sentence_words=min_sentence_words, top_terms=top_terms,
        measure=measure, correction=correction, prior=prior, house_style=house_style, lexicon=lexicon,
        statements=_statements_list(statements), extract_quotes=bool(quotes), actors={k: list(v) for k, v in (actors or {}).items()},
        top_actors=top_actors, max_omitted=max_omitted, threads=threads, **kwargs,
    )
    return Comparison(text, corpus=corpus)


def _fmt(v: Any, digits: int = 3) -> str:
    if isinstance(v, float):
        if math.isnan(v):
            return "–"
        return f"{v:.{digits}f}"
    return _html.escape(str(v))


class Comparison:
    """The result of :func:`compare`: one pandas DataFrame per view, JSON and HTML.

    Views: :attr:`summary`, :attr:`stories`, :attr:`similarity`, :attr:`story_similarity`,
    :attr:`coverage`, :attr:`unique`, :attr:`omitted`, :attr:`distinctive_terms`, :attr:`frames`,
    :attr:`document_frames`, :attr:`sourcing`, :attr:`statements`, :attr:`speaker_overlap`,
    :attr:`actors`, :attr:`labels`. Offsets are string offsets into ``corpus[document].text``.

    >>> import framelens
    >>> cmp = framelens.compare(framelens.datasets.sample(lang="en"))
    >>> row = cmp.unique.iloc[0]
    >>> doc = cmp.corpus[int(row["document"])]
    >>> doc.text[row["start"]:row["end"]] == row["text"]
    True
    """

    def __init__(self, text: str, corpus: Corpus | None = None) -> None:
        self._json = text
        self._data: dict[str, Any] = json.loads(text)
        self._corpus = corpus

    # -- serialisation ---------------------------------------------------------------------------------
    def to_json(self, indent: int | None = None) -> str:
        """The comparison as JSON (schema ``framelens.comparison``, ``version`` 1; docs/comparison.md),
        written by the C++ core. ``indent`` pretty-prints."""
        return _core.comparison_json(self._json, -1 if indent is None else int(indent))

    @classmethod
    def from_json(cls, text: str, corpus: Corpus | None = None) -> "Comparison":
        """Read JSON written by :meth:`to_json` (validated by the core; raises :class:`framelens.FormatError`).

        >>> import framelens
        >>> framelens.Comparison.from_json('{"schema": "other"}')
        Traceback (most recent call last):
        ...
        framelens.FormatError: comparison JSON: no "schema": "framelens.comparison" field; this is not a framelens comparison
        """
        return cls(_core.comparison_json(text, -1), corpus=corpus)

    @property
    def data(self) -> dict[str, Any]:
        """The parsed JSON (a dict; a copy is not made — do not modify)."""
        return self._data

    @property
    def corpus(self) -> Corpus | None:
        """The corpus compared (``None`` for a comparison read from JSON without one)."""
        return self._corpus

    @property
    def outlets(self) -> list[str]:
        return [o["outlet"] for o in self._data["outlets"]]

    # -- views ----------------------------------------------------------------------------------------------
    def _df(self, rows: list[dict[str, Any]], columns: list[str]) -> Any:
        import pandas as pd

        return pd.DataFrame(rows, columns=columns)

    def _square(self, matrix: list[list[Any]]) -> Any:
        import numpy as np
        import pandas as pd

        names = self._data["similarity"]["outlets"]
        values = np.array([[np.nan if v is None else v for v in row] for row in matrix], dtype=float)
        return pd.DataFrame(values.reshape(len(names), len(names)), index=names, columns=names)

    @property
    def summary(self) -> Any:
        """One row per outlet: documents, tokens, types (distinct content terms), sentences, unique/omitted sentences, statements, speakers."""
        rows = []
        for o in self._data["outlets"]:
            s = o["sourcing"]
            rows.append({"outlet": o["outlet"], "documents": o["documents"], "tokens": o["tokens"],
                         "types": o["types"], "sentences": o["sentences"], "unique": len(o["unique"]), "omitted": o["omitted_total"],
                         "statements": s["statements"], "speakers": s["speakers"],
                         "anonymous_share": s["anonymous_share"],
                         "top_terms": ", ".join(t["term"] for t in o["distinctive_terms"][:5])})
        return self._df(rows, ["outlet", "documents", "tokens", "types", "sentences", "unique", "omitted", "statements",
                               "speakers", "anonymous_share", "top_terms"])

    @property
    def stories(self) -> Any:
        """One row per document: document index, id, outlet, title, story label, date, tokens."""
        cols = ["document", "id", "outlet", "title", "story", "date", "tokens"]
        return self._df([{k: d[k] for k in cols} for d in self._data["stories"]], cols)

    @property
    def similarity(self) -> Any:
        """Outlet × outlet TF-IDF cosine over the whole corpus."""
        return self._square(self._data["similarity"]["matrix"])

    @property
    def story_similarity(self) -> Any:
        """Outlet × outlet TF-IDF cosine within stories, averaged over the stories both cover (NaN: none)."""
        return self._square(self._data["similarity"]["within_stories"])

    @property
    def coverage(self) -> Any:
        """Outlet × other outlet: how many of the row outlet's sentences the column outlet also reports;
        the diagonal holds the row outlet's sentences that no other outlet reports."""
        import pandas as pd

        names = self.outlets
        df = pd.DataFrame(0, index=names, columns=names)
        for o in self._data["outlets"]:
            for other, k in o["shared"].items():
                df.loc[o["outlet"], other] = k
            df.loc[o["outlet"], o["outlet"]] = len(o["unique"])
        return df

    def _sentences(self, key: str) -> Any:
        rows = []
        for o in self._data["outlets"]:
            for s in o[key]:
                rows.append({"outlet": o["outlet"], "reported_by": s["outlet"], "story": s["story"],
                             "document": s["document"], "start": s["start"], "end": s["end"], "text": s["text"],
                             "best_similarity": max(s["best"].values()) if s["best"] else float("nan"),
                             "entities": s["entities"], "also_reported_by": s["reported_by"][1:]})
        cols = ["outlet", "reported_by", "story", "document", "start", "end", "text", "best_similarity", "entities",
                "also_reported_by"]
        df = self._df(rows, cols)
        return df.drop(columns=["reported_by", "also_reported_by"]) if key == "unique" else df

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
    def distinctive_terms(self) -> Any:
        """Each outlet's over-used terms against all the other outlets (rank, term, score, p, counts)."""
        rows = []
        for o in self._data["outlets"]:
            for r, t in enumerate(o["distinctive_terms"], 1):
                rows.append({"outlet": o["outlet"], "rank": r, **t})
        return self._df(rows, ["outlet", "rank", "term", "score", "p", "n_target", "n_reference"])

    @property
    def frames(self) -> Any:
        """Outlet × frame: summed lexicon weight per 1,000 tokens."""
        import pandas as pd

        names = self._data["frame_names"]
        return pd.DataFrame([[o["frames"][f]["per_1000"] for f in names] for o in self._data["outlets"]],
                            index=self.outlets, columns=names, dtype=float)

    @property
    def document_frames(self) -> Any:
        """Document × frame scores per 1,000 tokens, with outlet and story."""
        names = self._data["frame_names"]
        rows = [{"document": d["document"], "outlet": d["outlet"], "story": d["story"],
                 **{f: d["frames"][f] for f in names}} for d in self._data["stories"]]
        return self._df(rows, ["document", "outlet", "story"] + names)

    def frame_intervals(self, level: float = 0.95, resamples: int = 2000, seed: int = 0) -> Any:
        """Each outlet's frame score (the mean over its documents) with a bootstrap interval over its
        documents: outlet, frame, documents, score, low, high (:func:`framelens.frames.outlet_frames`)."""
        from .frames import outlet_frames

        return outlet_frames(self.document_frames, frames=self._data["frame_names"], level=level,
                             resamples=resamples, seed=seed)

    def frame_difference(self, a: str, b: str, level: float = 0.95, resamples: int = 2000, seed: int = 0) -> Any:
        """Outlet ``a``'s frame scores minus outlet ``b``'s with bootstrap intervals; an interval that
        excludes 0 is a difference beyond document sampling noise (:func:`framelens.frames.outlet_difference`)."""
        from .frames import outlet_difference

        return outlet_difference(self.document_frames, a, b, frames=self._data["frame_names"], level=level,
                                 resamples=resamples, seed=seed)

    @property
    def sourcing(self) -> Any:
        """One row per outlet: statements and distinct speakers (per article), named/anonymous, direct/
        indirect shares, share of words inside quotes, the most used cue and the exclusive speakers."""
        rows = []
        for o in self._data["outlets"]:
            s = o["sourcing"]
            cues = sorted(s["cues"].items(), key=lambda kv: (-kv[1], kv[0]))
            rows.append({"outlet": o["outlet"], **{k: s[k] for k in (
                "statements", "speakers", "statements_per_article", "speakers_per_article", "named_share",
                "anonymous_share", "direct_share", "indirect_share", "quoted_word_share")},
                "top_cues": ", ".join(f"{k} ({v})" for k, v in cues[:3]),
                "first_quoted": s["first_quoted"], "exclusive_speakers": s["exclusive_speakers"],
                "affiliations": s["affiliations"], "source_types": s["source_types"]})
        return self._df(rows, ["outlet", "statements", "speakers", "statements_per_article", "speakers_per_article",
                               "named_share", "anonymous_share", "direct_share", "indirect_share",
                               "quoted_word_share", "top_cues", "first_quoted", "exclusive_speakers",
                               "affiliations", "source_types"])

    @property
    def statements(self) -> Any:
        """Every statement the sourcing profile counted, with its outlet and string offsets."""
        rows = [{"outlet": o["outlet"], **it} for o in self._data["outlets"] for it in o["sourcing"]["items"]]
        return self._df(rows, ["outlet", "document", "start", "end", "text", "speaker", "kind", "anonymous",
                               "affiliation", "source_type", "cue"])

    @property
    def speaker_overlap(self) -> Any:
        """Outlet × outlet: distinct named speakers quoted by both."""
        return self._square(self._data["speaker_overlap"]).astype(int)

    @property
    def actors(self) -> Any:
        """Actor salience per outlet: mentions, documents and mean relative position of the first mention."""
        rows = [{"outlet": o["outlet"], **a} for o in self._data["outlets"] for a in o["actors"]]
        return self._df(rows, ["outlet", "actor", "mentions", "documents", "first_position"])

    @property
    def labels(self) -> Any:
        """Actor labelling (needs ``actors=`` in :func:`compare`): actor × label × outlet counts."""
        import pandas as pd

        rows = [{"outlet": o["outlet"], "actor": a, "label": lab, "count": k}
                for o in self._data["outlets"] for a, m in o["labels"].items() for lab, k in m.items()]
        df = pd.DataFrame(rows, columns=["outlet", "actor", "label", "count"])
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
                "this comparison was read from JSON without its corpus; pass corpus= to Comparison.from_json")
        return keyness(self._corpus, target, reference, by=self._data["by"], **options)

    # -- display ------------------------------------------------------------------------------------------
    def __repr__(self) -> str:
        n_docs = len(self._data["stories"])
        n_stories = len({d["story"] for d in self._data["stories"]})
        return f"<Comparison: {len(self.outlets)} outlets, {n_docs} documents, {n_stories} stories>"

    def _repr_html_(self) -> str:
        from ._report import summary_html

        return summary_html(self)

    def to_html(self, path: "str | os.PathLike[str] | None" = None, title: str = "framelens comparison") -> str:
        """A standalone HTML report (no network needed): tables, inline SVG charts, and every unique or
        omitted sentence linked to its place in the article text. Written to ``path`` when given; the
        HTML is returned either way."""
        from ._report import report_html

        page = report_html(self, title=title)
        if path is not None:
            with open(os.fspath(path), "w", encoding="utf-8") as f:
                f.write(page)
        return page
