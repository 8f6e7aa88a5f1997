"""Data sets that ship with framelens.

The sample corpus is original text written for the project: four fictional outlets cover the same three
fictional stories (a ship detained in a strait, an interest-rate rise, a flood), each in its own house style
and with its own sources, plus one short German-language article. The files are raw page text, the way a
user would paste or download them: mastheads, navigation, bylines and cookie banners included.

>>> import framelens
>>> corpus = framelens.datasets.sample()
>>> len(corpus), corpus.outlets[:2]
(13, ['The Meridian Herald', 'Daily Sentinel'])
>>> corpus[0].metadata["story"], corpus[0].metadata["lang"]
('strait', 'en')
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .corpus import Corpus

__all__ = ["sample", "sample_files", "sample_manifest"]

_SAMPLE_DIR = Path(__file__).resolve().parent / "data" / "sample"


def sample_manifest() -> dict[str, Any]:
    """The sample corpus manifest: documents (file, outlet, story, lang), stories and per-story facts.

    ``facts[story]["only"][outlet]`` lists what that outlet alone reports, ``facts[story]["omits"][outlet]``
    what it leaves out that the others report, and ``facts[story]["quotes"][outlet]`` whom it quotes; each
    fact has a ``phrase`` found verbatim in the text concerned.

    >>> m = sample_manifest()
    >>> m["version"], len(m["documents"])
    (1, 13)
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


def sample(lang: str | None = None) -> Corpus:
    """The embedded sample corpus as a :class:`framelens.Corpus`.

    Every document carries its ``outlet`` and the metadata ``story`` (the story it covers), ``lang`` and
    ``file``. ``lang="en"`` keeps only the twelve English articles.

    >>> corpus = sample(lang="en")
    >>> len(corpus), sorted(set(corpus.labels("story")))
    (12, ['floods', 'rates', 'strait'])
    """
    manifest = sample_manifest()
    corpus = Corpus()
    for d in manifest["documents"]:
        if lang is not None and d.get("lang") != lang:
            continue
        path = _SAMPLE_DIR / d["file"]
        meta = {"story": d["story"], "lang": d.get("lang", "en"), "file": d["file"]}
        _add_file(corpus, path, d["outlet"], meta)
    return corpus


def _add_file(corpus: Corpus, path: Path, outlet: str, meta: dict[str, str]) -> None:
    # The files are raw page text. Until the ingestion reader (framelens.read, which strips boilerplate and
    # extracts title/byline/date) is available the text is added as it stands.
    text = path.read_text(encoding="utf-8")
    corpus.add(text, outlet=outlet, id=path.stem, **meta)
