"""Quotes: who is let to speak, with which words, and what kind of source that is.

:func:`quotes` finds every attributed statement of a text or document — direct quotations in any
common style (“…”, "…", ‘…’, «…», „…“, 「…」), partial quotations, indirect speech ("X said that …",
"according to X, …") and scare quotes — with its cue, speaker mention, canonical speaker, source
type (named person, anonymous person, organisation, document), anonymity, role, affiliation and a
confidence. All offsets are Python string offsets: ``text[q.start:q.end]`` is the statement's extent.

>>> import framelens
>>> qs = framelens.quotes("“We will sign the pact,” Foreign Minister Anna Berg said on Monday.")
>>> q = qs[0]
>>> q.kind, q.speaker.name, q.speaker.role, q.cue.text
('direct', 'Anna Berg', 'Foreign Minister', 'said')
>>> q.contents[0].text
'“We will sign the pact,”'
"""
from __future__ import annotations

import contextlib
import json
import os
import sys
import types
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from . import _core
from ._tables import frame

__all__ = ["Quote", "Speaker", "Span", "quotes", "add_cues", "add_gazetteer", "extractor", "quotes_jsonl", "train_model"]

# Shared extractors by (language, model or None): the rules alone unless a model is asked for. A model
# is keyed by its path, modification time and size, so a file trained again is loaded again.
_extractors: dict[tuple[str, Any], _core.QuoteExtractor] = {}
_user_cues: dict[str, list[str]] = {}
_user_gazetteers: list[str] = []


@dataclass(frozen=True)
class Span:
    """A piece of text with its string offsets: ``text == source[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Speaker:
    """A speaker entity, canonical within its document (and across a corpus for :meth:`Corpus.quotes`)."""

    name: str
    source_type: str  #: "named_person", "anonymous_person", "organisation" or "document"
    anonymous: bool
    role: str
    affiliation: str  #: countries/organisations, "; "-separated
    mentions: tuple[Span, ...] = ()
    confidence: float = 0.0


@dataclass(frozen=True)
class Quote:
    """One statement: ``kind`` is "direct", "partial", "indirect", "scare" or "attitude" (the object
    of a stance verb, no quotation marks: "Roos endorsed the plan", "Roos called for a recount").

    ``contents`` are its pieces (quoted pieces include their marks); ``start``/``end`` span them all
    and ``text`` is the pieces joined by a space. ``speaker`` is None for scare quotes and for
    quotations nobody is said to have said.
    """

    kind: str
    start: int
    end: int
    text: str
    contents: tuple[Span, ...]
    cue: Span | None
    mention: Span | None
    speaker: Speaker | None
    confidence: float
    unbalanced: bool = False
    quoted: tuple[Span, ...] = ()  #: the quotations (marks included) inside the contents
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def _json_text(value: str | Mapping[str, Any]) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _read_model(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except FileNotFoundError:
        raise _core.MissingFileError(f"{path}: no such quote model file; write one with `framelens quotes --train`") from None
    except UnicodeDecodeError as exc:
        raise _core.FormatError(f"{path}: the quote model is not UTF-8 text (byte {exc.start})") from None


def _model_key(path: str) -> tuple[str, int, int]:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise _core.MissingFileError(f"{path}: no such quote model file; write one with `framelens quotes --train`") from None
    return (os.path.abspath(path), st.st_mtime_ns, st.st_size)


def extractor(lang: str = "en", model: str | None = None) -> _core.QuoteExtractor:
    """The shared extractor of ``lang`` (with every cue and gazetteer entry added so far); with
    ``model`` (the path of a file :func:`train_model` wrote), content boundaries come from that model
    after the rules (docs/quotes.md, "A learned component"); without it the rules alone decide.

    >>> extractor("en").lang, extractor("en").has_model
    ('en', False)
    """
    key = (lang, None if model is None else _model_key(str(model)))
    ex = _extractors.get(key)
    if ex is None:
        ex = _core.QuoteExtractor(lang)
        for g in _user_gazetteers:
            ex.add_gazetteer(g)
        for c in _user_cues.get(lang, []):
            ex.add_cues(c)
        if model is not None:
            ex.load_model(_read_model(str(model)))
        _extractors[key] = ex
    return ex


def add_cues(lexicon: str | Mapping[str, Any], lang: str = "en") -> None:
    """Extend the cue lexicon of ``lang`` (a dict or JSON text in the format of lang/en/cues.json).

    >>> add_cues({"speech": ["harrumph"]})
    >>> quotes("The mayor harrumphed the bridge was unsafe.")[0].cue.text
    'harrumphed'
    """
    text = _json_text(lexicon)
    extractor(lang).add_cues(text)  # validates before anything is kept
    for (ex_lang, model), ex in _extractors.items():
        if ex_lang == lang and model is not None:
            ex.add_cues(text)
    _user_cues.setdefault(lang, []).append(text)


def add_gazetteer(gazetteer: str | Mapping[str, Any]) -> None:
    """Extend the gazetteer of every language (countries, demonyms, metonyms, organisations).

    >>> add_gazetteer({"countries": {"Freedonia": {"demonyms": ["Freedonian"], "metonyms": ["Fredville"]}}})
    >>> quotes("“No,” a Freedonian official said.")[0].speaker.affiliation
    'Freedonia'
    """
    text = _json_text(gazetteer)
    for ex in list(_extractors.values()) or [extractor("en")]:
        ex.add_gazetteer(text)
    _user_gazetteers.append(text)


def _span(text: str, se: Any) -> Span | None:
    if se is None:
        return None
    a, b = se
    return Span(a, b, text[a:b])


def _build(text: str, result: Mapping[str, Any]) -> list[Quote]:
    speakers = [
        Speaker(
            name=s["name"],
            source_type=s["source_type"],
            anonymous=s["anonymous"],
            role=s["role"],
            affiliation=s["affiliation"],
            mentions=tuple(Span(a, b, text[a:b]) for a, b in s["mentions"]),
            confidence=s["confidence"],
        )
        for s in result["speakers"]
    ]
    out = []
    for q in result["quotes"]:
        contents = tuple(Span(a, b, text[a:b]) for a, b in q["contents"])
        out.append(
            Quote(
                kind=q["kind"],
                start=contents[0].start,
                end=contents[-1].end,
                text=" ".join(c.text for c in contents),
                contents=contents,
                cue=_span(text, q["cue"]),
                mention=_span(text, q["mention"]),
                speaker=speakers[q["speaker"]] if q["speaker"] >= 0 else None,
                confidence=q["confidence"],
                unbalanced=q["unbalanced"],
                quoted=tuple(Span(a, b, text[a:b]) for a, b in q["quoted"]),
            )
        )
    return out


def quotes(text_or_doc: Any, lang: str = "en", model: str | None = None) -> list[Quote]:
    """Every statement of a text (``str``) or :class:`framelens.Document`, in text order.

    ``model``: the path of a content-boundary model (:func:`train_model`); the rules alone by default.

    Unbalanced quotation marks never raise: the quotation runs to the end of its paragraph and the
    statement has ``unbalanced=True`` and a low confidence.

    >>> [q.kind for q in quotes('The "reform" passed on Tuesday. According to police, two people were hurt.')]
    ['scare', 'indirect']
    >>> q = quotes("“This never ends, he said.")[0]
    >>> q.unbalanced, q.confidence < 0.5
    (True, True)
    """
    ex = extractor(lang, model)
    if isinstance(text_or_doc, str):
        try:
            return _build(text_or_doc, ex.extract_text(text_or_doc))
        except TypeError:
            raise _core.EncodingError(
                "quotes(): the text is not valid Unicode (lone surrogates); clean it or decode with errors='replace'"
            ) from None
    core_doc = getattr(text_or_doc, "_doc", None)
    if core_doc is None:
        raise TypeError(f"quotes() takes a str or a framelens.Document, not {type(text_or_doc).__name__}")
    return _build(text_or_doc.text, ex.extract_document(core_doc))


COLUMNS = [
    "id", "outlet", "kind", "text", "speaker", "mention", "cue", "source_type", "anonymous", "role",
    "affiliation", "start", "end", "confidence",
]


def _rows(doc_id: str, outlet: str, qs: Iterable[Quote]) -> list[dict[str, Any]]:
    rows = []
    for q in qs:
        s = q.speaker
        rows.append(
            {
                "id": doc_id, "outlet": outlet, "kind": q.kind, "text": q.text,
                "speaker": s.name if s else None, "mention": q.mention.text if q.mention else None,
                "cue": q.cue.text if q.cue else None, "source_type": s.source_type if s else None,
                "anonymous": s.anonymous if s else None, "role": s.role if s else None,
                "affiliation": s.affiliation if s else None, "start": q.start, "end": q.end,
                "confidence": q.confidence,
            }
        )
    return rows


def _model_lang(path: str) -> str:
    """The language a model file declares (its second line; load_model checks the whole file)."""
    lines = [line.strip() for line in _read_model(path).splitlines() if line.strip() and not line.startswith("#")]
    return lines[1][5:] if len(lines) > 1 and lines[1].startswith("lang ") else ""


def corpus_quotes(corpus: Any, lang: str | None = None, threads: int = 0, model: str | None = None) -> Any:
    """One row per quote of every document (see :meth:`framelens.Corpus.quotes`): the core's quote table,
    exactly the one :func:`framelens.compare` counts. ``model`` applies to the documents of its language."""
    langs = {doc_lang or "en" for doc_lang in corpus.labels("lang")} | {"en"}
    model_lang = None
    if model is not None:
        model_lang = _model_lang(str(model))
        extractor(model_lang or "en", model)  # a malformed model fails here, used or not
    extractors = {}
    for doc_lang in langs:
        use = lang or doc_lang
        try:
            extractors[doc_lang] = extractor(use, model if use == model_lang else None)
        except _core.InvalidArgumentError:
            if lang:  # the language asked for has no cue lexicon
                raise
    df = frame(_core.quote_table(corpus._core, extractors=extractors, threads=threads), keep_empty=("id",))
    return df.drop(columns=["story"])


def to_records(q: Quote, contents: str = "clause") -> list[dict[str, Any]]:
    """A statement in the quote format of ../shared/README.md (type, cue, sources, contents spans).

    ``contents="clause"`` writes the reported clause (PolNeAR's convention: "that … “…”");
    ``contents="marks"`` writes one record per quotation inside it, marks included (German WikiNews'
    convention), and the clause only for statements without quotation marks.
    """

    def sp(s: Span) -> dict[str, Any]:
        return {"start": s.start, "end": s.end, "text": s.text}

    pieces = [[c] for c in q.contents]
    if contents == "marks" and q.quoted:
        pieces = [[c] for c in q.quoted]
    elif contents == "clause":
        pieces = [list(q.contents)]
    return [_record(q, [sp(c) for c in p], sp) for p in pieces]


def _record(q: Quote, spans: list[dict[str, Any]], sp: Any) -> dict[str, Any]:
    return {
        "type": q.kind,
        "cue": [sp(q.cue)] if q.cue else [],
        "sources": [sp(q.mention)] if q.mention else [],
        "contents": spans,
        "speaker": q.speaker.name if q.speaker else None,
        "source_type": q.speaker.source_type if q.speaker else None,
        "anonymous": q.speaker.anonymous if q.speaker else None,
        "affiliation": q.speaker.affiliation if q.speaker else None,
        "confidence": round(q.confidence, 4),
        "unbalanced": q.unbalanced,
    }


def quotes_jsonl(
    src: str, dst: str, text_field: str = "text", id_field: str = "id", lang: str = "en", threads: int = 0,
    scare: bool = False, contents: str = "clause", min_confidence: float = 0.0, model: str | None = None,
) -> int:
    """Read one JSON document per line from ``src``, write ``{"id", "quotes": [...]}`` lines to ``dst``.

    Scare quotes attribute nothing and are left out unless ``scare=True``; ``contents`` is "clause"
    or "marks" (see :func:`to_records`); statements below ``min_confidence`` are left out; ``model``
    as in :func:`quotes`. Returns the number of documents.
    """
    if contents not in ("clause", "marks"):
        raise ValueError(f"contents must be 'clause' or 'marks', not {contents!r}")
    ids: list[str] = []
    texts: list[str] = []
    for n, d in _jsonl(src, text_field):
        ids.append(str(d.get(id_field, n)))
        texts.append(d[text_field])
    ex = extractor(lang, model)
    # Extraction and the records are written by the core on all threads; into a file beside dst that
    # replaces it only when complete, so a failure never leaves half an output or loses an older one.
    tmp = f"{dst}.part"
    try:
        n = ex.extract_jsonl(ids, texts, tmp, threads, scare=scare, marks=contents == "marks", min_confidence=min_confidence)
        os.replace(tmp, dst)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise
    return n


def _jsonl(src: str, text_field: str) -> Iterable[tuple[int, dict[str, Any]]]:
    """(line number, object) of each non-empty line of a JSONL file whose objects hold a text field."""
    from ._readers import jsonl_lines

    for n, line in jsonl_lines(src):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _core.FormatError(f"{src}, line {n}: not JSON ({exc.msg}); one JSON object per line expected") from None
        if not isinstance(d, dict) or text_field not in d or not isinstance(d[text_field], str):
            raise _core.FormatError(f"{src}, line {n}: no text field {text_field!r}; name it with --text-field")
        if "\\u" in line:  # only an escape can give a string that is not Unicode text
            for key, value in d.items():
                _check_surrogates(src, n, key, value)
        yield n, d


def _check_surrogates(src: str, n: int, key: str, value: Any) -> None:
    """FormatError for a string field holding half of a UTF-16 pair (a JSON escape such as \\ud800 alone):
    it is no Unicode text, and the core (UTF-8) cannot take it."""
    if not isinstance(value, str):
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _core.FormatError(
            f"{src}, line {n}: field {key!r} holds a lone surrogate \\u{ord(value[exc.start]):04x} at character "
            f"{exc.start} (a JSON escape of half a UTF-16 pair); fix or remove that escape"
        ) from None


def _annotated_spans(src: str, n: int, q: Mapping[str, Any], role: str, text: str) -> list[tuple[int, int]]:
    """The ``role`` spans ("contents" or "sources") of one annotated quote, checked."""
    spans = []
    for sp in q.get(role, []):
        a, b = (sp.get("start"), sp.get("end")) if isinstance(sp, dict) else (None, None)
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a <= b <= len(text)):
            raise _core.FormatError(
                f"{src}, line {n}: a {role[:-1]} span {sp!r} is not {{'start': int, 'end': int}} within the text "
                f"({len(text)} characters)"
            )
        spans.append((a, b))
    return spans


def _annotated_quotes(src: str, n: int, d: Mapping[str, Any], text: str) -> list[tuple[list, list]]:
    """(contents, sources) of a document's annotated quotes (the quote format of ../shared/README.md)."""
    quotes = d.get("quotes", [])
    if not isinstance(quotes, list) or not all(
        isinstance(q, dict) and isinstance(q.get("contents", []), list) and isinstance(q.get("sources", []), list) for q in quotes
    ):
        raise _core.FormatError(f"{src}, line {n}: 'quotes' must be a list of {{'contents': [spans], 'sources': [spans]}} objects")
    return [(_annotated_spans(src, n, q, "contents", text), _annotated_spans(src, n, q, "sources", text)) for q in quotes]


def train_model(
    src: str, dst: str, lang: str = "en", epochs: int = 5, threads: int = 0, text_field: str = "text",
    speakers: bool = True, boundaries: bool = True, statements: bool = False, speaker_margin: bool = True,
    boundary_margin: bool = True, statement_margin: bool = False,
) -> dict[str, Any]:
    """Train a content-boundary (and speaker-choice) model on annotated documents and write it to ``dst``.

    ``src`` is JSONL in the quote format of the evaluation data: one ``{"text": ..., "quotes":
    [{"contents": [{"start", "end"}, ...], "sources": [{"start", "end"}, ...]}, ...]}`` per line,
    offsets in string characters. The rules find the statements; the model (an averaged perceptron
    over features of the rules' output) learns where their contents start and end, and — when the
    annotation has sources and ``speakers`` is true — which of the candidate mentions around each
    statement is its speaker. ``boundaries=False`` trains the speaker choice alone. ``statements=True``
    also trains loose candidate statements: which words outside the rules' statements open one the
    annotation has (its content right after the word) and where that content ends (docs/quotes.md, "A
    learned component: statements"); the counts then include ``statement_decisions``,
    ``statement_rules_right`` (no statement) and ``statement_model_right``. Load it with
    ``quotes(text, model=dst)``. Returns the model's counts: ``decisions`` (start and end decisions
    whose annotated edge was a candidate), ``rules_right`` and ``model_right`` (on the training data),
    and with a speaker choice ``speaker_decisions``, ``speaker_rules_right`` and
    ``speaker_model_right``. ``speaker_margin`` (with a speaker choice): a candidate replaces the rules'
    pick only when it outscores it by a margin chosen by two-fold cross-fitting over the documents (the
    ``@margin`` line of the model's speaker section); ``False`` trains as before round 19 (margin 0).
    ``boundary_margin``: the same for moving a content edge away from the rules' edge;
    ``statement_margin`` (off by default): for accepting a loose candidate statement over "no statement".
    A model trained on data under a non-commercial or research-only licence
    carries that licence: it is not part of framelens.
    """
    texts: list[str] = []
    gold: list[list[tuple[list, list]]] = []
    for n, d in _jsonl(src, text_field):
        texts.append(d[text_field])
        gold.append(_annotated_quotes(src, n, d, d[text_field]))
    ex = extractor(lang)  # the rules, with the user's cues
    speakers = speakers and any(q[1] for g in gold for q in g)  # a speaker choice needs annotated sources
    if not (boundaries or speakers or statements):
        raise ValueError("train_model: nothing to train (boundaries=False and no annotated sources)")
    # one call for every part, so that each option (boundary_margin too) holds whichever parts are trained
    r = ex.train_model_from_quotes(texts, gold, epochs=epochs, n_threads=threads, boundaries=boundaries,
                                   speakers=speakers, statements=statements, speaker_margin=speaker_margin,
                                   boundary_margin=boundary_margin, statement_margin=statement_margin)
    # the counts of the parts asked for, as before: a content-only model has no speaker counts
    for part, kept in (("speaker", speakers or statements), ("statement", statements)):
        if not kept:
            for key in (f"{part}_decisions", f"{part}_rules_right", f"{part}_model_right"):
                r.pop(key, None)
    with open(dst, "w", encoding="utf-8") as f:
        f.write(r.pop("model"))
    return r


class _QuotesModule(types.ModuleType):
    """``framelens.quotes`` is this module (``framelens.quotes.add_cues``, ``import framelens.quotes``) and,
    called, the function :func:`quotes` (``framelens.quotes(text)``): one name, no shadowing."""

    def __call__(self, text_or_doc: Any, lang: str = "en", model: str | None = None) -> list[Quote]:
        return quotes(text_or_doc, lang=lang, model=model)


sys.modules[__name__].__class__ = _QuotesModule
