"""Time each phase of framelens.compare — the "shared quotes" phase above all — on the article-bias corpus.

Reads the first N articles (``--n 1000``, or ``--n all`` for all 37,554) of
``corpora/article-bias/articles.jsonl.gz`` in place from ../shared, runs ``framelens.compare(story="auto")``
once with a recorder on its progress callback, and prints the seconds of every phase, the share of the
"shared quotes" phase, the groups it found and the load average before and after.

    .venv/bin/python benchmarks/bench_shared_quotes.py --n all [--threads 2] [--json out.json]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import framelens  # noqa: E402
from framelens import _progress  # noqa: E402
from bench_compare import first_records, read_articles  # noqa: E402
from shared_quotes_basil import emit  # noqa: E402


class Recorder(_progress.phases):
    """The progress bar compare() drives, recording when each phase starts instead of drawing."""

    starts: list[tuple[str, float]] = []

    def __init__(self, names, desc=None, enabled=None):
        super().__init__(names, desc=desc, enabled=False)
        self.enabled = True
        Recorder.starts = [("stories", time.perf_counter())]

    def step(self, name: str) -> None:
        Recorder.starts.append((name, time.perf_counter()))

    def close(self) -> None:
        Recorder.starts.append(("end", time.perf_counter()))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.environ.get("FRAMELENS_SHARED", str(ROOT.parent / "shared")))
    ap.add_argument("--n", default="1000", help="number of articles, or 'all'")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args(argv)
    path = Path(args.shared) / "corpora" / "article-bias" / "articles.jsonl.gz"
    if not path.is_file():
        print(f"{path} not found: the benchmark reads ../shared in place", file=sys.stderr)
        return 2
    out: dict = {"load_average_before": [round(x, 2) for x in os.getloadavg()]}
    with tempfile.TemporaryDirectory() as folder:
        corpus = read_articles(path if args.n == "all" else first_records(path, int(args.n), folder))
    _progress.phases = Recorder  # compare() imports it from framelens._progress when called
    t0 = time.perf_counter()
    cmp = framelens.compare(corpus, story="auto", threads=args.threads, progress=True)
    wall = time.perf_counter() - t0
    s = Recorder.starts
    seconds = {name: round(s[k + 1][1] - t, 2) for k, (name, t) in enumerate(s[:-1])}
    groups = cmp.shared_quotes
    out.update({"documents": len(corpus), "seconds": round(wall, 2), "phases": seconds,
                "shared_quotes_share": round(seconds.get("shared quotes", 0) / wall, 4),
                "quotes": int(len(cmp.quotes)), "groups": int(len(groups)),
                "members": int(len(cmp.shared_quote_members)),
                "by_relation": {k: int(v) for k, v in groups["relation"].value_counts().items()},
                "other_speaker": int((~groups["same_speaker"]).sum()),
                "load_average_after": [round(x, 2) for x in os.getloadavg()]})
    return emit(out, args.json)


if __name__ == "__main__":
    sys.exit(main())
