#!/usr/bin/env python3
"""framelens vs scikit-learn, side by side, on the same documents of the article-bias corpus.

Three tasks, each timed end to end from a list of Python strings:
  dtm      document-term count matrix  (sklearn CountVectorizer.fit_transform | Corpus + corpus.dtm())
  tfidf    TF-IDF matrix               (sklearn TfidfVectorizer.fit_transform | corpus.dtm(weighting="tfidf"))
  cosine   outlet x outlet cosine      (count matrix, rows summed per outlet, cosine of the outlet rows)
framelens runs in ICU mode on 2 threads and on 1 thread, and in sklearn token mode on 2 threads.

Every measurement runs in its own subprocess (so peak memory is that of one measurement: C++
allocations are invisible to tracemalloc, hence resource.getrusage). "peak MB" is the growth of the
resident set during the measurement (peak RSS minus RSS before it); MB/s is input UTF-8 megabytes
(10^6 bytes) per second of wall time.

    python benchmarks/bench_dtm.py                 # the full corpus (37,554 articles)
    python benchmarks/bench_dtm.py --limit 2000    # a quick run
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path(os.environ.get("FRAMELENS_SHARED", ROOT.parent / "shared")) / "corpora/article-bias/articles.jsonl.gz"

RUNS = [
    # (tool, variant, threads)
    ("sklearn", "scikit-learn", 1),
    ("framelens", "icu", 2),
    ("framelens", "icu", 1),
    ("framelens", "sklearn-mode", 2),
]
TASKS = ("dtm", "tfidf", "cosine")


def load(path: Path, limit: int | None) -> tuple[list[str], list[str]]:
    texts, outlets = [], []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            texts.append(d["content_original"] or "")
            outlets.append(d["source"] or "")
            if limit and len(texts) >= limit:
                break
    return texts, outlets


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def group_rows(X, labels):
    import numpy as np
    import scipy.sparse as sp

    names, inv = np.unique(np.asarray(labels, dtype=object), return_inverse=True)
    G = sp.csr_matrix((np.ones(len(labels)), (inv, np.arange(len(labels)))), shape=(len(names), len(labels)))
    return G @ X, names


def measure(tool: str, variant: str, threads: int, task: str, texts: list[str], outlets: list[str]) -> dict:
    if tool == "sklearn":
        from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
        from sklearn.metrics.pairwise import cosine_similarity

        def run():
            if task == "dtm":
                X = CountVectorizer().fit_transform(texts)
                return X.shape
            if task == "tfidf":
                X = TfidfVectorizer().fit_transform(texts)
                return X.shape
            X = CountVectorizer().fit_transform(texts)
            G, _ = group_rows(X, outlets)
            return cosine_similarity(G).shape
    else:
        import framelens

        mode = "sklearn" if variant == "sklearn-mode" else "icu"

        def run():
            # A list of strings in, as scikit-learn takes it: one bulk call (the texts are converted
            # to UTF-8 with the GIL held, then validated on `threads` threads).
            corpus = framelens.Corpus.from_texts(texts, outlets=outlets, threads=threads)
            if task == "dtm":
                return corpus.dtm(mode=mode, threads=threads).shape
            if task == "tfidf":
                return corpus.dtm(mode=mode, threads=threads, weighting="tfidf").shape
            m = corpus.dtm(mode=mode, threads=threads).group("outlet")
            return framelens.similarity(m, "cosine", threads=threads).shape

    before = rss_mb()
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    shape = run()
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    peak = r1.ru_maxrss / 1e3  # KiB on Linux
    return {"wall": wall, "cpu": cpu, "peak_mb": max(0.0, peak - before), "shape": list(shape)}


def worker(args: argparse.Namespace) -> None:
    texts, outlets = load(args.data, args.limit)
    res = measure(args.tool, args.variant, args.threads, args.task, texts, outlets)
    print(json.dumps(res))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    ap.add_argument("--tasks", default=",".join(TASKS))
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--tool", help=argparse.SUPPRESS)
    ap.add_argument("--variant", help=argparse.SUPPRESS)
    ap.add_argument("--threads", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--task", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return worker(args)
    if not args.data.is_file():
        sys.exit(f"bench_dtm: {args.data} is absent (set FRAMELENS_SHARED or pass --data)")

    texts, _ = load(args.data, args.limit)
    n_docs = len(texts)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    chars = sum(len(t) for t in texts)
    del texts
    print(f"{n_docs} documents, {chars:,} characters, {mb:.1f} MB UTF-8; {os.cpu_count()} CPUs; "
          f"load average before: {os.getloadavg()[0]:.2f}\n")
    env = dict(os.environ)
    results = []
    for task in args.tasks.split(","):
        for tool, variant, threads in RUNS:
            cmd = [sys.executable, __file__, "--worker", "--data", str(args.data), "--tool", tool, "--variant", variant,
                   "--threads", str(threads), "--task", task]
            if args.limit:
                cmd += ["--limit", str(args.limit)]
            out = subprocess.run(cmd, env=env, capture_output=True, text=True)
            if out.returncode != 0:
                sys.exit(f"bench_dtm: {tool} {variant} {task} failed:\n{out.stderr}")
            r = json.loads(out.stdout.strip().splitlines()[-1])
            r.update(task=task, tool=tool, variant=variant, threads=threads, mb_s=mb / r["wall"])
            results.append(r)
            print(f"  {task:6} {tool:9} {variant:15} threads={threads}  {r['wall']:8.2f} s wall  {r['cpu']:8.2f} s CPU  "
                  f"(load {os.getloadavg()[0]:.2f})", flush=True)

    print()
    print(f"load average after: {os.getloadavg()[0]:.2f}  (the machine's other load slows every run; "
          "CPU s is this process's own user + system time)\n")
    header = "| task | tool | tokens | threads | wall s | CPU s | MB/s (wall) | peak MB | speed-up vs scikit-learn (wall) |"
    print(header)
    print("|" + "---|" * 9)
    for task in args.tasks.split(","):
        base = next(r for r in results if r["task"] == task and r["tool"] == "sklearn")
        for r in (r for r in results if r["task"] == task):
            ratio = base["wall"] / r["wall"]
            variant = r["variant"]
            if r["tool"] == "sklearn":
                variant = {"dtm": "CountVectorizer", "tfidf": "TfidfVectorizer", "cosine": "CountVectorizer + cosine_similarity"}[task]
            print(f"| {task} | {r['tool']} | {variant} | {r['threads']} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['mb_s']:.1f} | "
                  f"{r['peak_mb']:.0f} | {ratio:.2f}x |")
    if args.json:
        args.json.write_text(json.dumps({"documents": n_docs, "mb": mb, "chars": chars, "results": results}, indent=1))


if __name__ == "__main__":
    main()
