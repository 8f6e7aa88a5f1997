"""No third-party text in the project: no run of ten words of any text in ../shared (article-bias, BASIL, the
quote sets, Narrative Frames, the seeds) stands in a file the project tracks. Test sentences, examples in
comments and docs, and the sample corpus are written for framelens; a copied sentence would carry the data's
licence into an MIT package. Ten words: shorter runs are stock phrases of news writing ("who asked not to be
named told the"), which the sample corpus rightly uses.
"""
from __future__ import annotations

import gzip
import json
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
RUN = 10
WORD = re.compile(r"\w+(?:['’]\w+)*")
TEXT_FILES = re.compile(r"\.(md|py|cpp|hpp|h|json|txt|ipynb|csv|tsv|jsonl|html|j2|toml|cfg|sh|dic|cmake)$")


def runs(text: str) -> list[int]:
    """A hash of every run of RUN words (lower-cased) in ``text``."""
    words = [w.lower() for w in WORD.findall(text)]
    return [hash(" ".join(words[i:i + RUN])) for i in range(len(words) - RUN + 1)]


def shared_texts(shared: Path):
    with gzip.open(shared / "corpora" / "article-bias" / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            yield record.get("content_original") or ""
            yield record.get("title") or ""
    for path in sorted((shared / "corpora" / "basil" / "articles").glob("*/*.json")):
        yield from strings(json.loads(path.read_text(encoding="utf-8")))
    for path in sorted(shared.glob("quotes/*/*.jsonl")) + sorted(shared.glob("frames/*/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line).get("text") or ""
    for path in sorted((shared / "seeds").glob("*.txt")):
        yield path.read_text(encoding="utf-8")


def strings(value):
    """Every string in a JSON value, each on its own (a list of names is no sentence)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def project_files() -> list[Path]:
    try:
        listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: the sources as they lie
        listed = [str(p.relative_to(ROOT)) for d in ("cpp", "python", "tests", "docs", "notebooks", "benchmarks", "scripts")
                  for p in (ROOT / d).rglob("*") if p.is_file()] + ["README.md"]
    return [ROOT / f for f in listed if TEXT_FILES.search(f) and (ROOT / f).is_file()]


def project_pieces(path: Path):
    """The texts of a project file: a JSON file's strings one by one (word lists stay lists), any other file
    line by line."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".json":
        try:
            for s in strings(json.loads(text)):
                yield 0, s
            return
        except json.JSONDecodeError:
            pass
    for number, line in enumerate(text.splitlines(), 1):
        yield number, line


@pytest.mark.shared
def test_no_run_of_ten_words_from_the_shared_data(shared: Path) -> None:
    if not (shared / "corpora" / "article-bias" / "articles.jsonl.gz").is_file():
        pytest.skip("article-bias is absent from ../shared")
    known = np.unique(np.fromiter((h for t in shared_texts(shared) for h in runs(t)), dtype=np.int64))
    assert len(known) > 1_000_000  # the texts were read
    found = []
    for path in project_files():
        for number, piece in project_pieces(path):
            hashes = np.asarray(runs(piece), dtype=np.int64)
            at = np.searchsorted(known, hashes)  # (np.isin would sort the 36 million known runs again per line)
            if len(hashes) and (known[np.minimum(at, len(known) - 1)] == hashes).any():
                found.append(f"{path.relative_to(ROOT)}:{number}: {piece.strip()[:120]}")
    assert not found, "text from ../shared in the project (write invented examples instead):\n" + "\n".join(found)


def test_runs_find_a_copied_sentence() -> None:
    # the check itself: a sentence inside a longer line is found, a reworded one is not
    source = set(runs("The harbour board said on Monday that the new quay would open in May after two years of work."))
    copied = "Intro text. the harbour board said on Monday that the new quay would open in May, it said."
    reworded = "The port board said on Monday the new pier would open in spring after two years of building."
    assert source & set(runs(copied))
    assert not source & set(runs(reworded))
