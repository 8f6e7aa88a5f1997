"""Throughput of ingestion (read + clean + paragraphs + sentences) on the article-bias corpus.

    .venv/bin/python benchmarks/bench_ingest.py [--sample 2000] [--json out.json]

Three measurements, each in its own process so peak memory is the stage's own:
  1. framelens.read() of the whole articles.jsonl.gz (37,554 articles): streaming gzip + JSON, date
     normalisation, boilerplate rules, paragraphs and ICU sentences; 1 thread and all threads.
     Peak RSS above the interpreter's baseline is compared with the bytes of article text.
  2. The anchor on a sample: Python's gzip + json + pySBD (rule-based sentence boundary detection,
     the usual pure-Python choice) vs framelens on the same sample, side by side, as a ratio.
  3. Agreement of sentence boundaries with pySBD on that sample (boundary F1).
Needs ../shared (or $FRAMELENS_SHARED); exits with a message when it is absent.
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


def corpus_path() -> Path:
    base = Path(os.environ.get("FRAMELENS_SHARED") or ROOT.parent / "shared")
    return base / "corpora" / "article-bias" / "articles.jsonl.gz"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def current_rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def stage_full(threads: int) -> dict:
    import framelens

    base = current_rss_mb()
    t = time.perf_counter()
    c = framelens.read(corpus_path(), threads=threads)
    secs = time.perf_counter() - t
    n_sent = sum(len(d._doc.sentences) for d in c)
    text_bytes = sum(len(c._core[i].text.encode("utf-8")) for i in range(len(c)))
    return {"docs": len(c), "seconds": secs, "sentences": n_sent, "clean_text_mb": text_bytes / 1e6,
            "baseline_rss_mb": base, "peak_rss_mb": rss_mb() * 1.048576}


def sample_records(n: int) -> list[dict]:
    out = []
    with gzip.open(corpus_path(), "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 17 == 0:  # spread over the file (it is ordered by outlet)
                out.append(json.loads(line))
                if len(out) == n:
                    break
    return out


def stage_sample(n: int) -> dict:
    import pysbd

    import framelens

    recs = sample_records(n)
    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / f"framelens_bench_sample_{os.getpid()}.jsonl.gz"
    with gzip.open(tmp, "wt", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r) + "\n")
    raw_mb = sum(len(r["content_original"].encode("utf-8")) for r in recs) / 1e6
    try:
        # anchor: Python gzip + json + pySBD, single thread (pySBD is pure Python)
        seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
        t = time.perf_counter()
        anchor = []
        with gzip.open(tmp, "rt", encoding="utf-8") as f:
            for line in f:
                text = json.loads(line)["content_original"]
                spans = []
                for para_start, para in _paragraphs(text):
                    spans.extend((para_start + s.start, para_start + s.end) for s in seg.segment(para))
                anchor.append(spans)
        t_anchor = time.perf_counter() - t
        # framelens, same file, same work (no cleaning: the anchor has none), 1 thread and all
        t = time.perf_counter()
        c1 = framelens.read(tmp, clean=False, threads=1)
        t_fl1 = time.perf_counter() - t
        t = time.perf_counter()
        framelens.read(tmp, clean=False, threads=0)
        t_fl = time.perf_counter() - t
        t = time.perf_counter()
        framelens.read(tmp, clean=True, threads=0)
        t_fl_clean = time.perf_counter() - t
    finally:
        tmp.unlink()
    # boundary agreement: sentence end offsets (after stripping trailing spaces)
    tp = fp = fn = 0
    for d, spans in zip(c1, anchor):
        text = d.text
        ours = {e for _, e in d.sentences}
        theirs = set()
        for a, b in spans:
            while b > a and text[b - 1].isspace():
                b -= 1
            theirs.add(b)
        tp += len(ours & theirs)
        fp += len(ours - theirs)
        fn += len(theirs - ours)
    p, r = tp / (tp + fp), tp / (tp + fn)
    return {"docs": len(recs), "raw_text_mb": raw_mb, "anchor_seconds": t_anchor, "framelens_1thread_seconds": t_fl1,
            "framelens_seconds": t_fl, "framelens_clean_seconds": t_fl_clean,
            "boundary_precision_vs_pysbd": p, "boundary_recall_vs_pysbd": r, "boundary_f1_vs_pysbd": 2 * p * r / (p + r)}


def _paragraphs(text: str):
    """Paragraphs as framelens cuts them (blank lines; else lines), so both sides split the same units."""
    import re

    sep = r"\n[ \t\r]*\n" if re.search(r"\n[ \t\r]*\n", text) else r"\n"
    pos = 0
    for m in list(re.finditer(sep, text)) + [None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        lead = len(chunk) - len(chunk.lstrip())
        if chunk.strip():
            yield pos + lead, chunk.strip()
        if m:
            pos = m.end()


def run_stage(args: list[str]) -> dict:
    env = dict(os.environ)
    out = subprocess.run([sys.executable, __file__, "--stage", *args], capture_output=True, text=True, env=env)
    if out.returncode:
        sys.exit(out.stderr)
    return json.loads(out.stdout.splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sample", type=int, default=2000, help="articles in the side-by-side sample (default 2000)")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--stage", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.stage:
        kind = args.stage[0]
        res = stage_full(int(args.stage[1])) if kind == "full" else stage_sample(int(args.stage[1]))
        print(json.dumps(res))
        return
    if not corpus_path().is_file():
        sys.exit(f"bench_ingest: {corpus_path()} is absent (set FRAMELENS_SHARED); nothing to measure")
    raw_mb = corpus_path().stat().st_size / 1e6
    print(f"corpus: {corpus_path()} ({raw_mb:.0f} MB gzip), machine: {os.cpu_count()} cores")
    full1 = run_stage(["full", "1"])
    full = run_stage(["full", "0"])
    for name, r in (("1 thread", full1), ("all threads", full)):
        print(f"framelens.read, {name}: {r['docs']} articles in {r['seconds']:.2f} s = {r['docs'] / r['seconds']:,.0f} "
              f"articles/s, {r['sentences']:,} sentences; peak RSS {r['peak_rss_mb']:.0f} MB "
              f"(baseline {r['baseline_rss_mb']:.0f} MB) for {r['clean_text_mb']:.0f} MB of clean text: "
              f"{(r['peak_rss_mb'] - r['baseline_rss_mb']) / r['clean_text_mb']:.2f} x the text")
    s = run_stage(["sample", str(args.sample)])
    print(f"sample of {s['docs']} articles ({s['raw_text_mb']:.1f} MB text), read + paragraphs + sentences:")
    print(f"  anchor  gzip+json+pySBD (1 thread): {s['anchor_seconds']:.2f} s")
    print(f"  framelens (1 thread)              : {s['framelens_1thread_seconds']:.2f} s  "
          f"-> {s['anchor_seconds'] / s['framelens_1thread_seconds']:.0f}x faster")
    print(f"  framelens (all threads)           : {s['framelens_seconds']:.2f} s  "
          f"-> {s['anchor_seconds'] / s['framelens_seconds']:.0f}x faster")
    print(f"  framelens + cleaning (all threads): {s['framelens_clean_seconds']:.2f} s")
    print(f"  sentence-end agreement with pySBD: P {s['boundary_precision_vs_pysbd']:.3f} "
          f"R {s['boundary_recall_vs_pysbd']:.3f} F1 {s['boundary_f1_vs_pysbd']:.3f}")
    if args.json:
        Path(args.json).write_text(json.dumps({"full_1thread": full1, "full": full, "sample": s}, indent=2))


if __name__ == "__main__":
    main()
