"""Story grouping at corpus scale: framelens.group_stories on the first N articles of article-bias.

For every N (default 1000, 4000, 16000 and all), in a fresh process each: the corpus's dtm() time
(the anchor: tokenizing and counting the same text) and group_stories() time (wall, CPU), the
ratio of the two, the number of stories, the largest story, the peak RSS of the process (high-water
mark, corpus included) and, on Linux, the peak RSS during group_stories() alone (the high-water mark
reset through /proc/self/clear_refs just before the call). The load average is printed beside the
figures. Reads ../shared in place.

    .venv/bin/python benchmarks/bench_stories.py [--n 1000 4000 16000 all] [--json out.json]
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
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cpu() -> float:
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def rss_mb(key: str) -> float | None:
    """VmRSS / VmHWM of this process in MB (Linux), else None."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def reset_peak() -> bool:
    """Resets VmHWM to the current RSS (Linux >= 4.0); False where that is not possible."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def one(path: Path, n: int | None, threads: int) -> dict:
    import framelens

    texts, outlets, dates = [], [], []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if not (r.get("content_original") or "").strip():
                continue
            texts.append(r["content_original"])
            outlets.append(r["source"])
            dates.append(r.get("date") or "")
            if n is not None and len(texts) >= n:
                break
    corpus = framelens.Corpus()
    for t, o, d in zip(texts, outlets, dates):
        corpus.add(t, outlet=o, date=d)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    del texts
    rss_corpus = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0, c0 = time.perf_counter(), cpu()
    dtm = corpus.dtm(threads=threads)
    t_dtm, c_dtm = time.perf_counter() - t0, cpu() - c0
    del dtm
    rss_before = rss_mb("VmRSS")
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the reset lowers ru_maxrss too
    peak_reset = reset_peak()
    t0, c0 = time.perf_counter(), cpu()
    labels = framelens.group_stories(corpus, threads=threads)
    t_st, c_st = time.perf_counter() - t0, cpu() - c0
    peak_call = rss_mb("VmHWM") if peak_reset else None
    sizes = Counter(labels)
    return {
        "documents": len(labels), "megabytes": round(mb, 1),
        "dtm_seconds": round(t_dtm, 2), "dtm_cpu_seconds": round(c_dtm, 2),
        "group_stories_seconds": round(t_st, 2), "group_stories_cpu_seconds": round(c_st, 2),
        "stories_over_dtm": round(t_st / t_dtm, 2),
        "stories": len(sizes), "largest_story": max(sizes.values()),
        "stories_of_2_or_more": sum(1 for v in sizes.values() if v > 1),
        "peak_rss_mb_after_corpus": round(rss_corpus, 1),
        "rss_mb_before_group_stories": rss_before, "peak_rss_mb_during_group_stories": peak_call,
        "peak_rss_mb": round(max(peak_before, peak_call or 0,
                                  resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024), 1),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.environ.get("FRAMELENS_SHARED", str(ROOT.parent / "shared")))
    ap.add_argument("--n", nargs="+", default=["1000", "4000", "16000", "all"])
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    path = Path(args.shared) / "corpora" / "article-bias" / "articles.jsonl.gz"
    if not path.is_file():
        print(f"{path} not found: the benchmark reads ../shared in place", file=sys.stderr)
        return 2
    if args.one is not None:
        print(json.dumps(one(path, None if args.one == "all" else int(args.one), args.threads)))
        return 0
    results = []
    for n in args.n:
        load = os.getloadavg()
        out = subprocess.run([sys.executable, __file__, "--shared", args.shared, "--threads", str(args.threads),
                              "--one", n], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout)
        r["load_average_before"] = [round(x, 2) for x in load]
        results.append(r)
        print(json.dumps(r), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
