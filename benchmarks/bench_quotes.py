"""Quote extraction throughput on the article-bias corpus, side by side with the tokenizer.

usage: python benchmarks/bench_quotes.py [--limit N] [--threads 2] [--repeat N] [--model MODEL.txt]
Both runs use the same in-memory corpus and the same thread count: the anchor is framelens' own
tokenizer+counting pass (build_dtm, multi-threaded), the subject is quote extraction of every document
(QuoteExtractor.count_corpus: full extraction and speaker resolution, no Python objects). Prints MB/s
for both and the ratio. With --model, a third pass times extraction with a user-trained model (content
boundaries and/or speaker choice: `framelens quotes --train`). Prints the load average before and after and the peak RSS.
Reads $FRAMELENS_SHARED or ../shared in place.
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="first N articles (default: all)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--model", help="also time extraction with this user-trained quote model (English)")
    args = ap.parse_args()
    print("load average before:", Path("/proc/loadavg").read_text().split()[:3])
    from framelens import _core

    shared = Path(os.environ.get("FRAMELENS_SHARED", ROOT.parent / "shared"))
    path = shared / "corpora" / "article-bias" / "articles.jsonl.gz"
    if not path.is_file():
        sys.exit(f"{path} is absent (set FRAMELENS_SHARED)")
    corpus = _core.Corpus()
    nbytes = 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if args.limit and i >= args.limit:
                break
            d = json.loads(line)
            text = d.get("content_original") or ""
            if not text.strip():
                continue
            nbytes += len(text.encode("utf-8"))
            corpus.add(text, d.get("source", ""), d.get("title", ""), str(d.get("ID", i)), {})
    mb = nbytes / 1e6
    print(f"corpus: {len(corpus)} articles, {mb:.1f} MB UTF-8, threads={args.threads}")

    opts = _core.TokenOptions()
    best_tok = best_q = best_m = float("inf")
    with_model = None
    if args.model:
        with_model = _core.QuoteExtractor("en")
        with_model.load_model(Path(args.model).read_text(encoding="utf-8"))
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        _core.build_dtm(corpus, opts, threads=args.threads)
        best_tok = min(best_tok, time.perf_counter() - t0)
        ex = _core.QuoteExtractor("en")
        t0 = time.perf_counter()
        nq, ns = ex.count_corpus(corpus, args.threads)
        best_q = min(best_q, time.perf_counter() - t0)
        if with_model is not None:
            t0 = time.perf_counter()
            mq, ms = with_model.count_corpus(corpus, args.threads)
            best_m = min(best_m, time.perf_counter() - t0)
    print(f"tokenizer (build_dtm)  {best_tok:7.2f} s  {mb / best_tok:7.2f} MB/s")
    print(f"quotes (count_corpus)  {best_q:7.2f} s  {mb / best_q:7.2f} MB/s  ({nq} statements, {ns} speakers)")
    if with_model is not None:
        print(f"quotes + model         {best_m:7.2f} s  {mb / best_m:7.2f} MB/s  ({mq} statements, {ms} speakers)")
    print(f"ratio quotes/tokenizer time: {best_q / best_tok:.2f} (must stay <= 3)")
    print("load average after:", Path("/proc/loadavg").read_text().split()[:3],
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
