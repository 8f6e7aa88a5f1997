"""Time framelens.compare at corpus scale on the article-bias corpus (read in place from ../shared).

For the first N articles (``--n 1000``, or ``--n all`` for all 37,554) of
``corpora/article-bias/articles.jsonl.gz``, and for a quarter of them, each measurement runs in its own
process (so peak memory is the measurement's own), which reads the articles as a user would, with
``Corpus.from_jsonl`` (the first N records are copied to a temporary JSON Lines file first):
  * ``Corpus.dtm()`` on the same corpus — the anchor: compare() must stay within a fixed multiple of it;
  * ``framelens.compare(corpus, story="auto")`` — story grouping, quote attribution, sentence alignment,
    keyness, frames, actors, similarity: the whole comparison, on both cores;
and prints wall and CPU seconds, peak RSS (high-water mark of the measuring process, corpus included, read
when the call returns — turning views into DataFrames afterwards is the caller's cost, not compare's), the
ratios compare/dtm and full/quarter, and the machine's load average before and after.

    .venv/bin/python benchmarks/bench_compare.py --n all [--threads 2] [--json out.json]
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def first_records(path: Path, n: int, folder: str) -> Path:
    """The first n records of the corpus as a JSON Lines file in `folder` (the articles all have text)."""
    out = Path(folder) / f"first-{n}.jsonl"
    with gzip.open(path, "rt", encoding="utf-8") as f, open(out, "w", encoding="utf-8") as g:
        for _, line in zip(range(n), f):
            g.write(line)
    return out


def read_articles(source: Path):
    """The articles of a JSON Lines file (gzip too) as a user reads them: text, outlet, title, date."""
    import framelens

    return framelens.Corpus.from_jsonl(source, text="content_original", outlet="source", title="title", date="date",
                                       keep_other=False)


def measure(args) -> dict:
    """One measurement in this process: read the corpus, run the task, report."""
    import framelens

    corpus = read_articles(Path(args.path))
    mb = sum(len(d.text) for d in corpus) / 1e6  # characters, in millions
    u0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    if args.task == "dtm":
        m = corpus.dtm()
        info = {"terms": len(m.terms)}
    else:
        cmp = framelens.compare(corpus, story="auto", threads=args.threads)
    wall = time.perf_counter() - t0
    u1 = resource.getrusage(resource.RUSAGE_SELF)  # before any view becomes a DataFrame (not compare's cost)
    cpu = (u1.ru_utime - u0.ru_utime) + (u1.ru_stime - u0.ru_stime)
    if args.task != "dtm":
        info = {"stories": int(cmp.stories["story"].nunique()), "quotes": int(len(cmp.quotes)),
                "unique_sentences": int(len(cmp.unique)), "outlets": len(cmp.outlets)}
    return {"task": args.task, "documents": len(corpus), "million_chars": round(mb, 1), "seconds": round(wall, 2),
            "cpu_seconds": round(cpu, 2), "peak_rss_mb": round(u1.ru_maxrss / 1024.0, 1), **info}


def run(path: Path, task: str, n: int | None, threads: int) -> dict:
    cmd = [sys.executable, __file__, "--child", task, "--path", str(path), "--threads", str(threads)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.environ.get("FRAMELENS_SHARED", str(ROOT.parent / "shared")))
    ap.add_argument("--n", default="1000", help="number of articles, or 'all'")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--child", choices=["dtm", "compare"], help=argparse.SUPPRESS)
    ap.add_argument("--path", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        args.task = args.child
        print(json.dumps(measure(args)))
        return 0
    path = Path(args.shared) / "corpora" / "article-bias" / "articles.jsonl.gz"
    if not path.is_file():
        print(f"{path} not found: the benchmark reads ../shared in place", file=sys.stderr)
        return 2
    n = None if args.n == "all" else int(args.n)
    total = 37554 if n is None else n
    quarter = max(1, total // 4)
    out: dict = {"load_average_before": [round(x, 2) for x in os.getloadavg()]}
    with tempfile.TemporaryDirectory() as folder:
        for name, size in (("full", n), ("quarter", quarter)):
            source = path if size is None else first_records(path, size, folder)
            out[name] = {"dtm": run(source, "dtm", size, args.threads), "compare": run(source, "compare", size, args.threads)}
            out[name]["compare_over_dtm"] = round(out[name]["compare"]["seconds"] / out[name]["dtm"]["seconds"], 2)
    out["full_over_quarter_compare"] = round(out["full"]["compare"]["seconds"] / out["quarter"]["compare"]["seconds"], 2)
    out["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(out, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
