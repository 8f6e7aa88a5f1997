"""Time framelens.compare on N articles of the article-bias corpus (read in place from ../shared).

Runs, on the first N articles (default 1,000) of ``corpora/article-bias/articles.jsonl.gz``:
  * framelens.compare(story="auto"): story grouping, quote attribution, sentence alignment, keyness,
    frames, actors, similarity — the whole comparison, both cores (and again on one thread);
  * the story-grouping step alone, side by side with a scikit-learn anchor doing the same job
    (TfidfVectorizer + cosine_similarity + AgglomerativeClustering with average linkage), as a ratio;
and prints wall and CPU time, MB/s of article text, the machine's load average and peak memory (RSS high-water mark of this process).

    .venv/bin/python benchmarks/bench_compare.py [--n 1000] [--json out.json]
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

import framelens  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def load(path: Path, n: int):
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if not (r.get("content_original") or "").strip():
                continue
            rows.append(r)
            if len(rows) >= n:
                break
    return rows


def cpu_seconds() -> float:
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def timed(fn, repeat=1):
    """Best wall time over `repeat` runs, and the process CPU time of that run."""
    best, best_cpu = float("inf"), 0.0
    out = None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), cpu_seconds()
        out = fn()
        wall = time.perf_counter() - t0
        if wall < best:
            best, best_cpu = wall, cpu_seconds() - c0
    timed.cpu = best_cpu
    return best, out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.environ.get("FRAMELENS_SHARED", str(ROOT.parent / "shared")))
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args(argv)
    path = Path(args.shared) / "corpora" / "article-bias" / "articles.jsonl.gz"
    if not path.is_file():
        print(f"{path} not found: the benchmark reads ../shared in place", file=sys.stderr)
        return 2
    rows = load(path, args.n)
    corpus = framelens.Corpus()
    for r in rows:
        corpus.add(r["content_original"], outlet=r["source"], title=r.get("title") or "", date=r.get("date") or "")
    mb = sum(len(r["content_original"].encode("utf-8")) for r in rows) / 1e6
    out = {"documents": len(rows), "outlets": len(corpus.outlets), "megabytes": round(mb, 2)}

    t, cmp = timed(lambda: framelens.compare(corpus, story="auto"))
    out["compare_seconds"] = round(t, 2)
    out["compare_cpu_seconds"] = round(timed.cpu, 2)
    out["compare_mb_per_s"] = round(mb / t, 2)
    out["stories_found"] = int(cmp.stories["story"].nunique())
    out["statements"] = int(len(cmp.statements))
    out["unique_sentences"] = int(len(cmp.unique))
    t1, _ = timed(lambda: framelens.compare(corpus, story="auto", threads=1))
    out["compare_seconds_1_thread"] = round(t1, 2)
    out["compare_cpu_seconds_1_thread"] = round(timed.cpu, 2)
    out["compare_speedup_2_threads"] = round(t1 / t, 2)
    out["peak_rss_mb_after_framelens"] = round(peak_mb(), 1)

    tg, labels = timed(lambda: framelens.group_stories(corpus), repeat=3)
    out["group_stories_seconds"] = round(tg, 3)
    out["group_stories_cpu_seconds"] = round(timed.cpu, 3)

    def sklearn_anchor():
        from sklearn.cluster import AgglomerativeClustering
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.metrics.pairwise import cosine_similarity

        x = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(r["content_original"] for r in rows)
        dist = 1.0 - cosine_similarity(x)
        return AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                       distance_threshold=0.8).fit_predict(dist)

    ts, _ = timed(sklearn_anchor, repeat=1)
    out["sklearn_anchor_grouping_seconds"] = round(ts, 3)
    out["sklearn_anchor_grouping_cpu_seconds"] = round(timed.cpu, 3)
    out["load_average_1min"] = round(os.getloadavg()[0], 2)
    out["grouping_speed_ratio_framelens_vs_sklearn"] = round(ts / tg, 1)
    out["peak_rss_mb_total"] = round(peak_mb(), 1)
    print(json.dumps(out, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
