"""Data sets that ship with framelens.

The sample corpus is original text written for the project: four fictional outlets cover the same three
fictional stories (a ship detained in a strait, an interest-rate rise, a flood), each in its own house style
and with its own sources, plus one short German-language article; three of the outlets also cover a
flooded rail tunnel, quoting the same people differently (see ``Comparison.shared_quotes``). The files are raw page text, the way a
user would paste or download them: mastheads, navigation, bylines and cookie banners included.

>>> import framelens
>>> corpus = framelens.datasets.sample()
>>> len(corpus), corpus.outlets[:2]
(16, ['The Meridian Herald', 'Daily Sentinel'])
>>> corpus[0].metadata["story"], corpus[0].metadata["lang"]
('strait', 'en')
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .corpus import Corpus
from .ingest import read_text

__all__ = ["sample", "sample_files", "sample_manifest"]

_SAMPLE_DIR = Path(__file__).resolve().parent / "data" / "sample"


def sample_manifest() -> dict[str, Any]:
    """The sample corpus manifest: documents (file, outlet, story, lang), stories and per-story facts.

    ``facts[story]["only"][outlet]`` lists what that outlet alone reports, ``facts[story]["omits"][outlet]``
    what it leaves out that the others report, and ``facts[story]["quotes"][outlet]`` whom it quotes; each
    fact has a ``phrase`` found verbatim in the text concerned.

    >>> m = sample_manifest()
    >>> m["version"], len(m["documents"])
    (1, 16)
    >>> m["facts"]["strait"]["only"]["Daily Sentinel"][0]["phrase"]
    'Brent crude'
    """
    with open(_SAMPLE_DIR / "manifest.json", encoding="utf-8") as f:
        return json.load(f)


def sample_files(lang: str | None = None) -> list[Path]:
    """Paths of the sample corpus files, in manifest order (optionally only those of one language).

    >>> [p.name for p in sample_files(lang="de")]
    ['rundschau_windpark.txt']
    >>> all(p.is_file() for p in sample_files())
    True
    """
    docs = sample_manifest()["documents"]
    return [_SAMPLE_DIR / d["file"] for d in docs if lang is None or d.get("lang") == lang]


def sample(lang: str | None = None, clean: bool = True) -> Corpus:
    """The embedded sample corpus as a :class:`framelens.Corpus`, read like any raw page text.

    Every document carries its ``outlet`` and the metadata ``story`` (the story it covers), ``lang`` and
    ``file``. ``lang="en"`` keeps only the fifteen English articles. With ``clean`` (the default) the
    reader takes the headline, byline, dateline and date out of the page and removes navigation, share
    and cookie lines (see :func:`framelens.read`); ``clean=False`` keeps the raw text.

    >>> corpus = sample(lang="en")
    >>> len(corpus), sorted(set(corpus.labels("story")))
    (15, ['floods', 'rates', 'strait', 'tunnel'])
    >>> doc = corpus[0]
    >>> doc.metadata["author"], doc.metadata["dateline"], doc.metadata["date"]
    ('Lena Ortiz', 'Belmora', '2025-03-03T14:05:00+01:00')
    >>> "Accept all" in doc.text, "Accept all" in sample(clean=False)[0].text
    (False, True)
    """
    manifest = sample_manifest()
    docs = [d for d in manifest["documents"] if lang is None or d.get("lang") == lang]
    # Read each outlet's files together, so that lines repeated across its pages count as boilerplate,
    # then put the documents back in manifest order.
    by_outlet: dict[str, list[dict[str, Any]]] = {}
    for d in docs:
        by_outlet.setdefault(d["outlet"], []).append(d)
    read: dict[str, Any] = {}
    for outlet, items in by_outlet.items():
        part = read_text([_SAMPLE_DIR / d["file"] for d in items], outlet=outlet, clean=clean)
        for k, d in enumerate(items):
            core_doc = part._core[k]
            meta = dict(core_doc.meta)
            meta.update({"story": d["story"], "lang": d.get("lang", "en"), "file": d["file"]})
            core_doc.meta = meta
            core_doc.id = Path(d["file"]).stem
            read[d["file"]] = core_doc
    corpus = Corpus()
    for d in docs:
        corpus._core.add_document(read[d["file"]])
    return corpus
